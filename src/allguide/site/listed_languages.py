"""Which languages the site links to (switchers, hreflang, entry page): those translated enough.

A language is listed once the share of the English words it translates reaches its
`listed_from` percentage in locale/languages.toml (default 100: fully translated). Its
pages are built either way, so a new language can be previewed before it is listed;
listing only decides what other pages link to, so no link points to a missing page.

A language with a catalog that is missing or cannot be read (FILE:LINE: error on
stderr) keeps its place in the list as FILE had it: its build stops (check-po) or shows
that page in English, and leaves the language reachable as it was; no other language is
rebuilt for it.
The exit status stays 0: the list is what every language's build waits for.

usage: guide-listed-languages FILE   write the listed codes, comma-separated, to
                                              FILE; rewritten only when the list changes
"""

from __future__ import annotations

import sys
from collections.abc import Collection
from pathlib import Path

from allguide import languages
from allguide.catalogs import expected_catalogs
from allguide.catalogs.catalog_files import CatalogFileError
from allguide.catalogs.catalog_stats import catalog_counts


def percent_translated(code: str) -> float:
    """Share of the English words whose translation the site shows (fuzzy ones it does not).

    CatalogFileError for a catalog that is missing, as for one that cannot be read: its
    words are not counted, and the others could add up to 100% of the rest (its page is
    shown in English, and its handouts are held back).
    """
    done = total = 0
    for path in expected_catalogs(code):
        if not path.exists() and not path.is_symlink():
            raise CatalogFileError(path, 1, "catalog missing; run make update-po")
        # Words are counted as polib reads them; msgfmt's stricter reading is check-po's,
        # and it stops the language's build.
        counts = catalog_counts(path, syntax=False)
        done += counts["translated"][1]
        total += sum(words for _entries, words in counts.values())
    return 100.0 * done / total if total else 0.0


def _is_listed(language: languages.Language, previous: Collection[str]) -> bool:
    if language.review == "source":
        return True
    try:
        return percent_translated(language.code) >= language.listed_from
    except CatalogFileError as error:
        kept = language.code in previous
        print(
            f"{error}\n  [{language.code}] {'still' if kept else 'not'} listed while this "
            f"catalog cannot be read (make check-po LANGS={language.code})",
            file=sys.stderr,
        )
        return kept


def listed_codes(previous: Collection[str] = ()) -> list[str]:
    """The listed languages; one whose catalogs cannot be read is listed if in `previous`."""
    return [language.code for language in languages.load() if _is_listed(language, previous)]


def main(argv: list[str]) -> int:
    target = Path(argv[1])
    previous = target.read_text(encoding="utf-8").strip().split(",") if target.is_file() else []
    text = ",".join(listed_codes(previous)) + "\n"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    languages.run_command(main)
