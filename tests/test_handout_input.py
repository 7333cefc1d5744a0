"""Handouts refuse bad input with a clear message, and never print half-right paper."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from pypdf import PdfReader

from allguide.handouts import assemble, clinic_profile, definitions, fonts, manifest, pdf, publish
from allguide.handouts.builder import WITHDRAWN
from allguide.handouts.errors import HandoutError, IncompleteTranslation
from allguide.sphinxext import when_to_call

from conftest import ROOT, copy_project, sphinx_build

SUMMARY_ONLY = """
[[handout]]
id = "relapsed-all-at-a-glance"
title_page = "summary"
pages = ["summary"]
papers = ["a4"]
max_pages = 1
"""
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20"/></svg>'
)
PROFILE = """
name = "Riverside Children's Cancer Clinic"
phone = "+1 555 010 0100"
after_hours_phone = "+1 555 010 0199"
email = "care-team@riverside.example.org"
website = "https://riverside.example.org/oncology"
logo = "logo.svg"
fever_temperature = "38 °C"
emergency_number = "911"
"""


def summary_only(tmp_path: Path) -> str:
    definitions = tmp_path / "summary-only.toml"
    definitions.write_text(SUMMARY_ONLY, encoding="utf-8")
    return str(definitions)


def build_handouts(project, out, language="en", **settings):
    return sphinx_build(project, out, language, "handouts", settings)


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_clinic_profile_fills_the_care_team_box(tmp_path):
    profile = tmp_path / "clinic.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    out = tmp_path / "en"
    result = build_handouts(
        ROOT, out, handouts_definitions=summary_only(tmp_path), handouts_clinic_profile=profile
    )
    assert result.returncode == 0, result.stderr
    text = text_of(out / "relapsed-all-at-a-glance-en-a4.pdf")
    for value in [
        "Riverside Children's Cancer Clinic",
        "+1 555 010 0100",
        "+1 555 010 0199",
        "care-team@riverside.example.org",
        "https://riverside.example.org/oncology",
        # The when-to-call panel, with the profile's numbers instead of lines to fill in.
        "A temperature of 38.0 °C (100.4 °F) or higher",
        "Call 911.",
    ]:
        assert value in text
    assert "________" not in text
    assert "Name" not in text.split("Your child's care team")[1][:40]


def test_a_threshold_in_fahrenheit_prints_first_with_celsius_beside_it(tmp_path):
    profile = tmp_path / "clinic.toml"
    profile.write_text(PROFILE.replace('"38 °C"', '"101 °F"'), encoding="utf-8")
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    loaded = clinic_profile.load(profile)
    values = when_to_call.plan_values(loaded, "en")
    assert values.temperature == "101.0 °F (38.3 °C)" and values.from_clinic
    # In Spanish the decimal sign is a comma (CLDR); the digits stay the same.
    assert when_to_call.plan_values(loaded, "es").temperature == "101,0 °F (38,3 °C)"
    assert when_to_call.plan_values(None, "en").temperature == "38.0 °C (100.4 °F)"
    assert when_to_call.plan_values(None, "en").emergency_number == "911"


def test_without_a_profile_the_box_has_blank_labelled_lines(handouts):
    text = text_of(handouts["en"].out / "relapsed-all-at-a-glance-en-letter.pdf")
    box = text.split("Your child's care team")[1]
    assert box.startswith(" Name Phone After-hours phone")


INVALID_PROFILES = pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.replace('after_hours_phone = "+1 555 010 0199"\n', ""),
         "field 'after_hours_phone': is required and missing or empty"),
        (lambda p: p.replace('phone = "+1 555 010 0100"', 'phone = "call us"'),
         "field 'phone': 'call us' is not a phone number"),
        (lambda p: p.replace("care-team@riverside.example.org", "care-team at riverside"),
         "field 'email': 'care-team at riverside' is not an e-mail address"),
        (lambda p: p.replace("https://riverside", "riverside"),
         "field 'website': 'riverside.example.org/oncology' must start with https://"),
        (lambda p: p.replace('logo = "logo.svg"', 'logo = "missing.png"'),
         "field 'logo': no file at"),
        (lambda p: p + 'fax = "+1 555 010 0111"\n', "field 'fax': unknown field"),
        (lambda p: p.replace('phone = "+1 555 010 0100"', 'phone = "+1 555 010 0100'),
         "not valid TOML"),
        (lambda p: p.replace('name = "Riverside Children\'s Cancer Clinic"', "name = 42"),
         "field 'name': must be text in quotes"),
        # Issue 17: a fever threshold a clinic could mean, or a clear error.
        (lambda p: p.replace('"38 °C"', '"10 °C"'),
         "field 'fever_temperature': '10 °C' is not a fever threshold"),
        (lambda p: p.replace('"38 °C"', '"999 °F"'),
         "field 'fever_temperature': '999 °F' is not a fever threshold"),
        (lambda p: p.replace('"38 °C"', '"high"'),
         "field 'fever_temperature': 'high': write it like"),
        (lambda p: p.replace('"38 °C"', '"３８ °C"'),
         "field 'fever_temperature': '３８ °C': write it like"),
        # The attack on issue 17's checks: no emergency number, or several, or a phone line.
        (lambda p: p.replace('emergency_number = "911"\n', ""),
         "field 'emergency_number': is required and missing or empty"),
        (lambda p: p.replace('"911"', '"911 112"'),
         "field 'emergency_number': '911 112': one short number"),
        (lambda p: p.replace('"911"', '"555 010 0100"'),
         "field 'emergency_number': '555 010 0100': one short number"),
        (lambda p: p.replace('after_hours_phone = "+1 555 010 0199"',
                             'after_hours_phone = "' + "+1 (555) 010-0100 / " * 3 + '"'),
         "field 'after_hours_phone': '+1 (555) 010-0100 / +1 (555) 010-0100 / +1 (555) "),
    ],
    ids=["missing", "phone", "email", "website", "logo", "unknown", "syntax", "type",
         "too-cold", "too-hot-f", "not-a-temperature", "full-width-digits", "no-emergency",
         "two-emergency", "emergency-is-a-phone", "long-phone"],
)  # fmt: skip


def _invalid_profile(tmp_path: Path, change) -> Path:
    profile = tmp_path / "clinic.toml"
    profile.write_text(change(PROFILE), encoding="utf-8")
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    return profile


@INVALID_PROFILES
def test_invalid_clinic_profile_names_the_field(tmp_path, change, message):
    profile = _invalid_profile(tmp_path, change)
    with pytest.raises(HandoutError) as raised:
        clinic_profile.load(profile)
    assert str(raised.value).startswith(f"{profile}: ")
    assert message in str(raised.value)


@pytest.mark.full  # a handouts build per profile: make test only
@INVALID_PROFILES
def test_invalid_clinic_profile_prints_nothing(tmp_path, change, message):
    profile = _invalid_profile(tmp_path, change)
    out = tmp_path / "en"
    result = build_handouts(
        ROOT, out, handouts_definitions=summary_only(tmp_path), handouts_clinic_profile=profile
    )
    assert result.returncode == WITHDRAWN
    assert message in result.stderr
    assert list(out.glob("*.pdf")) == []
    assert manifest.read(out).status == manifest.FAILED


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_missing_font_fails_naming_language_and_character(tmp_path):
    project = copy_project(tmp_path / "project")
    table = project / "locale" / "languages.toml"
    text = table.read_text("utf-8")
    table.write_text(
        text.replace('fonts = ["Noto Sans", "Noto Sans CJK SC"]', 'fonts = ["Noto Sans"]')
    )
    out = tmp_path / "zh_CN"
    result = build_handouts(project, out, "zh_CN", handouts_definitions=summary_only(tmp_path))
    assert result.returncode == WITHDRAWN
    assert "zh_CN: no glyph in the fonts ['Noto Sans'] for U+" in result.stderr
    assert list(out.glob("*.pdf")) == []


def test_font_check_finds_each_missing_character():
    assert fonts.missing_glyphs("Fiebre 发烧", ("Noto Sans",)) == ["发", "烧"]
    assert fonts.missing_glyphs("Fiebre 发烧", ("Noto Sans", "Noto Sans CJK SC")) == []
    with pytest.raises(HandoutError, match="font 'No Such Font' is not installed"):
        fonts.missing_glyphs("a", ("No Such Font",))


def test_incomplete_catalog_withdraws_that_languages_handouts(tmp_path, handouts):
    project = copy_project(tmp_path / "project")
    catalog_path = project / "locale" / "es" / "LC_MESSAGES" / "summary.po"
    catalog = polib.pofile(str(catalog_path))
    catalog.find("A clinical trial can be a choice at any relapse.").flags.append("fuzzy")
    catalog.save()
    out = tmp_path / "es"
    out.mkdir()
    old = handouts["es"].out / "relapsed-all-at-a-glance-es-a4.pdf"
    (out / old.name).write_bytes(old.read_bytes())
    result = build_handouts(project, out, "es", handouts_definitions=summary_only(tmp_path))
    assert result.returncode == WITHDRAWN
    assert "locale/es/LC_MESSAGES/summary.po:" in result.stderr
    assert "error: fuzzy: 'A clinical trial can be a choice at any relapse.'" in result.stderr
    # The old PDF no longer matches the English: it is withdrawn, not left as current.
    assert list(out.glob("*.pdf*")) == []
    record = manifest.read(out)
    assert record.status == manifest.HELD_BACK and record.handouts == []
    assert any(
        "summary.po:" in line and "'A clinical trial can be a choice at any relapse.'" in line
        for line in record.problems
    )


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_english_change_without_update_po_stops_the_handout(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "summary.md"
    page.write_text(page.read_text("utf-8").replace("A clinical trial can", "A research study can"))
    result = build_handouts(
        project, tmp_path / "es", "es", handouts_definitions=summary_only(tmp_path)
    )
    assert result.returncode == WITHDRAWN
    assert (
        "docs/summary.md:" in result.stderr
        and "new English, not in the catalogs yet (run make update-po): "
        "'A research study can be a choice at any relapse.'"
        in result.stderr
    )


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_translated_attachment_link_is_refused_and_embeds_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog_path = project / "locale" / "es" / "LC_MESSAGES" / "summary.po"
    catalog = polib.pofile(str(catalog_path))
    entry = catalog.find("A clinical trial can be a choice at any relapse.")
    entry.msgstr = 'Un <a rel="attachment" href="file:///etc/passwd">ensayo</a> clínico es posible.'
    catalog.save()
    out = tmp_path / "es"
    result = build_handouts(project, out, "es", handouts_definitions=summary_only(tmp_path))
    # Stopped before any page is read (catalog_guard.py), as the site's build is.
    assert result.returncode == 2
    assert "locale/es/LC_MESSAGES/summary.po:" in result.stderr
    assert (
        'HTML markup \'<a rel="attachment" href="file:///etc/passwd">\' is not allowed'
        in result.stderr
    )
    assert list(out.glob("*.pdf")) == []


@pytest.mark.parametrize(
    "markup",
    [
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
        '<img src="file:///etc/hostname" alt="x">',
        '<img src="http://127.0.0.1:9/tracker.png" alt="x">',
        '<link rel="stylesheet" href="https://example.org/x.css">',
    ],
)
def test_weasyprint_reads_nothing_outside_the_build_tree(tmp_path, markup):
    html = f"<html lang='en'><body><p>Hello</p>{markup}</body></html>"
    # Attachments are fetched when the PDF is written, images and styles when laid out.
    with pytest.raises(HandoutError, match="WeasyPrint: .*(refused|disallowed protocol)"):
        pdf.make_pdfs([pdf.Job(html, [], tmp_path, [tmp_path], {"letter": tmp_path / "test.pdf"})])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_pdf_leaves_every_previous_pdf_untouched(tmp_path, workers):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    good = pdf.Job("<html lang='en'><p>new</p></html>", [], tmp_path, [tmp_path], {"letter": first})
    # No lang attribute: WeasyPrint refuses to write a tagged PDF of it.
    bad = pdf.Job("<html><p>new</p></html>", [], tmp_path, [tmp_path], {"letter": second})
    with pytest.raises(HandoutError, match='b.pdf: WeasyPrint: Missing required "lang"'):
        pdf.make_pdfs([good, bad], workers=workers)
    assert first.read_bytes() == b"old a" and second.read_bytes() == b"old b"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]


def test_pdfs_made_in_parallel_are_published_together(tmp_path):
    jobs = [
        pdf.Job(
            f"<html lang='en'><p>{n}</p></html>",
            [],
            tmp_path,
            [tmp_path],
            {"a4": tmp_path / f"{n}.pdf"},
        )
        for n in range(3)
    ]
    made = pdf.make_pdfs(jobs, workers=2)
    assert [result.target.name for result in made] == ["0.pdf", "1.pdf", "2.pdf"]
    assert all(result.pages == 1 and result.target.read_bytes()[:5] == b"%PDF-" for result in made)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["0.pdf", "1.pdf", "2.pdf"]


def test_an_incomplete_catalog_holds_back_only_the_handouts_that_print_it():
    incomplete = {
        "symptoms": ["locale/fr/LC_MESSAGES/symptoms.po:9: error: fuzzy"],
        "summary": ["locale/fr/LC_MESSAGES/summary.po:4: error: untranslated"],
    }
    assemble.require_complete(["when-to-call"], incomplete, compaction=False)
    with pytest.raises(IncompleteTranslation) as held:
        assemble.require_complete(["index", "symptoms"], incomplete, compaction=False)
    assert held.value.problems == incomplete["symptoms"]
    # The interface catalog, and what no one catalog owns, hold back every handout.
    for owner in ("sphinx", ""):
        with pytest.raises(IncompleteTranslation):
            assemble.require_complete([], {owner: ["a problem"]}, compaction=False)


def test_a_held_back_handout_is_recorded_and_its_old_pdfs_withdrawn(tmp_path):
    (tmp_path / "guide-fr-a4.pdf").write_bytes(b"old guide")
    job = pdf.Job(
        "<html lang='fr'><p>carte</p></html>", [], tmp_path, [tmp_path],
        {"a4": tmp_path / "card-fr-a4.pdf"},
    )  # fmt: skip
    card = definitions.Handout("card", "when-to-call", (), ("a4",))
    listings = {tmp_path / "card-fr-a4.pdf": publish.Listing(card, "Carte", "a4")}
    held = [publish.Held("guide", "Guide", ["symptoms.po:9: error: fuzzy"])]
    record = publish.start(tmp_path, "fr", lambda: publish.Jobs([job], listings, held), workers=1)()
    assert record.status == manifest.HELD_BACK
    assert [entry["file"] for entry in record.handouts] == ["card-fr-a4.pdf"]
    assert record.held == [
        {"handout": "guide", "title": "Guide", "problems": ["symptoms.po:9: error: fuzzy"]}
    ]
    assert record.problems == ["symptoms.po:9: error: fuzzy"]
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["card-fr-a4.pdf"]
    assert manifest.read(tmp_path) == record


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_two_clean_builds_give_byte_identical_pdfs(tmp_path):
    first, second = tmp_path / "one" / "en", tmp_path / "two" / "en"
    assert build_handouts(ROOT, first).returncode == 0
    assert build_handouts(ROOT, second).returncode == 0
    names = sorted(path.name for path in first.glob("*.pdf"))
    assert len(names) == 6  # the guide, the summary and the card, on two papers
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_missing_interface_message_stops_the_handout(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog_path = project / "locale" / "es" / "LC_MESSAGES" / "sphinx.po"
    catalog = polib.pofile(str(catalog_path))
    catalog.remove(catalog.find("Your child's care team"))
    catalog.save()
    out = tmp_path / "es"
    result = build_handouts(project, out, "es", handouts_definitions=summary_only(tmp_path))
    assert result.returncode == WITHDRAWN
    assert 'locale/es/LC_MESSAGES/sphinx.po:1: error: no entry for "Your child\'s care team"' in (
        result.stderr
    )
    assert list(out.glob("*.pdf")) == []


def test_overflow_report_names_the_parts_past_the_limit_and_what_to_shorten():
    from weasyprint import HTML

    filler = "<p>words</p>" * 40
    html = (
        "<html lang='en'><body><section><h2>What it is</h2>" + filler + "</section>"
        "<section class='care-team'><h2>Your child's care team</h2><p>Clinic</p></section>"
        "</body></html>"
    )
    document = HTML(string=html).render()
    assert len(document.pages) == 2
    advice = {"section": "the page", "care-team": "the clinic's name in clinic.toml"}
    report = pdf.overflow_report(document, 1, advice)
    assert report.startswith("Past page 1 (about ")
    assert "pt too much): the section 'What it is' (" in report
    assert "the care team box (" in report
    assert report.endswith("Shorten the page; or the clinic's name in clinic.toml.")
    # When only the boxes after the text ran past, the text may have pushed them there.
    boxes = "<section class='care-team'><h2>Care team</h2>" + "<p>Clinic</p>" * 60 + "</section>"
    document = HTML(string=f"<html lang='en'><body>{boxes}</body></html>").render()
    advice["text"] = "the handout's text in summary.po"
    report = pdf.overflow_report(document, 1, advice)
    assert "the section" not in report and "the care team box (" in report
    assert report.endswith(
        "Shorten the clinic's name in clinic.toml; or the handout's text in summary.po."
    )
