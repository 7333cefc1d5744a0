"""`make check-po` catches each class of mistake, naming the file and line, and fails."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from conftest import ROOT, TRANSLATIONS, copy_project

import check_po

CATALOG = Path("locale/es/LC_MESSAGES/symptoms.po")


def run_check(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "tools" / "check_po.py"), *arguments],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )


def msgstr_line(text: str, msgid: str) -> int:
    """The line number of the msgstr that follows `msgid "..."`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f'msgid "{msgid}'))
    return next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr")) + 1


def replace_msgstr(text: str, msgid: str, new: str) -> str:
    """Replace the translation of `msgid` (a single-line entry in this catalog)."""
    pattern = re.compile(
        rf'(msgid "{re.escape(msgid)}"\nmsgstr )"(?:[^"\\]|\\.)*"((?:\n"[^\n]*")*)'
    )
    replaced, count = pattern.subn(lambda m: m.group(1) + f'"{new}"', text, count=1)
    assert count == 1, msgid
    return replaced


FEVER = "a {term}`fever`;"
BRUISES = "bruises, or {term}`petechiae` (tiny red spots on the skin);"


# (name, change to the catalog text, message expected at the changed entry's msgstr line)
ENTRY_MUTATIONS = [
    (
        "role dropped",
        lambda t: replace_msgstr(t, FEVER, "fiebre;"),
        "role {term}`…<fever>` dropped",
    ),
    (
        "role target changed",
        lambda t: replace_msgstr(t, FEVER, "{term}`fiebre <fiebre>`;"),
        "role {term}`…<fever>` dropped or its target changed",
    ),
    (
        "HTML tag",
        lambda t: replace_msgstr(t, FEVER, "{term}`fiebre <fever>` <script>alert(1)</script>;"),
        "HTML markup '<script>' is not allowed",
    ),
    (
        "entity-encoded markup",
        lambda t: replace_msgstr(t, FEVER, "{term}`fiebre <fever>` &lt;b&gt;;"),
        "HTML markup '&lt;' is not allowed",
    ),
    (
        "identical to English",
        lambda t: replace_msgstr(t, BRUISES, BRUISES),
        "translation is identical to the English",
    ),
    (
        "untranslated",
        lambda t: replace_msgstr(t, FEVER, ""),
        "warning: untranslated: 'a {term}`fever`;'",
    ),
    (
        "fuzzy",
        lambda t: t.replace(f'msgid "{FEVER}"', f'#, fuzzy\nmsgid "{FEVER}"', 1),
        "warning: fuzzy: 'a {term}`fever`;'",
    ),
]


