"""Hostile translations: each written into a scratch copy of a real catalog, each refused
at its msgstr line with the exact message (check_po reads a msgstr as Sphinx will)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from allguide.catalogs import check_po

from conftest import ROOT, copy_project, use_project

PAGE = Path("locale/es/LC_MESSAGES/symptoms.po")
SUMMARY = Path("locale/es/LC_MESSAGES/summary.po")
INTERFACE = Path("locale/es/LC_MESSAGES/sphinx.po")
BELLY = "mild pain in the belly;"
RELAPSE = "Relapsed ALL means"
NOT_WORKING = "Do not wait for the next visit"
REINDUCTION = "First treatment: {term}`reinduction`"
REVIEWED = "Last reviewed: %(date)s"
HOME = "Home"
FOUND = "Search finished, found one page"


def po_string(keyword: str, text: str) -> list[str]:
    """`keyword "text"` as PO lines: one line per message line, only \\, " and newlines
    escaped (any other character, control characters too, is written as it is)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    pieces = escaped.split("\n")
    parts = [piece + "\\n" for piece in pieces[:-1]] + [pieces[-1]]
    if len(parts) == 1:
        return [f'{keyword} "{parts[0]}"']
    return [f'{keyword} ""', *(f'"{part}"' for part in parts if part)]


def put_msgstr(text: str, msgid_start: str, msgstr_lines: list[str]) -> tuple[str, int]:
    """Replace the msgstr lines of the entry whose msgid starts with `msgid_start`;
    return the new text and the line number of the (first) msgstr line."""
    lines = text.splitlines()
    start = next(
        index
        for index, line in enumerate(lines)
        if line.startswith(f'msgid "{msgid_start}')
        or (line == 'msgid ""' and lines[index + 1].startswith(f'"{msgid_start}'))
    )
    first = next(index for index in range(start, len(lines)) if lines[index].startswith("msgstr"))
    end = first + 1
    while end < len(lines) and lines[end].startswith(('"', "msgstr[")):
        end += 1
    lines[first:end] = msgstr_lines
    return "\n".join(lines) + "\n", first + 1


def check_scratch_catalog(tmp_path: Path, monkeypatch, catalog: Path, msgid: str, msgstr):
    """Write the hostile msgstr into a copy of `catalog`; return (line, reported rows)."""
    path = tmp_path / catalog
    path.parent.mkdir(parents=True)
    shutil.copy2(ROOT / catalog, path)
    lines = msgstr if isinstance(msgstr, list) else po_string("msgstr", msgstr)
    text, line = put_msgstr(path.read_text(encoding="utf-8"), msgid, lines)
    path.write_text(text, encoding="utf-8")
    # A project of this one catalog (the rest is the real project's), so that paths are
    # reported as translators see them.
    shutil.copy2(ROOT / "locale" / "languages.toml", tmp_path / "locale" / "languages.toml")
    for part in ("conf.py", "docs", "theme"):
        (tmp_path / part).symlink_to(ROOT / part)
    use_project(monkeypatch, tmp_path)
    problems = check_po.check_catalog(path, "es", strict=True)
    return line, [str(problem) for problem in problems]


