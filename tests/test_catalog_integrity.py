"""What Sphinx reads is what check-po checked (catalog_guard.py).

Each attack is written into a scratch copy of the project and built as `make` builds a
language; the output (HTML parsed, the search page's message catalog, the compiled
catalogs) is read back. The attacks are those of issue 18: an invented msgid_plural or
msgctxt (check-po compared other English than gettext serves), a compiled catalog with
no source, a sphinx.js beside the catalogs, a Plural-Forms header Python cannot use,
catalogs that are links or not files, catalogs too big to be ours.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import polib
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from pypdf import PdfReader

from allguide.catalogs import check_po
from allguide.sphinxext.catalog_guard import published_catalog

from conftest import copy_project, sphinx_build, use_project

SPANISH = Path("locale/es/LC_MESSAGES")
BLEEDING = "Bleeding that will not stop, even when you press on it"
BLEEDING_ES = "Sangrado que se detiene solo"  # "bleeding that stops on its own"
HIDE = "Hide Search Matches"
ONERROR = "<img src=x onerror=fetch('http://127.0.0.1:9/')>"
CURED = "menos de 10 de cada 100 niños se curan"  # "fewer than 10 of 100 children are cured"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def msgstr_of(path: Path, msgid: str) -> str:
    entry = polib.pofile(str(path)).find(msgid)
    assert entry is not None and entry.msgstr, msgid
    return entry.msgstr


def build_spanish(project: Path, tmp_path: Path, name: str = "es"):
    out = tmp_path / "out" / name
    result = sphinx_build(project, out, "es", "html")
    return out, result.returncode, result.stdout + result.stderr


def reported(project: Path, monkeypatch, language: str = "es") -> list[str]:
    """check-po's report for a scratch copy, paths as translators see them."""
    use_project(monkeypatch, project)
    return [str(problem) for problem in check_po.check_language(language, strict=False)]


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


# -- Plural and context smuggling -----------------------------------------------------------


def smuggle_plural(path: Path, msgid: str, plural: str, translation: str) -> int:
    """Give a singular entry an invented msgid_plural; return its msgid_plural line."""
    old = f'msgid "{msgid}"\nmsgstr "{msgstr_of(path, msgid)}"\n'
    edit(path, old, (
        f'msgid "{msgid}"\nmsgid_plural "{plural}"\n'
        f'msgstr[0] "{translation}"\nmsgstr[1] "{translation}"\n'
    ))  # fmt: skip
    return line_of(path, f'msgid_plural "{plural}"')


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_invented_plural_cannot_turn_an_urgent_sign_around(project, tmp_path, monkeypatch):
    """The attack: check-po compared the translation with the invented plural (no
    negation there), gettext served msgstr[0] for the singular lookup."""
    catalog = project / SPANISH / "sphinx.po"
    smuggle_plural(catalog, BLEEDING, "Bleeding that stops on its own", BLEEDING_ES)
    msgstr_line = line_of(catalog, f'msgstr[0] "{BLEEDING_ES}"')
    expected = (
        f"{SPANISH}/sphinx.po:{msgstr_line}: error: msgid_plural is not in the template: "
        "remove it and write one msgstr (run make update-po)"
    )
    assert expected in reported(project, monkeypatch)
    out, status, log = build_spanish(project, tmp_path)
    assert status != 0
    assert f"{SPANISH}/sphinx.po:{msgstr_line}" in log and "Traceback" not in log
    assert not (out / "symptoms.html").exists()


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_invented_plural_cannot_put_script_in_the_search_page(project, tmp_path, monkeypatch):
    catalog = project / SPANISH / "sphinx.po"
    smuggle_plural(catalog, HIDE, "Hide", ONERROR.replace('"', "'"))
    assert any("msgid_plural is not in the template" in p for p in reported(project, monkeypatch))
    out, status, _log = build_spanish(project, tmp_path)
    assert status != 0 and not (out / "_static" / "interface-translations.js").exists()


