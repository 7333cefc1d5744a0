"""The interface catalog (sphinx.po): the theme's and Sphinx's strings our pages show.

Page text is translated through one catalog per page. Buttons, labels, notices and
search messages come from the `sphinx` message domain; Sphinx ships that catalog for
most languages but not all (not Haitian Creole), and Furo ships none. So the project
keeps its own `locale/<lang>/LC_MESSAGES/sphinx.po`, made from the template this module
writes, and pre-filled from Sphinx's own catalog where it has the same message.

usage: python tools/interface_catalog.py template GETTEXT_DIR     write GETTEXT_DIR/sphinx.pot
       python tools/interface_catalog.py prefill LANG [LANG ...]  fill empty entries from Sphinx
"""

from __future__ import annotations

import sys
from pathlib import Path

import sphinx
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from catalogs import LOCALE, ROOT, WRAP_WIDTH

SPHINX_LOCALE = Path(sphinx.__file__).parent / "locale"

# Messages shown by JavaScript (search); they also go into the page's JS catalog.
JAVASCRIPT_MESSAGES: list[str | tuple[str, str]] = [
    ", in ",
    "Hide Search Matches",
    "Preparing search...",
    "Search Results",
    "Searching",
    "Your search did not match any documents. Please make sure that all words are "
    "spelled correctly and that you've selected enough categories.",
    (
        "Search finished, found one page matching the search query.",
        "Search finished, found ${resultCount} pages matching the search query.",
    ),
]
# Messages from Furo templates we do not override and from Sphinx's HTML writer.
OTHER_MESSAGES: list[str] = [
    "Error",
    "Please activate JavaScript to enable the search functionality.",
    "Link to this heading",
    "Link to this term",
    "Link to this definition",
]


# Where our interface messages are marked: folder, then (pattern, extraction method).
SOURCES = {
    "theme": [("**/templates/**.html", "jinja2")],
    "tools": [("extensions/*.py", "python")],
    "handouts": [("templates/*.html", "jinja2"), ("*.py", "python")],
}


def _extracted_messages():
    """Messages marked in our templates (Jinja) and extensions (Python)."""
    for folder, method_map in SOURCES.items():
        options = {pattern: {"extensions": "jinja2.ext.do"} for pattern, _method in method_map}
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / folder), method_map, options
        ):
            yield message, f"{folder}/{filename}", lineno


def template() -> Catalog:
    catalog = Catalog(
        project="When Leukemia Comes Back",
        copyright_holder="the relapsed ALL family guide project",
        fuzzy=False,
    )
    for message, filename, lineno in _extracted_messages():
        catalog.add(message, locations=[(filename, lineno)])
    for message in JAVASCRIPT_MESSAGES + OTHER_MESSAGES:
        catalog.add(message, locations=[("sphinx", 0)])
    return catalog


def write_template(gettext_dir: Path) -> Path:
    path = gettext_dir / "sphinx.pot"
    with path.open("wb") as file:
        write_po(file, template(), width=WRAP_WIDTH, omit_header=False, no_location=True)
    return path


def prefill(language: str) -> int:
    """Fill empty entries of our sphinx.po from Sphinx's catalog; return how many."""
    ours = LOCALE / language / "LC_MESSAGES" / "sphinx.po"
    theirs = SPHINX_LOCALE / language / "LC_MESSAGES" / "sphinx.po"
    if not ours.exists() or not theirs.exists():
        return 0
    with theirs.open("rb") as file:
        sphinx_catalog = read_po(file, locale=language)
    with ours.open("rb") as file:
        catalog = read_po(file, locale=language)
    filled = 0
    for message in catalog:
        if not message.id or message.string and any(message.string):
            continue
        known = sphinx_catalog.get(message.id)
        if known is not None and known.string and not known.fuzzy and all(known.string):
            message.string = known.string
            filled += 1
    if filled:
        with ours.open("wb") as file:
            write_po(file, catalog, width=WRAP_WIDTH, ignore_obsolete=True)
    return filled


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "template":
        print(f"wrote {write_template(Path(argv[2]))}")
        return 0
    if len(argv) >= 3 and argv[1] == "prefill":
        for language in argv[2:]:
            count = prefill(language)
            if count:
                print(f"{language}: {count} interface message(s) taken from Sphinx's catalog")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
