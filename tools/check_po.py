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

usage: python tools/check_po.py [--for site|handouts] [LANG ...]   (default: every translation)

Untranslated and fuzzy entries are warnings for the site (which says "parts are in
English") and errors for handouts (paper may not mix languages). Exit status 1 on any
error.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from babel.messages import checkers
from babel.messages.catalog import PYTHON_FORMAT, Catalog, Message, TranslationError
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

import languages
import translation_structure
from catalogs import INTERFACE, catalog_dir, expected_catalogs, relative
from word_breaks import SEGMENTED
from word_breaks import words as word_breaks

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
# The flag a translator puts on an entry whose translation deliberately has no negation.
NEGATION_OK = "negation-ok"
ENGLISH_NEGATIONS = (
    "not", "no", "never", "don't", "doesn't", "isn't", "aren't", "cannot", "can't", "won't",
    "without", "none", "nothing", "neither", "nor",
)  # fmt: skip
# English phrases with a negation word that negate nothing.
NOT_NEGATIONS = re.compile(r"\b(?:whether or not|not only|no matter|no sooner)\b", re.IGNORECASE)
# Languages written without spaces between words: negations match inside words.
UNSPACED = {"zh", "ja", "th", "lo", "km", "my"}
# Words that take attached prefixes and endings: Arabic writes "and not" as one word
# (ولا) and "without it" as دونه. (prefixes, endings) as regular expressions.
CLITICS = {"ar": ("[وف]?", "(?:ه|ها|هم|هما|هن|ك|كم|كما|كن|ي|نا)?")}
# Bidirectional controls, zero-width characters and other invisible format characters,
# control characters (NUL too) and line/paragraph separators; \n separates lines in a
# message. A translation may have one only where the English has the same.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
# Separators a translator may write inside a number besides the locale's own.
SPACE_GROUPS = "\u00a0\u202f\u2009 "
SYNTAX_LINE = re.compile(r"\(line (\d+)\)")


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


# -- Numbers -------------------------------------------------------------------------


def _ascii_digits(text: str) -> str:
    """Digits of every script (Arabic-Indic, Persian, full-width...) as ASCII digits."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


@cache
def _notations(language: str | None) -> tuple[tuple[str, str], ...]:
    """(decimal mark, group separators) a number may be written with, the English last."""
    english = (".", ",")
    if not language:
        return (english,)
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return (english,)
    found = []
    # Latin digits' notation first, then the others the locale has (Arabic's ٫ and ٬).
    systems = dict.fromkeys(["latn", locale.default_numbering_system, *locale.number_symbols])
    for system in systems:
        symbols = locale.number_symbols.get(system, {})
        decimal, group = symbols.get("decimal"), symbols.get("group")
        if decimal and group:
            groups = SPACE_GROUPS if group.isspace() or group in SPACE_GROUPS else group
            found.append((decimal, groups))
    return (*dict.fromkeys(found), english)


def _read_number(written: str, decimal: str, groups: str) -> str | None:
    """A number as digits and one decimal point ("1.000,5" -> "1000.5"); None if not valid.

    Groups have three digits after a first of one to three: "1.5" is never fifteen.
    """
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


def _number_pattern(language: str | None) -> re.Pattern[str]:
    separators = "".join(dict.fromkeys(".," + "".join(d + g for d, g in _notations(language))))
    return re.compile(rf"\d+(?:[{re.escape(separators)}]\d+)*")


def _readings(written: str, language: str | None) -> list[list[str]]:
    """Ways to read a written number: in the language's notation, in English's, or as
    numbers that only spaces separate ("15 20")."""
    readings = []
    for decimal, groups in _notations(language):
        number = _read_number(written, decimal, groups)
        if number is not None:
            readings.append([number])
    pieces = re.split(rf"[{SPACE_GROUPS}]", written)
    if len(pieces) > 1:
        readings.append([(_readings(piece, language) or [[piece]])[0][0] for piece in pieces])
    return readings or [[written]]


def _number_problems(english: str, translation: str, language: str | None) -> list[str]:
    """Every number of the English, as the language writes it, and no other number."""
    wanted: Counter[str] = Counter()
    written: dict[str, str] = {}
    for match in _number_pattern(None).findall(_ascii_digits(english)):
        number = _readings(match, None)[0][0]
        wanted[number] += 1
        written.setdefault(number, match)
    remaining = wanted.copy()
    added = []
    for match in _number_pattern(language).findall(_ascii_digits(translation)):
        readings = _readings(match, language)
        chosen = next((r for r in readings if not Counter(r) - remaining), None)
        if chosen is None:
            added.append(match)
            continue
        remaining -= Counter(chosen)
    problems = [f"number {written[number]} missing or changed" for number in sorted(+remaining)]
    problems += [f"number {number} is not in the English" for number in sorted(set(added))]
    return problems


# -- Negations -----------------------------------------------------------------------


def _negation_pattern(words: Iterable[str], language: str = "en") -> re.Pattern[str] | None:
    words = sorted({word.replace("’", "'") for word in words if word}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(map(re.escape, words))
    base = language.split("_")[0]
    if base in UNSPACED:
        return re.compile(alternatives, re.IGNORECASE)
    before, after = CLITICS.get(base, ("", ""))
    return re.compile(rf"(?<!\w){before}(?:{alternatives}){after}(?!\w)", re.IGNORECASE)


@cache
def _negations(language: str) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    row = languages.by_code().get(language)
    words = row.negations if row else ()
    return _negation_pattern(words, language), words


def _has_negation(text: str, language: str, pattern: re.Pattern[str], words) -> bool:
    """Khmer (no spaces) is matched on ICU's words: "ទេ", a negation, is also the end of
    "មគ្គុទ្ទេសក៍" (guide), so a negation of two characters must begin a word; a longer
    one may be inside a word too, as ICU joins some ("ឬមិន", or not)."""
    if language in SEGMENTED:
        return any(
            token.startswith(word) or (len(word) > 2 and word in token)
            for token in word_breaks(text, SEGMENTED[language])
            for word in words
        )
    return pattern.search(text) is not None


def _negation_problems(english: str, translation: str, language: str | None) -> list[str]:
    """A negation of the English must be in the translation ("do not stop" != "stop")."""
    if not language:
        return []
    pattern, words = _negations(language)
    if pattern is None:
        return []
    english_pattern = _negation_pattern(ENGLISH_NEGATIONS)
    found = english_pattern.search(NOT_NEGATIONS.sub(" ", english.replace("’", "'")))
    if not found or _has_negation(translation.replace("’", "'"), language, pattern, words):
        return []
    return [
        f"the English says {found[0]!r} but the translation has no negation "
        f"({', '.join(words)}); if the meaning is kept without one, add the flag "
        f"'#, {NEGATION_OK}' to the entry"
    ]


# -- Characters, length and English left as it was ---------------------------------------


def _invisible(char: str) -> bool:
    return char != "\n" and unicodedata.category(char) in INVISIBLE_CATEGORIES


def _character_problems(english: str, translation: str) -> list[str]:
    problems = []
    for char in sorted(set(translation) - set(english)):
        if _invisible(char):
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
) -> list[str]:
    """Problems of one translated string against its English.

    `language` (a code of the language table) enables its number notation and its
    negations; `flags` are the entry's (#, negation-ok); `interface` says the string is
    an interface message (HTML and Python %-formatting) rather than MyST.
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
        # with the language's decimal sign.
        return strip.sub(" ", re.sub(r"&#?\w+;", " ", URL.sub(" ", text)))

    problems += _number_problems(numbers_of(english_text), numbers_of(translated_text), language)
    if NEGATION_OK not in set(flags):
        problems += _negation_problems(english_text, translated_text, language)
    for tag in sorted(_markup(translation) - _markup(english)):
        problems.append(f"HTML markup {tag!r} is not allowed in a translation")
    problems += _placeholder_problems(english, translation, interface)
    return problems


def _read(path: Path) -> tuple[polib.POFile | None, list[str], list[Problem]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [], [Problem(path, line, "error", "not valid UTF-8")]
    problems = syntax_problems(path)
    if problems:
        return None, [], problems
    try:
        return polib.pofile(text, check_for_duplicates=False), text.splitlines(), []
    except (OSError, ValueError) as error:
        found = SYNTAX_LINE.search(str(error))
        line = int(found[1]) if found else 1
        return None, [], [Problem(path, line, "error", f"syntax error: {error}")]


def syntax_problems(path: Path) -> list[Problem]:
    """What GNU msgfmt finds wrong with a catalog's syntax, each at its line."""
    result = subprocess.run(
        ["msgfmt", "--output-file", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    location = re.compile(rf"^{re.escape(str(path))}:(\d+):(?:\d+:)? (.*)$")
    problems = [
        Problem(path, int(found[1]), "error", f"syntax error: {found[2]}")
        for found in map(location.match, result.stderr.splitlines())
        if found
    ]
    return problems or [Problem(path, 1, "error", f"syntax error: {result.stderr.strip()}")]


def _msgstr_line(lines: list[str], entry: polib.POEntry) -> int:
    """The line of an entry's msgstr: where a translator has to look and type."""
    for number in range(entry.linenum, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return entry.linenum


def _check_header(path: Path, catalog: polib.POFile, language: str) -> list[Problem]:
    problems = []
    header = catalog.metadata
    if header.get("Language") != language:
        problems.append(f"header Language is {header.get('Language')!r}, expected {language!r}")
    content_type = header.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        problems.append(f"header Content-Type {content_type!r} must declare charset=UTF-8")
    try:
        expected = get_plural(Locale.parse(language))
    except UnknownLocaleError:
        expected = None
    plural_forms = header.get("Plural-Forms", "")
    if expected is not None and f"nplurals={expected.num_plurals};" not in plural_forms.replace(
        " ", ""
    ):
        problems.append(
            f"header Plural-Forms {plural_forms!r}: {language} has {expected.num_plurals} forms"
        )
    return [Problem(path, 1, "error", message) for message in problems]


def _sphinx_reading(path: Path) -> dict[tuple[str, str | None], Message] | None:
    """The catalog as Sphinx reads it: Babel compiles the .mo files Sphinx uses."""
    try:
        with path.open("rb") as file:
            catalog = read_po(file)
    except (OSError, ValueError, PoFileError):
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


def check_catalog(path: Path, language: str, strict: bool) -> list[Problem]:
    catalog, lines, problems = _read(path)
    if catalog is None:
        return problems
    problems += _check_header(path, catalog, language)
    sphinx_reading = _sphinx_reading(path)
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
        if "fuzzy" in entry.flags:
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
            for english, translation in translations:
                messages += check_translation(
                    english, translation, language=language, flags=entry.flags,
                    interface=interface,
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


def missing_interface_messages(path: Path, strict: bool) -> list[Problem]:
    """Interface messages the templates use that the catalog has no entry for yet."""
    present = {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}
    severity = "error" if strict else "warning"
    return [
        Problem(path, 1, severity, f"no entry for {_excerpt(msgid)!r}; run make update-po")
        for msgid in interface_msgids()
        if msgid not in present
    ]


def interface_msgids() -> tuple[str, ...]:
    """The ids of the messages the interface catalog must have."""
    return _interface_msgids(files_state(interface_sources()))


def interface_sources() -> list[Path]:
    from interface_catalog import source_files  # needs Sphinx and Babel; only loaded here

    return source_files()


@cache
def _interface_msgids(_sources_state: tuple) -> tuple[str, ...]:
    """The template's message ids; remembered while its sources stay as they were (a
    build checks each language twice: for the site, then for the handouts)."""
    from interface_catalog import template

    wanted = (m.id if isinstance(m.id, str) else m.id[0] for m in template())
    return tuple(msgid for msgid in wanted if msgid)


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


def unknown_catalogs(language: str) -> list[Problem]:
    """Catalogs in a language's folder that are neither a page's nor the interface's.

    Sphinx compiles every .po file it finds there, in subfolders too; nothing would check
    what they say.
    """
    folder = catalog_dir(language)
    expected = set(expected_catalogs(language))
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() != ".po" or path in expected or not path.is_file():
            continue
        name = path.relative_to(folder).with_suffix("").as_posix()
        problems.append(
            Problem(
                path, 1, "error",
                f"not a catalog of this guide (no page docs/{name}.md, not {INTERFACE}.po): "
                "remove it, or name it after the page it translates",
            )
        )  # fmt: skip
    return problems


def check_language(language: str, strict: bool) -> list[Problem]:
    """Every problem of a language's catalogs.

    Strict (for handouts) differs only in that the site's warnings (entries untranslated
    or fuzzy, catalogs or interface entries missing) are errors. The result is remembered
    while the language's files stay as they were: a build checks each language for its
    site and again for its handouts.
    """
    folder = catalog_dir(language)
    expected = tuple(expected_catalogs(language))
    problems = _language_problems(language, expected, files_state(folder.rglob("*")))
    if strict:
        return [replace(problem, severity="error") for problem in problems]
    return list(problems)


@cache
def _language_problems(
    language: str, expected: tuple[Path, ...], _files_state: tuple
) -> tuple[Problem, ...]:
    problems = []
    for path in expected:
        if not path.exists():
            problems.append(Problem(path, 1, "warning", "catalog missing; run make update-po"))
            continue
        found = check_catalog(path, language, strict=False)
        problems += found
        if path.stem == INTERFACE and not any(p.message.startswith("syntax") for p in found):
            problems += missing_interface_messages(path, strict=False)
    return tuple(problems + unknown_catalogs(language))


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
