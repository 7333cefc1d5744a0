"""Translations far longer than their English, and messages and catalogs too large to be
this guide's."""

from __future__ import annotations

# A translation longer than FACTOR times the English plus SLACK characters is refused (a
# 240,000-character msgstr made an 84-page PDF). Measured on the catalogs: long messages
# reach 1.65 times the English (Portuguese, Russian, Vietnamese; Chinese 0.9), short ones
# 22 characters for 5 ("fever" in Russian).
LENGTH_FACTOR = 2
LENGTH_SLACK = 100
# Bounds on one catalog (its size is bounded when it is read, catalog_files.py): our
# largest has 111 entries (sphinx.po); a catalog far beyond is not ours, and building
# from it would take minutes and gigabytes.
MAX_ENTRIES = 1000
# The longest English message is 515 characters, its longest translation 713.
MAX_MESSAGE_CHARS = 4000


def length_problems(english: str, translation: str) -> list[str]:
    limit = LENGTH_FACTOR * len(english) + LENGTH_SLACK
    if len(translation) > limit:
        return [
            f"translation is {len(translation)} characters long, more than {LENGTH_FACTOR} "
            f"times the English ({len(english)}) plus {LENGTH_SLACK}"
        ]
    return []


def too_many_entries(count: int) -> str | None:
    if count > MAX_ENTRIES:
        return f"{count} entries, more than {MAX_ENTRIES}: this is not a catalog of this guide"
    return None


def too_long(texts: list[str]) -> str | None:
    """Messages are not compared past this length: every check reads a message whole,
    and one of hundreds of thousands of characters kept a language's check busy for
    minutes."""
    if max(map(len, texts)) > MAX_MESSAGE_CHARS:
        return (
            f"a message longer than {MAX_MESSAGE_CHARS} characters is not one of this "
            "guide: remove the entry (make update-po writes the catalog afresh)"
        )
    return None
