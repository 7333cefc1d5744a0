"""Figures whose words are translated messages: read back from the site's SVG, from a real
browser's layout, from the guide's PDF text and from its structure tree, in every language."""

from __future__ import annotations

import re
import subprocess

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from allguide import languages
from allguide.devtools.browser import PHONE, serve
from allguide.figures.layout import (
    Label,
    LabelDoesNotFit,
    LabelHasNoGlyph,
    Slot,
    break_units,
    fit,
    load_template,
    text_width,
)

from conftest import (
    COMPLETE,
    LANGUAGES,
    ROOT,
    comparable,
    copy_project,
    laid_out_lines,
    sphinx_build,
)

TABLE = languages.by_code()
# Each figure: the page that shows it, and the labels of the template.
FIGURES = {
    "marrow": "what-is-relapse",
    "relapse-sites": "treatment",
    "treatment-path": "treatment",
    "when-to-call": "symptoms",
}
SLOTS = {
    name: list(load_template(ROOT / "docs" / "figures" / f"{name}.svg").slots) for name in FIGURES
}


def english_texts(name: str) -> dict[str, str]:
    """The figure's English caption, alt text and labels, from its directive in the page."""
    source = (ROOT / "docs" / f"{FIGURES[name]}.md").read_text(encoding="utf-8")
    block = re.search(r"```\{labelled-figure\} " + name + r"\n(.*?)```", source, re.S)[1]
    texts = {"alt": re.search(r":alt: (.*)", block)[1]}
    body = block.split("\n\n", 1)[1]
    caption, labels = body.split("\n\n", 1)
    texts["caption"] = " ".join(caption.split())
    for line in labels.strip().splitlines():
        slot, text = line.split(": ", 1)
        texts[slot] = text
    return texts


def translated(code: str, name: str) -> dict[str, str]:
    """What each of the figure's texts must read in `code` (the English for English)."""
    texts = english_texts(name)
    if code == "en":
        return texts
    catalog = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / f"{FIGURES[name]}.po"))
    result = {}
    for key, english in texts.items():
        entry = catalog.find(english)
        assert entry is not None and entry.msgstr and "fuzzy" not in entry.flags, (code, english)
        result[key] = entry.msgstr
    return result


def figure_svg(site, code: str, name: str):
    soup = BeautifulSoup(site[code].page(f"{FIGURES[name]}.html"), "html.parser")
    figure = soup.find("figure", attrs={"data-template": name})
    assert figure is not None, (code, name)
    return figure


# -- The layout, on its own -------------------------------------------------------------


def test_lines_break_at_spaces_and_between_ideographs_not_before_punctuation():
    assert break_units("Red blood cells") == ["Red ", "blood ", "cells"]
    assert break_units("白细胞，抵抗感染。") == ["白", "细", "胞，", "抵", "抗", "感", "染。"]
    assert break_units("in-between (yes).") == ["in-", "between ", "(yes)."]
    # Khmer: between the words ICU finds; a bracket stays with its word.
    assert break_units("តាមសរសៃឈាម (IV)", "km") == ["តាម", "សរសៃឈាម ", "(IV)"]


def test_a_label_is_set_as_large_as_fits_and_wrapped_within_its_box():
    slot = Slot("s", 0, 0, 120, 60, 18, 12, False)
    placed = fit(slot, Label("Spinal cord and the fluid around it", "en", "ltr"), ("Noto Sans",))
    assert len(placed.lines) > 1
    for line in placed.lines:
        assert text_width(line, placed.size, ("Noto Sans",)) <= slot.width
    assert len(placed.lines) * placed.size * 1.2 <= slot.height
    # The next size up would not have fitted.
    assert placed.size < 18
    with pytest.raises(LabelDoesNotFit):
        larger = placed.size + 0.5
        fit(Slot("s", 0, 0, 120, 60, larger, larger, False), placed.label, ("Noto Sans",))


def test_a_label_that_cannot_fit_even_small_is_refused():
    slot = Slot("s", 0, 0, 60, 20, 16, 12, False)
    with pytest.raises(LabelDoesNotFit, match="slot 's'"):
        fit(slot, Label("Supercalifragilisticexpialidocious", "en", "ltr"), ("Noto Sans",))


def test_a_character_no_font_of_the_language_has_is_refused():
    slot = Slot("s", 0, 0, 200, 40, 16, 12, False)
    with pytest.raises(LabelHasNoGlyph, match="U\\+1F600"):
        fit(slot, Label("Red cells \U0001f600", "en", "ltr"), ("Noto Sans",))


