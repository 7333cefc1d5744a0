"""Every check of one translated message against its English, in the order reported."""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel.messages.catalog import PYTHON_FORMAT

from allguide import upstream
from allguide.catalogs.checks import structure
from allguide.catalogs.checks.characters import character_problems
from allguide.catalogs.checks.identical import BLANK, identical_problems, is_blank
from allguide.catalogs.checks.length import length_problems
from allguide.catalogs.checks.markup import html_problems
from allguide.catalogs.checks.negations import NEGATION_OK, negation_problems
from allguide.catalogs.checks.numbers import number_problems
from allguide.catalogs.checks.placeholders import PLACEHOLDER, placeholder_problems
from allguide.catalogs.checks.urgency import flag_problems, instruction_sentence_problems
from allguide.catalogs.checks.urls import URL, url_problems


def check_translation(
    english: str,
    translation: str,
    *,
    language: str | None = None,
    flags: Iterable[str] = (),
    interface: bool = False,
    urgency: str | None = None,
) -> list[str]:
    """Problems of one translated string against its English.

    `language` (a code of the language table) enables its number notation and its
    negations; `flags` are the entry's (#, negation-ok); `interface` says the string is
    an interface message (HTML and Python %-formatting) rather than MyST; `urgency`
    ("urgent" or "instruction", see urgency.urgency_of) makes the negation check strict.
    """
    if is_blank(translation):
        return [BLANK]
    problems = identical_problems(english, translation) + length_problems(english, translation)
    problems += character_problems(english, translation)
    if interface:
        english_text, translated_text = english, translation
        problems += url_problems(english, translation)
    else:
        english_body, english_noqa = upstream.sphinx_parse_noqa(english)
        translation, noqa = upstream.sphinx_parse_noqa(translation)
        if noqa and not english_noqa:
            problems.append("'#noqa' at the end turns off Sphinx's reference checks: remove it")
        problems += structure.compare(english_body, translation)
        english_text = structure.read(english_body).text
        translated_text = structure.read(translation).text
        problems += url_problems(english_body, translation)
    strip = PYTHON_FORMAT if interface else PLACEHOLDER

    def numbers_of(text: str) -> str:
        # URLs are compared whole above; their digits ("/22,31422") are no number to read
        # with the language's decimal sign. Named placeholders stay: a value goes there,
        # and a sign before one ("−%(temperature)s") changes it (numbers.py).
        blank = lambda found: found[0] if PLACEHOLDER.fullmatch(found[0]) else " "  # noqa: E731
        return strip.sub(blank, re.sub(r"&#?\w+;", " ", URL.sub(" ", text)))

    problems += number_problems(numbers_of(english_text), numbers_of(translated_text), language)
    if urgency:
        problems += flag_problems(flags)
        problems += negation_problems(
            english_text, translated_text, language, urgent=True,
            instruction=urgency == "instruction",
        )  # fmt: skip
        if urgency == "urgent" and not problems[-1:]:
            problems += instruction_sentence_problems(english_text, translated_text, language)
    elif NEGATION_OK not in set(flags):
        problems += negation_problems(english_text, translated_text, language)
    problems += html_problems(english, translation)
    problems += placeholder_problems(english, translation, interface)
    return problems
