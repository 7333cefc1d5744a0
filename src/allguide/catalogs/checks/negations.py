"""Negations of a translated message, counted against the English's ("do not stop" != "stop").

Each negation of the English needs its own in the translation: "Do not give ibuprofen
and do not wait" has two, and a translation with one has dropped an instruction. The
words come from the language table (locale/languages.toml): `negations` negate,
`negation_parts` only complete another ("pas" in French "ne ... pas", "никогда" in
Russian "никогда не"), `not_negations` are phrases that hold a negation word and negate
nothing (Haitian "pa egzanp", for example), and `maybe_negations` negate only sometimes
(Arabic ما is also "what"). Languages written without spaces are cut into words with
ICU (word_breaks.py), so 特别 ("especially") is not 别 ("don't").

Where the count falls short, or reaches the English's only through a word that may not
negate, the entry is an error that a translator who kept the meaning clears with the
flag `#, negation-ok`: the check never passes what it cannot decide. No catalog tool
counts negations (Translate Toolkit has no such check), so this is ours.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from allguide import languages
from allguide.languages.word_breaks import words as word_breaks

# The flag a translator puts on an entry whose translation deliberately has fewer
# negations than the English.
NEGATION_OK = "negation-ok"
ENGLISH_NEGATIONS = (
    "not", "no", "never", "don't", "doesn't", "isn't", "aren't", "cannot", "can't", "won't",
    "without", "none", "nothing", "neither", "nor",
)  # fmt: skip
# "nor" completes "neither" or "not": "neither A nor B" is one negation.
ENGLISH_PARTS = ("nor",)
# English words many languages say with a negation of their own: "unless" (Spanish "sin
# que", Somali "haddii aan"), and "before" or "until", after which French and Russian
# put a negation that negates nothing ("avant que vous n'appeliez", "пока не
# позвоните"). Each lets an instruction have one negation more than the English.
NEGATIVE_CONJUNCTIONS = re.compile(r"\b(?:unless|until|before)\b", re.IGNORECASE)
# English phrases with a negation word that negate nothing.
NOT_NEGATIONS = re.compile(r"\b(?:whether or not|not only|no matter|no sooner)\b", re.IGNORECASE)
# English verbs and phrases that tell a reader not to act without a negation word. An
# instruction of the plan may have as many of these (and the language's
# `negative_verbs`: "Evite llamar", 甭拨打) as its English: "Call 911" must not become
# "Avoid calling 911" (see `negation_problems`).
ENGLISH_NEGATIVE_VERBS = re.compile(
    r"\b(?:avoid(?:s|ing)?|stop(?:s|ping)?|refrain|quit|cease|skip|halt|pause|hold off|"
    r"need not|needn't|no need|unnecessary|never mind|bother|forget)\b",
    re.IGNORECASE,
)
# Languages written without spaces between words, and ICU's locale for their words.
UNSPACED = {"zh": "zh", "ja": "ja", "th": "th", "lo": "lo", "km": "km", "my": "my"}
# Words that take attached prefixes and endings: Arabic writes "and not" as one word
# (ولا) and "without it" as دونه. (prefixes, endings) as regular expressions.
CLITICS = {"ar": ("[وف]?", "(?:ه|ها|هم|هما|هن|ك|كم|كما|كن|ي|نا)?")}
# Negations that Chinese writes inside a verb ("止不住", cannot stop; "找不到", cannot
# find), which ICU's dictionary keeps as one word: these negate wherever they are in a
# word; the others (别, 非, 无, 未) must begin one, as 特别 ("especially") is no 别.
INFIXES = {"zh": ("不", "没", "沒")}
# What ends a part of a sentence: a negation's second word ("pas") is looked for up to it.
CLAUSE_END = re.compile(
    r"[.,;:!?¿¡…()\[\]\n\u060c\u061b\u061f\u06d4。，；：！？、（）\u17d4\u17d5—–]"
)


@dataclass(frozen=True)
class Words:
    """A language's negation words, from the language table."""

    language: str
    negations: tuple[str, ...]
    parts: frozenset[str]
    maybe: tuple[str, ...]
    not_negations: tuple[str, ...]
    verbs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Count:
    """Negations found: for certain, at most (with words that may negate), and which."""

    certain: int
    at_most: int
    found: tuple[str, ...]
    uncertain: tuple[str, ...]


