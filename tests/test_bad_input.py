"""Bad input: a broken page fails the build naming its file and line; raw HTML stays text."""

from __future__ import annotations

import polib
import pytest
from bs4 import BeautifulSoup

from conftest import copy_project, sphinx_build


def append_lines(path, lines: list[str]) -> int:
    """Append `lines` to a page; return the line number of the first one."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    first_line = text.count("\n") + 1
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return first_line


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_unknown_glossary_term_fails_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    line = append_lines(project / "docs" / "symptoms.md", ["A {term}`frobnication` here."])
    result = sphinx_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"symptoms.md:{line}: WARNING: term not in glossary: 'frobnication'" in result.stderr


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_unknown_directive_fails_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    line = append_lines(project / "docs" / "outlook.md", ["```{not-a-directive}", "text", "```"])
    result = sphinx_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"outlook.md:{line}: WARNING: Unknown directive type: 'not-a-directive'" in result.stderr


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_raw_html_in_a_page_is_rendered_as_text(tmp_path):
    project = copy_project(tmp_path / "project")
    append_lines(
        project / "docs" / "symptoms.md",
        [
            '<script>alert("injected")</script>',
            "",
            'Inline <img src="x" onerror="alert(2)"> markup.',
        ],
    )
    result = sphinx_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out" / "symptoms.html").read_text("utf-8"), "html.parser")
    article = page.find("article", attrs={"role": "main"})
    assert not any("injected" in script.get_text() for script in page.find_all("script"))
    assert article.find("img") is None
    assert not page.select("[onerror]")
    # Shown as text (Sphinx's smart quotes curl the quotation marks).
    text = article.get_text()
    assert "<script>alert(“injected”)</script>" in text
    assert "<img src=”x” onerror=”alert(2)”>" in text


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_translations_cannot_inject_markup_and_gaps_are_announced(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog_path = project / "locale" / "es" / "LC_MESSAGES" / "symptoms.po"
    catalog = polib.pofile(str(catalog_path))
    injected = catalog.find('a {term}`fever`: the box "When to call" gives the temperature;')
    injected.msgstr = (
        '{term}`fiebre <fever>` <script>alert("x")</script> <img src="x" onerror="alert(2)">'
    )
    catalog.find("mild pain in the belly;").flags.append("fuzzy")
    catalog.save()
    # The build itself checks the catalog (catalog_guard.py): markup stops the language,
    # at the entry's line, and nothing of it is written.
    refused = sphinx_build(project, tmp_path / "refused", "es")
    assert refused.returncode != 0
    assert "locale/es/LC_MESSAGES/symptoms.po:" in refused.stderr
    assert "HTML markup '<script>' is not allowed in a translation" in refused.stderr
    assert not (tmp_path / "refused" / "symptoms.html").exists()
    # Without the markup, the page builds.
    catalog.find(injected.msgid).msgstr = "{term}`fiebre <fever>`: el recuadro da la temperatura;"
    catalog.save()
    result = sphinx_build(project, tmp_path / "es", "es")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "es" / "symptoms.html").read_text("utf-8"), "html.parser")
    # The fuzzy entry is shown in English, and the page says so.
    assert page.select_one(".translation-notice-partial") is not None
    untranslated = [element.get_text(" ", strip=True) for element in page.select(".untranslated")]
    assert untranslated == ["mild pain in the belly;"]
    other = BeautifulSoup((tmp_path / "es" / "diagnosis.html").read_text("utf-8"), "html.parser")
    assert other.select_one(".translation-notice-partial") is None


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_broken_catalog_never_falls_back_to_a_stale_mo(tmp_path):
    project = copy_project(tmp_path / "project")
    assert sphinx_build(project, tmp_path / "first", "es").returncode == 0
    catalog = project / "locale" / "es" / "LC_MESSAGES" / "symptoms.po"
    # Compiled into the build folder from the checked entries, never beside the source.
    assert not catalog.with_suffix(".mo").exists()
    doctrees = tmp_path.parent / f"doctrees-{tmp_path.name}-html-es"  # conftest.sphinx_build
    assert (doctrees / "catalogs" / "es" / "LC_MESSAGES" / "symptoms.mo").is_file()
    catalog.write_text(catalog.read_text("utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    result = sphinx_build(project, tmp_path / "second", "es")
    assert result.returncode != 0
    assert "locale/es/LC_MESSAGES/symptoms.po:" in result.stderr
