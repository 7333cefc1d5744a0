"""The care team box of every public handout is a PDF form: typed in a PDF reader and
printed, or printed empty and written on; the plan's emergency number and fever
temperature are fields laid on the printed defaults (handouts/form_fields.py)."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import IndirectObject, NameObject, TextStringObject

from allguide.devtools import printed_pages
from allguide.handouts import form_fields
from allguide.sphinxext import when_to_call

from conftest import COMPLETE, LANGUAGES, ROOT, sphinx_build

MM = 72 / 25.4
FIELD_NAMES = set(form_fields.CARE_TEAM_FIELDS)
PLAN_FIELDS = set(form_fields.OVER_PRINTED_TEXT)
# What a clinic types: a name in the Latin letters of Western Europe, phone numbers.
TYPED = "0123456789+()-./ ext Hôpital Sainte-Justine Ñuñoa Göteborg Łódź"
# The letters a clinic in that language may type in its name, beyond TYPED's.
OWN_LETTERS = {"ru": "Детская больница", "vi": "Bệnh viện Nhi Đồng"}
# A field's face holds what is typed, not the handout's fonts: a small face.
MAX_FACE_BYTES = 40_000
# The shortest lines (in mm), in Somali, whose labels are the longest (on a bilingual
# sheet the label column holds both languages: 57 mm for the name).
MIN_WIDTH_MM = {"name": 50, "phone": 25, "after_hours_phone": 25}
# A write-in line under a field: a row of the rendered page this dark across the field.
LINE_DPI = 100
DARK = 128
VALUES = {
    "name": "Hôpital Sainte-Justine",
    "phone": "+1 514-345-4931",
    "after_hours_phone": "514 345-4931 ext 2",
}


def public_pdfs(handouts):
    """Every published PDF of every language (the manifest lists what was published: a
    language still being translated may have none)."""
    for code in LANGUAGES:
        listing = json.loads((handouts[code].out / "manifest.json").read_text(encoding="utf-8"))
        for entry in listing["handouts"]:
            yield code, handouts[code].out / entry["file"]


Placed = list[tuple[int, dict, IndirectObject]]


def widgets(reader: PdfReader, names: set[str] = FIELD_NAMES) -> Placed:
    """(page number, widget, its reference) for each widget of the fields `names`."""
    found = []
    for number, page in enumerate(reader.pages, 1):
        for reference in page.get("/Annots", []):
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/Widget" and field_name(annotation) in names:
                found.append((number, annotation, reference))
    return found


def field_name(widget: dict) -> str:
    """A widget's field name: its own, or its field's when the field has several widgets."""
    return widget["/T"] if "/T" in widget else widget["/Parent"].get_object()["/T"]


def inherited(widget: dict, key: str):
    """A field attribute a widget may hold itself or take from its field (ISO 32000-1)."""
    return widget[key] if key in widget else widget["/Parent"].get_object()[key]


def form_structure_references(reader: PdfReader) -> set[int]:
    """The object numbers of the annotations that /Form structure elements hold."""
    held: set[int] = set()
    pending = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        element = pending.pop().get_object()
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            if isinstance(kid, IndirectObject | dict) and not isinstance(kid, int):
                kid_object = kid.get_object()
                if not hasattr(kid_object, "get"):
                    continue
                if kid_object.get("/Type") == "/OBJR" and element.get("/S") == "/Form":
                    held.add(kid_object.raw_get("/Obj").idnum)
                elif "/S" in kid_object or "/K" in kid_object:
                    pending.append(kid_object)
    return held


def field_face(reader: PdfReader, widget: dict) -> bytes:
    """The font file a reader draws `widget`'s typed text with (its /DA font in /DR)."""
    font_name = inherited(widget, "/DA").split(" Tf")[0].split()[-2]
    font = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"][font_name].get_object()
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    return descriptor["/FontFile2"].get_object().get_data()


def labels(html: Path) -> dict[str, str]:
    """Each field's label as printed beside its line, from the HTML the PDF was made from."""
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    found = {}
    for field in page.select("dl.fill-in input"):
        label = field.parent.find_previous_sibling("dt")
        found[field["name"]] = " ".join(label.get_text().replace("\u2066", "").split())
    return found


