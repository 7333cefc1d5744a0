"""A catalog's entries as this check reads them (polib) and as Sphinx does (Babel, which
compiles the .mo files Sphinx uses): where the two differ, the check would pass a text
that Sphinx publishes differently."""

from __future__ import annotations

import io
import re
from pathlib import Path

import polib
from babel.messages.catalog import Message
from babel.messages.pofile import PoFileError, read_po

from allguide.catalogs import catalog_files
from allguide.catalogs.checks.problem import Problem, excerpt
from allguide.catalogs.checks.syntax import syntax_problems

# polib says where it stopped as "(line N)".
SYNTAX_LINE = re.compile(r"\(line (\d+)\)")


def read(path: Path, data: bytes) -> tuple[polib.POFile | None, list[str], list[Problem]]:
    """polib's reading of a catalog and its lines, or (None, [], why it cannot be read)."""
    try:
        text = catalog_files.decoded(path, data)
    except catalog_files.CatalogFileError as error:
        return None, [], [Problem(path, error.line, "error", error.message)]
    problems = syntax_problems(path, data)
    if problems:
        return None, [], problems
    try:
        return catalog_files.entries(data), text.splitlines(), []
    except (OSError, ValueError) as error:
        found = SYNTAX_LINE.search(str(error))
        line = int(found[1]) if found else 1
        return None, [], [Problem(path, line, "error", f"syntax error: {error}")]


def msgstr_line(lines: list[str], entry: polib.POEntry) -> int:
    """The line of an entry's msgstr: where a translator has to look and type."""
    for number in range(entry.linenum, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return entry.linenum


def sphinx_reading(data: bytes) -> dict[tuple[str, str | None], Message] | None:
    """The catalog as Babel reads it: Babel compiles the .mo files Sphinx uses."""
    try:
        catalog = read_po(io.BytesIO(data))
    except (OSError, ValueError, LookupError, PoFileError):  # LookupError: unknown charset
        return None
    return {
        (message.id if isinstance(message.id, str) else message.id[0], message.context): message
        for message in catalog
        if message.id
    }


def reading_problems(
    entry: polib.POEntry, message: Message | None, reading_line: dict[int, bool]
) -> list[str]:
    """Where Babel (Sphinx) reads an entry otherwise than polib (this check) does.

    Babel reads "\\a" as a bell, polib as a backslash and an "a": a translation must mean
    the same to both, or the check would pass a text that Sphinx publishes differently.
    """
    if message is None:
        return ["Sphinx does not read this entry as this check does; check its syntax"]
    reading_line[message.lineno] = True
    ours = (
        tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        if entry.msgid_plural
        else entry.msgstr
    )
    theirs = tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string
    if message.fuzzy != ("fuzzy" in entry.flags):
        state = "fuzzy" if message.fuzzy else "not fuzzy"
        return [f"Sphinx reads this entry as {state}, this check not: write '#, fuzzy' plainly"]
    if theirs != ours:
        return [
            f"Sphinx reads this entry as {excerpt(repr(theirs))} and this check as "
            f"{excerpt(repr(ours))}: type characters themselves; of escape sequences only "
            '\\n, \\t, \\" and \\\\ are read alike'
        ]
    return []
