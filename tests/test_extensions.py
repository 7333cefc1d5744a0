"""Each of our Sphinx extensions on a small project of its own (tests/roots/test-<name>/).

The roots are built in-process by Sphinx's own test fixtures (sphinx.testing), as Sphinx
tests its extensions: a root's conf.py lists only the extensions under test, and a
root with translations has its own trimmed language table and catalogs. Each test
asserts on what the build wrote (parsed HTML, the search index, catalog templates) or
said (app.warning), so it fails when its extension is taken out of the root's conf.py.
"""

from __future__ import annotations

import io
import itertools
import json
import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from docutils.frontend import get_default_settings
from myst_parser.mdit_to_docutils import base as myst_base
from sphinx.testing.util import _clean_up_global_state

from allguide import project

from conftest import ROOT

_BUILDS = itertools.count()


def root(name: str, builder: str = "html", **settings):
    """Build tests/roots/test-`name`, copied into a folder of this test's own (a build
    writes into its project: compiled catalogs, and whatever a test breaks)."""
    return pytest.mark.sphinx(
        builder, testroot=name, srcdir=f"{name}-{next(_BUILDS)}", confoverrides=settings
    )


# The guide's own templates: what shows the languages and notices on every page.
THEME = {"templates_path": [str(ROOT / "theme" / "templates")]}


@pytest.fixture(autouse=True)
def _project_restored():
    """A root's build makes its copy the current project; the other tests read ROOT."""
    yield
    project.use(ROOT)


