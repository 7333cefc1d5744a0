"""Read and write catalogs in the project's one canonical form, so diffs show only real changes.

The form: Babel's writer, lines wrapped at catalogs.WRAP_WIDTH, entries in template
order, no obsolete entries, the previous English kept (#|) on fuzzy entries, and a
header that names the project, the page and the language (Language, Language-Team,
Plural-Forms from the language table and Babel). The header's dates come from the
sources, never from the clock: POT-Creation-Date is the edition (conf.py's release),
PO-Revision-Date and Last-Translator stay as the translator wrote them. A catalog
already in that form is not touched.

Catalogs are read with polib: Babel's reader takes a `#| msgid` line for a translator
comment, and Babel's writer breaks a long previous msgid over lines msgfmt cannot read,
so the `#|` lines are written here, in the form GNU msgmerge writes them. A language is
read whole before anything is written: if one of its catalogs cannot be read
(catalog_files.py), none of its catalogs is touched and each problem is FILE:LINE.

usage: guide-format-po LANG [LANG ...]
"""

from __future__ import annotations

import datetime
import os
import re
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import polib
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import generate_po, normalize

from allguide import languages
from allguide.catalogs import INTERFACE, WRAP_WIDTH, catalog_dir, relative
from allguide.catalogs.catalog_files import CatalogFileError, read_catalog_bytes
from allguide.catalogs.catalog_files import parse_catalog as parse_catalog_file
from allguide.project import current

# What tools write when they do not know a value; never kept in a header.
PLACEHOLDERS = ("FULL NAME", "EMAIL@ADDRESS", "YEAR-MO-DA", "LL@li.org", "SOME DESCRIPTIVE")
# A translator's credit line in the header comment, as msginit and Poedit write it.
CREDIT = re.compile(r"^[^<>]+ <[^<>@\s]+@[^<>\s]+>, \d{4}(?:[-, ]+\d{4})*\.?$")


def project_settings() -> dict[str, str]:
    """The project's name, author, copyright and edition, as conf.py sets them."""
    settings = current().settings()
    return {name: str(settings[name]) for name in ("project", "author", "copyright", "release")}


def edition_date() -> datetime.datetime:
    """POT-Creation-Date of every catalog: the edition (release) the English is from."""
    release = project_settings()["release"]
    try:
        day = datetime.date.fromisoformat(release)
    except ValueError:
        raise SystemExit(f"conf.py: release {release!r} must be a date (YYYY-MM-DD)") from None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _is_placeholder(value: str) -> bool:
    return not value.strip() or any(placeholder in value for placeholder in PLACEHOLDERS)


def _title(language: str, name: str) -> str:
    language_name = languages.by_code()[language].english
    project = project_settings()["project"]
    if name == INTERFACE:
        return (
            f"{language_name} translation of the interface (buttons, labels, notices and "
            f"search messages) of {project}."
        )
    return f'{language_name} translation of the page "{name}" of {project}.'


def header_comment(language: str, name: str, credits: Iterable[str] = ()) -> str:
    """The comment above the header: what the file is, the copyright, translators' credits."""
    settings = project_settings()
    lines = [
        _title(language, name),
        f"Copyright (C) {settings['copyright']}, {settings['author']}",
        *credits,
        "",
    ]
    return "\n".join(f"# {line}" if line else "#" for line in lines)


def new_catalog(
    language: str,
    name: str,
    *,
    revision_date: str = "",
    last_translator: str = "",
    credits: Iterable[str] = (),
) -> Catalog:
    """An empty catalog with the canonical header of page `name` in `language`."""
    if language not in languages.by_code():
        raise SystemExit(f"{language}: not in locale/languages.toml; add its row first")
    settings = project_settings()
    created = edition_date()
    catalog = Catalog(
        locale=language,
        project=settings["project"],
        version=settings["release"],
        copyright_holder=settings["author"],
        creation_date=created,
        # A catalog no translator has dated yet is dated from the edition it started from.
        revision_date=revision_date if not _is_placeholder(revision_date) else created,
        language_team=languages.by_code()[language].english,
        charset="utf-8",
        fuzzy=False,
    )
    # Set after creation: for an empty value Babel's constructor puts in a placeholder.
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "" if _is_placeholder(last_translator) else last_translator
    catalog.header_comment = header_comment(language, name, credits)
    return catalog


def _message(entry: polib.POEntry) -> Message:
    if entry.msgid_plural:
        message_id: str | tuple[str, ...] = (entry.msgid, entry.msgid_plural)
        string: str | tuple[str, ...] = tuple(
            entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)
        )
    else:
        message_id, string = entry.msgid, entry.msgstr
    previous = [entry.previous_msgid] if entry.previous_msgid else []
    if previous and entry.previous_msgid_plural:
        previous.append(entry.previous_msgid_plural)
    return Message(
        message_id,
        string,
        locations=[(file, int(line) if line else None) for file, line in entry.occurrences],
        flags=entry.flags,
        auto_comments=entry.comment.splitlines() if entry.comment else [],
        user_comments=entry.tcomment.splitlines() if entry.tcomment else [],
        previous_id=previous,
        context=entry.msgctxt,
    )


