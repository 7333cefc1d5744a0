"""The clinic handouts page: a nurse fills the published PDFs in Chromium, offline once they
are fetched, and is refused what `make clinic` refuses, in the same words."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from allguide.devtools.browser import PHONE, serve
from allguide.handouts import clinic_profile, form_fields
from allguide.handouts.errors import HandoutError
from allguide.site import clinic_page
from allguide.sphinxext import when_to_call

CLINIC = {
    "name": "Clínica Riverside",
    "phone": "555 010 0100",
    "after_hours_phone": "+1 (555) 010-0199 ext 12",
    # Four digits where 911 is printed: drawn smaller to fit its field.
    "emergency_number": "1669",
}
# Typed in Fahrenheit; printed Celsius first, in each side's decimal notation.
FEVER = "101.3 °F"
FEVER_CELSIUS = 38.5
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site["en"].out.parent) as url:
        yield url


@pytest.fixture
def clinic(browser, site_url):
    """The clinic page in a new browser context: (page, every URL it requested, downloads)."""
    context = browser.new_context(accept_downloads=True)
    requests, downloads = [], []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("download", lambda download: downloads.append(download))
    page.goto(f"{site_url}/{clinic_page.PAGE_NAME}")
    yield page, requests, downloads
    context.close()


def published(handouts, code: str, paper: str) -> list[dict]:
    record = json.loads((handouts[code].out / "manifest.json").read_text(encoding="utf-8"))
    return [entry for entry in record["handouts"] if entry["paper"] == paper]


def filled_name(entry: dict) -> str:
    """A filled PDF's name: the published one, with a clinic suffix."""
    return entry["file"].removesuffix(".pdf") + "-clinic.pdf"


def choose(page, languages: list[str], paper: str) -> None:
    """Tick the languages and the paper, and wait until their PDFs are fetched."""
    for code in languages:
        page.check(f"input[name=language][value={code}]")
    page.check(f"input[name=paper][value={paper}]")
    page.wait_for_function("document.getElementById('status').textContent.includes('ready')")


def only_the_card(page) -> None:
    """Untick every handout but the one-language when-to-call card."""
    for box in page.locator("input[name=handout]").all():
        if box.get_attribute("value") != "relapsed-all-when-to-call":
            box.uncheck()


