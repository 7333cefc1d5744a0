"""The care team box's lines as PDF form fields, typed in any PDF reader.

A clinic without a developer opens a published handout in a browser's or a desktop PDF
reader, types its name and phones into the lines of the care team box and prints it;
printed empty, the lines are written on by hand as before. Each field is an HTML <input>
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

from . import clinic_profile

# The lines of the care team box, by the clinic profile's field names: their longest text.
FIELDS = {
    "name": clinic_profile.MAX_TEXT,
    "phone": clinic_profile.MAX_PHONE,
    "after_hours_phone": clinic_profile.MAX_PHONE,
}


def field(name: str, label: str) -> Markup:
    """The form field of the care team box's line `name`, read aloud as `label`."""
    return Markup(
        f'<input type="text" class="form-field" name="{escape(name)}" '
        f'title="{escape(label)}" maxlength="{FIELDS[name]}">'
    )


# The font size at the end of a field's default appearance ("/F1 11 Tf").
FONT_SIZE = re.compile(rb" [0-9.]+ Tf$")


def fit_typed_text(pdf: Any) -> None:
    """Let PDF readers fit what is typed to its line: a font size of 0 in each text
    field's default appearance is the PDF's "auto" (ISO 32000-1, 12.7.3.3).

    Why: WeasyPrint writes the CSS font size there, and a reader cuts off what does not
    fit at that size: a long phone number on a short line (after-hours, in Somali) would
    print without its last digits. The size can't be set to 0 in the CSS: WeasyPrint
    would then give the font no height. Run on WeasyPrint's PDF objects (pydyf 0.13:
    a field is a Dictionary whose DA is a String of bytes) before they are written.
    """
    import pydyf

    for entry in pdf.objects:
        if isinstance(entry, pydyf.Dictionary) and entry.get("FT") == "/Tx" and "DA" in entry:
            appearance = entry["DA"].string
            entry["DA"] = pydyf.String(FONT_SIZE.sub(b" 0 Tf", appearance))
