"""Say, after a build, which languages' handouts were published, held back or failed, and why.

usage: guide-handout-summary FOLDER LANG [LANG ...]
    FOLDER holds one <lang>/manifest.json per language (_build/handouts or a clinic's
    folder). Exit status 0 when every language's handouts were published or held back
    only for translations still in progress (normal after an English edit); 1 when any
    failed or has no record (a problem someone must fix).
"""

from __future__ import annotations

import sys
from pathlib import Path

from allguide.handouts import manifest
from allguide.handouts.errors import NOT_IN_CATALOGS

# Enough lines to find the first entries to translate; check-po lists them all.
SHOWN_PER_LANGUAGE = 8


def main(argv: list[str]) -> int:
    folder, codes = Path(argv[1]), argv[2:]
    records = {code: manifest.read(folder / code) for code in codes}
    published = [code for code, record in records.items() if record and record.is_published]
    missing = [code for code, record in records.items() if record is None]
    withdrawn = {code: r for code, r in records.items() if r is not None and not r.is_published}
    if published:
        print(f"Handouts published in {folder}: {' '.join(published)}")
    for code, record in withdrawn.items():
        if record.status == manifest.HELD_BACK:
            waiting = ", ".join(held["handout"] for held in record.held) or "all"
            count = len(record.handouts)
            still = f"; the other {count} PDFs are published" if count else ""
            why = f"held back until translated: {waiting} (old PDFs withdrawn{still})"
        else:
            why = "failed"
        print(f"Handouts {record.status} [{code}]: {why}:")
        for problem in record.problems[:SHOWN_PER_LANGUAGE]:
            print(f"  {problem}")
        hidden = len(record.problems) - SHOWN_PER_LANGUAGE
        if hidden > 0:
            print(f"  ... and {hidden} more (make check-po LANGS={code})")
    stale = [code for code, r in withdrawn.items() if any(NOT_IN_CATALOGS in p for p in r.problems)]
    if stale:
        # Translating first would be undone by the update: say the order that works.
        print(
            f"Next: the English changed since the catalogs of {' '.join(stale)} were updated. "
            "Run `make update-po` first: it adds the new sentences to the catalogs and lists "
            "what to translate; translate those, then run `make all`."
        )
    if missing:
        print(f"Handouts not built (see the errors above): {' '.join(missing)}")
    failed = missing or [r for r in withdrawn.values() if r.status == manifest.FAILED]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