def page(app, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def body(app, name: str = "index") -> BeautifulSoup:
    """The page's own content, without the theme's frame."""
    return page(app, name).select_one('[role="main"]')


# -- safe_content ----------------------------------------------------------------------------


@root("safe_content")
def test_raw_html_is_shown_as_text(app):
    app.build()
    main = body(app)
    assert main.find("script") is None
    assert main.find("b") is None
    assert main.select("[onclick]") == []
    text = main.get_text()
    assert "<script>alert(1)</script>" in text
    assert "<div onclick=" in text  # (with typographic quotes)


@root("safe_content")
def test_nothing_is_read_run_or_linked_and_each_refusal_is_said_where(app):
    app.build()
    main = body(app)
    written = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "alert(3)" not in written
    assert "SECRET-FILE-CONTENT" not in written
    assert [a["href"] for a in main.select("a[href]") if "headerlink" not in a["class"]] == [
        "https://example.org/"
    ]
    assert main.find("img") is None
    warnings = app.warning.getvalue()
    for line, message in [
        (7, '"raw" directive disabled'),
        (11, 'Directive "include" disabled'),
        (15, "link to 'javascript:alert(4)' removed: not allowed in the guide"),
        (18, "image '../outside.png' removed: not allowed in the guide"),
    ]:
        assert f"index.md:{line}: WARNING: {message}" in warnings


# -- ltr_runs --------------------------------------------------------------------------------


@root("ltr_runs", language="ar")
def test_left_to_right_runs_are_isolated_in_a_right_to_left_page(app):
    app.build()
    main = body(app)
    runs = [span.get_text() for span in main.select("span.ltr")]
    assert runs == [
        "38.0 °C (100.4 °F)",
        "https://example.org/guide",
        "2026-11-27",
        "CAR T-cell",
    ]
    # Code is shown as written: not split into runs.
    assert main.select("code span.ltr") == []


@root("ltr_runs", language="en")
def test_left_to_right_pages_get_no_isolated_runs(app):
    app.build()
    assert body(app).select("span.ltr") == []


# -- when_to_call ----------------------------------------------------------------------------

LRI, PDI = "\u2066", "\u2069"


def texts(elements) -> list[str]:
    return [" ".join(element.get_text().split()) for element in elements]


@root("when_to_call")
def test_when_to_call_panel_has_every_level_most_urgent_first(app):
    app.build()
    assert app.warning.getvalue() == ""
    panels = body(app).select("div.when-to-call")
    assert len(panels) == 1
    panel = panels[0]
    assert texts(panel.select(".when-to-call-title")) == ["When to call"]
    assert texts(panel.select(".when-to-call-how")) == [
        "Find your child's sign, starting at the top. Do what that box says."
    ]
    levels = panel.select(".when-to-call-level")
    assert [c for level in levels for c in level["class"] if c.startswith("level-")] == [
        "level-emergency", "level-call-now", "level-call-today", "level-next-visit",
    ]  # fmt: skip
    assert texts(panel.select(".when-to-call-heading")) == [
        "Get emergency help now",
        "Call the care team now, day or night",
        "Call the care team during the day",
        "Tell the team at the next visit",
    ]
    # Each sign in its level's list: 9 emergencies, 13 calls now, 4 today, 2 at the visit.
    assert [len(level.select(":scope > ul > li")) for level in levels] == [9, 13, 4, 2]
    call_now = levels[1]
    # The public edition's fever, both scales, isolated as one left-to-right run.
    assert (
        f"A temperature of {LRI}38.0 °C (100.4 °F){PDI} or higher, or the fever temperature "
        "your care team gave you"
    ) in texts(call_now.select("li"))
    assert texts(call_now.select(".when-to-call-steps")) == [
        "What to do for a fever or any sign in this box"
    ]
    steps = call_now.select("ol.when-to-call-step-list > li")
    assert len(steps) == 6
    assert (
        steps[-1].get_text().strip()
        == f"If your child gets worse while you wait, call {LRI}911{PDI}."
    )
    assert texts(levels[0].select(".when-to-call-number")) == [
        f"Call {LRI}911{PDI}. Say: “My child is being treated for leukemia.”",
        "Then tell the care team.",
    ]


@root("when_to_call", language="es")
def test_when_to_call_panel_speaks_the_page_language_where_translated(app):
    app.build()
    panel = body(app).select_one("div.when-to-call")
    assert texts(panel.select(".when-to-call-title")) == ["Cuándo llamar"]
    assert texts(panel.select(".when-to-call-heading"))[:2] == [
        "Busque ayuda de emergencia ya",
        # Not in the root's catalog: shown in English.
        "Call the care team now, day or night",
    ]
    assert texts(panel.select(".when-to-call-number"))[0] == (
        f"Llame al {LRI}911{PDI}. Diga: «Mi hijo recibe tratamiento para la leucemia»."
    )
    # Spanish writes a decimal comma (CLDR), with Latin digits.
    assert f"{LRI}38,0 °C (100,4 °F){PDI}" in panel.get_text()


# -- translation_notices ---------------------------------------------------------------------

DRAFT_ES = (
    "Esta traducción es un borrador. Un traductor médico calificado todavía no la ha revisado."
)
PARTIAL_ES = "Algunas partes de esta página todavía no están traducidas y se muestran en inglés."


@root("translation_notices", language="es", **THEME)
def test_translated_page_says_it_is_a_draft_and_which_parts_are_english(app):
    app.build()
    notices = page(app).select("aside.translation-notice")
    assert len(notices) == 1
    notice = notices[0]
    assert "translation-notice-draft" in notice["class"]
    assert "translation-notice-partial" in notice["class"]
    spanish, english = notice.find_all("p")
    assert " ".join(spanish.get_text().split()) == f"{DRAFT_ES} {PARTIAL_ES}"
    assert (english["lang"], english["dir"]) == ("en", "ltr")
    assert english.get_text(" ", strip=True).startswith(
        "Draft translation, not yet checked by a medical translator. Some parts are in English."
    )
    link = english.select_one("a[hreflang=en]")
    assert (link["href"], link.get_text()) == ("../en/index.html", "Read this page in English")
    # A page translated whole has the draft notice alone.
    complete = page(app, "complete").select_one("aside.translation-notice")
    assert complete["class"] == ["translation-notice", "translation-notice-draft"]
    assert " ".join(complete.find("p").get_text().split()) == DRAFT_ES


@root("translation_notices", language="es", **THEME)
def test_reviewed_translation_names_its_reviewer(app_params, make_app):
    args, kwargs = app_params
    table = kwargs["srcdir"] / "locale" / "languages.toml"
    text = table.read_text(encoding="utf-8")
    reviewed = 'review = "reviewed"\nreviewed_by = "Dr. Ana Pérez"\nreviewed_on = "2026-10-01"'
    table.write_text(text.replace('review = "draft"', reviewed), encoding="utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    notice = page(app, "complete").select_one("aside.translation-notice")
    assert "translation-notice-reviewed" in notice["class"]
    assert " ".join(notice.find("p").get_text().split()) == (
        "Esta traducción fue revisada por Dr. Ana Pérez el 2026-10-01."
    )


@root("translation_notices", language="en", **THEME)
def test_english_pages_have_no_translation_notice(app):
    app.build()
    assert page(app).select(".translation-notice") == []
    assert page(app, "complete").select(".translation-notice") == []


# -- accessible_html -------------------------------------------------------------------------


@root("accessible_html", language="es")
def test_english_left_in_a_translated_page_is_marked_as_english(app):
    app.build()
    paragraphs = {p.get_text(): p for p in body(app).find_all("p") if not p.get("role")}
    untranslated = paragraphs["This paragraph is not translated yet."]
    assert (untranslated.get("lang"), untranslated.get("dir")) == ("en", "ltr")
    translated = paragraphs["Este párrafo está traducido."]
    assert (translated.get("lang"), translated.get("dir")) == (None, None)


@root("accessible_html", language="es")
def test_toctree_caption_is_a_heading_with_a_level(app):
    app.build()
    captions = body(app).select('[role="heading"]')
    assert [(c.get_text(strip=True), c.get("aria-level")) for c in captions] == [("Páginas", "2")]


@root("accessible_html", language="en")
def test_english_pages_mark_no_english(app):
    app.build()
    assert body(app).select("[lang]") == []


# -- labelled_figures ------------------------------------------------------------------------

SLOTS = ["emergency", "emergency-signs", "call-now", "call-now-signs", "next-visit",
         "next-visit-items"]  # fmt: skip


@root("labelled_figures", language="en")
def test_figure_is_an_inline_drawing_with_its_labels_as_text(app):
    app.build()
    assert app.warning.getvalue() == ""
    figure = body(app).select_one("figure.labelled-figure")
    assert figure["data-template"] == "when-to-call"
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title = svg.find("title")
    assert svg["aria-labelledby"] == title["id"]
    assert title.get_text() == "Three boxes, most urgent first."
    labels = svg.select("text.figure-label")
    assert [label["data-slot"] for label in labels] == SLOTS
    assert {(label["lang"], label["direction"]) for label in labels} == {("en", "ltr")}
    words = {
        label["data-slot"]: " ".join(t.get_text() for t in label.find_all("tspan"))
        for label in labels
    }
    assert words["emergency"] == "Get emergency help now"
    # A long label is wrapped into its box: several lines, every word kept.
    signs = labels[SLOTS.index("emergency-signs")].find_all("tspan")
    assert len(signs) > 1
    assert " ".join(words["emergency-signs"].split()) == (
        "Trouble breathing, a seizure, bleeding that will not stop, very hard to wake up"
    )
    caption = figure.select_one("figcaption p")
    assert (caption.get_text(), caption["lang"]) == ("When to call, most urgent first.", "en")
    assert "data-mirrored" not in svg.attrs


@root("labelled_figures", language="ar")
def test_figure_in_arabic_is_mirrored_with_translated_labels_right_to_left(app):
    app.build()
    assert app.warning.getvalue() == ""
    svg = body(app).select_one("figure.labelled-figure svg")
    assert svg["data-mirrored"] == "true"
    labels = {label["data-slot"]: label for label in svg.select("text.figure-label")}
    emergency = labels["emergency"]
    assert (emergency["lang"], emergency["direction"]) == ("ar", "rtl")
    assert emergency.get_text() == "اطلب مساعدة الطوارئ الآن"
    # Not in the catalog: shown in English, marked so.
    assert (labels["next-visit"]["lang"], labels["next-visit"]["direction"]) == ("en", "ltr")


def too_long_label(app_params) -> tuple:
    """The root's copy with its first label far too long for its box."""
    args, kwargs = app_params
    source = kwargs["srcdir"] / "index.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Get emergency help now", "Hurry " * 40), encoding="utf-8")
    return args, kwargs


