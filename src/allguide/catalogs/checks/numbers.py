"""Numbers of a translated message, read as its reader reads them, against the English's.

A number is what a reader takes it for: digits of the scripts the language writes
numbers in (CLDR's numbering systems for the locale, through Babel; their digits come
from ICU), separators read with the language's own notation (CLDR's decimal and group
signs), the unit written after it (°C is not °F, % is not ‰), and no letter glued to
it that the English does not have, the time unit beside it (2 days is not 2 weeks),
Chinese numerals (三十), and a sign written before it (<2, −%(temperature)s). Babel and
ICU give the data; no catalog tool compares numbers this way (Translate Toolkit's
`numbers` check reads only ASCII digits and one notation), so the comparison is ours.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import icu
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from babel.units import format_unit, get_unit_name

from allguide import languages
from allguide.catalogs.checks.placeholders import PLACEHOLDER

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


# -- Time units -----------------------------------------------------------------------

TIME_UNITS = ("minute", "hour", "day", "week", "month", "year")
# A unit after an English number: "15 minutes", "a 2-day stay", "25 years old".
ENGLISH_TIME_UNIT = re.compile(
    r"[ \u00a0]?-?(minute|min|hour|hr|day|week|wk|month|year|yr)s?\b", re.IGNORECASE
)
ENGLISH_SHORT_UNITS = {"min": "minute", "hr": "hour", "wk": "week", "yr": "year"}
# "15 to 20 minutes", "2-3 days", "2 or 3 days": the unit after the last number is the
# unit of the numbers before it too.
ENGLISH_RANGE = re.compile(r"\s*(?:to|or|and|-|–|—)\s*", re.IGNORECASE)
# A translation joins a range with one short word or a dash ("15 a 20", "15到20",
# "от 15 до 20", "15～20"), never with a digit or a sentence's punctuation.
RANGE = re.compile(r"[ \u00a0\u202f]*[^\s\d.,;:!?。，；：！？、()（）]{1,6}[ \u00a0\u202f]*")
# What may stand between a number and its unit: a space, a hyphen, or nothing.
BETWEEN = r"[\s\-‐‑]{0,2}"
# Arabic writes one or two of a unit as the word alone (يوم, يومين) and may give the
# digits after it in parentheses: "يومين (2)". Its unit may stand before the number.
UNIT_BEFORE_NUMBER = {"ar"}
# One count of each CLDR plural category of our languages (Arabic zero/one/two/few/many/
# other, Russian one/few/many and 1.5 for other), so every form of a unit is collected.
COUNTS = (0, 1, 2, 3, 5, 11, 21, 100, 1.5)
# Words for a time unit the catalogs use and CLDR's unit names lack, and why.
EXTRA_TIME_UNIT_WORDS = {
    # CLDR has the nominative dual only (يومان); after a preposition or a verb the dual
    # is genitive or accusative (لأكثر من يومين), as the catalogs write it.
    "ar": {"minute": ("دقيقتين",), "hour": ("ساعتين",), "day": ("يومين",),
           "week": ("أسبوعين",), "month": ("شهرين",), "year": ("سنتين",)},
    # An age in years ("25 years old") is its own word, not a duration's: 25 jir,
    # 25 tuổi, 25岁. Somali also writes a year "sano" (CLDR: sannad), Vietnamese an hour
    # "giờ" (CLDR: tiếng only).
    "so": {"year": ("sano", "jir")},
    "vi": {"year": ("tuổi",), "hour": ("giờ",)},
    # Russian counts whole days and nights as сутки ("двое суток", 2 days).
    "ru": {"day": ("сутки", "суток", "суткам", "сутках")},
    # Both scripts in both Chinese catalogs (a zh_CN translator may type 週); 日 for a
    # day, 星期 and 礼拜 for a week, 个小时 and 钟头 for an hour, 岁 for an age.
    "zh": {"minute": ("分钟", "分鐘"),
           "hour": ("小时", "小時", "个小时", "個小時", "钟头", "鐘頭"),
           "day": ("天", "日"),
           "week": ("周", "週", "星期", "个星期", "個星期", "礼拜", "禮拜"),
           "month": ("个月", "個月"), "year": ("年", "岁", "歲")},
}  # fmt: skip
# Scripts written without spaces between words: their unit words follow a number with
# no space and run into the next word, and one character can be a unit (天).
UNSPACED_SCRIPTS = {"Han", "Hiragana", "Katakana", "Khmer", "Lao", "Myanmar", "Thai"}
ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"  # vowel signs and tatweel: optional in writing


def _unit_key(word: str) -> str:
    return re.sub(f"[{ARABIC_MARKS}]", "", unicodedata.normalize("NFC", word).casefold())


def _unspaced(word: str) -> bool:
    return icu.Script.getScript(word[-1]).getName() in UNSPACED_SCRIPTS


def _usable(word: str) -> bool:
    """A unit word that cannot be mistaken for another: no digits, and two letters at
    least in a spaced script (CLDR's narrow "a" is Spanish's "to" in "2 a 3 días")."""
    letters = [char for char in word if unicodedata.category(char)[0] in "LM"]
    return (
        bool(letters)
        and not any(char.isdigit() for char in word)
        and (len(letters) >= 2 or _unspaced(word))
    )


@dataclass(frozen=True)
class TimeUnitWords:
    """A language's words for time units: a pattern that finds one, and its unit."""

    after: re.Pattern[str]
    before: re.Pattern[str] | None
    units: dict[str, str]
    names: dict[str, str]
    # Any of the words, anywhere (a spaced word's start is checked by its reader).
    anywhere: re.Pattern[str]


