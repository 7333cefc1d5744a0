// The clinic handouts page (clinic_page.py): fill the published PDFs' care team box
// fields and the plan's emergency number and fever temperature (form_fields.py) in this
// browser and download them; nothing typed leaves it.
//
// The checks are clinic_profile.py's, from the rules the page carries (#clinic-data): the
// same limits, patterns and message templates, so a nurse reads what `make clinic`
// would say. The PDFs chosen are fetched as soon as they are chosen, and kept: once they
// are ready, the handouts are made with the network off.
"use strict";

(function () {
  var data = JSON.parse(document.getElementById("clinic-data").textContent);
  var rules = data.rules;
  var form = document.getElementById("clinic-form");
  var status = document.getElementById("status");
  // url -> Promise of the PDF's bytes, fetched once.
  var fetched = new Map();

  // -- The checks of clinic_profile.py -------------------------------------------------

  // Python's repr() of a string, as {value!r} prints it in the messages. The value has
  // passed the check of invisible characters, so only quotes and backslashes need escaping.
  function pythonRepr(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var body = text.replace(/\\/g, "\\\\");
    if (quote === "'") body = body.replace(/'/g, "\\'");
    return quote + body + quote;
  }

  // str.format() for the templates clinic_profile.py and profile_text.py export: a field
  // {name}, {name!r} or {name:04X}; any other form is a mistake, and says so.
  function format(template, values) {
    return template.replace(/\{(\w+)(!r)?(?::(\w+))?\}/g, function (_, name, repr, spec) {
      var value = values[name];
      if (value === undefined) throw new Error("no value for {" + name + "}");
      if (repr) return pythonRepr(value);
      if (spec === "04X") return value.toString(16).toUpperCase().padStart(4, "0");
      if (spec) throw new Error("unknown format {" + name + ":" + spec + "}");
      return String(value);
    });
  }

  var refused = new RegExp(
    "^(?:" +
      rules.invisible.categories.map(function (category) { return "\\p{" + category + "}"; })
        .join("|") +
      "|\\p{Default_Ignorable_Code_Point})$",
    "u"
  );
  var letterOrMark = /^[\p{L}\p{M}]$/u;
  function pattern(exported) { return new RegExp(exported.source, exported.flags); }
  var phonePattern = pattern(rules.patterns.phone);

  // profile_text.invisible_character_problem: positions count characters, not UTF-16 units.
  function invisibleProblem(text) {
    var characters = Array.from(text);
    for (var index = 0; index < characters.length; index++) {
      var character = characters[index];
      var invisible;
      if (rules.invisible.joiners.indexOf(character) >= 0) {
        invisible = !(
          index > 0 &&
          index < characters.length - 1 &&
          letterOrMark.test(characters[index - 1]) &&
          letterOrMark.test(characters[index + 1])
        );
      } else {
        invisible = refused.test(character);
      }
      if (invisible) {
        var code = character.codePointAt(0);
        return format(rules.messages.invisible, {
          position: index + 1,
          code: code,
          name: rules.invisible.names[code] || rules.messages.no_name,
        });
      }
    }
    return null;
  }

  // clinic_profile._fever_temperature: the problem, or null.
  function feverProblem(value) {
    if (!pattern(rules.patterns.temperature).test(value)) {
      var template = pattern(rules.patterns.number_only).test(value) ? "fever_no_unit" :
        pattern(rules.patterns.other_unit).test(value) ? "fever_unit" : "fever_form";
      return format(rules.messages[template], { value: value });
    }
    var celsius = feverCelsius(value);
    if (celsius < rules.fever_range_c[0] || celsius > rules.fever_range_c[1]) {
      return format(rules.messages.fever_range, { value: value });
    }
    return null;
  }

  // clinic_profile.fever_value: [number, "C" or "F"].
  function feverValue(text) {
    var match = pattern(rules.patterns.temperature).exec(text);
    return [Number(match[1].replace(",", ".")), match[2]];
  }

  // clinic_profile.fever_celsius, rounded as Python's round(x, 1): no value it is given
  // (one decimal) lies halfway between two tenths.
  function feverCelsius(text) {
    var fever = feverValue(text);
    return fever[1] === "F" ? Math.round((fever[0] - 32) * 5 / 9 * 10) / 10 : fever[0];
  }

  // clinic_profile._text, the check of a required field, then the field's own check:
  // the problem, or null.
  function fieldProblem(name, raw) {
    var field = rules.fields[name];
    var problem = invisibleProblem(raw);
    if (problem) return problem;
    var value = raw.trim();
    if (Array.from(value).length > field.max) {
      return format(rules.messages.text_too_long, { limit: field.max });
    }
    if (!value) return field.required ? rules.messages.missing : null;
    if (field.kind === "fever") return feverProblem(value);
    if (field.kind === "emergency") {
      return pattern(rules.patterns.emergency).test(value) ? null :
        format(rules.messages.not_emergency, { value: value });
    }
    if (field.kind !== "phone") return null;
    if (Array.from(value).length > rules.max_phone) {
      return format(rules.messages.phone_too_long, { value: value, limit: rules.max_phone });
    }
    var digits = value.replace(/[^0-9]/g, "").length;
    if (!phonePattern.test(value) || digits < rules.min_phone_digits) {
      return format(rules.messages.not_a_phone, { value: value });
    }
    return null;
  }

  function showProblem(id, problem) {
    var element = document.getElementById(id);
    var error = document.getElementById(id + "-error");
    error.textContent = problem || "";
    if (element.tagName === "INPUT") {
      if (problem) element.setAttribute("aria-invalid", "true");
      else element.removeAttribute("aria-invalid");
    }
  }

  // -- What is chosen, fetched as soon as it is chosen -----------------------------------

  function checked(name) {
    return Array.from(form.querySelectorAll("input[name=" + name + "]:checked")).map(
      function (input) { return input.value; }
    );
  }

  function chosenHandouts() {
    var languages = checked("language");
    var kinds = checked("handout");
    var papers = checked("paper");
    return data.handouts.filter(function (entry) {
      return (
        languages.indexOf(entry.language) >= 0 &&
        kinds.indexOf(entry.handout) >= 0 &&
        papers.indexOf(entry.paper) >= 0
      );
    });
  }

  function fetchPdf(entry) {
    if (!fetched.has(entry.url)) {
      var bytes = fetch(entry.url).then(function (response) {
        if (!response.ok) throw new Error(entry.file + ": " + response.status);
        return response.arrayBuffer();
      });
      // A failed fetch is tried again when asked again (back online).
      bytes.catch(function () { fetched.delete(entry.url); });
      fetched.set(entry.url, bytes);
    }
    return fetched.get(entry.url);
  }

  function prepare() {
    var chosen = chosenHandouts();
    if (!chosen.length) {
      status.textContent = "";
      return;
    }
    status.textContent = "Getting " + chosen.length + " handouts ready…";
    Promise.all(chosen.map(fetchPdf)).then(
      function () {
        if (chosenHandouts().length === chosen.length) {
          status.textContent =
            chosen.length + " handouts are ready: they can be made without the internet now.";
        }
      },
      function () {
        status.textContent =
          "Some handouts could not be fetched: connect to the internet and choose them again.";
      }
    );
  }

  // -- The logo (clinic_profile._logo's checks) ------------------------------------------

  // The pixel size a PNG or JPEG says it has, read from its header before it is decoded:
  // a small file may decode to a huge image. null when the header cannot be read.
  function pixelSize(bytes, type) {
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (type === "image/png") {
      return bytes.length >= 24 ? [view.getUint32(16), view.getUint32(20)] : null;
    }
    // JPEG: the first start-of-frame segment (SOF0 to SOF15 but DHT, JPG and DAC).
    var offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      if (bytes[offset + 1] === 0xff) {  // a fill byte before a marker
        offset += 1;
        continue;
      }
      var marker = bytes[offset + 1];
      if (marker >= 0xc0 && marker <= 0xcf && [0xc4, 0xc8, 0xcc].indexOf(marker) < 0) {
        return [view.getUint16(offset + 7), view.getUint16(offset + 5)];
      }
      offset += 2 + view.getUint16(offset + 2);
    }
    return null;
  }

  // The logo chosen, checked: {bytes, type} or {problem}; null when none is chosen.
  async function chosenLogo() {
    var input = document.getElementById("logo");
    var file = input.files && input.files[0];
    if (!file) return null;
    var logo = rules.logo;
    var name = file.name;
    var dot = name.lastIndexOf(".");
    var type = logo.types[dot >= 0 ? name.slice(dot).toLowerCase() : ""];
    if (!type) return { problem: format(logo.messages.type, { value: name }) };
    if (type === "image/svg+xml") return { problem: format(logo.messages.svg, { value: name }) };
    if (file.size > logo.max_bytes) {
      return { problem: format(logo.messages.too_large, { value: name }) };
    }
    var bytes = new Uint8Array(await file.arrayBuffer());
    var signature = logo.signatures[type];
    if (!signature.every(function (byte, index) { return bytes[index] === byte; })) {
      return { problem: format(logo.messages.not_type, { value: name, media_type: type }) };
    }
    var size = pixelSize(bytes, type);
    if (!size) return { problem: format(logo.messages.unreadable, { value: name }) };
    if (size[0] * size[1] > logo.max_pixels || Math.max(size[0], size[1]) > logo.max_side) {
      return {
        problem: format(logo.messages.pixels, { value: name, width: size[0], height: size[1] }),
      };
    }
    try {
      (await createImageBitmap(new Blob([bytes], { type: type }))).close();
    } catch (error) {
      return { problem: format(logo.messages.unreadable, { value: name }) };
    }
    return { bytes: bytes, type: type };
  }

  // The room a one-language handout keeps for a logo at the end of its care team box's
  // heading: a named destination at its top left corner (handout.html; its size is
  // rules.logo.slot_mm, print.css's). null in a PDF without one (a bilingual sheet).
  // Its page and its top are used (see drawLogo).
  function logoSlot(pdf) {
    var PDFLib = window.PDFLib;
    // lookupMaybe: pdf-lib's lookup with a type refuses an entry that is not there.
    var names = pdf.catalog.lookupMaybe(PDFLib.PDFName.of("Names"), PDFLib.PDFDict);
    var tree = names && names.lookupMaybe(PDFLib.PDFName.of("Dests"), PDFLib.PDFDict);
    var pending = tree ? [tree] : [];
    while (pending.length) {
      var node = pending.pop();
      var kids = node.lookupMaybe(PDFLib.PDFName.of("Kids"), PDFLib.PDFArray);
      if (kids) {
        for (var k = 0; k < kids.size(); k++) pending.push(kids.lookup(k, PDFLib.PDFDict));
      }
      var pairs = node.lookupMaybe(PDFLib.PDFName.of("Names"), PDFLib.PDFArray);
      for (var index = 0; pairs && index < pairs.size(); index += 2) {
        if (pairs.lookup(index).decodeText() !== rules.logo.slot) continue;
        var destination = pairs.lookup(index + 1);
        if (destination instanceof PDFLib.PDFDict) {
          destination = destination.lookup(PDFLib.PDFName.of("D"), PDFLib.PDFArray);
        }
        var pages = pdf.getPages();
        var reference = destination.get(0);
        for (var number = 0; number < pages.length; number++) {
          if (pages[number].ref === reference) {
            return {
              page: pages[number],
              left: destination.lookup(2, PDFLib.PDFNumber).asNumber(),
              top: destination.lookup(3, PDFLib.PDFNumber).asNumber(),
            };
          }
        }
      }
    }
    return null;
  }

  // The logo in its room, as large as fits, at the heading's end (the right in a left-to-
  // right handout). An artifact of the tagged PDF: the clinic's name is in the care team
  // box, typed, for screen readers.
  async function drawLogo(pdf, entry, logo) {
    var slot = logoSlot(pdf);
    if (!slot) return;
    var PDFLib = window.PDFLib;
    var image = logo.type === "image/png" ? await pdf.embedPng(logo.bytes) :
      await pdf.embedJpg(logo.bytes);
    var points = 72 / 25.4;
    var width = rules.logo.slot_mm[0] * points;
    var height = rules.logo.slot_mm[1] * points;
    if (!slot.page) return;
    var scale = Math.min(width / image.width, height / image.height);
    var drawn = { width: image.width * scale, height: image.height * scale };
    // Across, the room ends where the care team box's name line ends: WeasyPrint 70
    // places the destination of a right-to-left page's float off the page (the Arabic
    // card's at -139 pt), not where it draws the float; its height is right.
    var line = pdf.getForm().getTextField("name").acroField.getWidgets()[0].getRectangle();
    var rightToLeft = rules.right_to_left.indexOf(entry.language) >= 0;
    slot.page.pushOperators(PDFLib.beginMarkedContent("Artifact"));
    slot.page.drawImage(image, {
      x: rightToLeft ? line.x : line.x + line.width - drawn.width,
      y: slot.top - height + (height - drawn.height) / 2,
      width: drawn.width,
      height: drawn.height,
    });
    slot.page.pushOperators(PDFLib.endMarkedContent());
  }

  // -- Filling -----------------------------------------------------------------------------

  // The face of the care team box's fields, from the PDF itself (font_subsets.py's
  // form_field_face): readers draw the fields with it, so the typed text is drawn with it
  // too, and a letter it lacks is refused rather than printed as a box.
  function fieldFace(pdf, field) {
    var PDFLib = window.PDFLib;
    var widget = field.acroField.getWidgets()[0];
    var appearance = widget.getDefaultAppearance() || field.acroField.getDefaultAppearance();
    var fontName = /\/([^\s/]+)\s+[\d.]+\s+Tf/.exec(appearance)[1];
    var resources = pdf.getForm().acroForm.dict.lookup(PDFLib.PDFName.of("DR"), PDFLib.PDFDict);
    var fonts = resources.lookup(PDFLib.PDFName.of("Font"), PDFLib.PDFDict);
    var font = fonts.lookup(PDFLib.PDFName.of(fontName), PDFLib.PDFDict);
    var descendant = font.lookup(PDFLib.PDFName.of("DescendantFonts"), PDFLib.PDFArray)
      .lookup(0, PDFLib.PDFDict);
    var descriptor = descendant.lookup(PDFLib.PDFName.of("FontDescriptor"), PDFLib.PDFDict);
    var file = descriptor.lookup(PDFLib.PDFName.of("FontFile2"));
    return PDFLib.decodePDFRawStream(file).decode();
  }

  function missingLetter(font, text) {
    var has = new Set(font.getCharacterSet());
    return Array.from(text).filter(function (character) {
      return !has.has(character.codePointAt(0));
    })[0];
  }

  // when_to_call.temperature_text: "38,5 °C" and "(101,3 °F)", with the decimal sign of
  // `language`. Celsius first whatever unit was typed: the public handouts print 38.0 °C
  // first, and their fields are the printed numbers' size. toFixed rounds as Python's
  // format does here: a temperature of one decimal never converts to a tie.
  function temperatureTexts(text, language) {
    var fever = feverValue(text);
    var celsius = fever[1] === "F" ? (fever[0] - 32) * 5 / 9 : fever[0];
    var fahrenheit = fever[1] === "F" ? fever[0] : fever[0] * 9 / 5 + 32;
    var sign = rules.decimal_signs[language];
    function decimal(number) { return number.toFixed(1).replace(".", sign); }
    return [decimal(celsius) + " °C", "(" + decimal(fahrenheit) + " °F)"];
  }

  // What each of the PDF's fields holds: the care team box's and the emergency number
  // as typed; the fever temperature's fields, if one was typed, in both units, written
  // as the side of the sheet they are on writes numbers (a bilingual sheet's English
  // side: fields ending in rules.english_side).
  function fieldValues(entry, values, names) {
    var result = {};
    Object.keys(values).forEach(function (name) {
      if (name !== "fever_temperature" && values[name] && names.has(name)) {
        result[name] = values[name];
      }
    });
    if (values.fever_temperature) {
      [["", entry.language], [rules.english_side, "en"]].forEach(function (side) {
        var texts = temperatureTexts(values.fever_temperature, side[1]);
        rules.fever_fields.forEach(function (name, index) {
          if (names.has(name + side[0])) result[name + side[0]] = texts[index];
        });
      });
    }
    return result;
  }

  // A field of the plan is the size of the number printed under it (form_fields.py),
  // and draws its number as the sentence prints it: at the sentence's size (its /DA),
  // on its baseline, centred, on white that covers the printed default. pdf-lib's own
  // appearance centres the letters' height without their descenders: the number sat
  // low, its comma cut off ("38,5" read "38.5"). A longer number (1669 where 911 is
  // printed) is drawn smaller, to fit inside the 1pt edges, rather than cut.
  function planAppearance(field, widget, font) {
    var PDFLib = window.PDFLib;
    var box = widget.getRectangle();
    var width = Math.abs(box.width);
    var height = Math.abs(box.height);
    var text = field.getText() || "";
    var size = Number(/([\d.]+)\s+Tf/.exec(field.acroField.getDefaultAppearance())[1]);
    var room = width - 2;
    if (font.widthOfTextAtSize(text, size) > room) {
      size = Math.floor(size * room / font.widthOfTextAtSize(text, size) * 10) / 10;
    }
    // Half the leading above, half below, as CSS lays out the printed line.
    var whole = font.heightAtSize(size);
    var descent = whole - font.heightAtSize(size, { descender: false });
    var baseline = (height - whole) / 2 + descent;
    return [
      PDFLib.pushGraphicsState(),
      PDFLib.setFillingGrayscaleColor(1),
      PDFLib.rectangle(0, 0, width, height),
      PDFLib.fill(),
      PDFLib.popGraphicsState(),
      PDFLib.beginMarkedContent("Tx"),
      PDFLib.pushGraphicsState(),
      PDFLib.beginText(),
      PDFLib.setFillingGrayscaleColor(0),
      PDFLib.setFontAndSize(font.name, size),
      PDFLib.moveText((width - font.widthOfTextAtSize(text, size)) / 2, baseline),
      PDFLib.showText(font.encodeText(text)),
      PDFLib.endText(),
      PDFLib.popGraphicsState(),
      PDFLib.endMarkedContent(),
    ];
  }

  // -- The printed defaults a clinic's number replaces --------------------------------

  // A public handout prints 911 and 38.0 °C (100.4 °F) in its text, under the fields
  // (form_fields.py). Where the clinic gave its own number, that text goes: otherwise
  // copying, searching, a phone's tap-to-call, a screen reader and a viewer that draws
  // no fields would still give a family 911. Each of the plan's fields whose value
  // changed clears the text WeasyPrint drew where it lies: the "[...] TJ" operators of
  // each text object that starts inside it, and the words of its /ActualText (Tm, Tf
  // and the marked content stay, so the page's tags and fonts are as before). WeasyPrint 70 writes one content stream per
  // page, starting with its y flip and its px-to-pt scale; a page written otherwise is
  // left as it is (the field still covers the number), and the test says so.
  var PAGE_START = /^1 0 0 -1 0 ([\d.]+) cm\s+q\s+([\d.]+) 0 0 ([\d.]+) 0 0 cm\s/;
  // A text object, with the /ActualText span actual_text.py may open before its Tm (a
  // left-to-right run in an Arabic line): its spoken text goes with its glyphs.
  var TEXT_OBJECT =
    /BT\s+(?:\/Span\s+<<\/ActualText <[0-9A-Fa-f]*>>>\s+BDC\s+)?1 0 0 -1 ([\d.]+) ([\d.]+) Tm([\s\S]*?)ET/g;

  function clearPrintedDefaults(pdf, changed) {
    var PDFLib = window.PDFLib;
    var boxes = new Map();
    changed.forEach(function (field) {
      field.acroField.getWidgets().forEach(function (widget) {
        var page = pdf.getPages().find(function (each) { return each.ref === widget.P(); });
        if (!page) return;
        if (!boxes.has(page)) boxes.set(page, []);
        boxes.get(page).push(widget.getRectangle());
      });
    });
    boxes.forEach(function (rectangles, page) {
      var contents = page.node.lookup(PDFLib.PDFName.of("Contents"));
      if (!(contents instanceof PDFLib.PDFRawStream)) return;
      var bytes = PDFLib.decodePDFRawStream(contents).decode();
      var text = Array.from(bytes, function (byte) { return String.fromCharCode(byte); }).join("");
      var start = PAGE_START.exec(text);
      if (!start) return;
      var height = Number(start[1]);
      var scaleX = Number(start[2]);
      var scaleY = Number(start[3]);
      var cleared = text.replace(TEXT_OBJECT, function (whole, x, y, body) {
        var pointX = Number(x) * scaleX;
        var pointY = height - Number(y) * scaleY;
        var under = rectangles.some(function (box) {
          return pointX >= box.x - 0.5 && pointX <= box.x + box.width &&
            pointY >= box.y && pointY <= box.y + box.height;
        });
        if (!under) return whole;
        return whole.replace(/\[[^\]]*\]\s*TJ/g, "")
          .replace(/\/ActualText <[0-9A-Fa-f]*>/g, "/ActualText <FEFF>");
      });
      if (cleared === text) return;
      var out = new Uint8Array(cleared.length);
      for (var index = 0; index < cleared.length; index++) out[index] = cleared.charCodeAt(index);
      page.node.set(PDFLib.PDFName.of("Contents"), pdf.context.register(pdf.context.flateStream(out)));
    });
  }

  // A screen reader names each of the plan's fields by its sentence (form_fields.py):
  // the sentence now says the clinic's number.
  function renameFields(form, defaults, values) {
    var PDFLib = window.PDFLib;
    rules.plan_fields.forEach(function (name) {
      var field;
      try { field = form.getTextField(name); } catch (missing) { return; }
      var label = field.acroField.dict.lookup(PDFLib.PDFName.of("TU"));
      if (!label) return;
      var said = label.decodeText();
      Object.keys(values).forEach(function (changed) {
        if (defaults[changed] && defaults[changed] !== values[changed]) {
          said = said.split(defaults[changed]).join(values[changed]);
        }
      });
      field.acroField.dict.set(PDFLib.PDFName.of("TU"), PDFLib.PDFHexString.fromText(said));
    });
  }

  // The PDF with the values typed, its fields' appearances drawn, and the logo if one is
  // given; or {field, problem}.
  async function filled(entry, typed, logo) {
    var PDFLib = window.PDFLib;
    var pdf = await PDFLib.PDFDocument.load(await fetchPdf(entry));
    pdf.registerFontkit(window.fontkit);
    var form = pdf.getForm();
    var names = new Set(form.getFields().map(function (field) { return field.getName(); }));
    var values = fieldValues(entry, typed, names);
    var face = fieldFace(pdf, form.getTextField("name"));
    var font = await pdf.embedFont(face, { subset: true });
    // What the public handout holds in the plan's fields: the printed defaults.
    var defaults = {};
    rules.plan_fields.forEach(function (name) {
      if (names.has(name)) defaults[name] = form.getTextField(name).getText() || "";
    });
    for (var name of Object.keys(values)) {
      var letter = missingLetter(font, values[name]);
      if (letter) {
        return {
          field: name in typed ? name : "fever_temperature",
          problem:
            '"' + letter + '" (U+' + letter.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") +
            ") cannot be printed in the " + entry.language_name + " handouts; type it with " +
            "other letters, or leave this empty and write it by hand on the printed handout",
        };
      }
      form.getTextField(name).setText(values[name]);
    }
    form.updateFieldAppearances(font);
    rules.plan_fields.forEach(function (name) {
      if (names.has(name)) form.getTextField(name).updateAppearances(font, planAppearance);
    });
    var changed = Object.keys(defaults).filter(function (name) {
      return name in values && values[name] !== defaults[name];
    });
    clearPrintedDefaults(pdf, changed.map(function (name) { return form.getTextField(name); }));
    renameFields(form, defaults, values);
    // The clinic's handouts are finished: a reader cannot change them by a stray tap, nor
    // redraw a field with the few letters the face embedded here holds. To change them,
    // the page makes them again.
    form.getFields().forEach(function (field) { field.enableReadOnly(); });
    if (logo) await drawLogo(pdf, entry, logo);
    // The appearances drawn here are what readers show; the DR lists their face, so a
    // reader that redraws a field (when it is edited) finds it.
    form.acroForm.dict.set(PDFLib.PDFName.of("NeedAppearances"), PDFLib.PDFBool.False);
    var resources = form.acroForm.dict.lookup(PDFLib.PDFName.of("DR"), PDFLib.PDFDict);
    resources.lookup(PDFLib.PDFName.of("Font"), PDFLib.PDFDict).set(PDFLib.PDFName.of(font.name), font.ref);
    return { bytes: await pdf.save({ updateFieldAppearances: false }) };
  }

  function filledName(file) {
    return file.replace(/\.pdf$/, "-clinic.pdf");
  }

  function download(name, bytes, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([bytes], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  async function make(values, chosen) {
    var logo = await chosenLogo();
    if (logo && logo.problem) {
      showProblem("logo", logo.problem);
      document.getElementById("logo").focus();
      status.textContent = "";
      return;
    }
    showProblem("logo", null);
    var files = {};
    for (var entry of chosen) {
      var result = await filled(entry, values, logo);
      if (result.problem) {
        showProblem(result.field, result.problem);
        document.getElementById(result.field).focus();
        status.textContent = "";
        return;
      }
      files[filledName(entry.file)] = result.bytes;
    }
    var names = Object.keys(files);
    if (names.length === 1) {
      download(names[0], files[names[0]], "application/pdf");
    } else {
      // Stored, not compressed again: PDFs are compressed already.
      download("clinic-handouts.zip", window.fflate.zipSync(files, { level: 0 }), "application/zip");
    }
    status.textContent = names.length === 1 ? "Your handout is downloaded." :
      "Your " + names.length + " handouts are downloaded, in one zip file.";
  }

  form.addEventListener("change", function (event) {
    if (["language", "handout", "paper"].indexOf(event.target.name) >= 0) prepare();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {};
    var first = null;
    rules.order.forEach(function (name) {
      var raw = document.getElementById(name).value;
      var problem = fieldProblem(name, raw);
      showProblem(name, problem);
      if (problem && !first) first = document.getElementById(name);
      values[name] = raw.trim();
    });
    var none = {
      language: "Choose at least one language.",
      handout: "Choose at least one handout.",
      paper: "Choose a paper size.",
    };
    ["language", "handout", "paper"].forEach(function (name) {
      var id = name === "language" ? "languages" : name;
      var problem = checked(name).length ? null : none[name];
      showProblem(id, problem);
      if (problem && !first) first = form.querySelector("input[name=" + name + "]");
    });
    if (first) {
      first.focus();
      return;
    }
    var chosen = chosenHandouts();
    status.textContent = "Making " + chosen.length + " handouts…";
    make(values, chosen).catch(function (error) {
      status.textContent =
        "The handouts could not be made (" + error.message + "): connect to the internet " +
        "and try again.";
    });
  });

  // Choices the browser kept from an earlier visit are fetched too.
  prepare();
})();
