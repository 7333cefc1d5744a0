"""One bad file stops one language in every tool, with FILE:LINE: and what to do; no traceback.

Each breakage is written into a scratch copy of the project (one catalog of Spanish,
or the language table), then every tool a translator runs is run as `make` runs it:
check-po, stats, the language listing, the formatter, update-po, the live preview's
check (a Sphinx build of the language) and, for a few, `make html` of two languages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, sphinx_build

# Only in make test, not make test-fast: `make` and every command on broken copies of the project.
pytestmark = pytest.mark.full

CATALOG = "locale/es/LC_MESSAGES/symptoms.po"
SPANISH = "locale/es/LC_MESSAGES"
# A French catalog update-po must (re)create while Spanish is refused.
FRENCH_REMOVED = "locale/fr/LC_MESSAGES/outlook.po"
NOBODY = 65534
# The commands `make` runs (guide-check-po, ...), by their old script names: module.
COMMANDS = {
    "check_po.py": "catalogs.check_po",
    "catalog_stats.py": "catalogs.catalog_stats",
    "catalog_format.py": "catalogs.catalog_format",
    "update_catalogs.py": "catalogs.update_catalogs",
    "listed_languages.py": "site.listed_languages",
}


@dataclass(frozen=True)
class Breakage:
    # Breaks the catalog at `path` (project root given too); returns the line to name.
    apply: Callable[[Path, Path], int]
    message: str  # part of the message every tool of ours gives
    # Whether polib (the listing's quick reading) sees it: msgfmt alone finds a
    # truncated string.
    listing_sees_it: bool = True


def _first_entry_line(text: str) -> int:
    """The line of the first entry after the header."""
    return text[: text.index('\nmsgid "', text.index('msgid ""') + 1)].count("\n") + 2


def _unknown_keyword(path: Path, _project: Path) -> int:
    text = path.read_text(encoding="utf-8")
    line = _first_entry_line(text)
    lines = text.splitlines(keepends=True)
    lines.insert(line - 1, 'msgfoo "x"\n')
    path.write_text("".join(lines), encoding="utf-8")
    return line


def _latin1(path: Path, _project: Path) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-8") + '\nmsgid "fiebre"\nmsgstr "é"\n'.encode("latin-1"))
    return text.count("\n") + 3


def _utf16(path: Path, _project: Path) -> int:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))  # with its BOM
    return 1


def _utf8_bom(path: Path, _project: Path) -> int:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return 1


def _nul_bytes(path: Path, _project: Path) -> int:
    """What a crash mid-write can leave: NUL bytes at the end."""
    raw = path.read_bytes()
    path.write_bytes(raw + b"\0" * 64)
    return raw.count(b"\n") + 1


def _truncated(path: Path, _project: Path) -> int:
    raw = path.read_bytes()
    cut = raw.index(b'msgstr "', len(raw) // 2) + len(b'msgstr "') + 5
    path.write_bytes(raw[:cut])
    return raw[:cut].count(b"\n") + 1


def _empty(path: Path, _project: Path) -> int:
    path.write_bytes(b"")
    return 1


def _directory(path: Path, _project: Path) -> int:
    path.unlink()
    path.mkdir()
    return 1


def _link_to_passwd(path: Path, _project: Path) -> int:
    path.unlink()
    path.symlink_to("/etc/passwd")
    return 1


def _link_to_french(path: Path, _project: Path) -> int:
    path.unlink()
    path.symlink_to("../../fr/LC_MESSAGES/symptoms.po")
    return 1


def _named_pipe(path: Path, _project: Path) -> int:
    path.unlink()
    os.mkfifo(path)
    return 1


def _unreadable(path: Path, _project: Path) -> int:
    path.chmod(0)
    return 1


BREAKAGES = {
    "unknown-keyword": Breakage(_unknown_keyword, "syntax error"),
    "latin-1": Breakage(_latin1, "not valid UTF-8"),
    "utf-16": Breakage(_utf16, "not valid UTF-8 (it looks like UTF-16)"),
    "utf-8-bom": Breakage(_utf8_bom, "byte order mark"),
    "nul-bytes": Breakage(_nul_bytes, "syntax error"),
    "truncated": Breakage(_truncated, "end-of-file within string", listing_sees_it=False),
    "empty": Breakage(_empty, "is empty: restore it"),
    "directory": Breakage(_directory, "is not a regular file"),
    "link-to-passwd": Breakage(_link_to_passwd, "is a symbolic link"),
    "link-to-french": Breakage(_link_to_french, "is a symbolic link"),
    "named-pipe": Breakage(_named_pipe, "is not a regular file"),
    "unreadable": Breakage(_unreadable, "cannot be read (Permission denied)"),
}


@pytest.fixture
def world_readable_tmp() -> Iterator[Path]:
    """A folder another user can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="one-bad-file-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class Runner:
    """Runs the project's tools in a copy, as someone for whom `chmod 0` means unreadable."""

    def __init__(self, project: Path, *, permissions_count: bool = False) -> None:
        self.project = project
        self.prefix: list[str] = []
        if permissions_count and os.geteuid() == 0:
            # Root reads any file: run as nobody, in a copy nobody owns.
            subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(project)], check=True)
            self.prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]

    def tool(self, script: str, *arguments: str) -> subprocess.CompletedProcess:
        module = f"allguide.{COMMANDS[script]}"
        command = [*self.prefix, sys.executable, "-m", module, *arguments]
        return subprocess.run(
            command, cwd=self.project, capture_output=True, text=True, check=False, timeout=300
        )


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every plain file of a folder (links and other files are names only)."""
    return {
        path.name: path.read_bytes() if path.is_file() and not path.is_symlink() else b"?"
        for path in sorted(folder.iterdir())
        if path.name != "symptoms.po"
    }


def _no_traceback(result: subprocess.CompletedProcess) -> str:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return output


@pytest.mark.parametrize("case", sorted(BREAKAGES))
def test_one_bad_catalog_stops_only_its_language_in_every_tool(tmp_path, world_readable_tmp, case):
    breakage = BREAKAGES[case]
    project = copy_project((world_readable_tmp if case == "unreadable" else tmp_path) / "project")
    (project / FRENCH_REMOVED).unlink()
    line = breakage.apply(project / CATALOG, project)
    runner = Runner(project, permissions_count=case == "unreadable")
    spanish = _snapshot(project / SPANISH)
    named = f"{CATALOG}:{line}: error: "

    # make check-po (its own checks are tested elsewhere: here, that it names the file).
    check = runner.tool("check_po.py", "es", "fr")
    _no_traceback(check)
    assert check.returncode == 1
    assert f"{CATALOG}:{line}: error" in check.stdout, check.stdout

    # make stats: French is counted, Spanish is not, and the catalog is named.
    stats = runner.tool("catalog_stats.py", "es", "fr")
    _no_traceback(stats)
    assert stats.returncode == 1
    assert named in stats.stderr and breakage.message in stats.stderr, stats.stderr
    assert re.search(r"^fr +ALL CATALOGS", stats.stdout, re.MULTILINE), stats.stdout
    assert re.search(r"^es +not counted", stats.stdout, re.MULTILINE), stats.stdout

    # The language listing every build waits for: never fails for one catalog, and a
    # language listed before stays listed (its previous site is still there).
    listing = project / "_build" / "listed.txt"
    listing.parent.mkdir(exist_ok=True)
    listing.write_text("en,es,fr\n", encoding="utf-8")
    if runner.prefix:
        shutil.chown(listing.parent, NOBODY, NOBODY)
        shutil.chown(listing, NOBODY, NOBODY)
    listed = runner.tool("listed_languages.py", str(listing))
    _no_traceback(listed)
    assert listed.returncode == 0, listed.stderr
    codes = listing.read_text(encoding="utf-8").strip().split(",")
    assert "fr" in codes
    if breakage.listing_sees_it:
        assert "es" in codes
        assert named in listed.stderr and "[es] still listed" in listed.stderr, listed.stderr

    # The formatter and update-po touch nothing of Spanish and go on with French.
    formatted = runner.tool("catalog_format.py", "es", "fr")
    _no_traceback(formatted)
    assert formatted.returncode == 1
    assert named in formatted.stderr and "[es] not reformatted" in formatted.stderr
    updated = runner.tool("update_catalogs.py", "es", "fr")
    _no_traceback(updated)
    assert updated.returncode == 1, updated.stdout + updated.stderr
    assert named in updated.stderr and breakage.message in updated.stderr, updated.stderr
    assert "[es] not updated" in updated.stderr
    assert f"created {FRENCH_REMOVED}" in updated.stdout
    assert (project / FRENCH_REMOVED).is_file()
    assert _snapshot(project / SPANISH) == spanish
    # Nothing of what a link points to is read, let alone shown.
    for result in (check, stats, listed, formatted, updated):
        assert "root:" not in result.stdout + result.stderr


def test_the_live_preview_names_the_broken_catalog_and_previews_other_languages(tmp_path):
    """`make live` runs Sphinx alone, which works out the listed languages itself: a
    broken Spanish catalog stops Spanish, named, and French still previews."""
    project = copy_project(tmp_path / "project")
    line = _unknown_keyword(project / CATALOG, project)
    spanish = sphinx_build(project, tmp_path / "out" / "es", "es")
    assert spanish.returncode != 0
    output = spanish.stdout + spanish.stderr
    assert "Traceback" not in output and "Extension error" not in output, output
    assert f"{CATALOG}:{line}: ERROR: syntax error" in output
    french = sphinx_build(project, tmp_path / "out" / "fr", "fr")
    output = french.stdout + french.stderr
    assert french.returncode == 0, output
    assert "Traceback" not in output
    assert (tmp_path / "out" / "fr" / "index.html").is_file()


def _make_html(project: Path, *languages: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "html", f"LANGS={' '.join(languages)}",
         f"VENV={ROOT / '.venv'}"],
        cwd=project, capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip


@pytest.mark.parametrize("case", ["unknown-keyword", "directory"])
def test_make_html_builds_the_other_language_and_reports_the_broken_one(tmp_path, case):
    project = copy_project(tmp_path / "project")
    line = BREAKAGES[case].apply(project / CATALOG, project)
    started = time.time()
    result = _make_html(project, "es", "fr")
    output = _no_traceback(result)
    assert result.returncode != 0
    assert f"{CATALOG}:{line}: error" in output, output
    assert "Not built: es" in output
    french = project / "_build" / "html" / "fr" / "index.html"
    assert french.is_file(), output
    assert french.stat().st_mtime >= started
    assert (project / "_build" / "handouts" / "fr" / "manifest.json").is_file()
    assert not (project / "_build" / "html" / "es").exists()


TABLE = "locale/languages.toml"


def test_a_bad_row_in_the_language_table_is_named_by_every_tool(tmp_path):
    project = copy_project(tmp_path / "project")
    table = project / TABLE
    text = table.read_text(encoding="utf-8")
    assert text.count('direction = "rtl"') == 1
    table.write_text(text.replace('direction = "rtl"', 'direction = "up"'), encoding="utf-8")
    # The row is named by its [[language]] line.
    line = text[: text[: text.index('direction = "rtl"')].rindex("[[language]]")].count("\n") + 1
    expected = f"Language table error: {TABLE}:{line}: direction must be ltr or rtl"
    runner = Runner(project)
    for script, arguments in [
        ("check_po.py", ["es"]),
        ("catalog_stats.py", []),
        ("listed_languages.py", [str(tmp_path / "listed.txt")]),
        ("catalog_format.py", ["es"]),
        ("update_catalogs.py", ["es"]),
    ]:
        result = runner.tool(script, *arguments)
        _no_traceback(result)
        assert result.returncode == 2, (script, result.stderr)
        assert expected in result.stderr, (script, result.stderr)
    # A build stops before any language: the table is every language's.
    build = _make_html(project, "fr")
    _no_traceback(build)
    assert build.returncode != 0
    assert expected in build.stderr
    assert not (project / "_build" / "html" / "fr").exists()


def test_the_live_preview_check_names_a_bad_table_row(tmp_path):
    project = copy_project(tmp_path / "project")
    table = project / TABLE
    table.write_text(
        table.read_text(encoding="utf-8").replace('direction = "rtl"', 'direction = "up"'),
        encoding="utf-8",
    )
    result = sphinx_build(project, tmp_path / "out" / "es", "es")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "Extension error" not in output, output
    assert "locale/languages.toml:" in output and "direction must be ltr or rtl" in output


def _unknown_charset(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "charset=utf-8" in text
    path.write_text(text.replace("charset=utf-8", "charset=nonsense-9", 1), encoding="utf-8")


def test_a_broken_header_is_repaired_by_update_po_not_refused(tmp_path):
    """Headers are update-po's to write: a broken one is named by check-po, and update-po
    (which rebuilds every header from the table) repairs it without a traceback."""
    project = copy_project(tmp_path / "project")
    path = project / CATALOG
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Language: es\\n"', '"Language es\\n"', 1), encoding="utf-8")
    runner = Runner(project)
    check = runner.tool("check_po.py", "es")
    _no_traceback(check)
    assert f"{CATALOG}:1: error: header Language" in check.stdout
    for script in ("catalog_stats.py", "update_catalogs.py"):
        result = runner.tool(script, "es")
        _no_traceback(result)
        assert result.returncode == 0, (script, result.stderr)
    assert path.read_text(encoding="utf-8") == text
    _unknown_charset(path)
    for script in ("catalog_stats.py", "update_catalogs.py"):
        result = runner.tool(script, "es")
        _no_traceback(result)
        assert result.returncode == 0, (script, result.stderr)
    assert path.read_text(encoding="utf-8") == text


def test_check_po_names_an_unknown_charset_in_the_header(tmp_path):
    project = copy_project(tmp_path / "project")
    _unknown_charset(project / CATALOG)
    runner = Runner(project)
    result = runner.tool("check_po.py", "es")
    _no_traceback(result)
    assert f"{CATALOG}:1: error: header Content-Type" in result.stdout


def test_a_file_a_tool_cannot_write_is_named_without_a_traceback(tmp_path):
    """languages.run_command: an OSError is one line naming the file."""
    project = copy_project(tmp_path / "project")
    target = project / "_build" / "listed-languages.txt"
    target.mkdir(parents=True)  # a folder where the listing is written
    result = subprocess.run(
        [sys.executable, "-m", "allguide.site.listed_languages", str(target)],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    _no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.strip() == "_build/listed-languages.txt: error: Is a directory"