def fill(page, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.fill(f"#{name}", value)


def make(page) -> dict[str, bytes]:
    """Press the button; the downloaded PDFs by name (one PDF, or those of the zip)."""
    with page.expect_download() as waiting:
        page.click("button[type=submit]")
    download = waiting.value
    data = Path(download.path()).read_bytes()
    if download.suggested_filename.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    return {download.suggested_filename: data}


def field_name(widget) -> str:
    """A widget's field name: its own, or its field's when the field has several widgets."""
    return widget["/T"] if "/T" in widget else widget["/Parent"].get_object()["/T"]


def appearance_streams(pdf: bytes) -> list[tuple[str, object]]:
    """(field name, appearance stream or None) of each text field's widget."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            parent = widget["/Parent"].get_object() if "/Parent" in widget else {}
            if widget.get("/FT", parent.get("/FT")) == "/Tx":
                found.append((field_name(widget), widget.get("/AP", {}).get("/N")))
    return found


def appearance_texts(pdf: bytes) -> dict[str, str]:
    """The text each field's appearance streams draw (what a reader shows and prints), read
    by drawing each stream alone on a blank page: a field without one reads as "". A field
    whose widgets draw different texts reads as the set of them."""
    texts: dict[str, set[str]] = {}
    for name, stream in appearance_streams(pdf):
        writer = PdfWriter()
        blank = writer.add_blank_page(612, 792)
        if stream is not None:
            blank[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/XObject"): DictionaryObject({NameObject("/F"): stream})}
            )
            content = DecodedStreamObject()
            content.set_data(b"/F Do")
            blank.replace_contents(content)
        texts.setdefault(name, set()).add(blank.extract_text().strip())
    return {name: drawn.pop() if len(drawn) == 1 else drawn for name, drawn in texts.items()}


def expected_values(entry: dict, code: str) -> dict[str, str]:
    """What the page must put in each field of `entry`'s PDF: what was typed, and the fever
    temperature in both units, Celsius first, written as each side's language writes it
    (when_to_call.temperature_text, which `make clinic` prints with)."""
    expected = dict(CLINIC)
    sides = [("", code)]
    if entry["bilingual"]:
        sides.append((form_fields.ENGLISH_SIDE, "en"))
    for suffix, language in sides:
        text = when_to_call.temperature_text(FEVER_CELSIUS, "C", language)
        celsius, fahrenheit = text.split(" (")
        first, second = when_to_call.FEVER_FIELDS
        expected[first + suffix] = celsius
        expected[second + suffix] = "(" + fahrenheit
    return expected


def test_filled_handouts_hold_what_was_typed(clinic, handouts, site_url):
    page, requests, _ = clinic
    choose(page, ["es", "ar"], "letter")
    fill(page, {**CLINIC, "fever_temperature": FEVER})
    made = make(page)
    expected = [
        (code, entry) for code in ("es", "ar") for entry in published(handouts, code, "letter")
    ]
    assert sorted(made) == sorted(filled_name(entry) for _, entry in expected)
    for code, entry in expected:
        pdf = made[filled_name(entry)]
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == entry["pages"]
        values = {name: field.get("/V") for name, field in reader.get_fields().items()}
        assert values == expected_values(entry, code), entry["file"]
        assert appearance_texts(pdf) == expected_values(entry, code), entry["file"]
        for name, stream in appearance_streams(pdf):
            if name not in form_fields.OVER_PRINTED_TEXT:
                continue
            drawing = stream.get_data().decode("latin-1")
            # On white, covering the printed default under it: a white fill before the text.
            background = re.search(r"(?:^|\n)(?:1 g|1 1 1 rg)\n(?:.*\n)*?(?:.*re\n)?f\n", drawing)
            assert background and background.end() < drawing.index("BT"), drawing
            if name == when_to_call.EMERGENCY_FIELD:
                # Four digits in a three-digit field: drawn smaller than the sentence.
                size = float(re.search(r"([\d.]+) Tf", drawing).group(1))
                form = reader.trailer["/Root"]["/AcroForm"]["/Fields"]
                field = next(f.get_object() for f in form if f.get_object().get("/T") == name)
                sentence = field["/DA"]
                assert size < float(re.search(r"([\d.]+) Tf", sentence).group(1)), drawing
        # The public handout's 911 and 38,0 °C (100,4 °F) are gone from the page's own
        # text (copy, search, tap-to-call, a viewer that draws no fields), and a screen
        # reader names each field by its sentence with the clinic's number; the fields are
        # finished, not to be changed by a stray tap.
        printed = page_text_without_fields(pdf, plan_pages(reader))
        assert "911" not in printed and "100,4" not in printed and "100.4" not in printed
        for name, field in reader.get_fields().items():
            assert int(field.get("/Ff", 0)) & 1, (entry["file"], name)
            if name == when_to_call.EMERGENCY_FIELD:
                assert CLINIC["emergency_number"] in field["/TU"] and "911" not in field["/TU"]
    # Nothing typed leaves the browser: every request was for the site itself.
    assert requests and all(url.startswith(site_url + "/") for url in requests), requests


def plan_pages(reader: PdfReader) -> set[int]:
    """The pages (from 1) that hold the plan's fields: the guide's sources quote a fever
    of 38.0 °C (100.4 °F) in prose on a later page."""
    return {
        number
        for number, page in enumerate(reader.pages, 1)
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Widget"
        and field_name(annotation.get_object()) in form_fields.OVER_PRINTED_TEXT
    }


def page_text_without_fields(pdf: bytes, pages: set[int]) -> str:
    """The text of `pages` as a viewer that draws no form fields shows it (pdftotext
    reads the fields' appearances too, so they are taken out first)."""
    import subprocess

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.remove_annotations(subtypes="/Widget")
    del writer._root_object["/AcroForm"]
    bare = io.BytesIO()
    writer.write(bare)
    return "".join(
        subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-", "-"],
            input=bare.getvalue(), capture_output=True, check=True,
        ).stdout.decode("utf-8")
        for page in sorted(pages)
    )  # fmt: skip


def test_a_temperature_typed_with_the_ordinal_sign_is_taken(clinic):
    """ "38,5 ºC" (the ordinal indicator Spanish keyboards type for the degree sign)."""
    page, _, _ = clinic
    only_the_card(page)
    choose(page, ["es"], "letter")
    fill(page, {**CLINIC, "fever_temperature": "38,5 \u00baC"})
    made = make(page)
    pdf = made["relapsed-all-when-to-call-es-letter-clinic.pdf"]
    fields = PdfReader(io.BytesIO(pdf)).get_fields()
    first, second = when_to_call.FEVER_FIELDS
    assert (fields[first]["/V"], fields[second]["/V"]) == ("38,5 °C", "(101,3 °F)")


def test_an_empty_fever_temperature_keeps_the_printed_one(clinic, handouts):
    page, _, _ = clinic
    only_the_card(page)
    choose(page, ["es"], "letter")
    fill(page, CLINIC)
    made = make(page)
    pdf = made["relapsed-all-when-to-call-es-letter-clinic.pdf"]
    fields = PdfReader(io.BytesIO(pdf)).get_fields()
    first, second = when_to_call.FEVER_FIELDS
    assert (fields[first]["/V"], fields[second]["/V"]) == ("38,0 °C", "(100,4 °F)")
    assert fields[when_to_call.EMERGENCY_FIELD]["/V"] == CLINIC["emergency_number"]


def test_handouts_are_made_offline_once_chosen(clinic):
    page, _, downloads = clinic
    choose(page, ["es"], "a4")
    page.context.set_offline(True)
    fill(page, CLINIC)
    made = make(page)
    assert made and all(name.endswith("-a4-clinic.pdf") for name in made)
    # A choice made offline cannot be fetched, and the page says so.
    page.check("input[name=language][value=ar]")
    page.wait_for_function("document.getElementById('status').textContent.includes('fetched')")
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('status').textContent.includes('made')")
    assert "connect to the internet" in page.text_content("#status")
    assert len(downloads) == 1


def _toml_string(value: str) -> str:
    """`value` as a TOML basic string, every character but plain ASCII as an escape."""
    return (
        '"'
        + "".join(
            character
            if " " <= character <= "~" and character not in '"\\'
            else f"\\U{ord(character):08X}"
            for character in value
        )
        + '"'
    )


def python_problem(tmp_path: Path, field: str, value: str) -> str:
    """What `make clinic` says of `value` in `field`, without the "PATH: field 'x': " that
    names the profile's file and field: the page says it next to the field."""
    values = {**CLINIC, field: value}
    profile = tmp_path / "clinic.toml"
    profile.write_text(
        "".join(f"{name} = {_toml_string(text)}\n" for name, text in values.items()),
        encoding="utf-8",
    )
    with pytest.raises(HandoutError) as refused:
        clinic_profile.load(profile)
    prefix = f"{profile}: field {field!r}: "
    assert str(refused.value).startswith(prefix), str(refused.value)
    return str(refused.value)[len(prefix) :]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "   "),
        ("name", "Riverside Children's Hospital " * 5),
        ("name", "Riverside\u202eClinic"),  # a right-to-left override: reorders the text
        ("name", "Riverside\x07"),  # a control character: no name in Unicode
        ("name", "Clinic\ufe0f"),  # a variation selector: ignorable, not a format character
        ("name", "Clinic\u200d"),  # a joiner that joins nothing
        ("name", "\U0001f3e5\U000e0001"),  # a tag character after an astral one: counted as one
        ("phone", "555 01"),
        ("phone", "555 010 0100 or 555 010 0101 or 555 010 0102"),
        ("phone", "\uff15\uff15\uff15 \uff10\uff11\uff10 \uff10\uff11\uff10\uff10"),  # fullwidth
        ("phone", "call 'day' 555"),
        ("after_hours_phone", 'say "night" 555\\0100'),
        ("after_hours_phone", "++1 555 010 0199"),
        ("emergency_number", ""),
        ("emergency_number", "555 010 0100"),
        ("emergency_number", "９１１"),  # fullwidth digits
        ("fever_temperature", "38"),
        ("fever_temperature", "38 K"),
        ("fever_temperature", "warm"),
        ("fever_temperature", "10 °C"),
        ("fever_temperature", "212 °F"),
        ("fever_temperature", "38.05 °C"),
    ],
)
def test_page_refuses_what_make_clinic_refuses_in_its_words(clinic, tmp_path, field, value):
    page, _, downloads = clinic
    expected = python_problem(tmp_path, field, value)
    choose(page, ["es"], "letter")
    fill(page, {**CLINIC, field: value})
    page.click("button[type=submit]")
    error = page.locator(f"#{field}-error")
    error.wait_for(state="visible")
    assert error.text_content() == expected
    assert error.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == field
    assert downloads == []