@pytest.mark.parametrize(
    ("name", "mutate", "expected"), ENTRY_MUTATIONS, ids=[m[0] for m in ENTRY_MUTATIONS]
)
def test_each_broken_entry_is_reported_at_its_line(tmp_path, name, mutate, expected):
    project = copy_project(tmp_path / "project")
    path = project / CATALOG
    broken = mutate(path.read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")
    msgid = BRUISES if name == "identical to English" else FEVER
    line = msgstr_line(broken, msgid)
    result = run_check(project, "es")
    assert f"{CATALOG}:{line}: " in result.stdout
    reported = [row for row in result.stdout.splitlines() if row.startswith(f"{CATALOG}:{line}: ")]
    assert any(expected in row for row in reported), result.stdout
    if "warning" in expected:
        assert result.returncode == 0  # the site shows a notice instead
        strict = run_check(project, "--for", "handouts", "es")
        assert strict.returncode == 1
        assert f"{CATALOG}:{line}: error: " in strict.stdout
    else:
        assert result.returncode == 1


def test_changed_number_is_an_error(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "locale/es/LC_MESSAGES/summary.po"
    catalog = polib.pofile(str(path))
    entry = next(entry for entry in catalog if "15 to 20" in entry.msgid)
    assert "15" in entry.msgstr
    entry.msgstr = entry.msgstr.replace("15", "16")
    catalog.save()
    result = run_check(project, "es")
    assert result.returncode == 1
    pattern = r"locale/es/LC_MESSAGES/summary.po:\d+: error: number 15 missing or changed"
    assert re.search(pattern, result.stdout), result.stdout


@pytest.mark.parametrize(
    ("name", "mutate", "line", "expected"),
    [
        (
            "syntax",
            lambda t: t.replace(f'msgid "{FEVER}"', f'msgid "{FEVER}"\nnot PO syntax', 1),
            None,
            "syntax error",
        ),
        (
            "encoding",
            lambda t: t.encode("utf-8") + '\nmsgid "é"\nmsgstr "é"\n'.encode("latin-1"),
            None,
            "not valid UTF-8",
        ),
        (
            "language header",
            lambda t: t.replace('"Language: es\\n"', '"Language: pt\\n"'),
            1,
            "header Language is 'pt', expected 'es'",
        ),
        (
            "charset header",
            lambda t: t.replace("charset=utf-8", "charset=latin-1"),
            1,
            "must declare charset=UTF-8",
        ),
        (
            "plural header",
            lambda t: re.sub(r"nplurals=\d+;", "nplurals=1;", t),
            1,
            "header Plural-Forms",
        ),
        (
            "duplicate",
            lambda t: t + f'\nmsgid "{FEVER}"\nmsgstr "{{term}}`fiebre <fever>`;"\n',
            None,
            "duplicate message definition",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_broken_catalog_files_are_reported(tmp_path, name, mutate, line, expected):
    project = copy_project(tmp_path / "project")
    path = project / CATALOG
    broken = mutate(path.read_text(encoding="utf-8"))
    if isinstance(broken, bytes):
        path.write_bytes(broken)
    else:
        path.write_text(broken, encoding="utf-8")
    result = run_check(project, "es")
    assert result.returncode == 1
    rows = [row for row in result.stdout.splitlines() if expected in row]
    assert rows, result.stdout
    found = re.match(rf"{re.escape(str(CATALOG))}:(\d+): error: ", rows[0])
    assert found, rows[0]
    if line is not None:
        assert int(found[1]) == line
    else:
        raw = path.read_bytes()
        assert 1 < int(found[1]) <= raw.count(b"\n") + 1


def test_url_and_link_targets_and_emphasis_are_checked():
    english = "See **this** [page](https://example.org/trials) for {doc}`more <treatment>`."
    assert (
        check_po.check_translation(
            english, "Vea **esta** [página](https://example.org/trials) {doc}`más <treatment>`."
        )
        == []
    )
    problems = check_po.check_translation(
        english, "Vea esta [página](https://example.com/x) {doc}`más <outlook>`."
    )
    assert "URL https://example.org/trials missing or changed" in problems
    assert "link target (https://example.org/trials) missing or changed" in problems
    assert "markup '**' appears 0 time(s), the English has 2" in problems
    assert "role {doc}`…<treatment>` dropped or its target changed" in problems


def test_arabic_indic_digits_count_as_the_same_number():
    assert check_po.check_translation("15 to 20 out of 100", "١٥ إلى ٢٠ من كل ١٠٠") == []


def test_missing_catalog_is_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / CATALOG).unlink()
    result = run_check(project, "--for", "handouts", "es")
    assert result.returncode == 1
    assert f"{CATALOG}:1: error: catalog missing" in result.stdout


def test_the_real_catalogs_are_complete_and_clean():
    result = run_check(ROOT, "--for", "handouts", *TRANSLATIONS)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith(
        "check-po (handouts): 0 error(s), 0 warning(s)"
    )


def test_make_check_po_fails_on_a_broken_catalog(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "Makefile").write_text((ROOT / "Makefile").read_text("utf-8"), encoding="utf-8")
    path = project / CATALOG
    path.write_text(replace_msgstr(path.read_text("utf-8"), FEVER, "fiebre;"), encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "check-po", f"VENV={ROOT / '.venv'}"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert f"{CATALOG}:" in result.stdout and "role {term}`…<fever>` dropped" in result.stdout
