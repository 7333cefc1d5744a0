"""Print how complete each language's catalogs are: entries and English words per state.

Fuzzy entries count as not done: the site shows them in English.

usage: python tools/catalog_stats.py [LANG ...]   (default: every translation)
"""

from __future__ import annotations

import polib

import languages
from catalogs import expected_catalogs

STATES = ("translated", "fuzzy", "untranslated")


def entry_state(entry: polib.POEntry) -> str:
    if "fuzzy" in entry.flags:
        return "fuzzy"
    return "translated" if entry.translated() else "untranslated"


def catalog_counts(path) -> dict[str, list[int]]:
    """State -> [entries, English words]; a missing catalog counts as all untranslated."""
    counts = {state: [0, 0] for state in STATES}
    if not path.exists():
        return counts
    for entry in polib.pofile(str(path)):
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
    for code in codes:
        totals = {state: [0, 0] for state in STATES}
        for path in expected_catalogs(code):
            counts = catalog_counts(path)
            print(_row(code, path.stem, counts))
            for state in STATES:
                totals[state][0] += counts[state][0]
                totals[state][1] += counts[state][1]
        print(_row(code, "ALL CATALOGS", totals))
    return 0


if __name__ == "__main__":
    languages.run_command(main)
