"""Read the table of the guide's languages (locale/languages.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "locale" / "languages.toml"
REVIEW_STATES = {"source", "draft", "reviewed"}


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

    @property
    def is_draft(self) -> bool:
        return self.review == "draft"

    @property
    def html_lang(self) -> str:
        """BCP 47 tag for HTML's lang attribute (pt_BR -> pt-BR)."""
        return self.code.replace("_", "-")


@cache
def load(path: Path = TABLE) -> tuple[Language, ...]:
    """Return every language in table order, the source language first (read once)."""
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["language"]
    languages = tuple(
        Language(**{**row, "fonts": tuple(row.get("fonts", ["Noto Sans"]))}) for row in rows
    )
    for language in languages:
        if language.direction not in {"ltr", "rtl"}:
            raise ValueError(f"{path}: {language.code}: direction must be ltr or rtl")
        if language.review not in REVIEW_STATES:
            raise ValueError(f"{path}: {language.code}: unknown review {language.review!r}")
        if language.review == "reviewed" and not (language.reviewed_by and language.reviewed_on):
            raise ValueError(f"{path}: {language.code}: reviewed needs reviewed_by and reviewed_on")
    return languages


def page_in_language(pagename: str, code: str) -> str:
    """Relative link from a page to the same page in another language's site."""
    return "../" * (pagename.count("/") + 1) + f"{code}/{pagename}.html"


def by_code(path: Path = TABLE) -> dict[str, Language]:
    return {language.code: language for language in load(path)}