@root("labelled_figures", language="en")
def test_a_label_that_cannot_fit_is_a_warning_naming_it(app_params, make_app):
    args, kwargs = too_long_label(app_params)
    app = make_app(*args, **kwargs)
    app.build()
    warnings = app.warning.getvalue()
    assert "index.md:" in warnings
    assert "does not fit its box in the figure (slot 'emergency'" in warnings


@root("labelled_figures", language="en")
def test_a_label_that_cannot_fit_is_reported_at_its_line(app_params, make_app):
    args, kwargs = too_long_label(app_params)
    app = make_app(*args, **kwargs)
    app.build()
    assert "index.md:8: WARNING: the label 'Hurry" in app.warning.getvalue()


# -- site_languages --------------------------------------------------------------------------


@root("site_languages", language="ar", **THEME)
def test_arabic_page_is_right_to_left_and_links_its_other_languages(app):
    app.build()
    document = page(app, "other")
    html = document.find("html")
    assert (html["lang"], html["dir"]) == ("ar", "rtl")
    stylesheets = [link["href"] for link in document.select("link[rel=stylesheet]")]
    assert any(href.endswith("guide-rtl.css") for href in stylesheets)
    canonical = document.select("head link[rel=canonical]")
    assert [link["href"] for link in canonical] == [
        "https://relapsed-all-guide.example.org/ar/other.html"
    ]
    switcher = document.select("nav.language-switcher a[hreflang]")
    assert [(a["hreflang"], a["href"], a.get_text()) for a in switcher] == [
        ("en", "../en/other.html", "English"),
        ("ar", "../ar/other.html", "العربية"),
    ]
    assert [a["hreflang"] for a in document.select("a[aria-current=page]")] == ["ar"]
    alternates = document.select("head link[rel=alternate][hreflang]")
    assert [(link["hreflang"], link["href"]) for link in alternates] == [
        ("en", "../en/other.html"),
        ("ar", "../ar/other.html"),
        ("x-default", "../en/other.html"),
    ]