def test_invented_plural_in_a_page_catalog_is_refused(project, monkeypatch):
    catalog = project / SPANISH / "symptoms.po"
    entry = next(e for e in polib.pofile(str(catalog)) if e.msgstr and "\n" not in e.msgid)
    old = f'msgid "{entry.msgid}"\n'
    assert catalog.read_text(encoding="utf-8").count(old) == 1
    text = catalog.read_text(encoding="utf-8").replace(
        old + f'msgstr "{entry.msgstr}"\n',
        old + 'msgid_plural "x"\nmsgstr[0] "y"\nmsgstr[1] "y"\nmsgstr[2] "y"\n',
    )
    catalog.write_text(text, encoding="utf-8")
    assert any("msgid_plural is not in the template" in p for p in reported(project, monkeypatch))


def test_a_template_plural_written_as_singular_is_refused(project, monkeypatch):
    catalog = project / SPANISH / "sphinx.po"
    po = polib.pofile(str(catalog), wrapwidth=79)
    entry = next(e for e in po if e.msgid_plural)
    entry.msgid_plural, entry.msgstr, entry.msgstr_plural = "", entry.msgstr_plural[0], {}
    po.save()
    found = reported(project, monkeypatch)
    assert any("the template has a plural here" in p for p in found), found


@pytest.mark.parametrize("catalog_name", ["sphinx.po", "symptoms.po"])
def test_context_variant_is_refused(project, monkeypatch, catalog_name):
    """A msgctxt entry beside the real one: gettext's pgettext would serve it unchecked."""
    catalog = project / SPANISH / catalog_name
    msgid = "Draft translation, not yet reviewed" if catalog_name == "sphinx.po" else None
    entry = polib.pofile(str(catalog)).find(msgid) if msgid else next(
        e for e in polib.pofile(str(catalog))
        if e.msgstr and "\n" not in e.msgid and '"' not in e.msgid
    )  # fmt: skip
    with catalog.open("a", encoding="utf-8") as file:
        file.write(f'\nmsgctxt "print"\nmsgid "{entry.msgid}"\nmsgstr "{entry.msgid}"\n')
    found = reported(project, monkeypatch)
    assert any(
        "msgctxt is not in the template" in p and p.startswith(f"{SPANISH}/{catalog_name}:")
        for p in found
    ), found


# -- The Plural-Forms header ------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "nplurals=3; plural=(n/0);",  # stopped Sphinx
        "nplurals=3; plural=(n ==== 1);",  # Python cannot compile it: the catalog was dropped
        "nplurals=3; plural=2;",  # every number reads as "many"
        "nplurals=3; plural=__import__('os').system('id');",
    ],
    ids=["division by zero", "syntax", "wrong rule", "code"],
)
def test_plural_forms_header_must_be_the_languages_rule(project, tmp_path, monkeypatch, rule):
    catalog = project / SPANISH / "summary.po"
    header = re.search(r'"Plural-Forms:.*?\\n"\n', catalog.read_text(encoding="utf-8"), re.S)
    assert header
    edit(catalog, header[0], f'"Plural-Forms: {rule}\\n"\n')
    found = reported(project, monkeypatch)
    assert any(
        p.startswith(f"{SPANISH}/summary.po:1: error: header Plural-Forms")
        and "write 'nplurals=3;" in p
        for p in found
    ), found
    if rule.endswith("(n/0);"):
        out, status, log = build_spanish(project, tmp_path)
        assert status != 0 and "Traceback" not in log and f"{SPANISH}/summary.po:1" in log