def _normal(text: str) -> str:
    return text.replace("’", "'")


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted({_normal(w) for w in words}, key=len, reverse=True)))


def _word_pattern(words: Iterable[str], language: str) -> re.Pattern[str] | None:
    """Whole words (Arabic: with its attached prefixes and endings)."""
    alternatives = _alternatives(words)
    if not alternatives:
        return None
    before, after = CLITICS.get(language.split("_")[0], ("", ""))
    return re.compile(rf"(?<!\w){before}(?:{alternatives}){after}(?!\w)", re.IGNORECASE)


@cache
def _words(language: str) -> Words | None:
    row = languages.by_code().get(language)
    if row is None or not row.negations:
        return None
    return Words(
        language, row.negations, frozenset(map(_normal, row.negation_parts)),
        row.maybe_negations, row.not_negations, row.negative_verbs,
    )  # fmt: skip


def _matches_word(token: str, word: str, language: str) -> bool:
    """A word of an unspaced language is a negation if it is one or begins with one
    (不要, 没有); ICU joins some longer ones to the word before ("ឬមិន", or not). A
    negation of two characters must begin a word: ទេ ends មគ្គុទ្ទេសក៍ (guide)."""
    inside = len(word) > 2 or word in INFIXES.get(language, ())
    return token.startswith(word) or (inside and word in token)


@dataclass(frozen=True)
class Found:
    """A negation word of a part of a sentence, in order: the `index`-th word there."""

    kind: str  # "negation", "part" or "maybe"
    word: str
    index: int


def _clause_words(clause: str, words: Words) -> list[Found]:
    """The negation words of a part of a sentence, in order."""
    base = words.language.split("_")[0]
    kinds = [(word, "part" if _normal(word) in words.parts else "negation") for word in
             words.negations] + [(word, "maybe") for word in words.maybe]  # fmt: skip
    found = []
    if base in UNSPACED:
        for index, token in enumerate(word_breaks(clause, UNSPACED[base])):
            for word, kind in sorted(kinds, key=lambda pair: -len(pair[0])):
                if _matches_word(token, word, base):
                    found.append(Found(kind, token, index))
                    break
        return found
    starts = [match.start() for match in re.finditer(r"\w+", clause)]
    for kind in ("negation", "part", "maybe"):
        pattern = _word_pattern([word for word, k in kinds if k == kind], words.language)
        for match in pattern.finditer(clause) if pattern else ():
            # The number of the word the match starts in (a search: a count over every
            # word made a long message take minutes).
            index = bisect.bisect_right(starts, match.start()) - 1
            found.append(Found(kind, match[0], index))
    return sorted(found, key=lambda item: item.index)


def _clause_count(found: list[Found]) -> tuple[list[str], list[str]]:
    """(negations, maybe) of a part of a sentence. Each negation word counts. A part
    ("pas", "nunca") completes a negation word before it ("ne ... pas", "no ... nunca")
    or right after it ("никогда не"); the others count one for all of them ("Pas de
    fièvre ni de toux"), so "nunca maduran y no funcionan" has two."""
    negations = [item for item in found if item.kind == "negation"]
    alone = [
        item
        for item in found
        if item.kind == "part"
        and not any(n.index < item.index or n.index == item.index + 1 for n in negations)
    ]
    counted = sorted(negations + alone[:1], key=lambda item: item.index)
    return [item.word for item in counted], [item.word for item in found if item.kind == "maybe"]


def _without_not_negations(text: str, phrases: Iterable[str], unspaced: bool) -> str:
    """`text` with the phrases that negate nothing blanked out (where ICU will cut words,
    as a boundary of their own)."""
    alternatives = _alternatives(phrases)
    if not alternatives:
        return text
    if unspaced:
        return re.sub(alternatives, " ", text, flags=re.IGNORECASE)
    return re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", " ", text, flags=re.IGNORECASE)