@cache
def _time_unit_words(language: str | None) -> TimeUnitWords | None:
    """Every form CLDR gives the language's time units (long, short, narrow; each plural
    form), through Babel, and the few words of EXTRA_TIME_UNIT_WORDS. None where CLDR
    has no unit names for the language: Babel then gives the root's "2 d", "2 w" (as for
    Haitian Creole), and a check with those would refuse every correct translation."""
    if not language:
        return None
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None
    words: dict[str, set[str]] = {}
    names = {}
    for unit in TIME_UNITS:
        key = f"duration-{unit}"
        if format_unit(2, key, "long", locale=locale) == format_unit(2, key, "long", locale="root"):
            return None
        names[unit] = get_unit_name(key, "long", locale=locale) or unit
        found = {names[unit]}
        for length in ("long", "short", "narrow"):
            for count in COUNTS:
                written = format_unit(count, key, length, locale=locale)
                found.add(written.replace(format_decimal(count, locale=locale), " ", 1))
        extra = EXTRA_TIME_UNIT_WORDS.get(language.split("_")[0], {})
        for word in found | set(extra.get(unit, ())):
            word = word.strip()
            if _usable(word):
                words.setdefault(word, set()).add(unit)
    # A word two units share (a short form) says neither.
    units = {_unit_key(word): found.pop() for word, found in words.items() if len(found) == 1}
    alternatives = []
    for word in sorted({word for word in words if _unit_key(word) in units}, key=len, reverse=True):
        pattern = "".join(
            re.escape(char) + (f"[{ARABIC_MARKS}]*" if "\u0600" <= char <= "\u06ff" else "")
            for char in word
        )
        alternatives.append(
            pattern if _unspaced(word) or not word[-1].isalnum() else pattern + r"(?!\w)"
        )
    either = "|".join(alternatives)
    before = None
    if language.split("_")[0] in UNIT_BEFORE_NUMBER:
        before = re.compile(rf"(?<!\w)({either})[\s\-‐‑(]{{0,3}}\Z", re.IGNORECASE)
    return TimeUnitWords(
        re.compile(rf"{BETWEEN}({either})", re.IGNORECASE), before, units, names,
        re.compile(f"({either})", re.IGNORECASE),
    )  # fmt: skip


def _inherit(text: str, tokens: list[Token], units: list[set[str]], joins: re.Pattern[str]):
    """A number without a unit takes the next number's when a range joins them; returns
    the index of the number each took its unit from (its own where it has one)."""
    source = list(range(len(tokens)))
    for index in range(len(tokens) - 2, -1, -1):
        between = text[tokens[index].end : tokens[index + 1].start]
        if not units[index] and joins.fullmatch(between):
            units[index] = set(units[index + 1])
            source[index] = source[index + 1]
    return source


