"""The care team box's lines and the plan's two numbers as PDF form fields, typed in any
PDF reader.

A clinic without a developer opens a published handout in a browser's or a desktop PDF
reader, types its name and phones into the lines of the care team box and prints it;
printed empty, the lines are written on by hand as before. The when-to-call plan's
emergency number and fever temperature (when_to_call.fillable_value) are fields too,
laid exactly over the printed defaults, 911 and 38.0 °C (100.4 °F): see
`visit_fillable_html`. Each field is an HTML <input>
that WeasyPrint turns into a PDF text field (its `pdf_forms` option; pdf.py), named as
the clinic profile's field, so that a field and a profile value are one idea
(clinic_profile.py), and its name for a screen reader is the line's label.

WeasyPrint embeds a field's font whole (a reader draws typed text with it, any
character), so the fields get a small face of their own: font_subsets.form_field_face.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from allguide.sphinxext import when_to_call
from allguide.sphinxext.interface_nodes import ISOLATE_MARKS

from . import clinic_profile

# The room a public one-language handout keeps for a clinic's logo, at the end of its
# care team box's heading: a named destination at its top left corner (handout.html),
# and its size (print.css's .logo-slot), where the clinic page draws a logo.
LOGO_SLOT = "logo-slot"
LOGO_SLOT_MM = (30, 5)
# The fever's fields on a bilingual sheet's English side end so (when_to_call.panel).
ENGLISH_SIDE = "_en"
# The longest text of each field, by the clinic profile's field names: the care team
# box's lines, then the plan's numbers (2 to 4 digits; a temperature, as "38,5 °C", and
# the same in the other unit, as "(101,3 °F)", with room to spare).
CARE_TEAM_FIELDS = {
    "name": clinic_profile.MAX_TEXT,
    "phone": clinic_profile.MAX_PHONE,
    "after_hours_phone": clinic_profile.MAX_PHONE,
}
FEVER_LENGTHS = dict(zip(when_to_call.FEVER_FIELDS, (10, 12), strict=True))
FIELDS = {
    **CARE_TEAM_FIELDS,
    when_to_call.EMERGENCY_FIELD: 4,
    **{name + side: size for side in ("", ENGLISH_SIDE) for name, size in FEVER_LENGTHS.items()},
}
# The plan's numbers: fields whose value is the printed default, laid over it.
OVER_PRINTED_TEXT = set(FIELDS) - set(CARE_TEAM_FIELDS)


def field(name: str, label: str, value: str = "") -> Markup:
    """The form field `name` (of FIELDS), read aloud as `label`, holding `value`."""
    shown = f' value="{escape(value)}"' if value else ""
    return Markup(
        f'<input type="text" class="form-field" name="{escape(name)}" '
        f'title="{escape(label)}" maxlength="{FIELDS[name]}"{shown}>'
    )


def visit_fillable_html(translator: Any, node: Any) -> None:
    """A number of the plan on a public handout (when_to_call.fillable_value): the default
    stays printed in the sentence, and a field of the same size lies on it, holding the
    same number on an opaque white background (`finish_fields`).

    Why both: a reader that draws no form fields, or a family's phone, still shows the
    printed 911; a reader that draws them shows the field's 911 over it, and what a
    clinic types (112) covers the printed one. A field alone, over a blank, would print
    "Call ." wherever fields are not drawn; an empty field would hide the 911 behind its
    background. The box is an inline-block: WeasyPrint 70 places an absolutely
    positioned child of an inline at the start of the next line, so the field's own box
    could not follow the number otherwise."""
    value = ISOLATE_MARKS.sub("", node.astext())
    box = Markup('<span class="fillable">')
    translator.body.append(box + field(node["name"], node["label"], value=value))


def depart_fillable_html(translator: Any, node: Any) -> None:
    translator.body.append("</span>")


# The font size at the end of a field's default appearance ("/F1 11 Tf").
FONT_SIZE = re.compile(rb" [0-9.]+ Tf$")


def finish_fields(pdf: Any) -> None:
    """WeasyPrint's text fields, finished before the PDF is written (pydyf 0.13)."""
    lower_left_first(pdf)
    fit_typed_text(pdf)
    cover_printed_text(pdf)
    one_field_per_name(pdf)


def _text_fields(pdf: Any) -> list[Any]:
    import pydyf

    return [
        entry
        for entry in pdf.objects
        if isinstance(entry, pydyf.Dictionary) and entry.get("FT") == "/Tx" and "T" in entry
    ]


