"""Read the table of the guide's languages (locale/languages.toml)."""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NoReturn

TABLE = Path(__file__).resolve().parent.parent / "locale" / "languages.toml"
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
}
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
    negations = row.get("negations", [])
    if not all(isinstance(word, str) and word.strip() == word and word for word in negations):
        raise LanguageTableError(f"{where}: negations must be a list of words")
    return Language(**{**row, "fonts": tuple(fonts), "negations": tuple(negations)})


@cache
def load(path: Path = TABLE) -> tuple[Language, ...]:
    """Return every language in table order, the source language first (read once)."""
    try:
        text = path.read_text(encoding="utf-8")
        rows = tomllib.loads(text).get("language", [])
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


def by_code(path: Path = TABLE) -> dict[str, Language]:
    return {language.code: language for language in load(path)}


def run_command(main: Callable[[list[str]], int]) -> NoReturn:
    """Run a command's main(); a bad language table is said in one line, not a traceback."""
    try:
        status = main(sys.argv)
    except LanguageTableError as error:
        print(f"Language table error: {error}", file=sys.stderr)
        status = 2
    sys.exit(status)