def _english_time_units(english: str, tokens: list[Token]) -> list[set[str]]:
    units = []
    for token in tokens:
        found = ENGLISH_TIME_UNIT.match(english, token.end)
        word = found[1].lower() if found else None
        units.append({ENGLISH_SHORT_UNITS.get(word, word)} if word else set())
    _inherit(english, tokens, units, ENGLISH_RANGE)
    return units


def _translation_time_units(
    translation: str, tokens: list[Token], words: TimeUnitWords
) -> list[tuple[set[str], str]]:
    """Each number's time units (after it, or before it in UNIT_BEFORE_NUMBER
    languages, or after the range it starts) and the text that shows them."""
    units: list[set[str]] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        found, start, end = set(), token.start, token.end
        after = words.after.match(translation, token.end)
        before = words.before.search(translation, 0, token.start) if words.before else None
        for match in filter(None, (after, before)):
            found.add(words.units[_unit_key(match[1])])
            start, end = min(start, match.start()), max(end, match.end())
        units.append(found)
        spans.append((start, end))
    source = _inherit(translation, tokens, units, RANGE)
    shown = [
        translation[min(token.start, spans[index][0]) : spans[index][1]].strip()
        for token, index in zip(tokens, source, strict=True)
    ]
    return list(zip(units, shown, strict=True))


def _time_unit_problems(
    english: str, english_tokens: list[Token], translation: str, tokens: list[Token],
    language: str | None,
) -> list[str]:  # fmt: skip
    """A number the English gives in a time unit has that unit beside it, and no other."""
    words = _time_unit_words(language)
    if words is None:
        return []  # no CLDR unit names for the language: nothing to compare with
    wanted: dict[str, set[str]] = {}
    for token, units in zip(
        english_tokens, _english_time_units(english, english_tokens), strict=True
    ):
        if units:
            wanted.setdefault(token.numbers[-1], set()).update(units)
    found: dict[str, set[str]] = {}
    seen: dict[str, list[str]] = {}
    for token, (units, shown) in zip(
        tokens, _translation_time_units(translation, tokens, words), strict=True
    ):
        found.setdefault(token.numbers[-1], set()).update(units)
        if units:
            seen.setdefault(token.numbers[-1], []).append(shown)
    problems = []
    for number, units in sorted(wanted.items()):
        if number not in found:
            continue  # the number itself is missing: reported as such
        english_units = " or ".join(f"{unit}s" for unit in sorted(units))
        other = found[number] - units
        if other:
            problems.append(
                f"time unit of {number} changed: the English has {number} {english_units}, "
                f"the translation {', '.join(repr(text) for text in seen[number])} "
                f"({' and '.join(sorted(found[number]))})"
            )
        elif units - found[number]:
            missing = sorted(units - found[number])
            problems.append(
                f"time unit of {number} missing: the English has {number} "
                f"{english_units}, the translation no word for {' or '.join(missing)} next to "
                f"{number} ({language}: {', '.join(words.names[unit] for unit in missing)})"
            )
    return problems


# -- Numbers written as words beside a time unit ---------------------------------------

