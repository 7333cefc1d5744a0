"""The interface catalog (sphinx.po): the theme's and Sphinx's strings our pages show.

Page text is translated through one catalog per page. Buttons, labels, notices and
search messages come from the `sphinx` message domain; Sphinx ships that catalog for
most languages but not all (not Haitian Creole), and Furo ships none. So the project
keeps its own `locale/<lang>/LC_MESSAGES/sphinx.po`, made from the template this module
writes, and pre-filled from Sphinx's own catalog where it has the same message and its
translation passes our own check (checks/translation.py): Sphinx's catalogs name
placeholders their own way, and a wrong one would break the page. Every message with a
placeholder tells translators (#.) which placeholders to keep.

update_catalogs.py uses both when it updates the catalogs.

usage: python -m allguide.catalogs.interface_catalog template GETTEXT_DIR
    write GETTEXT_DIR/sphinx.pot
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from allguide import upstream
from allguide.catalogs import WRAP_WIDTH
from allguide.catalogs.catalog_format import edition_date, project_settings
from allguide.catalogs.checks.placeholders import PLACEHOLDER
from allguide.catalogs.checks.translation import check_translation
from allguide.project import current

SPHINX_LOCALE = upstream.sphinx_locale_dir()

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


# Where interface messages are marked: the project's theme, and this package's own
# extensions and handout templates (code files of the package, so found beside it).
PACKAGE = Path(__file__).resolve().parent.parent


def _sources() -> dict[Path, list[tuple[str, str]]]:
    """Folder -> (pattern, extraction method) of each place messages are marked."""
    return {
        current().root / "theme": [("**/templates/**.html", "jinja2")],
        PACKAGE / "sphinxext": [("*.py", "python")],
        PACKAGE / "handouts": [("templates/*.html", "jinja2"), ("*.py", "python")],
    }


# A source comment starting with this goes to translators, as xgettext --add-comments does.
COMMENT_TAG = "Translators:"


def source_files() -> list[Path]:
    """The files whose messages the template holds."""
    suffixes = {"jinja2": ".html", "python": ".py"}
    return sorted(
        path
        for folder, method_map in _sources().items()
        for _pattern, method in method_map
        for path in folder.rglob(f"*{suffixes[method]}")
    )


def _extracted_messages():
    """Messages marked in our templates (Jinja) and extensions (Python), with comments."""
    for folder, method_map in _sources().items():
        options = {pattern: {"extensions": "jinja2.ext.do"} for pattern, _method in method_map}
        for filename, lineno, message, comments, _context in extract_from_dir(
            str(folder), method_map, options, comment_tags=(COMMENT_TAG,)
        ):
            yield message, f"{folder.name}/{filename}", lineno, comments


def placeholder_comment(message: str | tuple[str, ...]) -> str | None:
    """Which placeholders a translation must keep, for the #. comment of their message."""
    texts = [message] if isinstance(message, str) else list(message)
    found = list(dict.fromkeys(p for text in texts for p in PLACEHOLDER.findall(text)))
    if len(found) == 1:
        return (
            f"Placeholder: keep {found[0]} exactly as it is; the page puts a value in its "
            "place. You may move it to where your sentence needs it."
        )
    if found:
        names = f"{', '.join(found[:-1])} and {found[-1]}"
        return (
            f"Placeholders: keep {names} exactly as they are; the page puts a value in the "
            "place of each. You may move them to where your sentence needs them."
        )
    return None


def template() -> Catalog:
    settings = project_settings()
    catalog = Catalog(
        project=settings["project"],
        version=settings["release"],
        copyright_holder=settings["author"],
        creation_date=edition_date(),
        fuzzy=False,
    )
    catalog.msgid_bugs_address = ""  # not Babel's placeholder address
    extracted = [
        (message, [(filename, lineno)], comments)
        for message, filename, lineno, comments in _extracted_messages()
    ]
    builtin = [(message, [("sphinx", 0)], []) for message in JAVASCRIPT_MESSAGES + OTHER_MESSAGES]
    for message, locations, comments in extracted + builtin:
        automatic = placeholder_comment(message)
        catalog.add(
            message,
            locations=locations,
            auto_comments=[*comments, *([automatic] if automatic else [])],
        )
    return catalog


def write_template(gettext_dir: Path) -> Path:
    path = gettext_dir / "sphinx.pot"
    with path.open("wb") as file:
        write_po(file, template(), width=WRAP_WIDTH, omit_header=False, no_location=True)
    return path


def _sphinx_translation(
    message: Message, sphinx_catalog: Catalog, num_plurals: int, language: str
) -> str | tuple[str, ...]:
    """Sphinx's translation of `message` if it is complete and passes our check, else ""."""
    known = sphinx_catalog.get(message.id)
    if known is None or known.fuzzy or not known.string or not all(known.string):
        return ""
    if isinstance(message.id, str):
        if not isinstance(known.string, str) or check_translation(
            message.id, known.string, language=language, interface=True
        ):
            return ""
        return known.string
    if isinstance(known.string, str) or len(known.string) != num_plurals:
        return ""
    if any(
        check_translation(message.id[1], form, language=language, interface=True)
        for form in known.string
    ):
        return ""
    return tuple(known.string)


def prefill(catalog: Catalog, language: str) -> int:
    """Fill empty entries of an interface catalog from Sphinx's catalog; return how many."""
    theirs = SPHINX_LOCALE / language / "LC_MESSAGES" / "sphinx.po"
    if not theirs.exists():
        return 0
    with theirs.open("rb") as file:
        sphinx_catalog = read_po(file, locale=language)
    filled = 0
    for message in catalog:
        if not message.id or message.fuzzy or any(message.string or ""):
            continue
        translation = _sphinx_translation(message, sphinx_catalog, catalog.num_plurals, language)
        if translation:
            message.string = translation
            filled += 1
    return filled


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "template":
        print(f"wrote {write_template(Path(argv[2]))}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
