"""Handouts: every language's PDFs, read back as a clinic and a family would get them; a
language still being translated publishes none it cannot print in its own words."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from allguide import languages
from allguide.sphinxext import when_to_call

from conftest import COMPLETE, COMPLETE_TRANSLATIONS, LANGUAGES, ROOT, comparable, laid_out_lines

TABLE = languages.by_code()
PAPER_POINTS = {"letter": (612, 792), "a4": (595.28, 841.89)}
HANDOUTS = {
    "relapsed-all-guide": None,
    "relapsed-all-at-a-glance": 1,
    "relapsed-all-when-to-call": 1,
}
DRAFT_MARK = "Draft translation, not yet reviewed"


def without_marks(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def normalized(text: str) -> str:
    """One space between words; straight quotes (docutils prints typographic ones)."""
    plain = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return " ".join(plain.split())


def record(build) -> dict:
    """The language's manifest.json: the handouts it published, those it held back."""
    return json.loads((build.out / "manifest.json").read_text(encoding="utf-8"))


def manifest(build) -> list[dict]:
    """The handouts of a language that publishes them all."""
    found = record(build)
    assert found["status"] == "published", found["problems"]
    return found["handouts"]


def interface(code: str, message: str) -> str:
    """The language's translation of an interface message (English for English)."""
    if code == "en":
        return message
    entry = polib.pofile(str(ROOT / f"locale/{code}/LC_MESSAGES/sphinx.po")).find(message)
    return entry.msgstr


def page_title(code: str, page: str) -> str:
    first_line = next(
        line for line in (ROOT / "docs" / f"{page}.md").read_text("utf-8").splitlines()
        if line.startswith("# ")
    )  # fmt: skip
    english = first_line[2:].strip()
    if code == "en":
        return english
    return polib.pofile(str(ROOT / f"locale/{code}/LC_MESSAGES/{page}.po")).find(english).msgstr


