"""Numbers of a translated message, read as its reader reads them, against the English's.

A number is what a reader takes it for: digits of the scripts the language writes
numbers in (CLDR's numbering systems for the locale, through Babel; their digits come
from ICU), separators read with the language's own notation (CLDR's decimal and group
signs), the unit written after it (°C is not °F, % is not ‰), and no letter glued to
it that the English does not have. Babel and ICU give the data; no catalog tool
compares numbers this way (Translate Toolkit's `numbers` check reads only ASCII digits
and one notation), so the comparison is ours.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import icu
from babel import Locale, UnknownLocaleError

# (decimal mark, group separators) of the English source.
ENGLISH = (".", ",")
# Separators a translator may write inside a number where the locale groups with a space.
SPACE_GROUPS = "\u00a0\u202f\u2009 "
# A unit sign written after a number, with or without a space. º (the ordinal indicator)
# is typed for ° on Spanish and Portuguese keyboards and reads the same.
UNIT = re.compile(r"[ \u00a0\u202f\u2009]?(°\s?[CF]|º\s?[CF]|℃|℉|[%٪％﹪‰؉‱])")
UNIT_NAMES = {"٪": "%", "％": "%", "﹪": "%", "؉": "‰", "℃": "°C", "℉": "°F"}
# Scripts written with spaces whose letters, glued to a number, read as part of it
# ("100O", "5x"). Chinese, Japanese, Khmer and Arabic (و, "and", is written against a
# number) have no spaces or attach words to numbers: their letters may touch a digit.
GLUED_SCRIPTS = {"Latin", "Greek", "Cyrillic"}
# Where ICU's UnicodeSpoofChecker finds two strings confusable, their skeletons match;
# a letter whose skeleton is a digit's (O and 0, l and 1, З and 3) is read as that digit.
_SPOOF = icu.SpoofChecker()
DIGIT_SKELETONS = {_SPOOF.getSkeleton(0, digit) for digit in "0123456789"}


@dataclass(frozen=True)
class Token:
    """A number as written, what it reads as, the unit after it, the letters around it."""

    written: str
    numbers: tuple[str, ...]
    unit: str | None
    before: str
    after: str
    start: int
    end: int


def _zero(char: str) -> int:
    """The code point of the zero of `char`'s digit set."""
    return ord(char) - unicodedata.decimal(char)


@cache
def _systems(language: str | None) -> dict[int, str]:
    """The language's numbering systems with decimal digits, by their zero's code point.

    Latin digits always; then CLDR's default and native systems for the locale (Arabic-
    Indic for ar, Khmer for km). Chinese's native system (〇一二…) is not made of
    decimal digits: it is read as characters (see `_unreadable`).
    """
    names = ["latn"]
    if language:
        try:
            locale = Locale.parse(language)
        except (UnknownLocaleError, ValueError):
            locale = None
        if locale is not None:
            names += [locale.default_numbering_system, locale.other_numbering_systems.get("native")]
    systems = {}
    for name in dict.fromkeys(filter(None, names)):
        digits = icu.NumberingSystem.createInstanceByName(name).getDescription()
        if len(digits) == 10 and all(unicodedata.category(char) == "Nd" for char in digits):
            systems[ord(digits[0])] = name
    return systems


@cache
def _notation(language: str | None, system: str) -> tuple[str, str] | None:
    """(decimal mark, group separators) CLDR gives the language for a numbering system."""
    if not language:
        return ENGLISH
    try:
        symbols = Locale.parse(language).number_symbols.get(system, {})
    except (UnknownLocaleError, ValueError):
        return ENGLISH if system == "latn" else None
    decimal, group = symbols.get("decimal"), symbols.get("group")
    if not (decimal and group):
        return None
    return decimal, SPACE_GROUPS if group.isspace() or group in SPACE_GROUPS else group


def _read_number(written: str, decimal: str, groups: str) -> str | None:
    """A number as ASCII digits and one decimal point ("1.000,5" -> "1000.5"); None if
    the notation cannot read it. Groups have three digits after a first of one to three:
    "1.5" is never fifteen."""
    runs = re.split(r"(\D)", written)
    integer, fraction = [runs[0]], None
    for separator, digits in zip(runs[1::2], runs[2::2], strict=True):
        if fraction is not None:
            return None
        if separator == decimal:
            fraction = digits
        elif separator in groups and len(digits) == 3:
            integer.append(digits)
        else:
            return None
    if len(integer) > 1 and len(integer[0]) > 3:
        return None
    return "".join(integer) + (f".{fraction}" if fraction is not None else "")


