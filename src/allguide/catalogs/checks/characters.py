"""Characters a translation may not add: invisible, unprintable, combining marks put on
any letter, words mixing look-alike scripts, and compatibility forms."""

from __future__ import annotations

import re
import unicodedata

import icu

# Bidirectional controls, zero-width characters and other invisible format characters,
# control characters (NUL too) and line/paragraph separators; \n separates lines in a
# message. A translation may have one only where the English has the same.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def invisible(char: str) -> bool:
    return char != "\n" and unicodedata.category(char) in INVISIBLE_CATEGORIES


# Characters that show as a box or a blank, or only where a font maker put something:
# private use, unassigned code points, surrogates, and the blank braille pattern.
UNPRINTABLE_CATEGORIES = {"Co", "Cn", "Cs"}
UNPRINTABLE = {"\u2800"}
# The blocks of combining marks that go on any letter (U+0336 strikes a word through:
# "N̶o̶ espere" reads as a deleted "no"). Every letter our languages write with these
# has a precomposed form, so after NFC none is left in an honest translation; the marks
# of Arabic, Khmer or Vietnamese tones precomposed are in other blocks or composed.
GENERIC_COMBINING = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                     (0xFE20, 0xFE2F))  # fmt: skip


def _combining_on_any_letter(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in GENERIC_COMBINING)


# Scripts whose letters look alike: a word mixing them ("Nо" with a Cyrillic о) reads as
# a word the checks do not see, a "No" they cannot count. Chinese, Khmer or Arabic
# beside Latin in one word ("B细胞") is ordinary writing, and those do not look alike.
LOOKALIKE_SCRIPTS = {"Latn", "Cyrl", "Grek", "Armn", "Cher", "Copt"}
# Spanish and Portuguese write "n.º", "1.ª", and "37,5 ºC" from their keyboards; NFKC
# makes them "o" and "a", but they negate nothing and the number check reads ºC as °C.
ORDINAL_INDICATORS = {"º", "ª"}


def _script(char: str) -> str:
    return icu.Script.getScript(char).getShortName()


def _lookalike_problems(english: str, translation: str) -> list[str]:
    """Words that mix look-alike scripts, and compatibility forms (fullwidth Ｎｏ, the
    Arabic presentation form ﻻ for لا, the CJK compatibility 不 U+F967, Kangxi radicals):
    each shows a word the negation and number checks do not read as written."""
    problems = []
    for word in dict.fromkeys(re.findall(r"\w+", translation)):
        scripts = {_script(char) for char in word if char.isalpha()} & LOOKALIKE_SCRIPTS
        if len(scripts) > 1 and word not in english:
            problems.append(
                f"the word {word!r} mixes letters of {' and '.join(sorted(scripts))} scripts "
                "(one looks like the other): type it again in one script"
            )
    for char in sorted(set(translation) - set(english)):
        plain = unicodedata.normalize("NFKC", char)
        # Fullwidth punctuation (，：（）), the fullwidth tilde of ranges (15～20) and
        # spaces are how Chinese and French are set; a sign is checked with its number.
        category = unicodedata.category(char)
        if (
            plain != char
            and category[0] not in "PZ"
            and category != "Sm"
            and char not in ORDINAL_INDICATORS
        ):
            problems.append(
                f"character U+{ord(char):04X} ({unicodedata.name(char, '?')}) is a "
                f"compatibility form of {plain!r}: type {plain!r}"
            )
    return problems


def character_problems(english: str, translation: str) -> list[str]:
    problems = _lookalike_problems(english, translation)
    composed = unicodedata.normalize("NFC", translation)
    for char in sorted(set(composed) - set(english)):
        if unicodedata.category(char) in UNPRINTABLE_CATEGORIES or char in UNPRINTABLE:
            name = unicodedata.name(char, "unassigned or private use")
            problems.append(
                f"character U+{ord(char):04X} ({name}) prints as a box or a blank: not allowed"
            )
        elif _combining_on_any_letter(char):
            problems.append(
                f"combining mark U+{ord(char):04X} ({unicodedata.name(char, '?')}) is not "
                "allowed: type the letter itself (an accented letter has its own character)"
            )
    for char in sorted(set(translation) - set(english)):
        # Unicode's Default_Ignorable_Code_Point (ICU has the property) adds the invisible
        # characters of other categories: U+034F COMBINING GRAPHEME JOINER, variation
        # selectors, Hangul fillers.
        if invisible(char) or icu.Char.hasBinaryProperty(
            char, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT
        ):
            name = unicodedata.name(char, "control character")
            problems.append(f"character U+{ord(char):04X} ({name}) is not allowed in a translation")
    return problems
