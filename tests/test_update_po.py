"""`make update-po`: a pure function of the sources, canonical, idempotent, one change one entry.

The pipeline runs as `make update-po` runs it (guide-update-po), on scratch
copies of the project: one updated copy for the whole module, and a copy of that copy
for each test that changes a source.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from allguide import languages
from allguide.catalogs import check_po, interface_catalog

from conftest import COMPLETE_TRANSLATIONS, ROOT, TRANSLATIONS, copy_project

PROJECT = "When Leukemia Comes Back"
SYMPTOMS = "locale/{code}/LC_MESSAGES/symptoms.po"
OLD, NEW = "pain in the bones or joints;", "pain in the bones or in the joints;"
# What tools write for a header value they do not know.
PLACEHOLDERS = [
    "SOME DESCRIPTIVE TITLE", "FIRST AUTHOR", "EMAIL@ADDRESS", "FULL NAME", "YEAR-MO-DA",
    "LL@li.org", "PACKAGE", "VERSION", "ORGANIZATION",
]  # fmt: skip


def update_po(project: Path, *codes: str) -> subprocess.CompletedProcess:
    """What `make update-po LANGS=...` runs."""
    result = subprocess.run(
        [sys.executable, "-m", "allguide.catalogs.update_catalogs", *(codes or TRANSLATIONS)],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def catalogs(project: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted((project / "locale").rglob("*.po"))
    }


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(path))}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the project after one update, and its catalogs then."""
    project = copy_project(tmp_path_factory.mktemp("update-po") / "project")
    update_po(project)
    return project, catalogs(project)


@pytest.fixture
def scratch(updated, tmp_path) -> Path:
    """A copy of the updated copy, for one test to change."""
    return Path(
        shutil.copytree(updated[0], tmp_path / "project", ignore=shutil.ignore_patterns("_build"))
    )


def test_committed_catalogs_are_up_to_date_and_canonical(updated):
    after = updated[1]
    assert after == catalogs(ROOT), "run make update-po and commit the catalogs"


def test_second_run_changes_nothing(updated):
    project, first = updated
    assert update_po(project).stdout == ""
    assert catalogs(project) == first


@pytest.mark.full  # whole-project updates or builds: make test only
def test_build_folder_does_not_matter(updated):
    """A full, stale _build/ (old templates, old doctrees, a removed page) changes nothing."""
    project, clean = updated
    page = project / "docs" / "symptoms.md"
    original = page.read_text(encoding="utf-8")
    edit(page, OLD, NEW)
    build = project / "_build"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-c", str(project),
         "-d", str(build / "doctrees" / "gettext"), str(project / "docs"), str(build / "gettext")],
        cwd=project, check=True, capture_output=True,
    )  # fmt: skip
    page.write_text(original, encoding="utf-8")
    (build / "gettext" / "removed-page.pot").write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "A page that is gone."\nmsgstr ""\n', encoding="utf-8"
    )
    assert NEW in (build / "gettext" / "symptoms.pot").read_text(encoding="utf-8")
    update_po(project)
    assert catalogs(project) == clean
    assert not list((project / "locale").rglob("removed-page.po"))


@pytest.mark.full  # whole-project updates or builds: make test only
def test_english_change_makes_that_entry_fuzzy_with_the_previous_english(updated, scratch):
    before = updated[1]
    edit(scratch / "docs" / "symptoms.md", OLD, NEW)
    update_po(scratch)
    after = catalogs(scratch)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {SYMPTOMS.format(code=code) for code in TRANSLATIONS}
    # (An entry not translated yet has no translation to mark: it stays untranslated.)
    for code in COMPLETE_TRANSLATIONS:
        path = scratch / SYMPTOMS.format(code=code)
        old_entries = entries(updated[0] / SYMPTOMS.format(code=code))
        new_entries = entries(path)
        assert list(new_entries) == [NEW if msgid == OLD else msgid for msgid in old_entries]
        entry = new_entries[NEW]
        assert entry.flags == ["fuzzy"]
        assert entry.previous_msgid == OLD
        assert entry.msgstr == old_entries[OLD].msgstr  # the old translation stays as a start
        for msgid in set(old_entries) - {OLD}:
            assert new_entries[msgid].msgstr == old_entries[msgid].msgstr
            assert new_entries[msgid].flags == old_entries[msgid].flags
    # Run again, and after a second change: the #| line still shows the English the
    # translation was written for.
    update_po(scratch)
    assert catalogs(scratch) == after
    edit(scratch / "docs" / "symptoms.md", NEW, "pain in the bones or in the big joints;")
    update_po(scratch)
    for code in COMPLETE_TRANSLATIONS:
        entry = entries(scratch / SYMPTOMS.format(code=code))[
            "pain in the bones or in the big joints;"
        ]
        assert (entry.flags, entry.previous_msgid) == (["fuzzy"], OLD)