def test_arabic_is_measured_shaped_in_its_own_font():
    # Joined Arabic letters are narrower than the same letters set apart.
    word = "الدم"
    joined = text_width(word, 20, ("Noto Sans Arabic",))
    apart = sum(text_width(letter, 20, ("Noto Sans Arabic",)) for letter in word)
    assert joined < apart


# -- The site ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", COMPLETE)
def test_every_figure_shows_its_translated_words_in_the_site(site, code):
    language = TABLE[code]
    for name in FIGURES:
        figure = figure_svg(site, code, name)
        svg = figure.find("svg")
        want = translated(code, name)
        assert svg["role"] == "img"
        title = svg.find("title")
        assert svg["aria-labelledby"] == title["id"]
        assert comparable(title.get_text()) == comparable(want["alt"])
        assert comparable(figure.figcaption.get_text()) == comparable(want["caption"])
        texts = {text["data-slot"]: text for text in svg.find_all("text")}
        assert sorted(texts) == sorted(SLOTS[name])
        for slot, text in texts.items():
            assert comparable(text.get_text()) == comparable(want[slot]), (code, name, slot)
            assert text["lang"] == language.html_lang
            assert text["direction"] == language.direction
            assert text.find_all("tspan"), "one tspan per line"


def test_the_path_reads_right_to_left_in_arabic_and_bodies_are_not_mirrored(site):
    def centre(code: str, name: str, slot: str) -> float:
        svg = figure_svg(site, code, name).find("svg")
        x, _y, width, _height = map(
            float, svg.find("text", attrs={"data-slot": slot})["data-box"].split()
        )
        return x + width / 2

    for code in LANGUAGES:
        path = figure_svg(site, code, "treatment-path").find("svg")
        rtl = TABLE[code].direction == "rtl"
        assert (path.get("data-mirrored") == "true") == rtl
        drawing = path.find("g", class_="drawing")
        assert ("matrix(-1 0 0 1" in drawing.get("transform", "")) == rtl
        # "Yes" leads left in English, right in Arabic; the first way of giving medicine too.
        assert (centre(code, "treatment-path", "yes") > 200) == rtl
        assert (centre(code, "treatment-path", "by-vein") > 200) == rtl
        for body in ("marrow", "relapse-sites"):
            svg = figure_svg(site, code, body).find("svg")
            assert "data-mirrored" not in svg.attrs
            assert not svg.find("g", class_="drawing").get("transform")
        assert centre(code, "relapse-sites", "brain") < 200


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site["en"].out.parent) as url:
        yield url


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_label_leaves_its_box_in_a_real_browser(browser, base_url, code):
    """Chromium's own shaping of every label line, at phone width, against its box.

    The lines carry textLength (the width we measured) for phones without the Noto
    fonts; it is removed first, so Chromium sets each line at its natural width.
    Across, the line's box must stay in the slot; down, the lines at 1.2 em each.
    """
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    tab = context.new_page()
    outside = []
    for page in sorted(set(FIGURES.values())):
        tab.goto(f"{base_url}/{code}/{page}.html")
        outside += tab.evaluate(
            """() => [...document.querySelectorAll('figure.labelled-figure text')].flatMap(text => {
                const [x, y, w, h] = text.dataset.box.split(' ').map(Number);
                const lines = [...text.querySelectorAll('tspan')];
                lines.forEach(line => {
                    line.removeAttribute('textLength');
                    line.removeAttribute('lengthAdjust');
                });
                const box = text.getBBox();
                const size = parseFloat(text.getAttribute('font-size'));
                const slack = 0.5;
                const tooWide = box.x < x - slack || box.x + box.width > x + w + slack;
                const tooTall = lines.length * size * 1.2 > h + slack;
                return tooWide || tooTall
                    ? [[text.closest('figure').dataset.template, text.dataset.slot,
                        [box.x, box.width, lines.length, size].map(Math.round), [x, w, h]]]
                    : [];
            })"""
        )
        # Sized for a 360 px phone: no figure is wider than the screen.
        widths = tab.evaluate(
            "() => [...document.querySelectorAll('figure.labelled-figure svg')]"
            ".map(svg => svg.getBoundingClientRect().right)"
        )
        assert widths and max(widths) <= PHONE["width"], (page, widths)
    context.close()
    assert not outside, outside


# -- The handouts -------------------------------------------------------------------------


def guide(handouts, code: str, paper: str = "letter"):
    return handouts[code].out / f"relapsed-all-guide-{code}-{paper}.pdf"