def _ascii(text: str) -> str:
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def _readings(written: str, language: str | None, system: str) -> list[tuple[str, ...]]:
    """Ways a reader may read a number: in the language's notation for its digits; in
    the English notation only where the language's cannot read it at all ("38.0" in
    Spanish, whose "." groups thousands: it cannot be 380). "1,000" is one in Spanish and
    is read so: taking it for a thousand there was the hole. Where a space groups
    thousands, "15 20" may also be two numbers."""
    digits = _ascii(written)
    own = _notation(language, system)
    number = _read_number(digits, *own) if own else None
    if number is None and own != ENGLISH:
        number = _read_number(digits, *ENGLISH)
    readings = [(number,)] if number is not None else []
    pieces = re.split(rf"[{SPACE_GROUPS}]", written)
    if len(pieces) > 1:
        readings.append(tuple(_readings(piece, language, system)[0][0] for piece in pieces))
    return readings or [(digits,)]


def _pattern(language: str | None) -> re.Pattern[str]:
    separators = ".,"
    for system in _systems(language).values():
        notation = _notation(language, system)
        if notation:
            separators += "".join(notation)
    return re.compile(rf"\d+(?:[{re.escape(''.join(dict.fromkeys(separators)))}]\d+)*")


def _letters(text: str, start: int, step: int) -> str:
    """The run of letters (and their marks) beside a number, outward from `start`."""
    found = []
    index = start
    while 0 <= index < len(text) and unicodedata.category(text[index])[0] in "LM":
        found.append(text[index])
        index += step
    return "".join(found if step > 0 else reversed(found))


def _tokens(text: str, language: str | None) -> list[Token]:
    systems = _systems(language)
    tokens = []
    for match in _pattern(language).finditer(text):
        written = match[0]
        system = systems.get(_zero(written[0]), "latn")
        unit = UNIT.match(text, match.end())
        name = None
        if unit:
            # º first: NFKC makes it an "o".
            name = unicodedata.normalize("NFKC", unit[1].replace("º", "°")).replace(" ", "")
            name = UNIT_NAMES.get(name, name)
        tokens.append(
            Token(
                written=written,
                numbers=_readings(written, language, system)[0],
                unit=name,
                before=_letters(text, match.start() - 1, -1),
                after=_letters(text, match.end(), 1) if not unit else "",
                start=match.start(),
                end=match.end(),
            )
        )
    return tokens


def _name(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, '')})".replace(" )", ")")


def _digit_problems(text: str, language: str | None) -> list[str]:
    """Digits of a script the language does not write numbers in (୨ for 2 in Spanish),
    and numbers that mix the digits of two scripts."""
    if not language:
        return []  # no language: every script's digits are read as their values
    systems = _systems(language)
    problems = []
    foreign = sorted({char for char in text if char.isdecimal() and _zero(char) not in systems})
    if foreign:
        allowed = ", ".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in systems)
        problems += [
            f"digit {_name(char)} is not one of the digits {language} writes numbers with "
            f"({allowed}): a reader may not read it as {unicodedata.decimal(char)}"
            for char in foreign
        ]
    for match in _pattern(language).finditer(text):
        if len({_zero(char) for char in match[0] if char.isdecimal()}) > 1:
            problems.append(f"number {match[0]!r} mixes the digits of two scripts")
    return problems


def _looks_like_a_digit(letter: str) -> bool:
    return bool(
        {_SPOOF.getSkeleton(0, letter), _SPOOF.getSkeleton(0, letter.upper())} & DIGIT_SKELETONS
    )


def _glued(letters: str, last: bool) -> str:
    """The letter of `letters` that touches the number (the last before it, the first
    after it) if it reads as part of the number; "" otherwise."""
    if not letters:
        return ""
    touching = letters[-1] if last else letters[0]
    if unicodedata.category(touching)[0] == "M":
        return touching
    if _looks_like_a_digit(touching):
        return touching
    script = icu.Script.getScript(touching).getName()
    return touching if script in GLUED_SCRIPTS else ""


