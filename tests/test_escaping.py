"""Catalogs, the language table and page titles reach the site and the handouts as text.

One Spanish site build from a copy of the project whose interface catalog translates every
message into markup that would run if a template trusted it, whose language table names
Spanish with a script, and whose root page title holds tags and character references.
The build's own check refuses those catalogs; the site is built with that check stubbed
out (conftest.sphinx_build_unchecked), to show that escaping holds on its own.
The handout template is rendered through the handout builder's own environment with the
same catalog: the standalone handout build refuses a catalog that fails check_po.
"""

from __future__ import annotations

import dataclasses
import gettext
import html
import json
import subprocess
import sys
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
import sphinx.locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from jinja2.sandbox import SandboxedEnvironment

from allguide.catalogs.check_po import PLACEHOLDER  # noqa: E402
from allguide.catalogs.interface_catalog import template  # noqa: E402
from allguide.handouts import definitions
from allguide.handouts.builder import HandoutBuilder
from allguide.handouts.clinic_profile import ClinicProfile
from allguide.languages import Language  # noqa: E402
from allguide.sphinxext.escaped_gettext import escaping  # noqa: E402

from conftest import ROOT, copy_project, sphinx_build, sphinx_build_unchecked

# Breaks out of a quoted attribute, opens a tag, and spells a tag in character references.
HOSTILE = '" onfocus="alert(1)" x="<img src=x onerror=alert(2)>&#X3C;b&#X3E;'
HOSTILE_NAME = "<script>alert(3)</script>Español"
ROOT_TITLE_ENGLISH = "When Leukemia Comes Back: A Guide for Families"
HOSTILE_TITLE = "Guía <img src=x onerror=alert(4)> &#X3C;b&#X3E;negrita&#X3C;/b&#X3E;"
# What the page shows: MyST reads the character references as the characters.
HOSTILE_TITLE_TEXT = "Guía <img src=x onerror=alert(4)> <b>negrita</b>"
# Sphinx's sphinx_highlight.js inserts this message as HTML; the others go in as text.
INSERTED_AS_HTML = "Hide Search Matches"


def message_key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


@cache
def interface_messages() -> list[str | tuple[str, ...]]:
    return [message.id for message in template() if message.id]


def prefix(number: int) -> str:
    return f"[hostile-{number}]"


@cache
def markers() -> dict[str, str]:
    """Each interface message -> the start of its hostile translation."""
    return {
        message_key(message): prefix(number) + HOSTILE
        for number, message in enumerate(interface_messages())
    }


def hostile_translation(number: int, english: str) -> str:
    """A marker to find it by, the attack, and the English placeholders the page fills in."""
    return " ".join([prefix(number) + HOSTILE, *PLACEHOLDER.findall(english)])


