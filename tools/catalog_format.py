"""Rewrite catalogs in the project's one canonical form, so diffs show only real changes.

The form: Babel's writer, lines wrapped at catalogs.WRAP_WIDTH, entries in template
order, no obsolete entries, the previous English kept (#|) on fuzzy entries, and a
header whose Language and Plural-Forms match the folder's language. A catalog already
in that form is not touched.

usage: python tools/catalog_format.py LANG [LANG ...]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from catalogs import WRAP_WIDTH, catalog_dir, relative


def canonical(path: Path, language: str) -> bytes:
    with path.open("rb") as file:
        catalog = read_po(file, locale=language, abort_invalid=True)
    # The header's own fuzzy flag only says "never reviewed"; review status lives
    # in locale/languages.toml.
    catalog.fuzzy = False
    output = io.BytesIO()
    write_po(
        output,
        catalog,
        width=WRAP_WIDTH,
        ignore_obsolete=True,
        include_previous=True,
    )
    return output.getvalue()


def format_language(language: str) -> list[Path]:
    changed = []
    for path in sorted(catalog_dir(language).glob("*.po")):
        text = canonical(path, language)
        if path.read_bytes() != text:
            path.write_bytes(text)
            changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    for language in argv[1:]:
        for path in format_language(language):
            print(f"reformatted {relative(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