# -- What is not a checked .po is never read ---------------------------------------------------


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_nothing_but_checked_catalogs_reaches_the_site(project, tmp_path, monkeypatch):
    """A .mo with no .po, a stale .mo beside its .po, and a sphinx.js in the catalog folder:
    the first two used to be published, the third loaded by every page."""
    folder = project / SPANISH
    # 1. outlook.po removed, a compiled catalog left with a false survival figure.
    outlook = folder / "outlook.po"
    with outlook.open("rb") as file:
        hostile = read_po(file, locale="es")
    for message in hostile:
        if message.id and message.string:
            message.string = CURED
    outlook.unlink()
    with (folder / "outlook.mo").open("wb") as file:
        write_mo(file, hostile)
    # 2. A .mo beside symptoms.po that says something else than the .po.
    with (folder / "symptoms.po").open("rb") as file:
        stale = read_po(file, locale="es")
    for message in stale:
        if message.id and message.string:
            message.string = "Espere a la próxima visita."  # "wait for the next visit"
    with (folder / "symptoms.mo").open("wb") as file:
        write_mo(file, stale)
    future = time.time() + 3600  # newer than its .po: Sphinx used to take it as it was
    os.utime(folder / "symptoms.mo", (future, future))
    # 3. A JavaScript catalog Sphinx would have copied into every page.
    (folder / "sphinx.js").write_text("alert('from the catalog folder');", encoding="utf-8")

    found = reported(project, monkeypatch)
    assert (
        f"{SPANISH}/outlook.mo:1: warning: ignored: the build reads only the checked .po "
        "files and compiles its own; remove this file" in found
    )
    assert any(p.startswith(f"{SPANISH}/sphinx.js:1: warning: ignored") for p in found)
    out, status, log = build_spanish(project, tmp_path)
    assert status == 0, log
    pages = "".join(path.read_text(encoding="utf-8") for path in out.rglob("*.html"))
    scripts = "".join(path.read_text(encoding="utf-8") for path in out.rglob("*.js"))
    assert CURED not in pages and "Espere a la próxima visita" not in pages
    assert "from the catalog folder" not in scripts + pages
    # The page without a catalog is shown in English, the other as its .po says.
    outlook_page = BeautifulSoup((out / "outlook.html").read_text(encoding="utf-8"), "html.parser")
    english_title = (project / "docs" / "outlook.md").read_text(encoding="utf-8").split("\n")[0]
    assert outlook_page.h1.get_text().rstrip("¶") == english_title.lstrip("# ").strip()
    symptoms = BeautifulSoup((out / "symptoms.html").read_text(encoding="utf-8"), "html.parser")
    first = next(e for e in polib.pofile(str(folder / "symptoms.po")) if e.msgstr)
    assert " ".join(first.msgstr.split())[:30] in " ".join(symptoms.get_text().split())


def test_the_build_compiles_only_translated_checked_entries(project):
    catalog = project / SPANISH / "sphinx.po"
    text = catalog.read_text(encoding="utf-8")
    edit(catalog, 'msgid "Searching"\nmsgstr "Buscando"\n',
         '#, fuzzy\nmsgid "Searching"\nmsgstr "Buscando mal"\n')  # fmt: skip
    published = published_catalog(catalog, catalog.read_bytes(), "es")
    assert published.get("Searching") is None
    assert published.get(HIDE).string == msgstr_of(project / SPANISH / "sphinx.po", HIDE)
    # Babel's rule for Spanish, whatever the header says.
    assert published.plural_forms.replace(" ", "") == (
        "nplurals=3;plural=(n==1?0:n!=0&&n%1000000==0?1:2);"
    )
    assert text != catalog.read_text(encoding="utf-8")


