"""The multilingual site: every language marked up and linked as readers need, every
complete one in its own words."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from sphinx.search import languages as search_languages

from allguide import languages
from allguide.sphinxext.search_languages import search_class

from conftest import (
    COMPLETE,
    COMPLETE_TRANSLATIONS,
    DOCS,
    LANGUAGES,
    LISTED,
    ROOT,
    TRANSLATIONS,
    switcher_codes,
)

TABLE = languages.by_code()
SCRIPTS = {"ar": "ARABIC", "zh_CN": "CJK", "ru": "CYRILLIC"}
# Interface text that must not stay English on a translated page.
ENGLISH_INTERFACE = ["Skip to content", "Back to top", "Next", "Previous", "On this page"]
ENGLISH_ATTRIBUTES = {"Search", "Toggle site navigation sidebar", "Languages"}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def article_text(build, page: str, sources: bool = True) -> str:
    """A page's main text; without the list of sources (names, titles, addresses) if asked."""
    article = soup(build.page(f"{page}.html")).find("article", attrs={"role": "main"})
    for anchor in article.select("a.headerlink" if sources else "a.headerlink, .sources"):
        anchor.decompose()
    return " ".join(article.get_text(" ").split())


def pages() -> list[str]:
    return sorted(path.stem for path in DOCS.glob("*.md"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_builds_without_warnings(site, code):
    assert site[code].returncode == 0, site[code].log
    assert "WARNING" not in site[code].log
    assert "ERROR" not in site[code].log


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_has_lang_and_dir(site, code):
    language = TABLE[code]
    for page in [*pages(), "search", "genindex"]:
        html = soup(site[code].page(f"{page}.html")).find("html")
        assert html["lang"] == language.html_lang, page
        assert html["dir"] == language.direction, page


def test_arabic_is_right_to_left_with_mirrored_layout(site):
    page = soup(site["ar"].page("treatment.html"))
    assert page.find("html")["dir"] == "rtl"
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any("guide-rtl.css" in href for href in stylesheets)
    assert not any(
        "guide-rtl.css" in link["href"]
        for link in soup(site["es"].page("treatment.html")).select("link[rel=stylesheet]")
    )


def script_share(text: str, script: str) -> float:
    letters = [char for char in text if char.isalpha()]
    in_script = [char for char in letters if script in unicodedata.name(char, "")]
    return len(in_script) / len(letters)


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_translated_pages_are_in_their_language(site, code):
    for page in pages():
        # The sources keep their English names, titles and web addresses.
        translated = article_text(site[code], page, sources=False)
        english = article_text(site["en"], page, sources=False)
        assert translated != english, page
        if code in SCRIPTS:
            assert script_share(translated, SCRIPTS[code]) > 0.8, page
        else:
            english_words = Counter(re.findall(r"[a-z]{4,}", english.lower()))
            same = sum(
                1 for word in re.findall(r"[a-z]{4,}", translated.lower()) if word in english_words
            )
            assert same / max(1, len(translated.split())) < 0.15, page


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_every_number_of_the_english_page_is_kept(site, code):
    # The handouts page's numbers are facts about each language's own PDFs.
    for page in [page for page in pages() if page != "handouts"]:
        english = Counter(re.findall(r"\d+", article_text(site["en"], page)))
        translated = Counter(re.findall(r"\d+", article_text(site[code], page)))
        assert english - translated == Counter(), page


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_interface_is_translated(site, code):
    for page in pages():
        document = soup(site[code].page(f"{page}.html"))
        for notice in document.select(".translation-notice, [lang=en]"):
            notice.decompose()
        texts = {" ".join(text.split()) for text in document.find_all(string=True)}
        assert texts.isdisjoint(ENGLISH_INTERFACE), page
        attributes = {
            value
            for tag in document.find_all(True)
            for name in ("aria-label", "placeholder", "title")
            if (value := tag.get(name))
        }
        assert attributes.isdisjoint(ENGLISH_ATTRIBUTES), (page, attributes & ENGLISH_ATTRIBUTES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_switcher_links_the_same_page_in_every_listed_language(site, code):
    offered = switcher_codes(code)
    for page in [*pages(), "search"]:
        path = site[code].out / f"{page}.html"
        document = soup(path.read_text(encoding="utf-8"))
        links = document.select("nav.language-switcher a[hreflang]")
        assert [link["hreflang"] for link in links] == [TABLE[c].html_lang for c in offered]
        for link in links:
            target = (path.parent / link["href"]).resolve()
            assert target.exists(), link["href"]
            assert target.name == f"{page}.html"
            assert target.parent.name == next(
                c for c in offered if TABLE[c].html_lang == link["hreflang"]
            )
        names = [link.get_text(strip=True) for link in links]
        assert names == [TABLE[c].name for c in offered]
        current = document.select("nav.language-switcher a[aria-current=page]")
        assert [link["hreflang"] for link in current] == [TABLE[code].html_lang]


@pytest.mark.parametrize("code", LANGUAGES)
def test_hreflang_alternates_are_the_listed_languages(site, code):
    path = site[code].out / "symptoms.html"
    alternates = soup(path.read_text(encoding="utf-8")).select("head link[rel=alternate][hreflang]")
    tags = sorted(link["hreflang"] for link in alternates)
    assert tags == sorted([TABLE[c].html_lang for c in LISTED] + ["x-default"])
    for link in alternates:
        assert (path.parent / link["href"]).resolve().exists()


def test_canonical_link_is_the_page_in_its_own_language(site):
    seen = set()
    for code in LANGUAGES:
        for page in pages():
            head = soup(site[code].page(f"{page}.html")).select("head link[rel=canonical]")
            assert [link["href"] for link in head] == [
                f"https://relapsed-all-guide.example.org/{code}/{page}.html"
            ]
            seen.add(head[0]["href"])
    assert len(seen) == len(LANGUAGES) * len(pages())


def test_entry_page_lists_every_listed_language_in_its_own_name(site):
    index = site["en"].out.parent / "index.html"
    links = soup(index.read_text(encoding="utf-8")).select("a[hreflang]")
    assert [link["hreflang"] for link in links] == [TABLE[c].html_lang for c in LISTED]
    for link, code in zip(links, LISTED, strict=True):
        assert TABLE[code].name in link.get_text()
        assert (index.parent / link["href"]).exists()


def draft_notice(build, page: str):
    return soup(build.page(f"{page}.html")).select_one(".translation-notice-draft")


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_draft_notice_on_every_page_also_in_english(site, code):
    for page in [*pages(), "search", "genindex"]:
        notice = draft_notice(site[code], page)
        assert notice is not None, page
        english = notice.select_one("[lang=en]")
        assert "Draft translation, not yet checked" in english.get_text()
        link = notice.select_one("a[hreflang=en]")
        assert (site[code].out / link["href"]).resolve() == (site["en"].out / f"{page}.html")


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_draft_notice_is_in_the_pages_language(site, code):
    for page in [*pages(), "search", "genindex"]:
        translated = draft_notice(site[code], page).find("p").get_text()
        assert "not yet checked" not in translated, page


def test_english_pages_have_no_translation_notice(site):
    for page in pages():
        assert soup(site["en"].page(f"{page}.html")).select(".translation-notice") == []


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_complete_pages_have_no_partial_notice(site, code):
    for page in pages():
        document = soup(site[code].page(f"{page}.html"))
        assert document.select(".translation-notice-partial") == [], page
        assert document.select(".untranslated") == [], page


def search_index(build) -> dict:
    script = (build.out / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("(") + 1 : script.rindex(")")])


def terminology(code: str) -> dict[str, str]:
    with (ROOT / "locale" / code / "terminology.csv").open(encoding="utf-8") as file:
        return {row["english"]: row["translation"] for row in csv.DictReader(file)}


@pytest.mark.parametrize("code", COMPLETE)
def test_search_finds_the_symptoms_page_by_the_word_for_fever(site, code):
    word = "fever" if code == "en" else terminology(code)["fever"]
    index = search_index(site[code])
    symptoms = index["docnames"].index("symptoms")
    search_code = (
        site[code].out.joinpath("_static", "documentation_options.js").read_text(encoding="utf-8")
    )
    assert "LANGUAGE:" in search_code or "language" in search_code.lower()
    language_class = search_class(code) or search_languages.get(TABLE[code].search)
    if language_class is None:  # whole-word search: the index holds the words themselves
        stems = re.findall(r"\w+", word.lower())
    else:
        if isinstance(language_class, str):
            module, name = language_class.rsplit(".", 1)
            language_class = getattr(__import__(module, fromlist=[name]), name)
        searcher = language_class({})
        stems = [searcher.stem(part.lower()) for part in searcher.split(word) if part.strip()]
    assert stems
    for stem in stems:
        documents = index["terms"].get(stem)
        assert documents is not None, (code, word, stem)
        documents = documents if isinstance(documents, list) else [documents]
        assert symptoms in documents, (code, stem)


@pytest.mark.parametrize("code", COMPLETE_TRANSLATIONS)
def test_glossary_headwords_follow_the_terminology_list(code):
    terms = terminology(code)
    glossary = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "glossary.po"))
    headwords = [entry for entry in glossary if entry.msgid in terms]
    assert len(headwords) >= 15
    for entry in headwords:
        assert entry.msgstr == terms[entry.msgid], entry.msgid