# "Espere tres horas", "等三小时": a number written as a word beside a time unit is read
# as the number, with ICU's spell-out rules for the language, and the English must have
# it with that unit ("write numbers in digits" otherwise). Where ICU has no rules for a
# language it falls back to another's (Somali and Cape Verdean Creole to English's,
# Haitian Creole to French's): those are not read (Haitian has no CLDR unit names
# either). Only cardinals count: ICU also parses ordinals ("tercer día", "третий день").
# Arabic writes one and two after their noun ("ساعة واحدة", "يومين اثنين"), the others
# before it ("ثلاث ساعات").
NUMBER_WORD_AFTER_UNIT = {"ar"}
# Forms ICU's Arabic rules lack: the counted-feminine ones without ة (ثلاث ساعات, ICU
# gives ثلاثة only) and اثنان written without its hamza, as most people type it.
EXTRA_NUMBER_WORDS = {
    "ar": {"ثلاث": 3, "أربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8, "ثمان": 8,
           "تسع": 9, "عشر": 10, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2},
    # Russian collective numerals, which ICU's rules lack: "двое суток", two days.
    "ru": {"двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
           "двоих": 2, "троих": 3},
}  # fmt: skip
# A Chinese numeral alone is a word (一起, together) except right before a time unit
# (三小时, 两周). Runs of two numerals or more are read by `_cjk_numbers`; 第 makes an
# ordinal (第三天, the third day), 几 an indefinite count (几天, a few days).
SINGLE_CJK_NUMERALS = "一二三四五六七八九十两兩"
NOT_A_COUNT_BEFORE = "第几幾"
# The number 1 written as a word is also the article ("una semana", "une heure", "um
# dia", "một ngày", 一天): it stands for "a week" as well as for "1 week". It passes
# where the English names the unit at all ("once a week", "an hour", "each day"); a
# translation that brings a unit the English does not have ("Espere una hora" for
# "Call now") is refused as any other number word.
ENGLISH_UNIT_WORD = re.compile(
    r"\b(minute|hour|day|week|month|year)s?\b|\b(hour|dai|week|month|year)ly\b", re.IGNORECASE
)
# Up to how many words a number written as words has ("treinta y seis", "сорок восемь").
NUMBER_WORDS = 5
OUTER_PUNCTUATION = "\"'“”‘’«»„‹›()[]¿¡.,;:!?\u060c\u061b\u061f"
ORDINAL_RULE_SETS = ("ordinal", "year", "days")


@cache
def _spellout(language: str) -> icu.RuleBasedNumberFormat | None:
    """ICU's spell-out rules for the language; None where ICU has none of its own."""
    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(language))
    actual = str(formatter.getLocale(icu.ULocDataLocaleType.ACTUAL_LOCALE))
    if actual.split("_")[0] != language.split("_")[0]:
        return None  # fallen back to another language's rules (so, kea: English; ht: French)
    return formatter