# -- Files that are not plain catalogs ---------------------------------------------------------


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_symlinked_catalog_is_refused_and_never_read(project, tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text('msgid "Menu"\nmsgstr "the secret"\n', encoding="utf-8")
    catalog = project / SPANISH / "summary.po"
    catalog.unlink()
    catalog.symlink_to(secret)
    found = reported(project, monkeypatch)
    assert (
        f"{SPANISH}/summary.po:1: error: is a symbolic link; a catalog must be a plain file "
        "(replace it with a copy of the .po file)"
    ) in found
    out, status, log = build_spanish(project, tmp_path)
    assert status != 0 and "the secret" not in log and not (out / "summary.html").exists()


def test_a_folder_named_like_a_catalog_is_refused(project, monkeypatch):
    catalog = project / SPANISH / "summary.po"
    catalog.unlink()
    catalog.mkdir()
    (catalog / "x.po").write_text("", encoding="utf-8")
    found = reported(project, monkeypatch)
    assert any(p.startswith(f"{SPANISH}/summary.po:1: error: is not a regular file") for p in found)


def test_a_huge_catalog_is_refused_before_it_is_parsed(project, monkeypatch):
    catalog = project / SPANISH / "glossary.po"
    filler = "".join(f'msgid "w{n}"\nmsgstr "p{n}"\n\n' for n in range(60_000))
    with catalog.open("a", encoding="utf-8") as file:
        file.write(filler)
    started = time.process_time()
    found = reported(project, monkeypatch)
    assert time.process_time() - started < 5
    assert (
        f"{SPANISH}/glossary.po:1: error: larger than 512 KB: this is not a catalog of "
        "this guide" in found
    )


def test_a_catalog_of_too_many_entries_is_refused(project, monkeypatch):
    catalog = project / SPANISH / "glossary.po"
    with catalog.open("a", encoding="utf-8") as file:
        file.write("".join(f'msgid "{n}"\nmsgstr "{n}"\n\n' for n in range(1200)))
    found = reported(project, monkeypatch)
    assert any(
        p.startswith(f"{SPANISH}/glossary.po:1: error:") and "more than 1000" in p for p in found
    ), found


# -- Interface strings in the context they land in ---------------------------------------------


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_interface_strings_land_as_text_in_attributes_and_scripts(project, tmp_path):
    """Quotes, ampersands, angle brackets and a closing script tag are all written as text
    in a title attribute and the search catalog (JSON in a .js file); markup
    itself is refused by check-po, so these are the characters that pass it."""
    folder = project / SPANISH / "sphinx.po"
    permalink = "Enlace \"a\" este título & <> 'aquí'"
    edit(
        folder,
        'msgstr "Enlace a este título"',
        f'msgstr "{permalink.replace(chr(34), chr(92) + chr(34))}"',
    )
    edit(folder, 'msgstr "Buscando"', 'msgstr "Buscando </script> \\"y\\" \\\\"')
    problems = check_po.check_catalog(folder, "es", strict=False)
    assert [str(p) for p in problems if "HTML markup" in p.message], "closing tags are markup"
    # Without the tag it passes and lands as text everywhere.
    edit(folder, 'msgstr "Buscando </script> \\"y\\" \\\\"', 'msgstr "Buscando \\"y\\" \\\\ &"')
    assert [
        p for p in check_po.check_catalog(folder, "es", strict=False) if p.severity == "error"
    ] == []
    out, status, log = build_spanish(project, tmp_path)
    assert status == 0, log
    page = BeautifulSoup((out / "symptoms.html").read_text(encoding="utf-8"), "html.parser")
    titles = {link.get("title") for link in page.select("a.headerlink")}
    assert permalink in titles
    script = (out / "_static" / "interface-translations.js").read_text(encoding="utf-8")
    catalog = json.loads(script.removeprefix("Documentation.addTranslations(").rstrip(");\n"))
    assert catalog["messages"]["Searching"] == 'Buscando "y" \\ &'


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_translated_text_lands_as_text_in_pdf_metadata_and_bookmarks(project, tmp_path):
    """A page title becomes the PDF's Title, an interface heading a bookmark: both exactly
    as translated, with the characters HTML escapes and none of the markup."""
    team = 'El equipo de "atención" & <> de su hijo'
    title = "Cuándo llamar & pedir ayuda"  # page text: quotes would be curled
    edit(project / SPANISH / "sphinx.po", 'msgstr "El equipo de atención médica de su hijo"',
         f'msgstr "{team.replace(chr(34), chr(92) + chr(34))}"')  # fmt: skip
    edit(project / SPANISH / "when-to-call.po", 'msgstr "Cuándo llamar para pedir ayuda"',
         f'msgstr "{title}"')  # fmt: skip
    handouts = tmp_path / "handouts"
    result = sphinx_build(
        project, tmp_path / "out" / "es", "es", "html",
        {"handouts_output_dir": str(handouts), "handouts_with_site": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(handouts / "es" / "relapsed-all-when-to-call-es-letter.pdf")
    assert reader.metadata.title == title
    bookmarks = [reader.outline[0]["/Title"], *(item["/Title"] for item in reader.outline[1])]
    assert bookmarks == [title, team]
    text = " ".join(reader.pages[0].extract_text().split())
    assert title in text and team in text
