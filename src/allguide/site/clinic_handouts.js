// The clinic handouts page (clinic_page.py): fill the published PDFs' care team box
// fields in this browser and download them; nothing typed leaves it.
//
// The checks are clinic_profile.py's, from the rules the page carries (#clinic-data): the
// same limits, phone pattern and message templates, so a nurse reads what `make clinic`
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
  var phonePattern = new RegExp(rules.phone_pattern, rules.phone_flags);

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

  // clinic_profile._text, the check of a required field, then _phone: the problem, or null.
  function fieldProblem(name, raw) {
    var field = rules.fields[name];
    var problem = invisibleProblem(raw);
    if (problem) return problem;
    var value = raw.trim();
    if (Array.from(value).length > field.max) {
      return format(rules.messages.text_too_long, { limit: field.max });
    }
    if (!value) return rules.messages.missing;
    if (!field.phone) return null;
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

  // The PDF with the values typed, its fields' appearances drawn; or {field, problem}.
  async function filled(entry, values) {
    var PDFLib = window.PDFLib;
    var pdf = await PDFLib.PDFDocument.load(await fetchPdf(entry));
    pdf.registerFontkit(window.fontkit);
    var form = pdf.getForm();
    var face = fieldFace(pdf, form.getTextField(Object.keys(values)[0]));
    var font = await pdf.embedFont(face, { subset: true });
    for (var name of Object.keys(values)) {
      var letter = missingLetter(font, values[name]);
      if (letter) {
        return {
          field: name,
          problem:
            '"' + letter + '" (U+' + letter.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") +
            ") cannot be printed in the " + entry.language_name + " handouts; type it with " +
            "other letters, or leave this empty and write it by hand on the printed handout",
        };
      }
      form.getTextField(name).setText(values[name]);
    }
    form.updateFieldAppearances(font);
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
    var files = {};
    for (var entry of chosen) {
      var result = await filled(entry, values);
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