def test_every_public_handout_has_the_care_team_fields(handouts):
    checked = 0
    for code, path in public_pdfs(handouts):
        reader = PdfReader(path)
        fields = reader.get_fields()
        assert set(fields) - PLAN_FIELDS == FIELD_NAMES, path.name
        printed_labels = labels(path.with_suffix(".html"))
        placed = widgets(reader)
        assert sorted(widget["/T"] for _, widget, _ in placed) == sorted(FIELD_NAMES), path.name
        # In the care team box, on one page: one line each, never on top of another.
        assert len({number for number, *_ in placed}) == 1, path.name
        boxes = []
        for _, widget, _ in placed:
            name = widget["/T"]
            assert fields[name]["/FT"] == "/Tx" and fields[name].get("/V", "") == "", name
            assert int(widget["/MaxLen"]) == form_fields.FIELDS[name]
            # A screen reader names the field as the label printed beside it.
            assert widget["/TU"] == printed_labels[name], (path.name, name)
            # Printed with the page, with no box or background of its own over the line.
            assert int(widget["/F"]) & 4, (path.name, name)
            assert "/BG" not in widget.get("/MK", {}), (path.name, name)
            # WeasyPrint writes a rectangle's corners top first: sorted, they read either way.
            left, right = sorted(float(x) for x in widget["/Rect"][::2])
            bottom, top = sorted(float(y) for y in widget["/Rect"][1::2])
            # Room for a whole name across the box, for a phone number on each line.
            wide = MIN_WIDTH_MM[name] * MM
            assert right - left >= wide and top - bottom >= 4 * MM, (path.name, name)
            # Readers fit what is typed to the line (font size 0: "auto").
            assert widget["/DA"].endswith(" 0 Tf"), (path.name, widget["/DA"])
            boxes.append((left, bottom, right, top))
        for index, (x0, y0, x1, y1) in enumerate(boxes):
            for a0, b0, a1, b1 in boxes[index + 1 :]:
                assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, path.name
        # Tagged: each field is a Form element of the structure tree (PDF/UA).
        tagged = form_structure_references(reader)
        assert {reference.idnum for *_, reference in placed} <= tagged, path.name
        face = field_face(reader, placed[0][1])
        assert len(face) <= MAX_FACE_BYTES, (path.name, len(face))
        covered = TTFont(io.BytesIO(face)).getBestCmap()
        wanted = TYPED + OWN_LETTERS.get(code, "")
        missing = {c for c in wanted if not c.isspace() and ord(c) not in covered}
        assert not missing, (path.name, missing)
        checked += 1
    # Every handout of a complete language is published: none was skipped unseen.
    assert checked >= len(COMPLETE) * 6, checked


def test_printed_empty_each_field_is_a_line_to_write_on(handouts):
    """Printed without typing, each field shows its line (the box's own drawing), not a
    box or a background of the reader's."""
    for code in COMPLETE:
        for stem in ("relapsed-all-when-to-call", "relapsed-all-guide"):
            path = handouts[code].out / f"{stem}-{code}-letter.pdf"
            reader = PdfReader(path)
            for number, widget, _ in widgets(reader):
                media = reader.pages[number - 1].mediabox
                left, right = sorted(float(x) for x in widget["/Rect"][::2])
                bottom = min(float(y) for y in widget["/Rect"][1::2])
                scale = LINE_DPI / 72
                band = (
                    round((left - float(media.left)) * scale),
                    round((float(media.top) - bottom - 1.5 * MM) * scale),
                    round((right - left) * scale),
                    round(3 * MM * scale),
                )
                image = printed_pages.render(path, number - 1, LINE_DPI, band).convert("L")
                rows = [
                    sum(image.getpixel((x, y)) < DARK for x in range(image.width)) / image.width
                    for y in range(image.height)
                ]
                assert max(rows) > 0.9, (path.name, widget["/T"], max(rows))


def test_typed_values_print_in_every_language(handouts):
    """What a reader does when a clinic types and prints: pypdf fills the fields, draws
    them with their own face and flattens them into the page; the page's text then
    holds what was typed."""
    for code in COMPLETE:
        path = handouts[code].out / f"relapsed-all-when-to-call-{code}-letter.pdf"
        writer = PdfWriter(clone_from=PdfReader(path))
        writer.update_page_form_field_values(
            writer.pages[0], VALUES, auto_regenerate=False, flatten=True
        )
        filled = io.BytesIO()
        writer.write(filled)
        text = PdfReader(filled).pages[0].extract_text()
        for value in VALUES.values():
            assert value in text, (code, value)