P = (PAGE, BELLY)
# (name, catalog, msgid, msgstr (text, or PO lines as written), messages at the msgstr line)
HOSTILE = [
    ("tilde include", *P, "~~~{include} ../../etc/hostname\n~~~", [
        "translation is read as a directive {include}, the English as a paragraph",
        "directive {include} is not in the English",
    ]),
    ("tilde raw html", *P, "~~~{raw} html\n<script>alert(1)</script>\n~~~", [
        "directive {raw} is not in the English",
        "HTML markup '<script>' is not allowed in a translation",
    ]),
    ("eval-rst in a second block", *P,
     "dolor en la barriga\n\n```{eval-rst}\n.. include:: /etc/passwd\n```", [
        "translation is read as 2 blocks (a paragraph, a directive {eval-rst}); Sphinx "
        "publishes only the first and silently drops the rest: keep it a paragraph",
        "directive {eval-rst} is not in the English",
    ]),
    ("csv-table :url:", *P, "```{csv-table}\n:url: https://evil.example/data.csv\n```", [
        "directive {csv-table} is not in the English",
        "URL https://evil.example/data.csv is not in the English",
    ]),
    ("csv-table :file:", *P, "~~~{csv-table} Datos\n:file: /etc/passwd\n~~~", [
        "directive {csv-table} is not in the English",
    ]),
    ("code fence", *P, "```python\nimport os\n```", [
        "translation is read as a code fence ```python, the English as a paragraph",
    ]),
    ("indented code block", *P, "    dolor en la barriga", [
        "translation is read as an indented code block, the English as a paragraph",
    ]),
    ("javascript autolink", *P, "dolor en la barriga <javascript:alert(1)>", [
        "link target (javascript:alert(1)) is not in the English",
    ]),
    ("javascript link", *P, "dolor en la [barriga](javascript:alert(1))", [
        "link target (javascript:alert(1)) is not in the English",
    ]),
    ("local file image", *P, "dolor en la barriga ![x](file:///etc/passwd)", [
        "image (file:///etc/passwd) is not in the English",
    ]),
    ("link to another site", *P, "dolor en la [barriga](https://evil.example/)", [
        "link target (https://evil.example/) is not in the English",
        "URL https://evil.example/ is not in the English",
    ]),
    ("link reference definition", *P, "dolor en la barriga\n\n[x]: https://evil.example/", [
        "link reference definition [X]: https://evil.example/ is not in the English",
    ]),
    ("target", *P, "(barriga)=\ndolor en la barriga", [
        "target (barriga)= is not in the English",
    ]),
    ("footnote", *P, "dolor en la barriga[^1]\n\n[^1]: Vea otra página.", [
        "footnote reference [^1] is not in the English",
        "footnote [^1]: is not in the English",
    ]),
    ("heading", *P, "# dolor en la barriga", [
        "translation is read as a heading, the English as a paragraph",
    ]),
    ("block quote", *P, "> dolor en la barriga", ["block quote is not in the English"]),
    ("table", *P, "| dolor |\n|---|\n| barriga |", ["table is not in the English"]),
    ("front matter", *P, "---\nmyst:\n  enable_extensions: [html_image]\n---\ndolor", [
        "front matter is not in the English",
    ]),
    ("comment line", *P, "% dolor en la barriga", [
        "translation is read as a comment (% …), the English as a paragraph",
    ]),
    ("role not in the English", *P, "dolor en la {download}`barriga <../../etc/passwd>`", [
        "role {download}`…<../../etc/passwd>` is not in the English",
    ]),
    ("role target changed", SUMMARY, REINDUCTION,
     "Primer tratamiento: {term}`reinducción <induction>`, para lograr la remisión.", [
        "role {term}`…<reinduction>` dropped or its target changed",
        "role {term}`…<induction>` is not in the English",
    ]),
    ("unclosed HTML tag", *P, "dolor en la <img src=x onerror=alert(1)", [
        "HTML markup '<img src=x onerror=alert(1)' is not allowed in a translation",
    ]),
    ("numbers as decimals", SUMMARY, RELAPSE,
     "La LLA en recaída quiere decir que la {term}`leucemia linfoblástica aguda <acute "
     "lymphoblastic leukemia>` regresó. Unos 1.5 a 2.0 de cada 10.0 niños tienen una recaída.", [
        "number 15 missing or changed",
        "number 1.5 is not in the English",
        "number 10.0 is not in the English",
    ]),
    ("numbers in a dropped paragraph", SUMMARY, RELAPSE,
     "La {term}`leucemia <acute lymphoblastic leukemia>` regresó en 2 de cada 10 niños."
     "\n\nUnos 15 a 20 de cada 100.", [
        "translation is read as 2 blocks (a paragraph, a paragraph); Sphinx publishes only "
        "the first and silently drops the rest: keep it a paragraph",
        "number 20 missing or changed",
        "number 2 is not in the English",
    ]),
    ("negation dropped", PAGE, NOT_WORKING,
     "Espere a la próxima visita para decírselo.", [
        "the English says 'not' but the translation has no negation (no, nunca, ni, sin, "
        "ningún, ninguna, ninguno, nada, nadie, tampoco, jamás); urgent text has no "
        "negation-ok: rewrite it with each negation of the English",
    ]),
    ("right-to-left override", *P, "dolor en la \u202ebarriga", [
        "character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed in a translation",
    ]),
    ("zero-width space", *P, "dolor en la bar\u200briga", [
        "character U+200B (ZERO WIDTH SPACE) is not allowed in a translation",
    ]),
    ("control character", *P, "dolor\x07 en la barriga", [
        "character U+0007 (control character) is not allowed in a translation",
    ]),
    ("bell as an escape", *P, ['msgstr "dolor\\a en la barriga"'], [
        "Sphinx reads this entry as 'dolor\\x07 en la barriga' and this check as 'dolor\\\\a "
        "en la barriga': type characters themselves; of escape sequences only \\n, \\t, \\\" "
        "and \\\\ are read alike",
    ]),
    ("only spaces", *P, "   ", [
        "translation is only spaces or invisible characters; leave msgstr empty",
    ]),
    ("only zero-width characters", *P, "\u200b\u2060", [
        "translation is only spaces or invisible characters; leave msgstr empty",
    ]),
    ("English with a trailing space", *P, "mild pain in the belly; ", [
        "translation is identical to the English; leave msgstr empty until translated: "
        "'mild pain in the belly;'",
    ]),
    ("far too long", *P, "dolor " * 40_000, [
        "a message longer than 4000 characters is not one of this guide: remove the entry "
        "(make update-po writes the catalog afresh)",
    ]),
    ("too long", *P, "dolor " * 60, [
        "translation is 360 characters long, more than 2 times the English (23) plus 100",
    ]),
    ("noqa", *P, "dolor en la barriga #noqa", [
        "'#noqa' at the end turns off Sphinx's reference checks: remove it",
    ]),
    ("line break", *P, "dolor en la  \nbarriga", ["line break is not in the English"]),
    ("stray percent", INTERFACE, REVIEWED, "Revisado al 100%: %(date)s", [
        "'%' in 'Revisado al 100%: %(date)s' is not a placeholder of the English: Python "
        "reads it as one and the page fails; write '%%' for a percent sign",
        "number 100 is not in the English",
    ]),
    ("percent read as a placeholder", INTERFACE, REVIEWED, "Revisado: 100 % del %(date)s", [
        "placeholders: format string mixes positional and named placeholders (Babel's "
        "python-format check)",
    ]),
    ("renamed placeholder", INTERFACE, REVIEWED, "Última revisión: %(fecha)s", [
        "placeholders: unknown named placeholder 'fecha' (Babel's python-format check)",
        "placeholder %(date)s missing",
    ]),
    ("upper-case hex entity", INTERFACE, HOME, "&#X3C;script&#X3E;Inicio", [
        "HTML markup '&#X3C;' is not allowed in a translation",
        "HTML markup '&#X3E;' is not allowed in a translation",
    ]),
    ("HTML in the interface", INTERFACE, HOME, '<a href="https://evil.example">Inicio</a>', [
        "HTML markup '<a href=\"https://evil.example\">' is not allowed in a translation",
        "URL https://evil.example is not in the English",
    ]),
    ("search placeholder renamed", INTERFACE, FOUND, [
        'msgstr[0] "Se encontró ${resultCount} página."',
        'msgstr[1] "Se encontraron ${count} páginas."',
        'msgstr[2] "Se encontraron ${resultCount} páginas."',
    ], ["placeholder ${resultCount} missing; ${count} is not in the English"]),
    ("plural form missing", INTERFACE, FOUND, [
        'msgstr[0] "Se encontró ${resultCount} página."',
        'msgstr[1] "Se encontraron ${resultCount} páginas."',
    ], ["Wrong number of plural forms (expected 3)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "catalog", "msgid", "msgstr", "expected"), HOSTILE, ids=[case[0] for case in HOSTILE]
)
def test_hostile_entry_is_refused_at_its_msgstr_line(
    tmp_path, monkeypatch, name, catalog, msgid, msgstr, expected
):
    line, reported = check_scratch_catalog(tmp_path, monkeypatch, catalog, msgid, msgstr)
    for message in expected:
        assert f"{catalog}:{line}: error: {message}" in reported, reported
    assert reported and all(row.startswith(f"{catalog}:{line}: error: ") for row in reported)


def test_there_are_enough_hostile_entries():
    assert len(HOSTILE) >= 25


def test_the_real_entries_used_here_pass(tmp_path, monkeypatch):
    path = tmp_path / PAGE
    path.parent.mkdir(parents=True)
    shutil.copy2(ROOT / PAGE, path)
    assert check_po.check_catalog(path, "es", strict=True) == []


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("hostile") / "project")


@pytest.mark.parametrize(
    "name", ["evil.po", "sub/index.po", "Glossary.PO"], ids=["unknown", "subfolder", "case"]
)
def test_unknown_catalog_in_the_language_folder_is_an_error(project, monkeypatch, name):
    folder = project / "locale" / "es" / "LC_MESSAGES"
    extra = folder / name
    extra.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(folder / "summary.po", extra)
    use_project(monkeypatch, project)
    try:
        reported = [str(problem) for problem in check_po.check_language("es", strict=False)]
    finally:
        extra.unlink()
    stem = Path(name).with_suffix("").as_posix()
    assert reported == [
        f"locale/es/LC_MESSAGES/{name}:1: error: not a catalog of this guide (no page "
        f"docs/{stem}.md, not sphinx.po): remove it, or name it after the page it translates"
    ]


def test_a_remembered_check_sees_the_next_edit(project, monkeypatch):
    """check_language remembers its result for a build (which checks each language
    twice); an edit made after it is checked again."""
    use_project(monkeypatch, project)
    path = project / PAGE
    before = path.read_text(encoding="utf-8")
    assert check_po.check_language("es", strict=False) == []
    assert check_po.check_language("es", strict=True) == []
    try:
        text, line = put_msgstr(before, BELLY, ['msgstr ""'])
        path.write_text(text, encoding="utf-8")
        untranslated = [str(p) for p in check_po.check_language("es", strict=False)]
        assert untranslated == [f"{PAGE}:{line}: warning: untranslated: 'mild pain in the belly;'"]
        strict = [str(p) for p in check_po.check_language("es", strict=True)]
        assert strict == [f"{PAGE}:{line}: error: untranslated: 'mild pain in the belly;'"]
    finally:
        path.write_text(before, encoding="utf-8")
    assert check_po.check_language("es", strict=True) == []


def test_tilde_include_fails_make_check_po_end_to_end(project):
    path = project / PAGE
    before = path.read_text(encoding="utf-8")
    text, line = put_msgstr(
        before, BELLY, po_string("msgstr", "~~~{include} ../../etc/hostname\n~~~")
    )
    path.write_text(text, encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "allguide.catalogs.check_po", "es"],
            cwd=project, capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        path.write_text(before, encoding="utf-8")
    assert result.returncode == 1
    assert f"{PAGE}:{line}: error: directive {{include}} is not in the English" in result.stdout