@cache
def pdf_page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text as pypdf gives it back (read once per session: several tests
    read the same PDFs, and extraction is most of their time)."""
    return tuple(page.extract_text() for page in PdfReader(path).pages)


def page_texts(path: Path, code: str) -> list[str]:
    """Each page's text as a PDF reader gives it back; for Khmer, whose letters no PDF
    reader gives back whole, as WeasyPrint laid it out (the HTML kept beside the PDF)."""
    if code != "km":
        return list(pdf_page_texts(path))
    pages: dict[int, list[str]] = {}
    for page, *_, text in laid_out_lines(path.with_suffix(".html")):
        pages.setdefault(page, []).append(text.replace("\u200b", ""))
    return [" ".join(pages[number]) for number in sorted(pages)]


def pdfs(handouts, papers=tuple(PAPER_POINTS)):
    """Every complete language's handouts (the bilingual sheets have tests of their own).

    What is drawn on the page is checked on Letter only (papers=("letter",)): the A4
    copy is the same drawing, as test_letter_and_a4_draw_the_same_pages_centred checks
    for every PDF."""
    for code in COMPLETE:
        for entry in manifest(handouts[code]):
            if not entry["bilingual"] and entry["paper"] in papers:
                yield code, entry, handouts[code].out / entry["file"]


LETTER = ("letter",)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_handout_is_published_or_held_back_with_no_pdf(handouts, code):
    """The PDFs in the folder are exactly those the manifest lists; a handout held back
    until translated has none (a language at 0% has none at all)."""
    build = handouts[code]
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log and "ERROR" not in build.log
    found = record(build)
    files = sorted(path.name for path in build.out.glob("*.pdf"))
    assert files == sorted(entry["file"] for entry in found["handouts"])
    held = {waiting["handout"] for waiting in found["held"]}
    assert held.isdisjoint(entry["handout"] for entry in found["handouts"]), held
    assert found["status"] == ("held-back" if held else "published"), found["problems"]


@pytest.mark.parametrize("code", COMPLETE)
def test_every_handout_is_built_in_both_papers(handouts, code):
    build = handouts[code]
    files = sorted(path.name for path in build.out.glob("*.pdf"))
    # Every translation also has its bilingual sheets: English beside the language.
    languages_of_files = [code] if code == "en" else [code, f"en-{code}"]
    expected = sorted(
        f"{handout}-{languages}-{paper}.pdf"
        for handout in HANDOUTS
        for paper in PAPER_POINTS
        for languages in languages_of_files
        if languages == code or handout == "relapsed-all-at-a-glance"
    )
    if code != "en":
        expected += [f"relapsed-all-when-to-call-en-{code}-{paper}.pdf" for paper in PAPER_POINTS]
        expected.sort()
    assert files == expected
    assert sorted(entry["file"] for entry in manifest(build)) == expected


def test_page_size_page_count_lang_and_structure(handouts):
    for code, entry, path in pdfs(handouts):
        reader = PdfReader(path)
        width, height = PAPER_POINTS[entry["paper"]]
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - width) < 0.01 and abs(float(box.height) - height) < 0.01
        assert len(reader.pages) == entry["pages"]
        if HANDOUTS[entry["handout"]] is not None:
            assert len(reader.pages) == HANDOUTS[entry["handout"]], path.name
        root = reader.trailer["/Root"]
        assert root["/Lang"] == TABLE[code].html_lang
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert reader.metadata.title == entry["title"]
        assert reader.metadata.author.startswith("The relapsed ALL family guide project")


def test_letter_and_a4_draw_the_same_pages_centred(handouts):
    """One layout on both papers (handouts/paper.py): for every PDF, bilingual sheets
    included, the A4 copy has the same pages drawn by the same content streams, and each
    page's text sits half the difference of the papers away (3 mm across on Letter,
    9 mm down on A4)."""
    (letter_w, letter_h), (a4_w, a4_h) = PAPER_POINTS["letter"], PAPER_POINTS["a4"]
    compared = 0
    for code in COMPLETE:
        for entry in (e for e in manifest(handouts[code]) if e["paper"] == "letter"):
            letter = handouts[code].out / entry["file"]
            a4 = letter.with_name(entry["file"].replace("-letter.pdf", "-a4.pdf"))
            letter_pages, a4_pages = PdfReader(letter).pages, PdfReader(a4).pages
            assert len(letter_pages) == len(a4_pages) == entry["pages"], letter.name
            for on_letter, on_a4 in zip(letter_pages, a4_pages, strict=True):
                drawn = on_letter.get_contents().get_data()
                assert drawn == on_a4.get_contents().get_data(), letter.name
                compared += 1
            # Where the first word of page 1 is, from each paper's top left corner.
            first = {}
            for paper, path in (("letter", letter), ("a4", a4)):
                words = subprocess.run(
                    ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                match = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)"', words)
                first[paper] = float(match[1]), float(match[2])
            (letter_x, letter_y), (a4_x, a4_y) = first["letter"], first["a4"]
            assert abs((letter_x - a4_x) - (letter_w - a4_w) / 2) < 0.1, letter.name
            assert abs((a4_y - letter_y) - (a4_h - letter_h) / 2) < 0.1, letter.name
    assert compared > 13 * 10, compared


def test_every_font_is_embedded_and_subset(handouts):
    for code, _entry, path in pdfs(handouts):
        fonts = {}
        for page in PdfReader(path).pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                fonts[font["/BaseFont"]] = font
        assert fonts, path.name
        for name, font in fonts.items():
            assert re.match(r"^/[A-Z]{6}\+", name), f"{path.name}: {name} is not a subset"
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name
        expected_family = {"zh_CN": "CJK", "ar": "Arabic"}.get(code, "Noto-Sans")
        assert any(expected_family in str(name) for name in fonts), (path.name, list(fonts))


@pytest.mark.parametrize("code", COMPLETE)
def test_guide_text_is_the_catalogs_text(handouts, code):
    path = handouts[code].out / f"relapsed-all-guide-{code}-a4.pdf"
    text = comparable(" ".join(page_texts(path, code)))
    for page in ["symptoms", "treatment", "glossary", "about"]:
        title = page_title(code, page)
        assert comparable(title) in text, (code, title)
    # A whole sentence from the catalog, as printed.
    english = (
        "No two children are the same. No one can say for sure how treatment will go for "
        "your child. Doctors call the likely course of an illness the {term}`prognosis`."
    )
    sentence = english
    if code != "en":
        catalog = polib.pofile(str(ROOT / f"locale/{code}/LC_MESSAGES/outlook.po"))
        sentence = catalog.find(english).msgstr
    first = re.split(r"(?<=[.。!?។])\s*", sentence)[0]
    assert comparable(first) in text, (code, first)


def test_footer_says_page_n_of_m_on_every_page(handouts):
    for code, _entry, path in pdfs(handouts, LETTER):
        pattern = interface(code, "Page %(page)s of %(pages)s")
        texts = page_texts(path, code)
        total = len(texts)
        for number, page_text in enumerate(texts, start=1):
            text = normalized(page_text)
            if code == "ar":
                # Visual order: both numbers are there, beside the translated words.
                assert f"{number} " in text and f" {total}" in text
                assert all(
                    word in text
                    for word in pattern.replace("%(page)s", "").replace("%(pages)s", "").split()
                )
            else:
                expected = pattern % {"page": number, "pages": total}
                assert normalized(expected) in text, (path.name, number, expected)


def test_draft_mark_on_every_page_of_draft_languages_only(handouts):
    for code, _entry, path in pdfs(handouts, LETTER):
        for page_text in pdf_page_texts(path):
            marked = DRAFT_MARK in normalized(page_text)
            assert marked == TABLE[code].is_draft, (path.name, code)


def test_back_matter_has_review_dates_source_and_disclaimer(handouts):
    for code, _entry, path in pdfs(handouts, LETTER):
        last_page = normalized(page_texts(path, code)[-1])
        assert "2026-11-27" in last_page or "27-11-2026" in last_page
        assert "2029-11-27" in last_page or "27-11-2029" in last_page
        for message in [
            "This handout does not replace the advice of your child's care team.",
            "Based on patient information published by a children's cancer center.",
        ]:
            # Compared without spaces: a line break inside a Chinese sentence reads as one.
            words = interface(code, message).split()
            assert all(word in last_page.replace(" ", "") for word in words[:2]), (
                path.name,
                message,
            )


def test_guide_has_outline_contents_and_working_internal_links(handouts):
    for code in COMPLETE:
        reader = PdfReader(handouts[code].out / f"relapsed-all-guide-{code}-letter.pdf")
        outline_titles = [
            comparable(item.title) for item in reader.outline if not isinstance(item, list)
        ]
        assert comparable(page_title(code, "symptoms")) in outline_titles
        destinations = reader.named_destinations
        links = [
            annotation.get_object()
            for page in reader.pages
            for annotation in page.get("/Annots", [])
            if annotation.get_object().get("/Subtype") == "/Link"
        ]
        internal = [link for link in links if "/Dest" in link]
        assert len(internal) > 50, code  # glossary terms and the contents
        for link in internal:
            assert str(link["/Dest"]) in destinations, (code, link["/Dest"])
        for link in links:
            uri = str(link.get("/A", {}).get("/URI", ""))
            assert "#document-" not in uri and not uri.startswith("#"), uri


def test_paper_prints_no_sample_address_and_no_qr_code_without_baseurl(handouts):
    """The suite builds without BASEURL: no PDF may send a family to the placeholder.
    (test_qr_codes.py builds with a real address and decodes every code.)"""
    every = [handouts[code].out / entry["file"] for code in LANGUAGES
             for entry in record(handouts[code])["handouts"]]  # fmt: skip
    assert len(every) > 100  # the bilingual sheets too
    for path in every:
        reader = PdfReader(path)
        text = "".join(normalized(page.extract_text()) for page in reader.pages)
        assert "example.org" not in text and "BASEURL" not in text, path.name
        assert "Read this online" not in text, path.name
        uris = [
            str(annotation.get_object().get("/A", {}).get("/URI", ""))
            for page in reader.pages
            for annotation in page.get("/Annots", [])
        ]
        assert not any("example.org" in uri for uri in uris), path.name


def test_first_page_renders_to_ink(handouts, tmp_path):
    for _code, _entry, path in pdfs(handouts, LETTER):
        target = tmp_path / f"{path.stem}"
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "20", "-gray", str(path), str(target)],
            check=True,
        )
        image = next(tmp_path.glob(f"{path.stem}*.pgm")).read_bytes()
        header, pixels = image.split(b"\n", 3)[:3], image.split(b"\n", 3)[3]
        assert header[0] == b"P5"
        dark = sum(1 for value in pixels if value < 128)
        # A blank page has no dark pixels at all; a printed cover has thousands.
        assert dark / len(pixels) > 0.005, f"{path.name}: page 1 is blank"


def test_site_lists_and_ships_each_languages_handouts(site, handouts):
    """Each language's page lists the PDFs its build published, and no other."""
    for code in LANGUAGES:
        page = BeautifulSoup(site[code].page("handouts.html"), "html.parser")
        rows = page.select("table.handout-list tbody tr")
        entries = record(handouts[code])["handouts"]
        assert len(rows) == len(entries)
        for row, entry in zip(rows, entries, strict=True):
            link = row.find("a")
            assert link["href"] == f"handouts/{entry['file']}"
            shipped = site[code].out / link["href"]
            assert shipped.read_bytes() == (handouts[code].out / entry["file"]).read_bytes()
            cells = [cell.get_text(strip=True) for cell in row.find_all("td")]
            assert cells[2] == str(entry["pages"])
            assert re.search(r"\d", cells[3])
            assert cells[1] == interface(code, entry["paper_name"])


