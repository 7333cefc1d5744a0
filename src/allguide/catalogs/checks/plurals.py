"""A plural entry has as many forms as the language has (Babel's num_plurals checker)."""

from __future__ import annotations

import polib
from babel import UnknownLocaleError
from babel.messages import checkers
from babel.messages.catalog import Catalog, Message, TranslationError


def plural_problems(entry: polib.POEntry, language: str) -> list[str]:
    try:
        catalog = Catalog(locale=language)
    except (UnknownLocaleError, ValueError):
        return []
    forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    try:
        checkers.num_plurals(catalog, Message((entry.msgid, entry.msgid_plural), forms))
    except TranslationError as error:
        return [str(error)]
    return []