def test_with_several_problems_the_focus_goes_to_the_first_on_the_page(clinic):
    page, _, downloads = clinic
    choose(page, ["es"], "letter")
    fill(page, {**CLINIC, "name": "", "phone": "call us", "after_hours_phone": ""})
    page.click("button[type=submit]")
    page.locator("#after_hours_phone-error").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "name"
    assert page.locator(".error[role=alert]:not(:empty)").count() == 3
    assert downloads == []


def test_page_accepts_what_make_clinic_accepts(clinic):
    """Spaces around a name or a number: printed without them, as make clinic does."""
    page, _, _ = clinic
    typed = {**CLINIC, "name": "  Clínica São José  ", "phone": "  555 010 0100  "}
    choose(page, ["es"], "letter")
    fill(page, typed)
    made = make(page)
    for pdf in made.values():
        fields = PdfReader(io.BytesIO(pdf)).get_fields()
        assert fields["name"]["/V"] == "Clínica São José"
        assert fields["phone"]["/V"] == "555 010 0100"


def test_letters_a_handout_cannot_print_are_refused(clinic):
    """A Cyrillic name on a Spanish handout: its fields' face has no Cyrillic letters."""
    page, _, downloads = clinic
    choose(page, ["es"], "letter")
    fill(page, {**CLINIC, "name": "Клиника"})
    page.click("button[type=submit]")
    error = page.locator("#name-error")
    error.wait_for(state="visible")
    assert error.text_content().startswith('"К" (U+041A) cannot be printed in the Spanish handouts')
    assert downloads == []