def test_handout_titles_are_translated(handouts):
    for code in COMPLETE_TRANSLATIONS:
        titles = {entry["handout"]: entry["title"] for entry in manifest(handouts[code])}
        assert titles["relapsed-all-guide"] == page_title(code, "index")
        assert titles["relapsed-all-at-a-glance"] == page_title(code, "summary")
        assert all(title != page_title("en", "index") for title in titles.values())


def test_pdf_paths_are_inside_the_build(handouts):
    assert all(
        Path(path).is_relative_to(handouts["en"].out.parent) for _c, _e, path in pdfs(handouts)
    )


def test_body_text_is_at_least_12_points(handouts):
    from collections import Counter

    for _code, _entry, path in pdfs(handouts, LETTER):
        sizes: Counter[float] = Counter()

        def count(text, matrix, text_matrix, font, size, sizes=sizes):
            if text.strip():
                # WeasyPrint draws in CSS pixels inside a 0.75 (px to pt) matrix.
                sizes[round(size * matrix[0] * text_matrix[0], 1)] += len(text.strip())

        for page in PdfReader(path).pages:
            page.extract_text(visitor_text=count)
        # The one-page summary may set its panel and care team box at 11 pt (issue 10:
        # "shorten, don't shrink below 11 pt"); everything else is 12 pt.
        smallest = 11 if "at-a-glance" in path.name or "when-to-call" in path.name else 12
        body_size, _characters = sizes.most_common(1)[0]
        assert body_size >= smallest, (path.name, sizes.most_common(4))
        # Footers, back matter and the list of sources (reference, not reading: 9.5 pt and
        # smaller) are left out; of the rest, the body at full size is most of the text.
        read = {size: n for size, n in sizes.items() if size > 9.5}
        at_least = sum(n for size, n in read.items() if size >= smallest)
        assert at_least / sum(read.values()) > 0.5, (path.name, sizes.most_common(4))


