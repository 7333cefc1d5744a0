"""Read the table of the guide's languages (locale/languages.toml)."""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NoReturn

from allguide.languages import font_files, profile_text, toml_input
from allguide.project import current

REVIEW_STATES = {"source", "draft", "reviewed"}


FIELDS = {
    "code": str,
    "name": str,
    "english": str,
    "direction": str,
    "search": str,
    "review": str,
    "fonts": list,
    "reviewed_by": str,
    "reviewed_on": str,
    "listed_from": int,
    "negations": list,
    "negation_parts": list,
    "maybe_negations": list,
    "not_negations": list,
    "negative_verbs": list,
}
# Lists of words the catalog check reads negations with.
NEGATION_LISTS = (
    "negations", "negation_parts", "maybe_negations", "not_negations", "negative_verbs",
)  # fmt: skip
REQUIRED = ("code", "name", "english", "direction", "search", "review")
CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


class LanguageTableError(ValueError):
    """A problem in the language table, said as FILE:LINE: message."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    english: str
    direction: str
    search: str
    review: str
    fonts: tuple[str, ...] = ("Noto Sans",)
    reviewed_by: str = ""
    reviewed_on: str = ""
    # Listed in switchers and on the entry page from this share of words translated.
    listed_from: int = 100
    # Words that negate; check_po requires one where the English has a negation.
    negations: tuple[str, ...] = ()
    # How negations are counted (catalogs/checks/negations.py): words of `negations` that
    # only complete another, words that negate only sometimes, phrases that negate nothing.
    negation_parts: tuple[str, ...] = ()
    maybe_negations: tuple[str, ...] = ()
    not_negations: tuple[str, ...] = ()
    # Verbs and phrases that tell a reader not to act ("evite", "deje de", 甭): counted
    # as negations by the rule that an instruction of the plan may not gain one.
    negative_verbs: tuple[str, ...] = ()
    # Where the row is (FILE:LINE), for messages about it.
    location: str = field(default="", compare=False)

    @property
    def is_draft(self) -> bool:
        return self.review == "draft"

    @property
    def html_lang(self) -> str:
        """BCP 47 tag for HTML's lang attribute (pt_BR -> pt-BR)."""
        return self.code.replace("_", "-")


def _row_lines(text: str) -> list[int]:
    """The line of each [[language]] header, to point at a row in messages."""
    return [
        number for number, line in enumerate(text.splitlines(), 1) if line.strip() == "[[language]]"
    ]


def _check_row(row: dict, where: str) -> Language:
    unknown = sorted(set(row) - set(FIELDS))
    if unknown:
        raise LanguageTableError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(FIELDS)}")
    for key in REQUIRED:
        if key not in row:
            raise LanguageTableError(f"{where}: {key!r} is required")
    for key, value in row.items():
        if not isinstance(value, FIELDS[key]) or isinstance(value, bool):
            raise LanguageTableError(f"{where}: {key!r} must be {FIELDS[key].__name__}")
    if not CODE.match(row["code"]):
        raise LanguageTableError(f"{where}: code {row['code']!r} is not like es, kea or pt_BR")
    if row["direction"] not in {"ltr", "rtl"}:
        raise LanguageTableError(f"{where}: direction must be ltr or rtl")
    if row["review"] not in REVIEW_STATES:
        raise LanguageTableError(f"{where}: review must be one of {sorted(REVIEW_STATES)}")
    if row["review"] == "reviewed" and not (row.get("reviewed_by") and row.get("reviewed_on")):
        raise LanguageTableError(f"{where}: reviewed needs reviewed_by and reviewed_on")
    if not 0 <= row.get("listed_from", 100) <= 100:
        raise LanguageTableError(f"{where}: listed_from is a percentage, 0 to 100")
    fonts = row.get("fonts", ["Noto Sans"])
    if not fonts or not all(isinstance(font, str) and font for font in fonts):
        raise LanguageTableError(f"{where}: fonts must be a list of font family names")
    for key in ("name", "english"):
        problem = profile_text.invisible_character_problem(row[key])
        if problem:
            raise LanguageTableError(f"{where}: {key} {row[key]!r}: {problem}")
    words = {key: row.get(key, []) for key in NEGATION_LISTS}
    for key, listed in words.items():
        if not all(isinstance(word, str) and word.strip() == word and word for word in listed):
            raise LanguageTableError(f"{where}: {key} must be a list of words")
    if not set(words["negation_parts"]) <= set(words["negations"]):
        raise LanguageTableError(f"{where}: negation_parts must be words of negations")
    fields = {**row, "fonts": tuple(fonts), **{k: tuple(v) for k, v in words.items()}}
    return Language(**fields, location=where)


def missing_font(language: Language) -> str | None:
    """Why a language cannot be typeset here, if one of its fonts is not installed.

    Asked by each language's build (labelled_figures.py), not when the table is read:
    a font missing on this machine stops that language only, not every tool.
    """
    missing = font_files.not_installed(language.fonts)
    if not missing:
        return None
    return (
        f"{language.location}: font {missing[0]!r} of {language.english} is not installed; "
        f"{font_files.package_hint(missing[0])}"
    )


def load(path: Path | None = None) -> tuple[Language, ...]:
    """Return every language in table order, the source language first (read once)."""
    return _load(path or current().table)


@cache
def _load(path: Path) -> tuple[Language, ...]:
    try:
        text = path.read_text(encoding="utf-8")
        rows = toml_input.loads(text, path, max_bytes=256 * 1024, error=LanguageTableError).get(
            "language", []
        )
    except UnicodeDecodeError as error:
        raise LanguageTableError(f"{path}: not valid UTF-8 ({error.reason})") from error
    except tomllib.TOMLDecodeError as error:
        raise LanguageTableError(f"{path}: not valid TOML: {error}") from error
    lines = _row_lines(text)
    languages = []
    seen: dict[str, str] = {}
    for index, row in enumerate(rows):
        where = f"{path}:{lines[index] if index < len(lines) else 1}"
        language = _check_row(row, where)
        if language.code in seen:
            raise LanguageTableError(
                f"{where}: {language.code!r} is already in the table at {seen[language.code]}"
            )
        seen[language.code] = where
        languages.append(language)
    if not languages or languages[0].review != "source":
        raise LanguageTableError(
            f'{path}: the first row must be the source language (review = "source")'
        )
    return tuple(languages)


def page_in_language(pagename: str, code: str) -> str:
    """Relative link from a page to the same page in another language's site."""
    return "../" * (pagename.count("/") + 1) + f"{code}/{pagename}.html"


def by_code(path: Path | None = None) -> dict[str, Language]:
    return {language.code: language for language in load(path)}


def run_command(main: Callable[[list[str]], int]) -> NoReturn:
    """Run a command's main(); a bad language table, or a file that cannot be read or
    written, is said in one line (FILE: error: why), not a traceback."""
    try:
        status = main(sys.argv)
    except LanguageTableError as error:
        # The table named as translators see paths: locale/languages.toml:LINE.
        table = current().table
        message = str(error).replace(str(table), str(table.relative_to(current().root)))
        print(f"Language table error: {message}", file=sys.stderr)
        status = 2
    except OSError as error:
        # A folder or a pipe where a file should be, no permission, a full disk: the
        # file is named, relative to the project as translators see paths.
        named = isinstance(error.filename, str) and error.filename
        where = Path(error.filename).absolute() if named else None
        if where is not None and where.is_relative_to(current().root):
            where = where.relative_to(current().root)
        print(f"{where or sys.argv[0]}: error: {error.strerror or error}", file=sys.stderr)
        status = 2
    sys.exit(status)