def test_only_the_chosen_handout_is_made_as_one_pdf(clinic, handouts):
    """A clinic that wants only the when-to-call card in Spanish gets that one PDF."""
    page, _, _ = clinic
    only_the_card(page)
    choose(page, ["es"], "a4")
    fill(page, CLINIC)
    made = make(page)
    assert list(made) == ["relapsed-all-when-to-call-es-a4-clinic.pdf"]
    pdf = made["relapsed-all-when-to-call-es-a4-clinic.pdf"]
    assert appearance_texts(pdf).items() >= CLINIC.items()
    # The bilingual card is a handout of its own, offered beside it.
    assert page.locator("input[name=handout][value='relapsed-all-when-to-call-en']").count()


def test_choices_are_required_and_said_next_to_them(clinic):
    page, _, downloads = clinic
    for box in page.locator("input[name=handout]").all():
        box.uncheck()
    fill(page, CLINIC)
    page.click("button[type=submit]")
    assert page.text_content("#languages-error") == "Choose at least one language."
    assert page.text_content("#handout-error") == "Choose at least one handout."
    assert page.text_content("#paper-error") == "Choose a paper size."
    assert downloads == []


def test_page_is_accessible_and_fits_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.click(f"a[href='{clinic_page.PAGE_NAME}']")
    page.wait_for_url(f"**/{clinic_page.PAGE_NAME}")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [violation["id"] for violation in violations] == []
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport
    assert "make clinic" in page.text_content("main")
    context.close()


# -- The logo ------------------------------------------------------------------------------

RED = (220, 0, 0)


def logo_file(tmp_path: Path, name: str, size: tuple[int, int] = (300, 100)) -> Path:
    """A red logo of `size` pixels, as a PNG or JPEG by its name."""
    from PIL import Image

    path = tmp_path / name
    image = Image.new("RGB", size, RED)
    image.save(path, format="PNG" if name.endswith(".png") else "JPEG")
    return path


def logo_slot(pdf: bytes) -> tuple[int, float, float]:
    """(page index, left, top) of the logo's room, from the PDF's named destination."""
    reader = PdfReader(io.BytesIO(pdf))
    destination = reader.named_destinations[form_fields.LOGO_SLOT]
    return reader.get_destination_page_number(destination), destination.left, destination.top


