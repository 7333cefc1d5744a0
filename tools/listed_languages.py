"""Which languages the site links to (switchers, hreflang, entry page): those translated enough.

A language is listed once the share of the English words it translates reaches its
`listed_from` percentage in locale/languages.toml (default 100: fully translated). Its
pages are built either way, so a new language can be previewed before it is listed;
listing only decides what other pages link to, so no link points to a missing page.

usage: python tools/listed_languages.py FILE   write the listed codes, comma-separated, to
                                              FILE; rewritten only when the list changes
"""

from __future__ import annotations

from pathlib import Path

import languages
from catalog_stats import catalog_counts
from catalogs import expected_catalogs


def percent_translated(code: str) -> float:
    """Share of the English words whose translation the site shows (fuzzy ones it does not)."""
    done = total = 0
    for path in expected_catalogs(code):
        counts = catalog_counts(path)
        done += counts["translated"][1]
        total += sum(words for _entries, words in counts.values())
    return 100.0 * done / total if total else 0.0


def listed_codes() -> list[str]:
    return [
        language.code
        for language in languages.load()
        if language.review == "source" or percent_translated(language.code) >= language.listed_from
    ]


def main(argv: list[str]) -> int:
    target = Path(argv[1])
    text = ",".join(listed_codes()) + "\n"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    languages.run_command(main)