def count(text: str, words: Words) -> Count:
    """The negations of `text`, part of a sentence by part (see `_clause_count`)."""
    unspaced = words.language.split("_")[0] in UNSPACED
    text = _without_not_negations(_normal(text), words.not_negations, unspaced)
    certain = at_most = 0
    found, uncertain = [], []
    for clause in CLAUSE_END.split(text):
        negations, maybe = _clause_count(_clause_words(clause, words))
        certain += len(negations)
        at_most += len(negations) + len(maybe)
        found += negations
        uncertain += maybe
    return Count(certain, at_most, tuple(found), tuple(uncertain))


def negative_verbs(text: str, words: Words) -> list[str]:
    """The language's negative verbs in `text` ("evite", 甭): whole words or phrases
    (Arabic: with its attached prefixes and endings); in a language written without
    spaces, anywhere (甭拨打, 免拨: ICU may join them to the verb)."""
    alternatives = _alternatives(words.verbs)
    if not alternatives:
        return []
    text = _normal(text)
    if words.language.split("_")[0] in UNSPACED:
        return re.findall(alternatives, text, flags=re.IGNORECASE)
    pattern = _word_pattern(words.verbs, words.language)
    return [match[0] for match in pattern.finditer(text)] if pattern else []


def english_negations(english: str) -> list[str]:
    """The negations of the English, "neither ... nor" as one."""
    english_words = Words("en", ENGLISH_NEGATIONS, frozenset(ENGLISH_PARTS), (), ())
    text = NOT_NEGATIONS.sub(" ", _normal(english))
    found = []
    for clause in CLAUSE_END.split(text):
        found += _clause_count(_clause_words(clause, english_words))[0]
    return found


def negation_problems(
    english: str,
    translation: str,
    language: str | None,
    *,
    urgent: bool = False,
    instruction: bool = False,
) -> list[str]:
    """As many negations in the translation as in the English, or a flag that says the
    meaning is kept with fewer.

    `urgent` text (the "When to call" plan, its page, the symptoms page) has no such
    flag: each negation must be there. An `instruction` of the plan ("Call 911", "Go to
    the emergency department now") may not gain one either: a "not" added turns it
    around. Elsewhere an added negation is often how a language says it ("immature" is
    "not mature" in Chinese), so it is not counted.
    """  # fmt: skip
    words = _words(language) if language else None
    if words is None:
        return []
    wanted = english_negations(english)
    found = count(translation, words)
    if instruction:
        # Here "avoid", "stop", "no need" count as negations: "Evite llamar al 911" turns
        # "Call 911" around as "No llame" does. Elsewhere they are ordinary verbs.
        verbs = negative_verbs(translation, words)
        english_verbs = ENGLISH_NEGATIVE_VERBS.findall(english)
        allowed = len(wanted) + len(english_verbs) + len(NEGATIVE_CONJUNCTIONS.findall(english))
        if found.at_most + len(verbs) > allowed:
            extra = ", ".join(found.found + found.uncertain + tuple(verbs))
            english_count = len(wanted) + len(english_verbs)
            return [
                f"the translation has {found.at_most + len(verbs)} negation(s) ({extra}), "
                f"the English {english_count}: a negation added to an instruction of the "
                "plan turns it around (a verb such as 'avoid', 'stop' or 'no need' too); "
                "write the instruction as the English gives it"
            ]
    if found.certain >= len(wanted):
        return []
    fix = (
        "urgent text has no negation-ok: rewrite it with each negation of the English"
        if urgent
        else f"if the meaning is kept, add the flag '#, {NEGATION_OK}' to the entry"
    )
    if found.at_most >= len(wanted):
        maybe = ", ".join(dict.fromkeys(found.uncertain))
        return [
            f"the English has {len(wanted)} negation(s) ({', '.join(wanted)}); the translation "
            f"has {found.certain} for certain and {maybe}, which may not negate here: check "
            f"that each negation is kept; {fix}"
        ]
    if not found.found and not found.uncertain:
        return [
            f"the English says {wanted[0]!r} but the translation has no negation "
            f"({', '.join(words.negations)}); "
            + (
                fix
                if urgent
                else f"if the meaning is kept without one, add the flag "
                f"'#, {NEGATION_OK}' to the entry"
            )
        ]
    return [
        f"the English has {len(wanted)} negations ({', '.join(wanted)}), the translation "
        f"{found.certain} ({', '.join(found.found + found.uncertain)}): each needs its "
        f"own; {fix}"
    ]