def _fold(text: str) -> str:
    """As the forms are compared: case folded, ё as е (ICU writes трех), no zero-width
    space (ICU writes Khmer ម្ភៃ​បួន with one), no Arabic vowel signs."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е").replace("\u200b", "")
    return re.sub(f"[{ARABIC_MARKS}]", "", text)


@cache
def _spelled(text: str, language: str) -> float | None:
    """The value of `text` if all of it is a cardinal number written as words."""
    folded = _fold(text)
    base = language.split("_")[0]
    if folded in EXTRA_NUMBER_WORDS.get(base, {}):
        return EXTRA_NUMBER_WORDS[base][folded]
    formatter = _spellout(language)
    if formatter is None or not folded:
        return None
    place = icu.ParsePosition(0)
    try:
        parsed = formatter.parse(folded, place)
    except icu.ICUError:
        return None
    if parsed is None or place.getIndex() != len(folded) or parsed.getDouble() < 0:
        return None
    value = parsed.getDouble()
    # ICU parses with every rule set; the text must be a cardinal form of its value
    # ("третий", third, parses as 3 and is no count).
    for index in range(formatter.getNumberOfRuleSetNames()):
        name = formatter.getRuleSetName(index)
        cardinal = not any(word in name for word in ORDINAL_RULE_SETS)
        if cardinal and _fold(formatter.format(value, name)) == folded:
            return value
    return None


def _value(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _letters_or_marks(word: str) -> bool:
    return bool(word) and all(
        unicodedata.category(char)[0] in "LM" or char in "-‐'’" for char in word
    )


def _spaced_number(words: list[str], language: str, last: bool) -> tuple[str, str] | None:
    """The longest run of `words` next to the unit (the last ones before it, or the
    first after it) that is a number: (value, as written). The run's outer word may
    carry punctuation ("¿Tres horas?", "ساعة واحدة.")."""
    for size in range(min(len(words), NUMBER_WORDS), 0, -1):
        chosen = list(words[-size:] if last else words[:size])
        edge = 0 if last else -1
        chosen[edge] = chosen[edge].strip(OUTER_PUNCTUATION)
        if not all(map(_letters_or_marks, chosen)):
            continue
        written = " ".join(chosen)
        value = _spelled(written, language)
        if value is not None:
            return _value(value), written
    return None


def _unspaced_number(text: str, language: str) -> tuple[str, str] | None:
    """The number written right before the end of `text` in a language without spaces:
    Chinese, one numeral (the runs are `_cjk_numbers`'s); Khmer, the longest that ICU reads."""
    if language.split("_")[0] == "zh":
        if not text or text[-1] not in SINGLE_CJK_NUMERALS:
            return None
        before = text[-2:-1]
        if before and (before in CJK_NUMERALS or before in NOT_A_COUNT_BEFORE):
            return None
        return _value(_spelled(text[-1].translate(SIMPLIFIED), "zh") or 0), text[-1]
    for start in range(max(0, len(text) - 12), len(text)):
        value = _spelled(text[start:], language)
        if value is not None and text[start:].strip():
            return _value(value), text[start:]
    return None


def _word_numbers(text: str, language: str) -> list[tuple[str, str, str, str]]:
    """(value, unit, number as written, with its unit) of each number written as words
    beside a time unit."""
    words = _time_unit_words(language)
    if words is None:
        return []
    base = language.split("_")[0]
    if _spellout(language) is None and base not in EXTRA_NUMBER_WORDS and base != "zh":
        return []
    found = []
    for match in words.anywhere.finditer(text):
        word = match[1]
        unit = words.units.get(_unit_key(word))
        if unit is None:
            continue
        before = text[: match.start()]
        spaced = not _unspaced(word)
        if spaced and before[-1:] and unicodedata.category(before[-1])[0] in "LMN":
            continue  # inside a word
        shown = ""
        if spaced:
            words_before = before.rstrip(" -‐‑\u00a0\u202f").split()[-NUMBER_WORDS:]
            number = _spaced_number(words_before, language, last=True)
            if number is None and base in NUMBER_WORD_AFTER_UNIT:
                after = text[match.end() :].lstrip()
                number = _spaced_number(after.split()[:NUMBER_WORDS], language, last=False)
                shown = f"{word} {number[1]}" if number else ""
        else:
            number = _unspaced_number(before.rstrip(), language)
        if number is not None:
            shown = shown or (f"{number[1]} {word}" if spaced else number[1] + word)
            found.append((*number, unit, shown))
    return found


def _english_word_units(english: str, tokens: list[Token]) -> tuple[set[tuple[str, str]], set[str]]:
    """(number, unit) pairs of the English (digits, or words: "two weeks"), and the
    units it names at all ("a week", "daily")."""
    pairs = {
        (token.numbers[-1], unit)
        for token, units in zip(tokens, _english_time_units(english, tokens), strict=True)
        for unit in units
    }
    for match in ENGLISH_TIME_UNIT.finditer(english):
        unit = ENGLISH_SHORT_UNITS.get(match[1].lower(), match[1].lower())
        words = english[: match.start()].split()[-NUMBER_WORDS:]
        number = _spaced_number(words, "en", last=True)
        if number is not None:
            pairs.add((number[0], unit))
            # "one or two days": the number before "or" has the unit too.
            rest = words[: -len(number[1].split())]
            if len(rest) >= 2 and rest[-1].lower() in ("or", "to", "and"):
                other = _spaced_number(rest[:-1], "en", last=True)
                if other is not None:
                    pairs.add((other[0], unit))
    named = {
        {"dai": "day"}.get(unit, unit)
        for match in ENGLISH_UNIT_WORD.finditer(english)
        for unit in filter(None, (match[1], match[2]))
    }
    return pairs, {unit.lower() for unit in named}


def _word_number_problems(
    english: str, english_tokens: list[Token], translation: str, language: str | None
) -> list[str]:
    if not language:
        return []
    pairs, named = _english_word_units(english, english_tokens)
    problems = []
    for value, written, unit, shown in _word_numbers(translation, language):
        if (value, unit) in pairs or (value == "1" and unit in named):
            continue
        has = sorted(number for number, english_unit in pairs if english_unit == unit)
        english_has = (
            f"the English has {unit}s only with {', '.join(has)}"
            if has
            else (f"the English has no number of {unit}s")
        )
        problems.append(
            f"number {value} (written {written!r} in {shown!r}) is not in the "
            f"English: {english_has}; write numbers in digits, as the English does"
        )
    return problems


# -- Chinese numerals -----------------------------------------------------------------

CJK_NUMERALS = "〇零一二三四五六七八九十百千万亿两萬億兩"
CJK_MULTIPLIERS = set("十百千万亿萬億")
TOUCHING_DIGIT = re.compile(rf"\d[{CJK_NUMERALS}]|[{CJK_NUMERALS}]\d")
CJK_RUN = re.compile(f"[{CJK_NUMERALS}]+")
# ICU's Chinese spell-out rules read simplified numerals (两百, 一万二千); 兩, 萬, 億 are
# the same numerals in traditional script.
SIMPLIFIED = str.maketrans("萬億兩", "万亿两")
# 几十 "tens of", 十几 "ten-odd": a numeral beside 几 counts no definite number.
INDEFINITE = "几幾"


@cache
def _chinese_spellout() -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale("zh"))