def test_a_clinics_own_handouts_have_no_fields(tmp_path):
    """A clinic profile's handouts print its values: nothing is left to type."""
    from test_handout_input import LOGO, PROFILE, summary_only

    profile = tmp_path / "clinic.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    definitions = summary_only(tmp_path)
    public, clinic = tmp_path / "public", tmp_path / "clinic"
    for out, settings in (
        (public, {"handouts_definitions": definitions}),
        (clinic, {"handouts_definitions": definitions, "handouts_clinic_profile": profile}),
    ):
        result = sphinx_build(ROOT, out, "en", "handouts", settings)
        assert result.returncode == 0, result.stderr
    public_fields = set(PdfReader(public / "relapsed-all-at-a-glance-en-a4.pdf").get_fields())
    assert public_fields == FIELD_NAMES | {
        when_to_call.EMERGENCY_FIELD,
        *when_to_call.FEVER_FIELDS,
    }
    clinic_pdf = PdfReader(clinic / "relapsed-all-at-a-glance-en-a4.pdf")
    assert not clinic_pdf.get_fields()
    assert "/AcroForm" not in clinic_pdf.trailer["/Root"]


# -- The plan's numbers ----------------------------------------------------------------


def printed_words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, left, top, right, bottom, word) of the page's own text, in PDF points from
    the page's top left: what is printed whether or not a reader draws form fields
    (pdftotext reads the fields' values too, so they are taken out first)."""
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.remove_annotations(subtypes="/Widget")
    bare = io.BytesIO()
    writer.write(bare)
    result = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=bare.getvalue(), capture_output=True, check=True
    )
    words, page = [], 0
    for line in result.stdout.decode("utf-8").splitlines():
        if "<page " in line:
            page += 1
        found = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line
        )
        if found:
            left, top, right, bottom = (float(value) for value in found.groups()[:4])
            words.append((page, left, top, right, bottom, found.group(5)))
    return words


def printed_under(words, reader: PdfReader, number: int, widget: dict) -> str:
    """The page's own text whose middle lies inside `widget`, left to right."""
    media = reader.pages[number - 1].mediabox
    left, right = sorted(float(x) - float(media.left) for x in widget["/Rect"][::2])
    bottom, top = sorted(float(media.top) - float(y) for y in widget["/Rect"][1::2])
    inside = [
        (x0, word)
        for page, x0, y0, x1, y1, word in words
        if page == number and left <= (x0 + x1) / 2 <= right and bottom <= (y0 + y1) / 2 <= top
    ]
    return "".join(word for _, word in sorted(inside)).replace("&amp;", "&")


def expected_defaults(code: str, english_side: bool) -> dict[str, str]:
    """What each plan field holds on a public handout: the printed default."""
    language = "en" if english_side else code
    suffix = form_fields.ENGLISH_SIDE if english_side else ""
    celsius, fahrenheit = when_to_call.plan_values(None, language).temperature.split(" (")
    first, second = when_to_call.FEVER_FIELDS
    return {
        when_to_call.EMERGENCY_FIELD: when_to_call.DEFAULT_EMERGENCY_NUMBER,
        first + suffix: celsius,
        second + suffix: "(" + fahrenheit,
    }