def _mark_problems(english: str, translation: str) -> list[str]:
    """Combining marks on a digit (1̸, 0⃣) change how it reads."""
    problems = []
    for index, char in enumerate(translation[1:], 1):
        previous = translation[index - 1]
        mark = unicodedata.category(char)[0] == "M"
        if mark and previous.isdecimal() and previous + char not in english:
            problems.append(f"combining mark {_name(char)} on the digit {previous!r}")
    return problems


def _unreadable(english: str, translation: str) -> tuple[list[str], list[str]]:
    """Numbers written in characters the check cannot read as a number: circled,
    superscript, subscript, fractions, Roman numerals (categories No and Nl, always
    refused), and letters that are numerals (Chinese 十, 三), which are also words (一种,
    "a kind") and so only matter where a number of the English is missing."""
    symbols, letters = [], []
    for char in sorted(set(translation) - set(english)):
        category = unicodedata.category(char)
        if category in {"No", "Nl"}:
            symbols.append(char)
        elif category[0] == "L" and unicodedata.numeric(char, None) is not None:
            letters.append(char)
    return symbols, letters


def number_problems(english: str, translation: str, language: str | None) -> list[str]:
    """Every number of the English, as the language writes it, and no other number."""
    wanted: Counter[str] = Counter()
    english_tokens = _tokens(english, None)
    written: dict[str, str] = {}
    units: dict[str, set[str | None]] = {}
    glued: dict[str, set[tuple[str, str]]] = {}
    for token in english_tokens:
        for number in token.numbers:
            wanted[number] += 1
            written.setdefault(number, token.written)
        last = token.numbers[-1]
        units.setdefault(last, set()).add(token.unit)
        glued.setdefault(last, set()).add((token.before[-1:], token.after[:1]))
    english_units = {token.unit for token in english_tokens if token.unit}
    remaining = wanted.copy()
    added = []
    problems = _digit_problems(translation, language) + _mark_problems(english, translation)
    matched: dict[str, set[str | None]] = {}
    for token in _tokens(translation, language):
        system = _systems(language).get(_zero(token.written[0]), "latn")
        readings = _readings(token.written, language, system)
        chosen = next((r for r in readings if not Counter(r) - remaining), None)
        before = _glued(token.before, last=True)
        after = _glued(token.after, last=False)
        for letter in (before, after):
            if letter and _looks_like_a_digit(letter):
                shown = token.before + token.written + token.after
                problems.append(
                    f"letter {_name(letter)} touches the number in {shown!r} and looks like a digit"
                )
        if chosen is None:
            added.append(token.written)
            continue
        remaining -= Counter(chosen)
        number = chosen[-1]
        english_glued = glued.get(number, set())
        for letter, side, index in ((before, "before", 0), (after, "after", 1)):
            english_has = any(pair[index] for pair in english_glued)
            if letter and not _looks_like_a_digit(letter) and not english_has:
                shown = token.before + token.written + token.after
                problems.append(
                    f"number {token.written} has the letter {letter!r} written right "
                    f"{side} it ({shown!r}); the English {written[number]} has none: "
                    "put a space between them"
                )
        matched.setdefault(number, set()).add(token.unit)
        allowed = units.get(number, {None})
        if (
            token.unit
            and token.unit not in allowed
            and not (None in allowed and token.unit in english_units)
        ):
            english_unit = " or ".join(sorted(unit or "no unit" for unit in allowed))
            problems.append(
                f"number {token.written} {token.unit}: the English has {written[number]} "
                f"with {english_unit}"
            )
    for number, allowed in sorted(units.items()):
        for unit in sorted(filter(None, allowed)):
            if number in matched and unit not in matched[number] and not (matched[number] - {None}):
                problems.append(f"unit {unit} after {written[number]} missing or changed")
    missing = sorted(+remaining)
    problems += [f"number {written[number]} missing or changed" for number in missing]
    problems += [f"number {number} is not in the English" for number in sorted(set(added))]
    symbols, letters = _unreadable(english, translation)
    problems += [
        f"{_name(char)} is a number this check cannot read: write numbers in digits, as "
        "the English does"
        for char in symbols
    ]
    if missing and letters:
        problems.append(
            f"the English writes {', '.join(written[number] for number in missing)} in "
            f"digits, the translation has {''.join(letters)!r}, numbers written in "
            "characters this check cannot read: write them in digits"
        )
    return problems