def _cjk_numbers(text: str) -> list[tuple[str, str]]:
    """(value, as written) of each Chinese number: a run of numerals with 十, 百, 千, 万
    or 亿 in it, or of two numerals or more, as ICU's spell-out rules read it.

    A single numeral without a multiplier is a word (一种 "a kind", 一起 "together").
    What ICU cannot read as the start of a number is a word too: 千万 "by all means",
    万一 "in case"; and 一两 "one or two" reads as 一 and 两, two words. 十分 is "very"
    unless 钟 follows (十分钟, ten minutes); any other run before 分 is read as a number
    (三十分 is thirty, of minutes or of points: both are numbers the English must have).
    百 before 分之 is the percent sign (百分之十五, 15%): the run after 之 is the number.
    """
    found = []
    for run in CJK_RUN.finditer(text):
        following = text[run.end() : run.end() + 2]
        if run[0] == "十" and following[:1] == "分" and following[1:] not in ("钟", "鐘"):
            continue
        if run[0] == "百" and following == "分之":
            continue
        beside = {text[run.start() - 1 : run.start()], following[:1]} - {""}
        if beside & set(INDEFINITE):
            continue
        written, position = run[0].translate(SIMPLIFIED), 0
        while position < len(written):
            place = icu.ParsePosition(0)
            value = _chinese_spellout().parse(written[position:], place)
            length = place.getIndex()
            if not length:
                position += 1
                continue
            piece = run[0][position : position + length]
            if len(piece) > 1 or CJK_MULTIPLIERS & set(piece):
                number = value.getDouble()
                found.append((str(int(number)) if number.is_integer() else str(number), piece))
            position += length
    return found


def _cjk_problems(english_numbers: set[str], translation: str) -> list[str]:
    problems = [
        f"Chinese numeral touches a digit in {match[0]!r}: a reader may read "
        f"{match[0]!r} as one number; write the number in digits only"
        for match in TOUCHING_DIGIT.finditer(translation)
    ]
    for value, written in _cjk_numbers(translation):
        if value not in english_numbers:
            problems.append(f"number {value} ({written!r}) is not in the English")
    return problems


# -- Signs before numbers -------------------------------------------------------------

# Signs by what they mean; a sign before a number turns 2 into −2, "under 2", "about 2".
SIGNS = {
    "−": "-−﹣－‐‑–—", "+": "+＋﹢", "<": "<＜﹤", ">": ">＞﹥", "≤": "≤≦⩽", "≥": "≥≧⩾",
    "±": "±∓", "~": "~～〜∼", "≈": "≈≃≅",
}  # fmt: skip
SIGN_MEANING = {char: meaning for meaning, chars in SIGNS.items() for char in chars}
# What a number, a placeholder or a sign may be kept apart by: spaces of any kind, and
# opening brackets and quotes ("−(%(temperature)s)").
SEPARATING = {"Zs", "Ps", "Pi"}