# Issue 10: the English guide fits in 10 Letter pages at 12 pt (in two columns); issue
# 17 added the urgent plan on page 1 (at 12 pt), care at home with newer treatments and
# the sources for them.
GUIDE_LETTER_PAGES = 13


def test_english_guide_page_count_and_purpose_on_page_1(handouts):
    reader = PdfReader(handouts["en"].out / "relapsed-all-guide-en-letter.pdf")
    assert len(reader.pages) <= GUIDE_LETTER_PAGES
    assert "This guide is for parents and caregivers" in normalized(reader.pages[0].extract_text())


def _words_on(page_text: str, phrase: str) -> list[str]:
    """The first two words of `phrase` not found on the page. Word by word: a heading may
    wrap, and right-to-left lines come out of the PDF in visual order; Chinese has no
    spaces, so it is compared whole. Without combining marks: text read back from a PDF
    may split Arabic ligatures and vowel signs apart."""

    def letters(text: str) -> str:
        # Punctuation moves in right-to-left text read back ("قل:" comes out as ":قل").
        return re.sub(r"[\W_]", "", without_marks(text))

    joined = letters(page_text)
    return [w for w in phrase.split()[:2] if letters(w) not in joined]


def public_values(code: str) -> list[str]:
    """The public edition's numbers, as the panel prints them in the language."""
    temperature = when_to_call.temperature_text(38.0, "C", code)
    return [*re.findall(r"\d+(?:\D\d)?", temperature), "911"]