@pytest.mark.full  # whole-project updates or builds: make test only
def test_long_previous_english_is_wrapped_so_msgfmt_reads_it(updated, scratch):
    old = "Only the care team\ncan check what is causing them."
    edit(
        scratch / "docs" / "symptoms.md", old, "Only the care team\ncan find out what causes them."
    )
    update_po(scratch)
    for code in TRANSLATIONS:
        assert check_po.syntax_problems(scratch / SYMPTOMS.format(code=code)) == []
    for code in COMPLETE_TRANSLATIONS:
        path = scratch / SYMPTOMS.format(code=code)
        text = path.read_text(encoding="utf-8")
        assert '#| msgid ""\n#| "Your child may have some of these signs' in text
        assert max(len(line) for line in text.splitlines() if line.startswith("#|")) <= 79
        fuzzy = [entry for entry in polib.pofile(str(path)) if entry.previous_msgid]
        assert len(fuzzy) == 1
        assert "Only the care team can check what is causing them." in fuzzy[0].previous_msgid


@pytest.mark.full  # whole-project updates or builds: make test only
def test_paragraph_moved_to_another_page_keeps_its_translation(updated, scratch):
    moved = "Your child may have some of these signs, or none of them."
    symptoms, diagnosis = scratch / "docs" / "symptoms.md", scratch / "docs" / "diagnosis.md"
    text = symptoms.read_text(encoding="utf-8")
    paragraph = text[text.index(moved) :]
    symptoms.write_text(text.replace(paragraph, ""), encoding="utf-8")
    diagnosis.write_text(diagnosis.read_text(encoding="utf-8") + "\n" + paragraph, "utf-8")
    update_po(scratch)
    for code in TRANSLATIONS:
        old = next(
            entry
            for entry in polib.pofile(str(updated[0] / SYMPTOMS.format(code=code)))
            if entry.msgid.startswith(moved)
        )
        new = entries(scratch / f"locale/{code}/LC_MESSAGES/diagnosis.po")[old.msgid]
        assert (new.msgstr, new.flags) == (old.msgstr, old.flags)
        assert old.msgid not in entries(scratch / SYMPTOMS.format(code=code))


def test_translator_comments_reach_every_catalog(updated):
    project = updated[0]
    for code in TRANSLATIONS:
        folder = project / "locale" / code / "LC_MESSAGES"
        treatment = entries(folder / "treatment.po")
        three = next(entry for msgid, entry in treatment.items() if "three ways" in msgid)
        assert three.comment.startswith('Translators: "three" is written as a word')
        assert "Targets to keep here: <chemotherapy>." in three.comment.replace("\n", " ")
        fever = entries(folder / "symptoms.po")[
            'a {term}`fever`: the box "When to call" gives the temperature;'
        ]
        assert "{term}`fiebre <fever>`" in fever.comment and "<fever>." in fever.comment
        first_term = entries(folder / "glossary.po")["acute lymphoblastic leukemia"]
        assert first_term.comment.startswith("Translators: the glossary is a list of terms")
        page = entries(folder / "sphinx.po")["Page %(page)s of %(pages)s"]
        assert page.comment.startswith("Placeholders: keep %(page)s and %(pages)s exactly")
        assert entries(folder / "symptoms.po")[OLD].comment == ""
        assert "#. " in (folder / "index.po").read_text(encoding="utf-8")


def test_translator_comment_before_nothing_stops_the_update(scratch):
    page = scratch / "docs" / "symptoms.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n% Translators: a comment\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "allguide.catalogs.update_catalogs", "es"],
        cwd=scratch, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "symptoms.md:" in result.stderr
    assert "translator comment is not followed by any text to translate" in result.stderr


