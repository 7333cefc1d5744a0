"""Say whether two builds made the same site and handouts: for a change that must keep
behaviour (a refactoring), every file byte for byte.

usage: python -m allguide.devtools.same_output BEFORE AFTER
    BEFORE and AFTER are build folders (_build/ of two checkouts). Compared: every file
    of html/ and handouts/. One difference is allowed and reported apart: the names and
    versions of the extensions in searchindex.js's "envversion" (Sphinx records them
    there; renaming an extension's module changes it and nothing a reader sees). Exit
    status 0 when the builds are the same, 1 otherwise.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Sphinx's record of the extensions' data versions, in each language's search index.
ENVVERSION = re.compile(rb'"envversion":\{[^}]*\}')


def files(folder: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(folder)): path
        for part in ("html", "handouts")
        for path in sorted((folder / part).rglob("*"))
        if path.is_file()
    }


def compare(before: Path, after: Path) -> tuple[list[str], list[str]]:
    """(differences, envversion changes)."""
    old, new = files(before), files(after)
    differences = [f"only in {before}: {name}" for name in sorted(old.keys() - new.keys())]
    differences += [f"only in {after}: {name}" for name in sorted(new.keys() - old.keys())]
    envversions = []
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name].read_bytes(), new[name].read_bytes()
        if a == b:
            continue
        if name.endswith("searchindex.js") and ENVVERSION.sub(b"", a) == ENVVERSION.sub(b"", b):
            envversions.append(name)
            continue
        differences.append(f"differs: {name}")
    return differences, envversions


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = Path(argv[1]), Path(argv[2])
    differences, envversions = compare(before, after)
    print("\n".join(differences))
    count = len(files(after))
    if envversions:
        print(f"{len(envversions)} search index(es) differ only in the extensions' envversion")
    print(f"{count} files compared: {'the same' if not differences else 'DIFFERENT'}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