def test_when_to_call_panel_is_on_page_1_of_the_guide_and_on_the_summary(handouts):
    for code in COMPLETE:
        for handout in ("relapsed-all-guide", "relapsed-all-at-a-glance"):
            # On paper, page 1 and the summary carry the two levels that cannot wait.
            levels = when_to_call.LEVELS[:2]
            headings = [interface(code, level.heading) for level in levels]
            for paper in LETTER:
                path = handouts[code].out / f"{handout}-{code}-{paper}.pdf"
                first_page = page_texts(path, code)[0]
                for heading in headings:
                    assert _words_on(first_page, heading) == [], (path.name, heading)
                # No clinic profile: the public fever threshold (both units) and 911.
                compact = "".join(first_page.split())
                for value in public_values(code):
                    assert value in compact, (path.name, value)
                assert "________" not in first_page, path.name


@pytest.mark.parametrize("code", COMPLETE)
def test_the_guides_first_page_holds_the_care_team_box(handouts, code):
    """Issue 19: in every translated guide the box was pushed to page 2 by the panel (on
    a two-sided print the phone lines were on the back). It now comes before the panel."""
    for paper in LETTER:
        path = handouts[code].out / f"relapsed-all-guide-{code}-{paper}.pdf"
        first_page = page_texts(path, code)[0]
        for label in ("Your child's care team", "Phone", "After-hours phone"):
            assert _words_on(first_page, interface(code, label)) == [], (path.name, label)


