"""Placeholders a page fills in (%(name)s, ${resultCount}) kept, and no '%' that Python
would read as one: Babel's python-format checker, and what it allows or skips."""

from __future__ import annotations

import re
from collections import Counter

from babel.messages import checkers
from babel.messages.catalog import PYTHON_FORMAT, Message, TranslationError

from allguide.catalogs.checks.problem import excerpt

# The placeholders the templates fill in: %(name)s and the search page's ${resultCount}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\$\{\w+\}")
JS_PLACEHOLDER = re.compile(r"\$\{[^{}]*\}")


def _placeholders(text: str, interface: bool, english: Counter[str] | None = None):
    """A message's placeholders, and the text around each '%' that is not one.

    In an interface string Python's % operator reads every '%': '%%' is a percent sign,
    '%(name)s' a placeholder, and anything else ('100 % de' reads as '% d') either
    breaks the page or eats the text, unless the English has the very same placeholder.
    """
    if not interface:
        return Counter(PLACEHOLDER.findall(text)), []
    found: Counter[str] = Counter(JS_PLACEHOLDER.findall(text))
    stray, position = [], 0
    for percent in re.finditer("%", text):
        if percent.start() < position:
            continue
        placeholder = PYTHON_FORMAT.match(text, percent.start())
        position = placeholder.end() if placeholder else percent.end()
        if placeholder and placeholder[0] == "%%":
            continue
        if placeholder and (
            placeholder[1] is not None or english is None or placeholder[0] in english
        ):
            found[placeholder[0]] += 1
        else:
            short = len(text) <= 50
            stray.append(text if short else text[max(0, percent.start() - 20) : position + 20])
    return found, stray


def _babel_format_problem(english: str, translation: str) -> str | None:
    """Babel's python-format checker: no unknown named placeholder, compatible types, not
    named and positional mixed."""
    try:
        checkers.python_format(None, Message(english, translation, flags={"python-format"}))
    except TranslationError as error:
        return f"placeholders: {error} (Babel's python-format check)"
    return None


def placeholder_problems(english: str, translation: str, interface: bool) -> list[str]:
    english_placeholders, _ = _placeholders(english, interface)
    translated, stray = _placeholders(translation, interface, english_placeholders)
    babel = _babel_format_problem(english, translation) if interface else None
    problems = [babel] if babel else []
    # Ours: Babel lets a translation drop a named placeholder (the page then loses the
    # date), does not know ${resultCount}, and skips a '%' it cannot read.
    missing = sorted((english_placeholders - translated).elements())
    added = sorted(
        name
        for name in (translated - english_placeholders).elements()
        if not (babel and name.startswith("%"))
    )
    if missing or added:
        differences = [f"{name} missing" for name in missing]
        differences += [f"{name} is not in the English" for name in added]
        problems.append("placeholder " + "; ".join(differences))
    for context in stray:
        problems.append(
            f"'%' in {excerpt(context)!r} is not a placeholder of the English: Python "
            "reads it as one and the page fails; write '%%' for a percent sign"
        )
    return problems
