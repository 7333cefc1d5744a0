"""Check translation catalogs and report every problem as FILE:LINE: severity: message.

Syntax is checked by GNU msgfmt (the strictest parser; Babel and polib skip over some
broken lines), entries are read with polib (it knows line numbers) and plural rules
come from Babel. The checks are the mistakes that hurt a family reading the page: a number that
changed, a negation or a glossary link that was dropped, markup that could inject HTML
or run a directive, English left as it was, and entries not translated at all.

Translators are volunteers we cannot vet, so a msgstr is read the way Sphinx will read
it (translation_structure.py parses it with the project's MyST parser) and anything the
English does not have is refused. Which checks come from where:

- Babel: plural rules and its `num_plurals` checker; its `python_format` checker and its
  PYTHON_FORMAT pattern (how Python reads a `%` placeholder) for interface strings.
- Ours, because no catalog tool does them: the MyST structure (no tool reads MyST;
  Translate Toolkit's xmltags check takes role targets such as <fever> for tags, so it is
  not used), numbers in the language's own notation (Babel's number symbols), negations,
  invisible and control characters, length, identical English, HTML, a lone `%`, a
  dropped named placeholder and `${...}` (Babel's checker allows or skips them; each
  breaks a page), entries that Babel (it compiles Sphinx's .mo files) reads otherwise
  than polib, and catalogs that are not ours.

usage: guide-check-po [--for site|handouts] [LANG ...]   (default: every translation)

Untranslated and fuzzy entries are warnings for the site (which says "parts are in
English") and errors for handouts (paper may not mix languages). Exit status 1 on any
error.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import icu
import polib
from babel import Locale, UnknownLocaleError
from babel.messages import checkers
from babel.messages.catalog import PYTHON_FORMAT, Catalog, Message, TranslationError
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from allguide import languages
from allguide.catalogs import (
    INTERFACE,
    catalog_dir,
    catalog_files,
    expected_catalogs,
    relative,
    translation_structure,
)
from allguide.catalogs.negation_check import NEGATION_OK, negation_problems
from allguide.catalogs.number_check import number_problems

ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<body>[^`]*)`")
ROLE_TARGET = translation_structure.ROLE_TARGET
URL = re.compile(r"https?://[^\s)>\]\"'`]+")
# A tag as a browser starts reading one (even unclosed), a comment, a character reference
# with or without its semicolon (&#60 is "<" to a browser), or a named entity.
HTML_TAG = re.compile(
    r"<[/!?]?[A-Za-z][^<>]*>?|<!--|&#(?:[0-9]+|[xX][0-9A-Fa-f]+);?|&[A-Za-z][A-Za-z0-9]*;"
)
# The placeholders the templates fill in: %(name)s and the search page's ${resultCount}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\$\{\w+\}")
JS_PLACEHOLDER = re.compile(r"\$\{[^{}]*\}")
# A translation longer than FACTOR times the English plus SLACK characters is refused (a
# 240,000-character msgstr made an 84-page PDF). Measured on the catalogs: long messages
# reach 1.65 times the English (Portuguese, Russian, Vietnamese; Chinese 0.9), short ones
# 22 characters for 5 ("fever" in Russian).
LENGTH_FACTOR = 2
LENGTH_SLACK = 100
# Bidirectional controls, zero-width characters and other invisible format characters,
# control characters (NUL too) and line/paragraph separators; \n separates lines in a
# message. A translation may have one only where the English has the same.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
SYNTAX_LINE = re.compile(r"\(line (\d+)\)")
# Bounds on one catalog (its size is bounded when it is read, catalog_files.py): our
# largest has 111 entries (sphinx.po); a catalog far beyond is not ours, and building
# from it would take minutes and gigabytes.
MAX_ENTRIES = 1000
# The longest English message is 515 characters, its longest translation 713.
MAX_MESSAGE_CHARS = 4000


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{relative(self.path)}:{self.line}: {self.severity}: {self.message}"


def _excerpt(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- Characters, length and English left as it was ---------------------------------------


def _invisible(char: str) -> bool:
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


def _character_problems(english: str, translation: str) -> list[str]:
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
        if _invisible(char) or icu.Char.hasBinaryProperty(
            char, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT
        ):
            name = unicodedata.name(char, "control character")
            problems.append(f"character U+{ord(char):04X} ({name}) is not allowed in a translation")
    return problems


def _words(text: str) -> list[str]:
    """The words of a message, without placeholders, entities or role targets."""
    plain = PYTHON_FORMAT.sub(" ", JS_PLACEHOLDER.sub(" ", text))
    plain = re.sub(r"&#?\w+;", " ", ROLE.sub(lambda m: m["body"], plain))
    return [word for word in plain.split() if any(char.isalnum() for char in word)]


def _copy_problems(english: str, translation: str) -> list[str]:
    """English left in place; empty, invisible or far too long translations."""
    visible = "".join(char for char in translation if not _invisible(char) or char == "\n")
    if not visible.strip():
        return ["translation is only spaces or invisible characters; leave msgstr empty"]
    problems = []
    same = " ".join(visible.split()) == " ".join(english.split())
    # Only a message of one word ("A4", "Menu", "anemia") may be written as in English,
    # and then exactly as in English (Sphinx then shows it as translated).
    if same and (translation != english or len(_words(english)) > 1):
        problems.append(
            f"translation is identical to the English; leave msgstr empty until translated: "
            f"{_excerpt(english)!r}"
        )
    limit = LENGTH_FACTOR * len(english) + LENGTH_SLACK
    if len(translation) > limit:
        problems.append(
            f"translation is {len(translation)} characters long, more than {LENGTH_FACTOR} "
            f"times the English ({len(english)}) plus {LENGTH_SLACK}"
        )
    return problems


# -- Markup and placeholders ---------------------------------------------------------


def _markup(text: str) -> Counter[str]:
    """HTML tags and character references, in role texts too but not in role targets."""
    shown = ROLE.sub(lambda role: f" {translation_structure.role_text(role['body'])[0]} ", text)
    return Counter(HTML_TAG.findall(shown))


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


def _placeholder_problems(english: str, translation: str, interface: bool) -> list[str]:
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
            f"'%' in {_excerpt(context)!r} is not a placeholder of the English: Python "
            "reads it as one and the page fails; write '%%' for a percent sign"
        )
    return problems


# -- One message ---------------------------------------------------------------------


def _parse_noqa(text: str) -> tuple[str, bool]:
    """Sphinx drops a trailing '#noqa' and then skips its reference checks (i18n.py)."""
    found = re.match(r"(.*)(?<!\\)#\s*noqa\s*$", text, re.DOTALL)
    return (found[1], True) if found else (text, False)


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
    ("urgent" or "instruction", see `urgency_of`) makes the negation check strict.
    """
    problems = _copy_problems(english, translation)
    if problems and problems[0].startswith("translation is only"):
        return problems
    problems += _character_problems(english, translation)
    if interface:
        english_text, translated_text = english, translation
        for url in sorted(set(URL.findall(english)) ^ set(URL.findall(translation))):
            where = "missing or changed" if url in english else "is not in the English"
            problems.append(f"URL {url} {where}")
    else:
        english_body, english_noqa = _parse_noqa(english)
        translation, noqa = _parse_noqa(translation)
        if noqa and not english_noqa:
            problems.append("'#noqa' at the end turns off Sphinx's reference checks: remove it")
        problems += translation_structure.compare(english_body, translation)
        source = translation_structure.read(english_body)
        translated = translation_structure.read(translation)
        english_text, translated_text = source.text, translated.text
        for url in sorted(set(URL.findall(english_body)) ^ set(URL.findall(translation))):
            where = "missing or changed" if url in english_body else "is not in the English"
            problems.append(f"URL {url} {where}")
    strip = PYTHON_FORMAT if interface else PLACEHOLDER

    def numbers_of(text: str) -> str:
        # URLs are compared whole above; their digits ("/22,31422") are no number to read
        # with the language's decimal sign. Named placeholders stay: a value goes there,
        # and a sign before one ("−%(temperature)s") changes it (number_check.py).
        blank = lambda found: found[0] if PLACEHOLDER.fullmatch(found[0]) else " "  # noqa: E731
        return strip.sub(blank, re.sub(r"&#?\w+;", " ", URL.sub(" ", text)))

    problems += number_problems(numbers_of(english_text), numbers_of(translated_text), language)
    if urgency:
        if NEGATION_OK in set(flags):
            problems.append(
                f"'#, {NEGATION_OK}' is not allowed on urgent text (the \"When to call\" "
                "plan, its page and the symptoms page): remove it and keep each negation"
            )
        problems += negation_problems(
            english_text, translated_text, language, urgent=True,
            instruction=urgency == "instruction",
        )  # fmt: skip
        if urgency == "urgent" and not problems[-1:]:
            problems += _instruction_sentence_problems(english_text, translated_text, language)
    elif NEGATION_OK not in set(flags):
        problems += negation_problems(english_text, translated_text, language)
    for tag in sorted(_markup(translation) - _markup(english)):
        problems.append(f"HTML markup {tag!r} is not allowed in a translation")
    problems += _placeholder_problems(english, translation, interface)
    return problems