def test_the_plans_numbers_are_fields_on_the_printed_defaults(handouts):
    """Each printed 911 and fever temperature of every public handout has a field exactly
    on it holding the same text, drawn on white, centred, at the sentence's size; the
    fields of one name are one field, so typed once it shows everywhere."""
    checked = 0
    for code, path in public_pdfs(handouts):
        bilingual = f"-en-{code}-" in path.name
        expected = expected_defaults(code, False)
        if bilingual:
            expected |= expected_defaults(code, True)
        reader = PdfReader(path)
        fields = reader.get_fields()
        assert {name: fields[name].get("/V") for name in expected} == expected, path.name
        words = printed_words(path)
        placed = widgets(reader, PLAN_FIELDS)
        for number, widget, _ in placed:
            name = field_name(widget)
            value = expected[name]
            under = printed_under(words, reader, number, widget)
            assert "".join(under.split()) == "".join(value.split()), (path.name, name, under)
            assert widget["/MK"]["/BG"] == [1] and int(inherited(widget, "/Q")) == 1, name
            assert widget["/BS"]["/W"] == 0 and int(widget["/F"]) & 4, name
            assert not inherited(widget, "/DA").endswith(" 0 Tf"), name
            # A screen reader hears the sentence the number is in.
            label = inherited(widget, "/TU")
            assert "".join(value.split()) in "".join(label.split()) and len(label) > 20, label
        # Every printed 911 and fever temperature has its field: as many widgets as the
        # text prints them.
        printed = sum(word.count("911") for *_, word in words)
        emergency = [w for _, w, _ in placed if field_name(w) == when_to_call.EMERGENCY_FIELD]
        assert printed >= 1 and len(emergency) == printed, (path.name, printed, len(emergency))
        # (On the plan's pages: the guide's sources quote a fever of 38.0 °C in prose.)
        fever = [w for _, w, _ in placed if field_name(w) != when_to_call.EMERGENCY_FIELD]
        plan_pages = {number for number, *_ in placed}
        degrees = sum(word.count("°") for page, *_, word in words if page in plan_pages)
        assert degrees >= 2 and len(fever) == degrees, (path.name, degrees, len(fever))
        if len(emergency) > 1:
            assert all("/T" not in widget for widget in emergency), path.name
            kids = fields[when_to_call.EMERGENCY_FIELD]["/Kids"]
            assert len(kids) == len(emergency), path.name
        # Tagged as the care team box's fields are.
        tagged = form_structure_references(reader)
        assert {reference.idnum for *_, reference in placed} <= tagged, path.name
        checked += 1
    assert checked >= len(COMPLETE) * 6, checked


def region(path: Path, number: int, widget: dict, reader: PdfReader, annotations: bool = True):
    """The page's pixels inside `widget` (see `ink`), as bytes."""
    return _widget_image(path, number, widget, reader, annotations).tobytes()


def ink(path: Path, number: int, widget: dict, reader: PdfReader, annotations: bool) -> int:
    """Dark pixels of the page inside `widget`, drawn as a reader draws it or without its
    form fields."""
    return sum(_widget_image(path, number, widget, reader, annotations).histogram()[:DARK])


def _widget_image(path: Path, number: int, widget: dict, reader: PdfReader, annotations: bool):
    media = reader.pages[number - 1].mediabox
    left, right = sorted(float(x) - float(media.left) for x in widget["/Rect"][::2])
    bottom, top = sorted(float(media.top) - float(y) for y in widget["/Rect"][1::2])
    scale = 200 / 72
    box = (
        round(left * scale),
        round(bottom * scale),
        round((right - left) * scale),
        round((top - bottom) * scale),
    )
    return printed_pages.render(path, number - 1, 200, box, annotations).convert("L")


def test_a_reader_draws_the_plans_numbers_as_printed_and_covers_them_when_typed(handouts, tmp_path):
    """Poppler draws the fields as a PDF reader does (their appearance made from the
    value, on their white background). Untouched, a field shows the printed number once,
    not twice and not hidden; with another number typed, that one covers the printed
    one: the ink stays that of one number."""
    for code in ("en", "ar", "km"):
        if code not in COMPLETE:
            continue
        path = handouts[code].out / f"relapsed-all-when-to-call-{code}-letter.pdf"
        reader = PdfReader(path)
        placed = widgets(reader, PLAN_FIELDS)
        assert placed, code
        writer = PdfWriter(clone_from=reader)
        parent = writer._root_object["/AcroForm"]["/Fields"]
        for reference in parent:
            field = reference.get_object()
            if field.get("/T") == when_to_call.EMERGENCY_FIELD:
                field[NameObject("/V")] = TextStringObject("112")
        typed = tmp_path / f"typed-{code}.pdf"
        writer.write(typed)
        for number, widget, _ in placed:
            printed = ink(path, number, widget, reader, annotations=False)
            drawn = ink(path, number, widget, reader, annotations=True)
            assert printed > 0 and 0.7 < drawn / printed < 1.3, (code, field_name(widget))
            if field_name(widget) == when_to_call.EMERGENCY_FIELD:
                over = ink(typed, number, widget, reader, annotations=True)
                assert 0.6 < over / printed < 1.4, (code, over, printed)
                # And it is 112 that shows, not the 911 under it: the drawing changed.
                assert region(typed, number, widget, reader) != region(
                    path, number, widget, reader
                ), code