def test_headers_name_the_project_page_and_language(updated):
    project = updated[0]
    table = languages.by_code()
    for code in TRANSLATIONS:
        for path in sorted((project / "locale" / code / "LC_MESSAGES").glob("*.po")):
            text = path.read_text(encoding="utf-8")
            header = text[: text.index('msgid "', text.index("msgstr"))]
            assert not [word for word in PLACEHOLDERS if word in header], path
            comment = polib.pofile(str(path)).header.splitlines()
            title = " ".join(comment[: next(i for i, c in enumerate(comment) if "Copyright" in c)])
            english = table[code].english
            if path.stem == "sphinx":
                assert title.startswith(f"{english} translation of the interface"), title
            else:
                assert title == f'{english} translation of the page "{path.stem}" of {PROJECT}.'
            assert "# Copyright (C) 2026, The relapsed ALL family guide project\n" in header
            metadata = polib.pofile(str(path)).metadata
            assert metadata["Language"] == code
            assert metadata["Language-Team"] == table[code].english
            assert metadata["Plural-Forms"] == get_plural(Locale.parse(code)).plural_forms
            assert metadata["Content-Type"] == "text/plain; charset=utf-8"
            assert metadata["Project-Id-Version"] == f"{PROJECT} 2026-11-27"
            assert metadata["POT-Creation-Date"] == "2026-11-27 00:00+0000"  # conf.py's release


def test_what_a_translator_wrote_in_the_header_stays(scratch):
    path = scratch / SYMPTOMS.format(code="es")
    catalog = polib.pofile(str(path))
    catalog.metadata["Last-Translator"] = "Ana Pérez <ana@example.org>"
    catalog.metadata["PO-Revision-Date"] = "2027-01-05 10:30+0100"
    catalog.header += "Ana Pérez <ana@example.org>, 2027.\n"
    catalog.save()
    update_po(scratch, "es")
    result = polib.pofile(str(path))
    assert result.metadata["Last-Translator"] == "Ana Pérez <ana@example.org>"
    assert result.metadata["PO-Revision-Date"] == "2027-01-05 10:30+0100"
    assert "Ana Pérez <ana@example.org>, 2027." in result.header.splitlines()
    assert "SOME DESCRIPTIVE TITLE" not in path.read_text(encoding="utf-8")


@pytest.mark.full  # whole-project updates or builds: make test only
def test_new_language_gets_every_catalog_and_passes_check_po(scratch):
    table = scratch / "locale" / "languages.toml"
    table.write_text(
        table.read_text(encoding="utf-8")
        + '\n[[language]]\ncode = "it"\nname = "Italiano"\nenglish = "Italian"\n'
        'direction = "ltr"\nsearch = "it"\nfonts = ["Noto Sans"]\nreview = "draft"\n',
        encoding="utf-8",
    )
    update_po(scratch, "it")
    folder = scratch / "locale" / "it" / "LC_MESSAGES"
    assert sorted(path.stem for path in folder.glob("*.po")) == sorted(
        [path.stem for path in (scratch / "docs").glob("*.md")] + ["sphinx"]
    )
    result = subprocess.run(
        [sys.executable, "-m", "allguide.catalogs.check_po", "it"],
        cwd=scratch, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert "check-po (site): 0 error(s)" in result.stdout
    assert ": error: " not in result.stdout
    interface = entries(folder / "sphinx.po")
    assert interface["Search Results"].msgstr == "Risultati della ricerca"  # from Sphinx
    before = catalogs(scratch)
    update_po(scratch, "it")
    assert catalogs(scratch) == before


def test_prefill_takes_only_what_passes_our_check(tmp_path, monkeypatch):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "sphinx.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Last reviewed: %(date)s"\nmsgstr "Mis à jour le %(lastupdated)s"\n\n'
        'msgid "Search Results"\nmsgstr "Résultats de la recherche"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(interface_catalog, "SPHINX_LOCALE", tmp_path)
    catalog = Catalog(locale="fr")
    catalog.add("Last reviewed: %(date)s")
    catalog.add("Search Results")
    assert interface_catalog.prefill(catalog, "fr") == 1
    assert not catalog["Last reviewed: %(date)s"].string
    assert catalog["Search Results"].string == "Résultats de la recherche"


def test_placeholder_problem_names_the_placeholders():
    assert check_po.check_translation(
        "Last reviewed: %(date)s", "Mis à jour le %(lastupdated)s"
    ) == ["placeholder %(date)s missing; %(lastupdated)s is not in the English"]