@pytest.mark.parametrize("code", COMPLETE)
def test_when_to_call_card_is_one_page_with_the_plan_and_the_care_team_box(handouts, code):
    """The one-language card, for the fridge door: every level, the numbered steps, the
    fever threshold in both units, 911 and the care team box's labelled lines."""
    for paper in PAPER_POINTS:
        path = handouts[code].out / f"relapsed-all-when-to-call-{code}-{paper}.pdf"
        reader = PdfReader(path)
        assert len(reader.pages) == 1, path.name
        box = reader.pages[0].mediabox
        assert [round(box.width), round(box.height)] == [round(v) for v in PAPER_POINTS[paper]]
    path = handouts[code].out / f"relapsed-all-when-to-call-{code}-letter.pdf"
    text = page_texts(path, code)[0]
    compact = "".join(text.split())
    # The card: the two levels that cannot wait, the steps, and where the others are.
    phrases = [level.heading for level in when_to_call.LEVELS[:2]]
    phrases += [when_to_call.STEPS, *when_to_call.STEP_LIST, "Your child's care team"]
    phrases += [when_to_call.OTHER_SIGNS]
    phrases += ["Phone", "After-hours phone"]
    for phrase in phrases:
        printed = interface(code, phrase).replace("%(number)s", "911")
        assert _words_on(text, printed) == [], (path.name, phrase)
    for value in public_values(code):
        assert value in compact, (path.name, value)
    # The steps are numbered 1 to 5 (an ordered list, drawn by WeasyPrint as "1." ...).
    # (Khmer is read from the laid-out HTML, which holds no list markers.)
    if code != "km":
        for number in range(1, len(when_to_call.STEP_LIST) + 1):
            # (Right to left, the marker reads back as ".1".)
            assert f"{number}." in compact or f".{number}" in compact, (path.name, number)


def _headings(site_build) -> set[str]:
    """Every heading of a language's pages, as printed."""
    headings = set()
    for page in site_build.out.glob("*.html"):
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for heading in document.select("article h1, article h2, article h3"):
            for link in heading.select("a.headerlink"):
                link.decompose()
            headings.add(normalized(heading.get_text()))
    return headings


def test_no_page_ends_with_a_heading(handouts, site):
    edition = "2026-11-27"
    for code in COMPLETE:
        headings = _headings(site[code])
        for paper in LETTER:
            texts = pdf_page_texts(handouts[code].out / f"relapsed-all-guide-{code}-{paper}.pdf")
            for number, page_text in enumerate(texts[:-1], start=1):
                lines = [
                    normalized(line)
                    for line in page_text.splitlines()
                    # Leave out the page furniture: footer, counter, draft mark.
                    if line.strip() and edition[:4] not in line and "Draft translation" not in line
                ]
                last = lines[-1] if lines else ""
                ends_a_heading = any(
                    heading == last or (len(last) > 3 and heading.endswith(last))
                    for heading in headings
                )
                assert not ends_a_heading, (code, paper, number, last)


def test_every_pdf_is_within_its_size_limit(handouts):
    from allguide.handouts.definitions import pdf_limit_kb

    for code, _entry, path in pdfs(handouts):
        limit = pdf_limit_kb(TABLE[code].fonts)
        assert path.stat().st_size <= limit * 1024, (path.name, path.stat().st_size, limit)


def embedded_fonts(path: Path) -> dict[str, int]:
    """Each embedded font's name and the size of its font program."""
    found = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = next(
                descriptor[key] for key in ("/FontFile2", "/FontFile3") if key in descriptor
            )
            found[str(font["/BaseFont"])] = len(program.get_object().get_data())
    return found


def test_chinese_headings_are_bold_from_a_small_copy_of_the_cjk_face(handouts):
    """Issue 10: bold Chinese headings again, within 400 KB (font_subsets.py)."""
    path = handouts["zh_CN"].out / "relapsed-all-guide-zh_CN-letter.pdf"
    fonts = embedded_fonts(path)
    cjk = {name: size for name, size in fonts.items() if "CJK" in name}
    assert any(name.endswith("Handout-Subset-Bold") for name in cjk), fonts
    assert any(name.endswith("Handout-Subset") for name in cjk), fonts
    # The system's faces keep glyph numbers up to 65,535: each brought ~800 KB unpacked.
    assert all(size < 300_000 for size in cjk.values()), cjk
    heading = page_title("zh_CN", "what-is-relapse")
    bold_text = []

    def collect(text, _matrix, _text_matrix, font, _size):
        if font is not None and str(font.get("/BaseFont", "")).endswith("Bold"):
            bold_text.append(text)

    for page in PdfReader(path).pages[:3]:
        page.extract_text(visitor_text=collect)
    assert heading[:6] in "".join("".join(bold_text).split()), heading