def printed_text(path, direction: str, code: str) -> str:
    """The PDF's text as pdftotext reads it; pypdf for right-to-left scripts, because
    pdftotext turns each Arabic lam-alef ligature around ("تمأل" for "تملأ"); and for
    Khmer, whose letters no PDF reader gives back whole, WeasyPrint's layout of it."""
    if code == "km":
        return " ".join(line[-1] for line in laid_out_lines(path.with_suffix(".html")))
    if direction == "rtl":
        return " ".join(page.extract_text() for page in PdfReader(path).pages)
    command = ["pdftotext", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("code", COMPLETE)
def test_every_figure_is_in_the_guide_with_its_translated_labels(handouts, code):
    direction = TABLE[code].direction
    text = printed_text(guide(handouts, code), direction, code)
    # (pdftotext drops the hyphen of a word broken at the end of a line.)
    printed = comparable(text).replace("-", "")
    for name in FIGURES:
        for slot, label in translated(code, name).items():
            if slot == "alt":
                continue
            if direction == "ltr":
                assert comparable(label).replace("-", "") in printed, (code, name, slot, label)
            else:
                # Readers put a wrapped right-to-left line's brackets in visual order,
                # and run labels side by side together: each word is looked for.
                missing = [word for word in re.findall(r"\w+", label) if word not in printed]
                assert not missing, (code, name, slot, missing)


def structure_figures(path) -> list[str]:
    """The /Alt text of every Figure in the PDF's structure tree."""
    reader = PdfReader(path)
    found = []

    def walk(element):
        element = element.get_object()
        if isinstance(element, dict) or hasattr(element, "get"):
            if element.get("/S") == "/Figure" and "/Alt" in element:
                found.append(str(element["/Alt"]))
            kids = element.get("/K")
            if kids is None:
                return
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") or isinstance(kid, dict):
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("code", COMPLETE)
def test_figures_are_tagged_with_their_alt_text_in_the_pdf(handouts, code):
    alts = [comparable(alt) for alt in structure_figures(guide(handouts, code))]
    for name in FIGURES:
        assert comparable(translated(code, name)["alt"]) in alts, (code, name)


def test_no_pdf_holds_a_raster_image(handouts):
    for code in LANGUAGES:
        for path in sorted(handouts[code].out.glob("*.pdf")):
            for number, page in enumerate(PdfReader(path).pages, 1):
                objects = page["/Resources"].get("/XObject") or {}
                images = [
                    name for name, xobject in objects.items()
                    if xobject.get_object().get("/Subtype") == "/Image"
                ]  # fmt: skip
                assert not images, (path.name, number, images)


# -- After day one: a translator's label that is too long, or not translated yet ------------


def _set_msgstr(catalog_path, english: str, msgstr: str) -> int:
    catalog = polib.pofile(str(catalog_path))
    entry = catalog.find(english)
    entry.msgstr = msgstr
    catalog.save()
    return polib.pofile(str(catalog_path)).find(english).linenum


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_a_label_too_long_to_fit_stops_the_build_naming_the_catalog_entry(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog = project / "locale" / "es" / "LC_MESSAGES" / "treatment.po"
    line = _set_msgstr(catalog, "Yes", "Sí, completamente, sin ninguna duda")
    result = sphinx_build(project, tmp_path / "out" / "html" / "es", "es")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"locale/es/LC_MESSAGES/treatment.po:{line}" in log, log
    assert "does not fit its box" in log and "slot 'yes'" in log
    assert "Traceback" not in log


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_an_untranslated_label_shows_the_english_marked_as_english(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog = project / "locale" / "ar" / "LC_MESSAGES" / "what-is-relapse.po"
    _set_msgstr(catalog, "Platelets", "")
    out = tmp_path / "out" / "html" / "ar"
    result = sphinx_build(project, out, "ar")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((out / "what-is-relapse.html").read_text("utf-8"), "html.parser")
    label = soup.find("text", attrs={"data-slot": "platelets"})
    assert label.get_text() == "Platelets"
    assert label["lang"] == "en" and label["direction"] == "ltr"
    # The others stay Arabic, and the page says that parts are in English.
    assert soup.find("text", attrs={"data-slot": "red"})["lang"] == "ar"
    assert soup.find(class_="translation-notice-partial") is not None
    assert "Some parts are in English." in soup.get_text()


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_a_label_for_a_slot_the_template_lacks_is_an_error_at_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "symptoms.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source.replace("next-visit-items: ", "next-visits: "), encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    line = lines.index("```{labelled-figure} when-to-call") + 1
    result = sphinx_build(project, tmp_path / "out" / "html" / "en")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/symptoms.md:{line}" in log, log
    assert "'next-visits: " in log and "Traceback" not in log
