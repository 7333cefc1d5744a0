"""The clinic handouts page: a nurse fills the published PDFs in Chromium, offline once they
are fetched, and is refused what `make clinic` refuses, in the same words."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from allguide.devtools.browser import PHONE, serve
from allguide.handouts import clinic_profile
from allguide.handouts.errors import HandoutError
from allguide.site import clinic_page

CLINIC = {
    "name": "Clínica Riverside",
    "phone": "555 010 0100",
    "after_hours_phone": "+1 (555) 010-0199 ext 12",
}
# A valid profile's other required field: the page has no emergency number (yet).
EMERGENCY = "911"
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


def appearance_texts(pdf: bytes) -> dict[str, str]:
    """The text each field's appearance stream draws (what a reader shows and prints), read
    by drawing the stream alone on a blank page: a field without one reads as ""."""
    texts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/FT") != "/Tx":
                continue
            stream = widget.get("/AP", {}).get("/N")
            writer = PdfWriter()
            blank = writer.add_blank_page(612, 792)
            if stream is not None:
                blank[NameObject("/Resources")] = DictionaryObject(
                    {NameObject("/XObject"): DictionaryObject({NameObject("/F"): stream})}
                )
                content = DecodedStreamObject()
                content.set_data(b"/F Do")
                blank.replace_contents(content)
            texts[widget["/T"]] = blank.extract_text().strip()
    return texts


def test_filled_handouts_hold_what_was_typed(clinic, handouts, site_url):
    page, requests, _ = clinic
    choose(page, ["es", "ar"], "letter")
    fill(page, CLINIC)
    made = make(page)
    expected = published(handouts, "es", "letter") + published(handouts, "ar", "letter")
    assert sorted(made) == sorted(filled_name(entry) for entry in expected)
    for entry in expected:
        pdf = made[filled_name(entry)]
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == entry["pages"]
        values = {name: field.get("/V") for name, field in reader.get_fields().items()}
        assert values == CLINIC, entry["file"]
        assert appearance_texts(pdf) == CLINIC, entry["file"]
    # Nothing typed leaves the browser: every request was for the site itself.
    assert requests and all(url.startswith(site_url + "/") for url in requests), requests


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
    values = {**CLINIC, "emergency_number": EMERGENCY, field: value}
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
    fill(page, {"name": "", "phone": "call us", "after_hours_phone": ""})
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
    for box in page.locator("input[name=handout]").all():
        if box.get_attribute("value") != "relapsed-all-when-to-call":
            box.uncheck()
    choose(page, ["es"], "a4")
    fill(page, CLINIC)
    made = make(page)
    assert list(made) == ["relapsed-all-when-to-call-es-a4-clinic.pdf"]
    pdf = made["relapsed-all-when-to-call-es-a4-clinic.pdf"]
    assert appearance_texts(pdf) == CLINIC
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
