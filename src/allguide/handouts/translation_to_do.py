"""`make update-po`: update the catalogs, then say, per language, what is left to translate
and which handouts wait on it.

The update itself is catalogs/update_catalogs.py. What it cannot know, and a translator
needs next, is here: each new or fuzzy entry as FILE:LINE with the start of its English,
and, per catalog, the handouts held back until its entries are done (a handout prints from
its pages' catalogs and from the interface catalog; publish.py decides the same way).

usage: guide-update-po LANG [LANG ...]
"""

from __future__ import annotations

from pathlib import Path

from allguide import languages
from allguide.catalogs import catalog_dir, page_names, relative, update_catalogs
from allguide.catalogs.catalog_files import CatalogFileError, read_catalog
from allguide.catalogs.catalog_stats import entry_state
from allguide.catalogs.checks.problem import excerpt
from allguide.project import current

from . import bilingual, definitions
from .errors import HandoutError


def handouts_by_catalog(definitions_path: Path) -> dict[str, list[str]]:
    """For each catalog ("symptoms", "sphinx"), the handouts that print from it, by the
    names the summary and manifest.json use. "toctree" is every page but those excluded:
    every page of the guide is in its table of contents."""
    pages = page_names()
    compaction = current().settings().get("gettext_compact", True)
    printing: dict[str, list[str]] = {
        catalog: [] for catalog in definitions.printed_catalogs(pages, compaction)
    }

    def prints(handout_id: str, printed: list[str]) -> None:
        for catalog in sorted(definitions.printed_catalogs(printed, compaction)):
            printing.setdefault(catalog, []).append(handout_id)

    for handout in definitions.load(definitions_path):
        printed = pages if handout.pages == "toctree" else list(handout.pages)
        prints(handout.id, [page for page in printed if page not in handout.exclude])
    for sheet in bilingual.load(definitions_path):
        prints(f"{sheet.id}-en", sheet.printed_pages)
    return printing


def to_do(language: str, printing: dict[str, list[str]]) -> list[str]:
    """The lines that tell what is left to translate in `language`, and what waits on it."""
    lines: list[str] = []
    waiting: dict[str, None] = {}
    count = 0
    for path in sorted(catalog_dir(language).glob("*.po")):
        try:
            catalog = read_catalog(path, syntax=False)  # update-po has just read it whole
        except CatalogFileError as error:
            lines.append(f"  {error}")
            continue
        entries = [
            entry
            for entry in catalog
            if not entry.obsolete and entry.msgid and entry_state(entry) != "translated"
        ]
        for entry in entries:
            state = "fuzzy" if entry_state(entry) == "fuzzy" else "new"
            lines.append(f"  {relative(path)}:{entry.linenum}: {state}: {excerpt(entry.msgid)!r}")
        if entries:
            count += len(entries)
            waiting.update(dict.fromkeys(printing.get(path.stem, [])))
    if not count:
        return [f"{language}: nothing to translate; its handouts can all be published."]
    held = ", ".join(waiting) or "none"
    return [
        f"{language}: {count} {'entry' if count == 1 else 'entries'} to translate (new, or "
        "fuzzy: check the text, then remove the `#, fuzzy` line):",
        *lines,
        f"  Until they are done, these {language} handouts are held back: {held}.",
    ]


def main(argv: list[str]) -> int:
    status = update_catalogs.main(argv)
    codes = [code for code in argv[1:] if code in languages.by_code()]
    if not codes:  # `--templates DIR` alone: no catalog was updated
        return status
    try:
        printing = handouts_by_catalog(current().root / "handouts.toml")
    except HandoutError as error:
        print(f"update-po: no to-do list of handouts: {error}")
        return status or 1
    print("\nTo do next, then `make all`:")
    for code in codes:
        for line in to_do(code, printing):
            print(line)
    return status
