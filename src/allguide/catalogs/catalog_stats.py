"""Print how complete each language's catalogs are: entries and English words per state.

Fuzzy entries count as not done: the site shows them in English. A catalog that cannot
be read (see catalog_files.py) is named as FILE:LINE: error, its language is not
totalled, the other languages are, and the exit status is 1.

usage: guide-stats [LANG ...]   (default: every translation)
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

from allguide import languages
from allguide.catalogs import expected_catalogs
from allguide.catalogs.catalog_files import CatalogFileError, read_catalog

STATES = ("translated", "fuzzy", "untranslated")


def entry_state(entry: polib.POEntry) -> str:
    if "fuzzy" in entry.flags:
        return "fuzzy"
    return "translated" if entry.translated() else "untranslated"


def catalog_counts(path: Path, *, syntax: bool = True) -> dict[str, list[int]]:
    """State -> [entries, English words]; a missing catalog counts as all untranslated.

    CatalogFileError for a catalog that cannot be read (`syntax`: see read_catalog).
    """
    counts = {state: [0, 0] for state in STATES}
    try:
        catalog = read_catalog(path, syntax=syntax)
    except FileNotFoundError:
        return counts
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        state = entry_state(entry)
        counts[state][0] += 1
        counts[state][1] += len(entry.msgid.split())
    return counts


def _row(code: str, name: str, counts: dict[str, list[int]]) -> str:
    entries = "".join(f"{counts[state][0]:>14}" for state in STATES)
    words_done = counts["translated"][1]
    words_all = sum(words for _, words in counts.values())
    percent = 100 * words_done // words_all if words_all else 100
    return f"{code:<7} {name:<17}{entries}{words_done:>9}/{words_all:<6}{percent:>4}%"


def main(argv: list[str]) -> int:
    codes = argv[1:] or [lang.code for lang in languages.load() if lang.review != "source"]
    states = "".join(f"{state:>14}" for state in STATES)
    print(f"{'lang':<7} {'catalog':<17}{states}{'words done':>16}")
    not_counted = []
    for code in codes:
        totals = {state: [0, 0] for state in STATES}
        unreadable = False
        for path in expected_catalogs(code):
            try:
                counts = catalog_counts(path)
            except CatalogFileError as error:
                print(error, file=sys.stderr, flush=True)
                unreadable = True
                continue
            print(_row(code, path.stem, counts), flush=True)
            for state in STATES:
                totals[state][0] += counts[state][0]
                totals[state][1] += counts[state][1]
        if unreadable:
            not_counted.append(code)
            print(
                f"{code:<7} not counted: fix the catalog named above (make check-po LANGS={code})"
            )
        else:
            print(_row(code, "ALL CATALOGS", totals))
    return 1 if not_counted else 0


if __name__ == "__main__":
    languages.run_command(main)