def _read(path: Path, data: bytes) -> tuple[polib.POFile | None, list[str], list[Problem]]:
    try:
        text = catalog_files.decoded(path, data)
    except catalog_files.CatalogFileError as error:
        return None, [], [Problem(path, error.line, "error", error.message)]
    problems = syntax_problems(path, data)
    if problems:
        return None, [], problems
    try:
        return catalog_files.entries(data), text.splitlines(), []
    except (OSError, ValueError) as error:
        found = SYNTAX_LINE.search(str(error))
        line = int(found[1]) if found else 1
        return None, [], [Problem(path, line, "error", f"syntax error: {error}")]


def syntax_problems(path: Path, data: bytes | None = None) -> list[Problem]:
    """What GNU msgfmt finds wrong with a catalog's syntax, each at its line.

    `data` is the catalog as read once (read_catalogs); msgfmt reads it from its input,
    so the bytes checked are the bytes compiled, whatever happens to the file meanwhile.
    """
    if data is None:
        data = path.read_bytes()
    result = subprocess.run(
        ["msgfmt", "--output-file", os.devnull, "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    stderr = result.stderr.decode("utf-8", "replace")
    location = re.compile(r"^(?:<stdin>|-|standard input):(\d+):(?:\d+:)? (.*)$")
    problems = [
        Problem(path, int(found[1]), "error", f"syntax error: {found[2]}")
        for found in map(location.match, stderr.splitlines())
        if found
    ]
    return problems or [Problem(path, 1, "error", f"syntax error: {stderr.strip()}")]


def _msgstr_line(lines: list[str], entry: polib.POEntry) -> int:
    """The line of an entry's msgstr: where a translator has to look and type."""
    for number in range(entry.linenum, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return entry.linenum


def _check_header(path: Path, catalog: polib.POFile, language: str) -> list[Problem]:
    problems = []
    header = catalog.metadata
    if "Language" not in header:
        problems.append(f"header Language is missing; write: Language: {language}")
    elif header.get("Language") != language:
        problems.append(f"header Language is {header.get('Language')!r}, expected {language!r}")
    content_type = header.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        problems.append(f"header Content-Type {content_type!r} must declare charset=UTF-8")
    problems += _plural_forms_problems(header.get("Plural-Forms", ""), language)
    return [Problem(path, 1, "error", message) for message in problems]


def _plural_forms_problems(plural_forms: str, language: str) -> list[str]:
    """The header's rule must be CLDR's, as Babel gives it, character for character
    (spaces aside). Python compiles this header into code when it loads a catalog: a
    rule it cannot compile drops the page's translation, `plural=(n/0)` stops Sphinx,
    and a different rule picks the wrong form. The compiled catalog carries Babel's
    rule whatever the header says; this tells the translator their header is wrong."""
    try:
        expected = get_plural(Locale.parse(language))
    except (UnknownLocaleError, ValueError):
        return []
    if "".join(plural_forms.split()).rstrip(";") == "".join(expected.plural_forms.split()).rstrip(
        ";"
    ):
        return []
    return [
        f"header Plural-Forms {plural_forms!r} is not {language}'s rule; write "
        f"{expected.plural_forms!r}"
    ]


def _sphinx_reading(data: bytes) -> dict[tuple[str, str | None], Message] | None:
    """The catalog as Babel reads it: Babel compiles the .mo files Sphinx uses."""
    try:
        catalog = read_po(io.BytesIO(data))
    except (OSError, ValueError, LookupError, PoFileError):  # LookupError: unknown charset
        return None
    return {
        (message.id if isinstance(message.id, str) else message.id[0], message.context): message
        for message in catalog
        if message.id
    }


def _reading_problems(
    entry: polib.POEntry, message: Message | None, reading_line: dict[int, bool]
) -> list[str]:
    """Where Babel (Sphinx) reads an entry otherwise than polib (this check) does.

    Babel reads "\\a" as a bell, polib as a backslash and an "a": a translation must mean
    the same to both, or the check would pass a text that Sphinx publishes differently.
    """
    if message is None:
        return ["Sphinx does not read this entry as this check does; check its syntax"]
    reading_line[message.lineno] = True
    ours = (
        tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        if entry.msgid_plural
        else entry.msgstr
    )
    theirs = tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string
    if message.fuzzy != ("fuzzy" in entry.flags):
        state = "fuzzy" if message.fuzzy else "not fuzzy"
        return [f"Sphinx reads this entry as {state}, this check not: write '#, fuzzy' plainly"]
    if theirs != ours:
        return [
            f"Sphinx reads this entry as {_excerpt(repr(theirs))} and this check as "
            f"{_excerpt(repr(ours))}: type characters themselves; of escape sequences only "
            '\\n, \\t, \\" and \\\\ are read alike'
        ]
    return []


def _plural_problems(entry: polib.POEntry, language: str) -> list[str]:
    """Babel's checker: as many plural forms as the language has."""
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


def shape_problems(entry: polib.POEntry, interface: bool) -> list[str]:
    """An entry must have the form gettext looks it up in: the template's.

    Python's gettext serves a plural entry's first form for a plain lookup of its msgid,
    and a context entry to nobody we checked: a translator's own msgid_plural or msgctxt
    would make check-po compare the wrong English, and publish the rest unchecked.
    Page catalogs never have either (Sphinx's gettext builder writes neither); the
    interface catalog has exactly the plurals of its template and no contexts.
    """
    if entry.msgctxt is not None:
        return ["msgctxt is not in the template: remove the msgctxt line (run make update-po)"]
    wanted = interface_plurals().get(entry.msgid) if interface else None
    if entry.msgid_plural and entry.msgid_plural != wanted:
        return [
            "msgid_plural is not in the template: remove it and write one msgstr "
            "(run make update-po)"
        ]
    if wanted and not entry.msgid_plural:
        return ["the template has a plural here (msgid_plural): run make update-po"]
    return []


# Where a sentence ends, in the scripts of the guide's languages.
SENTENCE_END = re.compile(r"(?<=[.!?。！？។؟])\s*")


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in SENTENCE_END.split(text.strip()) if sentence]


def _instruction_sentence_problems(english: str, translation: str, language: str | None):
    """In an urgent paragraph, a sentence that tells a family to call or go may not gain
    a "not" ("For any of these, call the emergency number"). Compared sentence by
    sentence where both have as many; a whole paragraph is not compared, as its other
    sentences may rightly say with a negation what the English says without."""
    from allguide.sphinxext.when_to_call import INSTRUCTION_WORDS

    english_sentences, translated_sentences = _sentences(english), _sentences(translation)
    if len(english_sentences) != len(translated_sentences):
        return []
    return [
        problem
        for english_sentence, translated_sentence in zip(
            english_sentences, translated_sentences, strict=True
        )
        if INSTRUCTION_WORDS.search(english_sentence)
        for problem in negation_problems(
            english_sentence, translated_sentence, language, urgent=True, instruction=True
        )
    ]


def urgency_of(path: Path, msgid: str) -> str | None:
    """ "instruction" for what the plan tells a family to do, "urgent" for the rest of the
    plan and the pages a parent reads at night, else None (when_to_call.py says which)."""
    # Imported here: it imports Sphinx, which a check of page catalogs alone never needs.
    from allguide.sphinxext import when_to_call as plan

    if path.stem == INTERFACE:
        if msgid in plan.INSTRUCTIONS or msgid in plan.CARD_LABELS:
            return "instruction"
        return "urgent" if msgid in plan.plan_messages() else None
    if path.stem in plan.URGENT_PAGES:
        return "urgent"
    return "urgent" if plan.URGENT_TOPICS.search(msgid) else None


def check_catalog(
    path: Path, language: str, strict: bool, data: bytes | None = None
) -> list[Problem]:
    """Every problem of one catalog; `data` is its content as read once (else the file)."""
    if data is None:
        data = path.read_bytes()
    catalog, lines, problems = _read(path, data)
    if catalog is None:
        return problems
    entries = [entry for entry in catalog if not entry.obsolete]
    if len(entries) > MAX_ENTRIES:
        return [Problem(path, 1, "error", f"{len(entries)} entries, more than {MAX_ENTRIES}: "
                        "this is not a catalog of this guide")]  # fmt: skip
    problems += _check_header(path, catalog, language)
    sphinx_reading = _sphinx_reading(data)
    if sphinx_reading is None:
        return [*problems, Problem(path, 1, "error", "Babel, which Sphinx uses, cannot read it")]
    compared: dict[int, bool] = {}
    incomplete = "error" if strict else "warning"
    interface = path.stem == INTERFACE
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        line = _msgstr_line(lines, entry)
        messages = _reading_problems(
            entry, sphinx_reading.get((entry.msgid, entry.msgctxt)), compared
        )
        messages += shape_problems(entry, interface)
        texts = [entry.msgid, entry.msgid_plural or "", entry.msgstr, *entry.msgstr_plural.values()]
        if max(map(len, texts)) > MAX_MESSAGE_CHARS:
            # Not compared: every check reads a message whole, and one of hundreds of
            # thousands of characters kept a language's check busy for minutes.
            messages.append(
                f"a message longer than {MAX_MESSAGE_CHARS} characters is not one of this "
                "guide: remove the entry (make update-po writes the catalog afresh)"
            )
        elif "fuzzy" in entry.flags:
            messages.append(f"fuzzy: {_excerpt(entry.msgid)!r}")
        elif not entry.translated():
            messages.append(f"untranslated: {_excerpt(entry.msgid)!r}")
        else:
            if entry.msgid_plural:
                messages += _plural_problems(entry, language)
                translations = [
                    (entry.msgid_plural, entry.msgstr_plural[index])
                    for index in sorted(entry.msgstr_plural)
                ]
            else:
                translations = [(entry.msgid, entry.msgstr)]
            urgency = urgency_of(path, entry.msgid)
            for english, translation in translations:
                messages += check_translation(
                    english, translation, language=language, flags=entry.flags,
                    interface=interface, urgency=urgency,
                )  # fmt: skip
        for message in dict.fromkeys(messages):
            severity = incomplete if message.startswith(("fuzzy:", "untranslated:")) else "error"
            problems.append(Problem(path, line, severity, message))
    for message in sphinx_reading.values():
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if any(strings) and not message.fuzzy and message.lineno not in compared:
            problems.append(
                Problem(
                    path, message.lineno, "error",
                    "Sphinx reads an entry here that this check does not; check the syntax",
                )
            )  # fmt: skip
    return problems


def missing_interface_messages(path: Path, strict: bool, data: bytes) -> list[Problem]:
    """Interface messages the templates use that the catalog has no entry for yet."""
    present = {entry.msgid for entry in catalog_files.entries(data) if not entry.obsolete}
    severity = "error" if strict else "warning"
    return [
        Problem(path, 1, severity, f"no entry for {_excerpt(msgid)!r}; run make update-po")
        for msgid in interface_msgids()
        if msgid not in present
    ]


def interface_msgids() -> tuple[str, ...]:
    """The ids of the messages the interface catalog must have."""
    return tuple(interface_plurals())


def interface_plurals() -> dict[str, str | None]:
    """The interface template's message ids, each with its plural id (None if none)."""
    return dict(_interface_template(files_state(interface_sources())))


def interface_sources() -> list[Path]:
    from allguide.catalogs.interface_catalog import (
        source_files,  # needs Sphinx and Babel; only loaded here
    )

    return source_files()


@cache
def _interface_template(_sources_state: tuple) -> tuple[tuple[str, str | None], ...]:
    """The template's messages; remembered while its sources stay as they were (a
    build checks each language twice: for the site, then for the handouts)."""
    from allguide.catalogs.interface_catalog import template

    wanted = ((m.id, None) if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in template())
    return tuple((msgid, plural) for msgid, plural in wanted if msgid)


def files_state(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Each existing file's path, modification time and size: what a remembered result
    depends on."""
    state = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        state.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(state)


@dataclass(frozen=True)
class Catalogs:
    """A language's catalogs as read once: what is checked is what is compiled."""

    language: str
    files: tuple[tuple[Path, bytes], ...]
    problems: tuple[Problem, ...]  # files missing, or refused before reading


def read_catalogs(language: str) -> Catalogs:
    """Read each catalog the language has, refusing what must not be read.

    A catalog is a regular file of its own: a symlink could show any file on the machine
    (or another language's catalog) to the build, a folder or device is no catalog. Size
    is bounded before anything parses it.
    """
    files, problems = [], []
    for path in expected_catalogs(language):
        try:
            files.append((path, catalog_files.read_catalog_bytes(path)))
        except FileNotFoundError:
            problems.append(Problem(path, 1, "warning", "catalog missing; run make update-po"))
        except catalog_files.CatalogFileError as error:
            problems.append(Problem(path, error.line, "error", error.message))
    return Catalogs(language, tuple(files), tuple(problems + unknown_catalogs(language)))


def unknown_catalogs(language: str) -> list[Problem]:
    """Files in a language's folder that are neither a page's catalog nor the interface's.

    A stray .po would be a catalog nothing checks; a compiled .mo or a sphinx.js there is
    never read (the build compiles its own catalogs from the checked .po files, see
    catalog_guard.py), so it is only pointed out.
    """
    folder = catalog_dir(language)
    expected = set(expected_catalogs(language))
    problems = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        suffix = path.suffix.lower()
        if path in expected or path.is_dir():
            continue
        name = path.relative_to(folder).with_suffix("").as_posix()
        if suffix == ".po":
            problems.append(
                Problem(
                    path, 1, "error",
                    f"not a catalog of this guide (no page docs/{name}.md, not {INTERFACE}.po): "
                    "remove it, or name it after the page it translates",
                )
            )  # fmt: skip
        elif suffix == ".js" or (suffix == ".mo" and not path.with_suffix(".po").is_file()):
            problems.append(
                Problem(
                    path,
                    1,
                    "warning",
                    "ignored: the build reads only the checked .po "
                    "files and compiles its own; remove this file",
                )  # fmt: skip
            )
    return problems


def check_language(language: str, strict: bool, catalogs: Catalogs | None = None) -> list[Problem]:
    """Every problem of a language's catalogs (`catalogs`: as read once, else read now).

    Strict (for handouts) differs only in that the site's warnings (entries untranslated
    or fuzzy, catalogs or interface entries missing) are errors. The result is remembered
    for the same bytes: a build checks each language for its site and its handouts.
    """
    problems = _language_problems(catalogs or read_catalogs(language))
    if strict:
        return [replace(problem, severity="error") for problem in problems]
    return list(problems)


@cache
def _language_problems(catalogs: Catalogs) -> tuple[Problem, ...]:
    problems = list(catalogs.problems)
    for path, data in catalogs.files:
        found = check_catalog(path, catalogs.language, strict=False, data=data)
        problems += found
        if path.stem == INTERFACE and not any(p.severity == "error" for p in found):
            problems += missing_interface_messages(path, strict=False, data=data)
    return tuple(problems)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--for", dest="purpose", choices=["site", "handouts"], default="site")
    parser.add_argument("languages", nargs="*")
    args = parser.parse_args(argv[1:])
    codes = args.languages or [
        language.code for language in languages.load() if language.review != "source"
    ]
    problems = []
    for code in codes:
        problems += check_language(code, strict=args.purpose == "handouts")
    for problem in problems:
        print(problem)
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    print(
        f"check-po ({args.purpose}): {errors} error(s), {warnings} warning(s) in {' '.join(codes)}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    languages.run_command(main)