def test_interface_script_carries_search_messages(site):
    script = (site["ht"].out / "_static" / "interface-translations.js").read_text("utf-8")
    catalog = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert catalog["locale"] == "ht"
    assert catalog["messages"]["Search Results"] not in ("", "Search Results")
    page = soup(site["ht"].page("search.html"))
    assert any("interface-translations.js" in s.get("src", "") for s in page.find_all("script"))


@cache
def ids_in(page: Path) -> frozenset[str]:
    """The ids a link's fragment may name (each page parsed once, not once per link)."""
    return frozenset(tag["id"] for tag in soup(page.read_text("utf-8")).select("[id]"))


def test_links_inside_translated_pages_resolve(site):
    for code in TRANSLATIONS:
        for path in sorted(site[code].out.glob("*.html")):
            for anchor in soup(path.read_text(encoding="utf-8")).select("article a[href]"):
                parts = urlsplit(anchor["href"])
                if parts.scheme:
                    continue
                target = (path.parent / parts.path).resolve() if parts.path else path
                assert target.exists(), (code, path.name, anchor["href"])
                if parts.fragment:
                    assert parts.fragment in ids_in(target), (code, path.name, anchor["href"])


def test_paths_are_relative_so_the_site_works_from_disk(site):
    for code in LANGUAGES:
        html = site[code].page("index.html")
        assert 'href="/' not in html and 'src="/' not in html
    assert isinstance(Path, type)