def red_pixels(
    pdf: bytes, tmp_path: Path, page: int = 0
) -> tuple[list[tuple[float, float]], float]:
    """The red pixels of page `page`, as points from the page's top left, and the page's
    height: where the logo was drawn."""
    from allguide.devtools import printed_pages

    path = tmp_path / "filled.pdf"
    path.write_bytes(pdf)
    image = printed_pages.render(path, page, 72)
    red = [
        (x, y)
        for y in range(image.height)
        for x in range(image.width)
        if (lambda r, g, b: r > 180 and g < 80 and b < 80)(*image.getpixel((x, y)))
    ]
    return red, image.height


def test_a_logo_is_drawn_in_its_room_on_one_language_handouts(clinic, tmp_path):
    page, _, _ = clinic
    choose(page, ["es", "ar"], "letter")
    fill(page, CLINIC)
    page.set_input_files("#logo", str(logo_file(tmp_path, "logo.png")))
    made = make(page)
    width_mm, height_mm = form_fields.LOGO_SLOT_MM
    for name, pdf in made.items():
        reader = PdfReader(io.BytesIO(pdf))
        if "-en-" in name:  # a bilingual sheet keeps no room: make clinic prints none there
            assert form_fields.LOGO_SLOT not in reader.named_destinations, name
            assert not red_pixels(pdf, tmp_path)[0], name
            continue
        page_index, _, top = logo_slot(pdf)
        assert page_index == 0, name
        media = reader.pages[0].mediabox
        red, _height = red_pixels(pdf, tmp_path)
        assert red, name
        xs = [x + float(media.left) for x, _ in red]
        ys = [float(media.top) - y for _, y in red]
        room = (width_mm * 72 / 25.4, height_mm * 72 / 25.4)
        # As large as fits (3:1 in a 30 x 5 mm room: 15 mm wide), above the name line, at
        # the end of the box's heading: the right in Spanish, the left in Arabic, where
        # the name line ends.
        line = next(
            w.get_object() for w in reader.pages[0]["/Annots"] if w.get_object().get("/T") == "name"
        )
        left, right = sorted(float(x) for x in line["/Rect"][::2])
        line_top = max(float(y) for y in line["/Rect"][1::2])
        assert top - room[1] - 1 <= min(ys) and max(ys) <= top + 1, name
        assert min(ys) > line_top, name
        assert abs(max(xs) - min(xs) - room[1] * 3) < 2, name
        if "-ar-" in name:
            assert abs(min(xs) - left) < 2, (name, min(xs), left)
        else:
            assert abs(max(xs) - right) < 2, (name, max(xs), right)
        # Not read aloud: an artifact of the tagged PDF.
        content = reader.pages[0].get_contents().get_data()
        assert b"/Artifact BMC" in content, name


@pytest.mark.parametrize(
    ("name", "size", "data"),
    [
        ("logo.gif", None, b"GIF89a"),
        ("logo.png", None, b"not a picture at all"),
        ("logo.png", (5000, 10), None),
        ("logo.jpg", (2100, 2100), None),
    ],
)
def test_page_refuses_the_logos_make_clinic_refuses(clinic, tmp_path, name, size, data):
    page, _, downloads = clinic
    folder = tmp_path / "profile"
    folder.mkdir()
    if data is None:
        logo = logo_file(folder, name, size)
    else:
        logo = folder / name
        logo.write_bytes(data)
    expected = python_problem(folder, "logo", name)
    choose(page, ["es"], "letter")
    fill(page, CLINIC)
    page.set_input_files("#logo", str(logo))
    page.click("button[type=submit]")
    error = page.locator("#logo-error")
    error.wait_for(state="visible")
    assert error.text_content() == expected
    assert page.evaluate("document.activeElement.id") == "logo"
    assert downloads == []


def test_an_svg_logo_is_sent_to_make_clinic(clinic, tmp_path):
    page, _, downloads = clinic
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>')
    choose(page, ["es"], "letter")
    fill(page, CLINIC)
    page.set_input_files("#logo", str(logo))
    page.click("button[type=submit]")
    error = page.locator("#logo-error")
    error.wait_for(state="visible")
    assert error.text_content() == clinic_page.LOGO_SVG.format(value="logo.svg")
    assert downloads == []