@root("site_languages", language="en", site_listed_languages=["en"], **THEME)
def test_a_language_not_listed_is_not_linked(app):
    app.build()
    document = page(app)
    html = document.find("html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")
    assert not any(
        "guide-rtl.css" in link["href"] for link in document.select("link[rel=stylesheet]")
    )
    assert [a["hreflang"] for a in document.select("nav.language-switcher a[hreflang]")] == ["en"]
    assert [link["hreflang"] for link in document.select("link[rel=alternate]")] == [
        "en", "x-default",
    ]  # fmt: skip


@root("site_languages", language="fr", **THEME)
def test_a_language_missing_from_the_table_stops_the_build(app_params, make_app, capsys):
    args, kwargs = app_params
    try:
        with pytest.raises(SystemExit):
            make_app(*args, **kwargs)
    finally:
        _clean_up_global_state()  # what the app's cleanup does; there is no app to clean
    error = capsys.readouterr().err
    assert "language 'fr' is not in " in error
    assert "locale/languages.toml; add it there first" in error


# -- search_languages ------------------------------------------------------------------------


def search_index(app) -> dict:
    script = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("(") + 1 : script.rindex(")")])


@root("search_languages", language="km")
def test_khmer_search_indexes_the_words_of_text_written_without_spaces(app):
    app.build()
    terms = search_index(app)["terms"]
    # "...your child's care team during the day if you have a fever": ICU's words.
    for word in ["ទូរស័ព្ទ", "ក្រុម", "ព្យាបាល", "កូន", "ថ្ងៃ", "គ្រុនក្ដៅ"]:
        assert word in terms, word
    # The search box cuts the query the same way, with the browser's ICU.
    language_data = (app.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert 'new Intl.Segmenter("km", { granularity: "word" })' in language_data
    assert "khmerFold" in language_data


# -- catalog_guard ---------------------------------------------------------------------------

CATALOG = "locale/es/LC_MESSAGES/sphinx.po"


@root("catalog_guard", language="es")
def test_checked_catalog_is_what_the_page_shows(app):
    app.build()
    panel = body(app).select_one("div.when-to-call")
    assert texts(panel.select(".when-to-call-title")) == ["Cuándo llamar"]
    assert texts(panel.select(".when-to-call-number"))[0].startswith("Llame al ")
    # A fuzzy entry is not published: its English is shown.
    assert texts(panel.select(".when-to-call-heading"))[0] == "Get emergency help now"
    # Sphinx read the catalog compiled from the checked entries, not the source folder.
    assert app.config.locale_dirs == [str(app.doctreedir / "catalogs")]


@root("catalog_guard", language="es")
def test_a_broken_catalog_entry_stops_the_build_at_its_line(app_params, make_app, capsys):
    args, kwargs = app_params
    catalog = kwargs["srcdir"] / CATALOG
    text = catalog.read_text(encoding="utf-8")
    # The emergency number's placeholder dropped: the page would print no number to call.
    broken = 'msgstr "Llame al %(number)s. Diga:'
    assert broken in text
    catalog.write_text(text.replace(broken, 'msgstr "Llame al número. Diga:'), encoding="utf-8")
    line = text[: text.index(broken)].count("\n") + 1
    warning = io.StringIO()
    try:
        with pytest.raises(SystemExit):
            make_app(*args, warning=warning, **kwargs)
    finally:
        _clean_up_global_state()  # what the app's cleanup does; there is no app to clean
    assert f"{CATALOG}:{line}: ERROR:" in warning.getvalue()
    assert "%(number)s" in warning.getvalue()
    assert f"[es] not built: fix {CATALOG}" in capsys.readouterr().err


# -- translator_preview ----------------------------------------------------------------------

PREVIEW_CATALOG = "locale/es/LC_MESSAGES/sphinx.po"
# catalog_guard's root, with the preview's extension added.
PREVIEW_EXTENSIONS = [
    "myst_parser",
    "allguide.sphinxext.catalog_guard",
    "allguide.sphinxext.when_to_call",
    "allguide.sphinxext.translator_preview",
]


@root("catalog_guard", language="es", guide_preview=True, extensions=PREVIEW_EXTENSIONS)
def test_a_preview_shows_each_catalog_problem_on_the_page_and_builds(app_params, make_app):
    """make live: a broken entry and a fuzzy one are said in the terminal and at the top
    of the page, at their lines, with what to do; the page is built, the broken entry
    shown in English rather than wrong."""
    args, kwargs = app_params
    catalog = kwargs["srcdir"] / PREVIEW_CATALOG
    text = catalog.read_text(encoding="utf-8")
    broken = 'msgstr "Llame al %(number)s. Diga:'
    catalog.write_text(text.replace(broken, 'msgstr "Llame al número. Diga:'), encoding="utf-8")
    line = text[: text.index(broken)].count("\n") + 1
    warning = io.StringIO()
    app = make_app(*args, warning=warning, **kwargs)
    app.build()
    said = warning.getvalue()
    assert f"{PREVIEW_CATALOG}:{line}: WARNING: error:" in said and "%(number)s" in said
    assert "fuzzy" in said and "remove the `#, fuzzy` line" in said
    box = body(app).select_one("div.preview-problems")
    assert box is not None and box["lang"] == "en"
    items = [" ".join(item.get_text().split()) for item in box.select("li")]
    assert any(item.startswith(f"{PREVIEW_CATALOG}:{line} error:") for item in items), items
    assert any("fuzzy" in item and "remove the `#, fuzzy` line" in item for item in items)
    # The broken entry is shown in English, with the number: never "Llame al número".
    panel = body(app).select_one("div.when-to-call")
    numbers = texts(panel.select(".when-to-call-number"))
    assert numbers[0].startswith("Call ") and "911" in numbers[0], numbers


@root("catalog_guard", language="es", extensions=PREVIEW_EXTENSIONS)
def test_a_build_for_readers_has_no_preview_box(app):
    app.build()
    assert body(app).select_one("div.preview-problems") is None


# -- translator_comments ---------------------------------------------------------------------


@root("translator_comments", "gettext")
def test_translator_comments_go_to_the_message_after_them(app):
    app.build()
    with (app.outdir / "index.pot").open("rb") as file:
        template = {message.id: message for message in read_po(file) if message.id}
    assert template["Your child will usually get these medicines in three ways:"].auto_comments == [
        'Translators: "three" is written as a word; keep the number right.'
    ]
    assert template["Through a vein."].auto_comments == ["Translators: a vein, not an artery."]
    assert template["By mouth."].auto_comments == []
    # (One comment, wrapped over several #. lines.)
    glossary = " ".join(template["A {term}`fever` can be a sign of infection."].auto_comments)
    assert glossary.startswith("Glossary links: translate the words shown")
    assert glossary.endswith("Targets to keep here: <fever>.")
    # (MyST gives the comment's line wrong, 14 for 17: only the file is checked.)
    assert re.search(
        r"/index\.md:\d+: WARNING: translator comment is not followed by any text to translate",
        app.warning.getvalue(),
    )


# -- escaped_interface -----------------------------------------------------------------------


@root("escaped_interface", language="es")
def test_interface_translations_are_shown_as_text(app):
    app.build()
    document = page(app)
    assert document.select("img, [onerror], [onmouseover]") == []
    assert document.find("b") is None
    shown = document.get_text()
    assert "<img src=x onerror=alert(1)>Búsqueda" in shown
    assert "<b>Navegación</b>" in shown
    permalink = document.select_one("h1 a.headerlink")
    assert permalink["title"] == '" onmouseover="alert(2)" x="<b>'


# -- interface_translations ------------------------------------------------------------------


@root("interface_translations", language="es")
def test_search_messages_reach_the_page_script_in_the_page_language(app):
    app.build()
    script = (app.outdir / "_static" / "interface-translations.js").read_text(encoding="utf-8")
    assert script.startswith("Documentation.addTranslations(")
    catalog = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert catalog == {
        "locale": "es",
        "messages": {
            "Search Results": "Resultados de la búsqueda",
            # Inserted into the page as HTML by Sphinx's script: escaped.
            "Hide Search Matches": "Ocultar &lt;coincidencias&gt; &amp; resultados",
            "Search finished, found one page matching the search query.": [
                "Búsqueda terminada: se encontró ${resultCount} página.",
                "Búsqueda terminada: se encontraron ${resultCount} páginas.",
                "Búsqueda terminada: se encontraron ${resultCount} páginas.",
            ],
        },  # (the fuzzy "Preparing search..." is left out)
        # A number, not JavaScript's true or false, indexes the plural forms.
        "plural_expr": "Number((n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2))",
    }
    # After Sphinx's own translations, so that these messages win.
    scripts = [tag["src"].split("?")[0] for tag in page(app, "search").select("script[src]")]
    assert scripts.index("_static/interface-translations.js") == (
        scripts.index("_static/translations.js") + 1
    )


@root("interface_translations", language="en")
def test_english_pages_need_no_interface_script(app):
    app.build()
    assert not (app.outdir / "_static" / "interface-translations.js").exists()


# -- myst_speed ------------------------------------------------------------------------------


@root("myst_speed", language="es")
def test_translated_messages_are_parsed_without_throwaway_settings(
    app_params, make_app, monkeypatch
):
    # myst_speed patches MyST for the whole process: MyST's own function is put back after.
    monkeypatch.setattr(myst_base, "make_document", myst_base.make_document)
    made = []

    def counted(*arguments):
        made.append(arguments)
        return get_default_settings(*arguments)

    monkeypatch.setattr(myst_base, "get_default_settings", counted)
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    paragraphs = texts(body(app).find_all("p"))
    assert paragraphs[0] == "Párrafo uno, con énfasis."
    assert len(paragraphs) == 10
    # MyST alone builds docutils' default settings (its whole option parser) again for
    # every message Sphinx parses: the page, and each of its 11 translations.
    assert made == []