def _name(field: Any) -> str:
    """The field's name: WeasyPrint gives it as a pydyf String of a str."""
    name = field["T"].string
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else name


def lower_left_first(pdf: Any) -> None:
    """Each field's rectangle from its lower left corner to its upper right, as PDF
    writers give it (ISO 32000-1, 7.9.5 allows either). WeasyPrint 70 gives the top
    first, and pdf-lib then draws a typed value's appearance upside down in its box
    (the clinic page): readers that normalise it show it right, others may not."""
    import pydyf

    for field in _text_fields(pdf):
        x1, y1, x2, y2 = (float(value) for value in field["Rect"])
        field["Rect"] = pydyf.Array([min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)])


def cover_printed_text(pdf: Any) -> None:
    """The plan's numbers are drawn on white (their widgets' /MK /BG, ISO 32000-1,
    12.5.6.19), so what a clinic types covers the printed default under it (the panel is
    black on white), and centred (/Q 1, 12.7.3.3) with no border (/BS, 12.5.4), as the
    printed number is in its box (print.css), so the field's own 911 lies on it."""
    import pydyf

    for field in _text_fields(pdf):
        if _name(field) in OVER_PRINTED_TEXT:
            field["MK"] = pydyf.Dictionary({"BG": pydyf.Array([1])})
            field["Q"] = 1
            # No border: readers keep a 1pt edge inside (2pt with the default border
            # of 1), the room print.css gives around the printed number.
            field["BS"] = pydyf.Dictionary({"W": 0})


# A field's own attributes (ISO 32000-1, 12.7.3.1 and 12.7.4.3); the rest are its widget's.
FIELD_KEYS = ("FT", "T", "TU", "V", "DA", "Q", "MaxLen", "Ff")


def one_field_per_name(pdf: Any) -> None:
    """Fields of the same name become one field with a widget for each place: the plan
    prints its emergency number twice (the emergency box and the last step), and a
    bilingual sheet on both sides. WeasyPrint 70 makes each <input> a field of its own;
    two fields of one name are one field to a PDF reader (12.7.3.2), and readers then
    disagree on which value to show. As one field, what is typed in one place shows in
    every place."""
    import pydyf

    if "AcroForm" not in pdf.catalog:
        return
    by_name: dict[str, list[Any]] = {}
    for field in _text_fields(pdf):
        by_name.setdefault(_name(field), []).append(field)
    # A new form dictionary and array, not the old ones changed: before the next paper,
    # upstream.write_weasyprint_pdfs puts back the entries of the PDF's objects (the
    # catalog's), not those of a dictionary inside one, nor an array's items.
    form = pydyf.Dictionary(pdf.catalog["AcroForm"])
    fields = pydyf.Array(form["Fields"])
    for widgets in by_name.values():
        if len(widgets) < 2:
            continue
        first = widgets[0]
        parent = pydyf.Dictionary({key: first[key] for key in FIELD_KEYS if key in first})
        parent["Kids"] = pydyf.Array()
        pdf.add_object(parent)
        for widget in widgets:
            for key in FIELD_KEYS:
                widget.pop(key, None)
            widget["Parent"] = parent.reference
            parent["Kids"].append(widget.reference)
            fields.remove(widget.reference)
        fields.append(parent.reference)
    form["Fields"] = fields
    pdf.catalog["AcroForm"] = form


def fit_typed_text(pdf: Any) -> None:
    """Let PDF readers fit what is typed to its line: a font size of 0 in each text
    field's default appearance is the PDF's "auto" (ISO 32000-1, 12.7.3.3).

    Why: WeasyPrint writes the CSS font size there, and a reader cuts off what does not
    fit at that size: a long phone number on a short line (after-hours, in Somali) would
    print without its last digits. The size can't be set to 0 in the CSS: WeasyPrint
    would then give the font no height. Run on WeasyPrint's PDF objects (pydyf 0.13:
    a field is a Dictionary whose DA is a String of bytes) before they are written.
    The plan's numbers keep the size of their sentence: "auto" drew 911 in small type
    (Poppler). Their boxes are the printed number's size, no wider (a wider one put the
    Kabuverdianu card on two pages): the clinic page shrinks a longer number to fit, as
    "auto" would (site/clinic_handouts.js).
    """
    import pydyf

    for entry in _text_fields(pdf):
        if "DA" in entry and _name(entry) not in OVER_PRINTED_TEXT:
            appearance = entry["DA"].string
            entry["DA"] = pydyf.String(FONT_SIZE.sub(b" 0 Tf", appearance))
