"""The English site: every page built, titled, linked and marked up as families need."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import DOCS

TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def markdown_title(page: str) -> str:
    for line in (DOCS / f"{page}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"docs/{page}.md has no '# ' title")


def heading_text(element) -> str:
    for anchor in element.select("a.headerlink"):
        anchor.decompose()
    return " ".join(element.get_text(" ").split())


def test_build_succeeds_without_warnings(english_site):
    assert english_site.returncode == 0, english_site.log
    assert "WARNING" not in english_site.log
    assert "ERROR" not in english_site.log


def test_every_page_exists_with_its_title(english_site, page_names):
    for page in page_names:
        document = soup(english_site.page(f"{page}.html"))
        title = markdown_title(page)
        assert heading_text(document.find("h1")) == title
        assert title in document.title.get_text()


def test_every_page_is_english(english_site, page_names):
    for page in page_names:
        html_element = soup(english_site.page(f"{page}.html")).find("html")
        assert html_element["lang"] == "en", page


def test_every_term_links_to_its_glossary_entry(english_site, page_names):
    glossary_ids = {tag["id"] for tag in soup(english_site.page("glossary.html")).select("dt[id]")}
    for page in page_names:
        roles = TERM_ROLE.findall((DOCS / f"{page}.md").read_text(encoding="utf-8"))
        links = soup(english_site.page(f"{page}.html")).select("span.std-term")
        # A term Sphinx could not resolve is a <span> without a link around it.
        assert len(links) == len(roles), page
        for span in links:
            anchor = span.find_parent("a")
            assert anchor is not None, f"{page}: unresolved term {span.get_text()!r}"
            target = urlsplit(anchor["href"])
            assert Path(target.path).name in {"glossary.html", ""}
            assert target.fragment in glossary_ids, f"{page}: {anchor['href']}"


def test_glossary_has_at_least_fifteen_terms_all_used(english_site, page_names):
    glossary = soup(english_site.page("glossary.html"))
    term_ids = {tag["id"] for tag in glossary.select("dl.glossary dt[id]")}
    assert len(term_ids) >= 15
    linked = set()
    for page in page_names:
        for anchor in soup(english_site.page(f"{page}.html")).select("a[href*='#term-']"):
            linked.add(urlsplit(anchor["href"]).fragment)
    assert term_ids - linked == set(), "glossary terms no page links to"


def internal_links(html_path: Path):
    for anchor in soup(html_path.read_text(encoding="utf-8")).select("a[href]"):
        href = anchor["href"]
        if urlsplit(href).scheme or href.startswith("mailto:"):
            continue
        yield href


def test_every_internal_link_and_anchor_resolves(english_site):
    ids_by_page: dict[Path, set[str]] = {}
    pages = sorted(english_site.out.glob("*.html"))
    assert pages
    for page in pages:
        for href in internal_links(page):
            parts = urlsplit(href)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.name}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                if target not in ids_by_page:
                    ids_by_page[target] = {
                        tag["id"] for tag in soup(target.read_text(encoding="utf-8")).select("[id]")
                    }
                assert unquote(parts.fragment) in ids_by_page[target], f"{page.name}: {href}"


@pytest.mark.parametrize("forbidden", ["@", "tel:", "mailto:", "Dana-Farber", "Boston"])
def test_pages_name_no_institution_or_contact(forbidden):
    for path in DOCS.glob("*.md"):
        assert forbidden not in path.read_text(encoding="utf-8"), path.name


def test_about_page_states_the_review_dates_of_conf_py():
    conf = (DOCS.parent / "conf.py").read_text(encoding="utf-8")
    release = re.search(r'^release = version = "([\d-]+)"', conf, re.MULTILINE)[1]
    next_review = re.search(r'^handouts_next_review = "([\d-]+)"', conf, re.MULTILINE)[1]
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    assert f"Last reviewed: {release}" in about
    assert f"Next review due: {next_review}" in about
    assert int(next_review[:4]) - int(release[:4]) == 3 and next_review[4:] == release[4:]