class LanguageNotRead(Exception):
    """Catalogs of one language that cannot be read, one FILE:LINE: error per line."""

    def __init__(self, language: str, errors: list[CatalogFileError]) -> None:
        self.language, self.errors = language, errors
        super().__init__("\n".join(map(str, errors)))


def read_catalog(path: Path, language: str) -> Catalog:
    """A catalog as Babel's Catalog, with its `#|` previous msgids, in canonical header form.

    CatalogFileError if the file cannot be read (see catalog_files.py)."""
    entries = parse_catalog_file(path, read_catalog_bytes(path))
    # One line each: polib adds a header line without a colon ("Language es") to the
    # value before it, and the canonical header is written from the table anyway.
    header = {key: (value.splitlines() or [""])[0] for key, value in entries.metadata.items()}
    catalog = new_catalog(
        language,
        path.stem,
        revision_date=header.get("PO-Revision-Date", ""),
        last_translator=header.get("Last-Translator", ""),
        credits=[
            line
            for line in (entries.header or "").splitlines()
            if CREDIT.match(line.strip()) and not _is_placeholder(line)
        ],
    )
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        message = _message(entry)
        catalog[message.id] = message
    return catalog


def fill_last_translator(catalogs: Iterable[Catalog]) -> None:
    """Give a catalog without a Last-Translator the one most of its language's catalogs name."""
    catalogs = list(catalogs)
    named = Counter(catalog.last_translator for catalog in catalogs if catalog.last_translator)
    if not named:
        return
    # Most common first; a tie goes to the first in alphabetical order, so the choice is stable.
    common = min(named, key=lambda value: (-named[value], value))
    for catalog in catalogs:
        catalog.last_translator = catalog.last_translator or common


def read_language(language: str) -> dict[Path, Catalog]:
    """Every catalog of a language, by path, in canonical header form.

    LanguageNotRead, naming every catalog that cannot be read, if any cannot."""
    catalogs, errors = {}, []
    for path in sorted(catalog_dir(language).glob("*.po")):
        try:
            catalogs[path] = read_catalog(path, language)
        except CatalogFileError as error:
            errors.append(error)
    if errors:
        raise LanguageNotRead(language, errors)
    fill_last_translator(catalogs.values())
    return catalogs


def _previous_lines(message: Message) -> str:
    """The `#|` lines of a fuzzy entry, wrapped as its msgid is."""
    # Not normalize(prefix="#| "): Babel then counts the prefix once per word.
    lines = []
    for keyword, text in zip(("msgid", "msgid_plural"), message.previous_id, strict=False):
        first, *more = normalize(text, width=WRAP_WIDTH - len("#| ")).split("\n")
        lines += [f"#| {keyword} {first}", *(f"#| {line}" for line in more)]
    return "".join(f"{line}\n" for line in lines)


def catalog_bytes(catalog: Catalog) -> bytes:
    """The catalog in canonical form: Babel's writer, plus well-formed `#|` lines."""
    messages = iter(catalog)  # the header first, then every entry, in the writer's order
    chunks = []
    in_context = False
    for chunk in generate_po(
        catalog, width=WRAP_WIDTH, ignore_obsolete=True, include_previous=False
    ):
        # Each entry's first line after its comments and flags is msgctxt or msgid.
        if chunk.startswith("msgctxt ") or (chunk.startswith("msgid ") and not in_context):
            message = next(messages)
            if message.previous_id and message.fuzzy:
                chunks.append(_previous_lines(message))
        in_context = chunk.startswith("msgctxt ")
        chunks.append(chunk)
    return "".join(chunks).encode(catalog.charset, "backslashreplace")


def write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write the catalog in canonical form unless the file already holds exactly that.

    Written whole beside it, then renamed over it: an interrupted run never leaves a
    truncated catalog, and a link in its place is replaced, never written through.
    """
    text = catalog_bytes(catalog)
    if path.is_file() and not path.is_symlink() and path.read_bytes() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.is_file() and not path.is_symlink()
    mode = stat.S_IMODE(path.stat().st_mode) if existing else 0o644
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def format_language(language: str) -> list[Path]:
    return [
        path for path, catalog in read_language(language).items() if write_if_changed(path, catalog)
    ]


def report_not_read(problem: LanguageNotRead, what: str) -> None:
    """Say which catalogs stopped a language (the other languages go on)."""
    print(problem, file=sys.stderr)
    print(
        f"[{problem.language}] not {what}, none of its catalogs touched: fix the catalogs "
        f"named above (make check-po LANGS={problem.language} says more), then run this again",
        file=sys.stderr,
    )


def main(argv: list[str]) -> int:
    status = 0
    for language in argv[1:]:
        try:
            changed = format_language(language)
        except LanguageNotRead as problem:
            report_not_read(problem, "reformatted")
            status = 1
            continue
        for path in changed:
            print(f"reformatted {relative(path)}")
    return status


if __name__ == "__main__":
    languages.run_command(main)