@cache
def _skeleton(char: str) -> str:
    """What `char` looks like (ICU's confusable skeleton): ˗ ⁻ ➖ ⁃ look like "-", ‹ ᐸ like
    "<". A list of signs would always miss one; this is Unicode's own table."""
    return _SPOOF.getSkeleton(0, char)


_SPOOF = icu.SpoofChecker()


def _sign_meaning(char: str) -> str | None:
    """What a character means before a number, if it is a sign: a known sign, a math
    symbol or a dash (Unicode categories Sm and Pd), or anything that looks like one."""
    if char in SIGN_MEANING:
        return SIGN_MEANING[char]
    skeleton = _skeleton(char)
    if skeleton in SIGN_MEANING:
        return SIGN_MEANING[skeleton]
    if unicodedata.category(char) in {"Sm", "Pd"}:
        return char
    return None


def _skip(text: str, index: int, step: int) -> int:
    """From `index`, past what may keep a sign and its number apart, in direction `step`."""
    kinds = SEPARATING | ({"Pe", "Pf"} if step > 0 else set())
    while 0 <= index < len(text) and unicodedata.category(text[index]) in kinds:
        if _skeleton(text[index]) in SIGN_MEANING:  # ‹ is a quote that looks like "<"
            break
        index += step
    return index


def _joins(text: str, index: int, meaning: str) -> bool:
    """A dash or tilde between two numbers is a range (15-20, 15 ～ 20, 2026-11-27); a
    hyphen glued to a word makes one word (COVID-19)."""
    if meaning not in ("−", "~"):
        return False
    before = _skip(text, index - 1, -1)
    if before >= 0 and (text[before].isdigit() or text[: before + 1].endswith(")s")):
        return True
    glued = index > 0 and text[index - 1].isalpha() and not _unspaced(text[index - 1])
    return glued and meaning == "−"


def _signed(
    text: str, tokens: list[Token], right_to_left: bool = False
) -> list[tuple[str, str, str]]:
    """(meaning, sign as written, number) of each sign written right before a number or a
    placeholder, and in a right-to-left language right after one where nothing numeric
    follows the sign ("%(temperature)s-" shows the minus before the value)."""
    targets = [(token.start, token.end, token.numbers[-1]) for token in tokens]
    targets += [(m.start(), m.end(), m[0]) for m in PLACEHOLDER.finditer(text)]
    found = []
    for start, end, number in targets:
        before = _skip(text, start - 1, -1)
        if before >= 0:
            meaning = _sign_meaning(text[before])
            if meaning and not _joins(text, before, meaning):
                found.append((meaning, text[before], number))
                continue
        after = _skip(text, end, 1)
        if right_to_left and after < len(text):
            meaning = _sign_meaning(text[after])
            rest = _skip(text, after + 1, 1)
            numeric_next = rest < len(text) and (
                text[rest].isdigit() or text.startswith(("%(", "${"), rest)
            )
            if meaning in ("−", "+", "±") and not numeric_next:
                found.append((meaning, text[after], number))
    return found


def _right_to_left(language: str | None) -> bool:
    """The language table's direction: the one the pages and handouts are set in."""
    row = languages.by_code().get(language) if language else None
    return row is not None and row.direction == "rtl"


def _sign_problems(
    english: str,
    english_tokens: list[Token],
    translation: str,
    tokens: list[Token],
    language: str | None,
) -> list[str]:
    english_signs = {(meaning, number) for meaning, _, number in _signed(english, english_tokens)}
    right_to_left = _right_to_left(language)
    return [
        f"a sign {sign!r} before {number} is not in the English"
        for meaning, sign, number in _signed(translation, tokens, right_to_left)
        if (meaning, number) not in english_signs
    ]


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
    translation_tokens = _tokens(translation, language)
    for token in translation_tokens:
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
    problems += _time_unit_problems(
        english, english_tokens, translation, translation_tokens, language
    )
    problems += _word_number_problems(english, english_tokens, translation, language)
    problems += _cjk_problems(set(wanted), translation)
    problems += _sign_problems(english, english_tokens, translation, translation_tokens, language)
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