def write_hostile_catalog(path: Path) -> None:
    """Translate every message of the interface template with hostile text."""
    with path.open("rb") as file:
        catalog = read_po(file, locale="es")
    for number, message_id in enumerate(interface_messages()):
        if isinstance(message_id, str):
            string: str | tuple[str, ...] = hostile_translation(number, message_id)
        else:
            string = tuple(
                hostile_translation(number, message_id[min(form, 1)])
                for form in range(catalog.num_plurals)
            )
        message = catalog.get(message_id) or catalog.add(message_id)
        message.string = string
        message.flags.discard("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalog)


def strings_of(page: BeautifulSoup) -> list[str]:
    """Every text and attribute value a reader, browser or screen reader gets."""
    values = [str(text) for text in page.find_all(string=True)]
    for element in page.find_all(True):
        for value in element.attrs.values():
            values += value if isinstance(value, list) else [value]
    return values


def assert_no_markup_from_text(page: BeautifulSoup, where: str) -> None:
    assert not page.select("[onfocus], [onerror]"), where
    # (A figure's drawing has SVG elements with a legitimate x attribute.)
    assert not [e for e in page.select("[x]") if e.find_parent("svg") is None], where
    assert not page.select('img[src="x"]'), where
    assert not page.find_all("b"), where
    assert not any("alert(" in script.get_text() for script in page.find_all("script")), where


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The Spanish site built from hostile catalogs and language table, and the entry page."""
    top = tmp_path_factory.mktemp("escaping")
    project = copy_project(top / "project")
    messages = project / "locale" / "es" / "LC_MESSAGES"
    write_hostile_catalog(messages / "sphinx.po")
    with (messages / "index.po").open("rb") as file:
        index = read_po(file, locale="es")
    index[ROOT_TITLE_ENGLISH].string = HOSTILE_TITLE
    with (messages / "index.po").open("wb") as file:
        write_po(file, index)
    # A table of contents links each heading back to it: Sphinx writes those headings'
    # permalinks another way.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n```{contents}\n```\n", "utf-8")
    table = project / "locale" / "languages.toml"
    text = table.read_text(encoding="utf-8")
    assert 'name = "Español"' in text
    table.write_text(text.replace('name = "Español"', f'name = "{HOSTILE_NAME}"'), "utf-8")
    site = top / "html"
    # The build refuses these catalogs (check-po); this is the layer behind it.
    assert sphinx_build(project, top / "refused" / "es", "es").returncode != 0
    result = sphinx_build_unchecked(project, site / "es", "es")
    assert result.returncode == 0, result.stderr
    entry = [sys.executable, "-m", "allguide.site.site_index", str(site), "en,es"]
    subprocess.run(entry, check=True, cwd=project)
    return site


@pytest.fixture(scope="module")
def site_pages(hostile_site) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(hostile_site)): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in sorted(hostile_site.glob("**/*.html"))
    }


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_no_catalog_or_table_value_becomes_markup_on_the_site(site_pages):
    assert "es/index.html" in site_pages and "es/search.html" in site_pages
    for name, page in site_pages.items():
        assert_no_markup_from_text(page, name)


def test_every_interface_message_on_the_site_is_shown_whole_as_text(site_pages):
    found = set()
    for name, page in site_pages.items():
        strings = strings_of(page)
        for number, message_id in enumerate(interface_messages()):
            message, marker = message_key(message_id), markers()[message_key(message_id)]
            shown = [value for value in strings if prefix(number) in value]
            # Each place that shows the message holds it whole, as one text or attribute
            # value: nothing was cut off into an attribute or a tag of its own.
            assert all(marker in value for value in shown), f"{message!r} broken up in {name}"
            if shown:
                found.add(message)
    shown_by_the_theme = {
        message_key(message.id)
        for message in template()
        if message.id and any(path.startswith("theme/") for path, _line in message.locations)
    }
    # "Copyright" labels a link to a copyright page, which the guide does not have.
    assert shown_by_the_theme - found == {"Copyright"}
    assert {
        "This translation is a draft. A qualified medical translator has not yet checked it.",
        "The printable handouts have not been built yet.",
        "Error",
        "Please activate JavaScript to enable the search functionality.",
        "Link to this heading",
        "Link to this term",
    } <= found


def test_placeholders_in_a_translation_are_filled_in_escaped(site_pages):
    footer = site_pages["es/index.html"].select_one(".bottom-of-page")
    copyright_marker = markers()["Copyright &#169; %(copyright)s"]
    made_with = markers()["Made with %(sphinx)s and %(furo)s"]
    assert f"{copyright_marker} 2026" in footer.get_text()
    # Our template's own links go in as links.
    credits = footer.select_one(".made-with")
    assert made_with in credits.get_text()
    assert [link["href"] for link in credits.find_all("a")] == [
        "https://www.sphinx-doc.org/",
        "https://github.com/pradyunsg/furo",
    ]


def test_language_name_from_the_table_is_text(site_pages):
    switcher = site_pages["es/index.html"].select_one("nav.language-switcher")
    assert switcher.select_one("summary strong bdi").get_text() == HOSTILE_NAME
    current = switcher.select_one('a[aria-current="page"]')
    assert current.get_text() == HOSTILE_NAME
    assert current["href"] == "../es/index.html" and current["lang"] == "es"
    entry = site_pages["index.html"]
    assert HOSTILE_NAME in [link.get_text(" ") for link in entry.select("a[hreflang] span")]


def test_root_page_title_is_text_in_titles_and_brand(site_pages):
    index, symptoms = site_pages["es/index.html"], site_pages["es/symptoms.html"]
    assert index.title.get_text() == HOSTILE_TITLE_TEXT
    assert symptoms.title.get_text().endswith(f" - {HOSTILE_TITLE_TEXT}")
    for name, label in [("search", "Search"), ("genindex", "Index")]:
        title = site_pages[f"es/{name}.html"].title.get_text()
        assert title == f"{markers()[label]} - {HOSTILE_TITLE_TEXT}"
    for page in (index, symptoms):
        assert page.select_one(".mobile-header .brand").get_text() == HOSTILE_TITLE_TEXT
        assert page.select_one(".sidebar-brand-text").get_text() == HOSTILE_TITLE_TEXT


def test_search_message_inserted_as_html_is_escaped_in_the_javascript_catalog(hostile_site):
    script = (hostile_site / "es" / "_static" / "interface-translations.js").read_text("utf-8")
    catalog = json.loads(script.removeprefix("Documentation.addTranslations(").rstrip(");\n"))
    messages = catalog["messages"]
    assert "<" not in messages[INSERTED_AS_HTML] and '"' not in messages[INSERTED_AS_HTML]
    assert html.unescape(messages[INSERTED_AS_HTML]) == markers()[INSERTED_AS_HTML]
    # The others are set as text (innerText, textContent): escaping them would show entities.
    assert messages["Searching"] == markers()["Searching"]


# -- Handouts ------------------------------------------------------------------------

CLINIC = ClinicProfile(
    name=f"Clinic {HOSTILE}",
    phone=f"555 {HOSTILE}",
    after_hours_phone=f"556 {HOSTILE}",
    email=f"care@{HOSTILE}",
    website=f"https://{HOSTILE}",
    fever_temperature=f"38 °C {HOSTILE}",
    emergency_number=f"911 {HOSTILE}",
)


def templates_with(translator: gettext.NullTranslations):
    """The handout builder's template environment, with `translator` as the interface catalog."""
    key = ("general", "sphinx")
    previous = sphinx.locale.translators.get(key)
    sphinx.locale.translators[key] = translator
    try:
        return HandoutBuilder.__new__(HandoutBuilder)._templates
    finally:
        if previous is None:
            del sphinx.locale.translators[key]
        else:
            sphinx.locale.translators[key] = previous


@pytest.fixture(scope="module")
def handout_pages(tmp_path_factory) -> list[BeautifulSoup]:
    """handout.html rendered with the hostile catalog: draft and reviewed, with and without
    a clinic profile, the guide and the one-page summary."""
    top = tmp_path_factory.mktemp("handout-escaping")
    catalog_path = top / "sphinx.po"
    catalog_path.write_bytes((ROOT / "locale" / "es" / "LC_MESSAGES" / "sphinx.po").read_bytes())
    write_hostile_catalog(catalog_path)
    with catalog_path.open("rb") as file:
        compiled = BytesIO()
        write_mo(compiled, read_po(file, locale="es"))
    compiled.seek(0)
    handout_template = templates_with(gettext.GNUTranslations(compiled)).get_template(
        "handout.html"
    )
    guide, summary, *_cards = definitions.load(ROOT / "handouts.toml")
    draft = Language("es", HOSTILE_NAME, "Spanish", "ltr", "es", "draft")
    reviewed = dataclasses.replace(
        draft, review="reviewed", reviewed_by=f"Dr {HOSTILE}", reviewed_on="2026-11-27"
    )
    pages = []
    for handout, language, clinic in [(guide, draft, CLINIC), (summary, reviewed, None)]:
        rendered = handout_template.render(
            language=language,
            title=HOSTILE_TITLE_TEXT,
            body="<section><h1>Body</h1></section>",
            contents=[("symptoms", HOSTILE_TITLE_TEXT)] if handout.contents else [],
            handout=handout,
            clinic=clinic,
            online_url="https://example.org/es/index.html",
            qr_code="data:image/png;base64,",
            edition="2026-11-27",
            next_review="2029-11-27",
            author="The relapsed ALL family guide project",
        )
        pages.append(BeautifulSoup(rendered, "html.parser"))
    return pages


def test_handout_translations_and_values_are_text(handout_pages):
    strings = [value for page in handout_pages for value in strings_of(page)]
    for number, page in enumerate(handout_pages):
        assert_no_markup_from_text(page, f"handout {number}")
    in_the_handout_template = {
        message_key(message.id)
        for message in template()
        if message.id
        and any(path == "handouts/templates/handout.html" for path, _line in message.locations)
    }
    for message in in_the_handout_template:
        assert any(markers()[message] in value for value in strings), message
    # Values the page fills in stay text too: %(date)s and %(reviewer)s, the table's name,
    # the page titles and every field of the clinic profile.
    # (Dates are isolated, LRI…PDI, so that right-to-left pages print them as written.)
    text = " ".join(page.get_text(" ") for page in handout_pages)
    text = text.replace("\u2066", "").replace("\u2069", "")
    assert f"{markers()['Last reviewed: %(date)s']} 2026-11-27" in text
    assert f"Dr {HOSTILE} 2026-11-27" in text
    assert HOSTILE_NAME in text and HOSTILE_TITLE_TEXT in text
    # The fever temperature and emergency number print in the when-to-call panel, which is
    # part of the page (Sphinx's writer escapes it), not of this template.
    in_the_panel = {"fever_temperature", "emergency_number"}
    for field in dataclasses.fields(CLINIC):
        if field.name in in_the_panel:
            continue
        if value := getattr(CLINIC, field.name):
            assert value in text or f"\u2066{value}\u2069" in text, field.name


def test_handout_english_stays_as_written_and_values_are_escaped():
    environment = templates_with(gettext.NullTranslations())
    rendered = environment.from_string(
        "{{ _('Your child\\'s care team') }}|{{ _('Last reviewed: %(date)s', date=d) }}"
    ).render(d="<i>")
    assert rendered == "Your child's care team|Last reviewed: &lt;i&gt;"


def test_site_english_stays_as_written_and_trans_blocks_escape_their_values():
    """Sphinx's environment: no autoescape, old-style {% trans %}, as our templates use it."""
    environment = SandboxedEnvironment(extensions=["jinja2.ext.i18n"])
    english = gettext.NullTranslations()
    environment.install_gettext_callables(
        gettext=escaping(english.gettext), ngettext=escaping(english.ngettext)
    )
    source = (
        "{% trans copyright=year|e %}Copyright &#169; {{ copyright }}{% endtrans %}|"
        "{% trans link='<a href=\"/\">Sphinx</a>'|safe %}Made with {{ link }}{% endtrans %}|"
        "{% trans name=name %}By {{ name }}{% endtrans %}|{{ _('Search') }}"
    )
    rendered = environment.from_string(source).render(year="<2026>", name="<i>")
    assert rendered == (
        'Copyright &#169; &lt;2026&gt;|Made with <a href="/">Sphinx</a>|By &lt;i&gt;|Search'
    )
