"""`make update-po`: canonical, idempotent, and a one-sentence change touches one entry."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
from conftest import ROOT, TRANSLATIONS, copy_project


def make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["make", "--no-print-directory", *targets, f"VENV={ROOT / '.venv'}"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def catalogs(project: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted((project / "locale").rglob("*.po"))
    }


def test_update_po_leaves_committed_catalogs_untouched_twice(tmp_path):
    project = copy_project(tmp_path / "project")
    committed = catalogs(project)
    make(project, "update-po")
    assert catalogs(project) == committed
    make(project, "update-po")
    assert catalogs(project) == committed


def test_one_sentence_change_touches_only_that_entry(tmp_path):
    project = copy_project(tmp_path / "project")
    before = catalogs(project)
    page = project / "docs" / "symptoms.md"
    old, new = "pain in the bones or joints;", "pain in the bones or in the joints;"
    page.write_text(page.read_text("utf-8").replace(old, new), encoding="utf-8")
    make(project, "update-po")
    after = catalogs(project)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {f"locale/{code}/LC_MESSAGES/symptoms.po" for code in TRANSLATIONS}
    for code in TRANSLATIONS:
        path = project / f"locale/{code}/LC_MESSAGES/symptoms.po"
        old_catalog = polib.pofile(before[str(path.relative_to(project))].decode("utf-8"))
        new_catalog = polib.pofile(str(path))
        old_entries = {entry.msgid: entry for entry in old_catalog}
        new_entries = {entry.msgid: entry for entry in new_catalog}
        assert set(old_entries) - set(new_entries) == {old}
        assert set(new_entries) - set(old_entries) == {new}
        entry = new_entries[new]
        assert "fuzzy" in entry.flags
        assert entry.msgstr == old_entries[old].msgstr  # the old translation stays as a hint
        for msgid in set(old_entries) & set(new_entries):
            assert new_entries[msgid].msgstr == old_entries[msgid].msgstr
            assert new_entries[msgid].flags == old_entries[msgid].flags