def _top_of(path: Path, phrase: str) -> float:
    """How far from the top of page 1 the first piece of `phrase` is drawn (points)."""
    page = PdfReader(path).pages[0]
    height = float(page.mediabox.height)
    found: list[float] = []
    start = comparable(phrase)[:12]

    def visit(text, matrix, text_matrix, _font, _size):
        piece = comparable(text)
        # The first piece drawn of the phrase: long enough to tell, and its beginning.
        if start and len(piece) >= min(4, len(start)) and start.startswith(piece[: len(start)]):
            found.append(height - (matrix[3] * text_matrix[5] + matrix[5]))

    page.extract_text(visitor_text=visit)
    assert found, (path.name, phrase)
    return found[0]


@pytest.mark.parametrize("code", [code for code in COMPLETE if code != "km"])
def test_the_cards_steps_end_above_the_care_team_box(handouts, code):
    """The plan never runs over the box below it (a grid once let the steps overrun the
    care team's phone lines while the page count stayed 1)."""
    path = handouts[code].out / f"relapsed-all-when-to-call-{code}-letter.pdf"
    last_step = _top_of(path, interface(code, when_to_call.STEP_LIST[-1]))
    care_team = _top_of(path, interface(code, "Your child's care team"))
    assert last_step < care_team, (path.name, last_step, care_team)


NEW_HEADINGS = {
    "treatment": "Care at home with newer treatments",
    "when-to-call": "When to Call for Help",
}


@pytest.mark.parametrize("code", COMPLETE)
def test_new_content_is_on_the_site_and_in_the_guide(site, handouts, code):
    """Issue 17's new content reaches readers in every language: the home-care section in
    the site and the guide, the when-to-call page on the site, and MRD explained."""
    guide = " ".join(page_texts(handouts[code].out / f"relapsed-all-guide-{code}-letter.pdf", code))
    for page, english in NEW_HEADINGS.items():
        heading = english if code == "en" else translation_of(code, page, english)
        html = soup(site[code].out / f"{page}.html")
        assert normalized(heading) in normalized(html.select_one("article").get_text(" ")), page
        if page == "treatment":
            assert _words_on(guide, heading) == [], (code, heading)
    glossary = soup(site[code].out / "glossary.html")
    ids = {element.get("id", "") for element in glossary.select("dt")}
    assert "term-measurable-residual-disease" in ids and "term-central-line" in ids, code


def translation_of(code: str, page: str, english: str) -> str:
    entry = polib.pofile(str(ROOT / f"locale/{code}/LC_MESSAGES/{page}.po")).find(english)
    assert entry is not None and entry.msgstr, (code, page, english)
    return entry.msgstr


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_arabic_handouts_print_dates_as_written(handouts):
    """Issue 19: in Arabic the edition date printed as 27-11-2026 (the bidi algorithm
    turns a run of digits and hyphens around); isolated, it reads 2026-11-27."""
    edition = "2026-11-27"
    turned = "-".join(reversed(edition.split("-")))
    for entry in manifest(handouts["ar"]):
        path = handouts["ar"].out / entry["file"]
        shown = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert turned not in shown, path.name
        assert edition in shown, path.name


def test_arabic_pages_isolate_addresses_dates_and_english(site):
    """On the site, each left-to-right run of an Arabic page is its own isolate."""
    about = BeautifulSoup((site["ar"].out / "about.html").read_text("utf-8"), "html.parser")
    article = about.find("article")
    runs = [span.get_text() for span in article.select("span.ltr")]
    assert any(run.startswith("https://") for run in runs)
    for link in article.select("a.reference.external"):
        text = link.get_text()
        if text.startswith("http"):
            assert link.select_one("span.ltr") is not None or link.find_parent(
                "span", class_="ltr"
            ), text
    # Not on left-to-right pages.
    english = (site["en"].out / "about.html").read_text("utf-8")
    assert 'class="ltr"' not in english
