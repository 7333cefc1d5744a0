"""Check translation catalogs and report every problem as FILE:LINE: severity: message.

Syntax is checked by GNU msgfmt (the strictest parser; Babel and polib skip over some
broken lines), entries are read with polib (it knows line numbers) and plural rules
come from Babel. The checks are the mistakes that hurt a family reading the page: a number that
changed, a glossary link or emphasis that was dropped, markup that could inject HTML,
English left as it was, and entries not translated at all.

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
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

import languages
from catalogs import INTERFACE, expected_catalogs, relative

ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<body>[^`]*)`")
ROLE_TARGET = re.compile(r"<([^<>]+)>\s*$")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
URL = re.compile(r"https?://[^\s)>\]\"'`]+")
# Arabic-Indic and Persian digits count as the same numbers as ASCII digits.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\$\{\w+\}")
EMPHASIS = ("**", "`")
# An English sentence this long left as it is counts as not translated.
IDENTICAL_MIN_WORDS = 4
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


def _roles(text: str) -> Counter[tuple[str, str]]:
    """Each MyST role with its target: {term}`fever` and {term}`fiebre <fever>` match."""
    found: Counter[tuple[str, str]] = Counter()
    for match in ROLE.finditer(text):
        target = ROLE_TARGET.search(match["body"])
        found[(match["name"], (target[1] if target else match["body"]).strip())] += 1
    return found


def _numbers(text: str) -> Counter[str]:
    plain = ROLE.sub(" ", text).translate(DIGITS)
    return Counter(re.sub(r"[.,]", "", number) for number in NUMBER.findall(plain))


def _markup(text: str) -> Counter[str]:
    return Counter(HTML_TAG.findall(ROLE.sub(" ", text)))


def _format_role(role: tuple[str, str]) -> str:
    return f"{{{role[0]}}}`…<{role[1]}>`"


def check_translation(english: str, translation: str) -> list[str]:
    """Problems of one translated string against its English."""
    problems = []
    english_roles, translated_roles = _roles(english), _roles(translation)
    for role in english_roles - translated_roles:
        problems.append(f"role {_format_role(role)} dropped or its target changed")
    for role in translated_roles - english_roles:
        problems.append(f"role {_format_role(role)} is not in the English")
    missing_numbers = _numbers(english) - _numbers(translation)
    for number in sorted(missing_numbers):
        problems.append(f"number {number} missing or changed")
    for url in sorted(set(URL.findall(english)) - set(URL.findall(translation))):
        problems.append(f"URL {url} missing or changed")
    english_links = Counter(MARKDOWN_LINK.findall(english))
    for target in sorted(english_links - Counter(MARKDOWN_LINK.findall(translation))):
        problems.append(f"link target ({target}) missing or changed")
    for marker in EMPHASIS:
        if english.count(marker) != translation.count(marker):
            problems.append(
                f"markup {marker!r} appears {translation.count(marker)} time(s), "
                f"the English has {english.count(marker)}"
            )
    for tag in sorted(_markup(translation) - _markup(english)):
        problems.append(f"HTML markup {tag!r} is not allowed in a translation")
    english_placeholders = Counter(PLACEHOLDER.findall(english))
    translated_placeholders = Counter(PLACEHOLDER.findall(translation))
    missing = sorted((english_placeholders - translated_placeholders).elements())
    added = sorted((translated_placeholders - english_placeholders).elements())
    if missing or added:
        differences = [f"{name} missing" for name in missing]
        differences += [f"{name} is not in the English" for name in added]
        problems.append("placeholder " + "; ".join(differences))
    if translation == english and len(english.split()) >= IDENTICAL_MIN_WORDS:
        problems.append(f"translation is identical to the English: {_excerpt(english)!r}")
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
        if lines[number - 1].startswith("msgstr"):
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


def check_catalog(path: Path, language: str, strict: bool) -> list[Problem]:
    catalog, lines, problems = _read(path)
    if catalog is None:
        return problems
    problems += _check_header(path, catalog, language)
    incomplete = "error" if strict else "warning"
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        line = _msgstr_line(lines, entry)
        if "fuzzy" in entry.flags:
            problems.append(Problem(path, line, incomplete, f"fuzzy: {_excerpt(entry.msgid)!r}"))
            continue
        if not entry.translated():
            problems.append(
                Problem(path, line, incomplete, f"untranslated: {_excerpt(entry.msgid)!r}")
            )
            continue
        translations = (
            [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for english, translation in translations:
            for message in check_translation(english, translation):
                problems.append(Problem(path, line, "error", message))
    return problems


def missing_interface_messages(path: Path, strict: bool) -> list[Problem]:
    """Interface messages the templates use that the catalog has no entry for yet."""
    from interface_catalog import template  # needs Sphinx and Babel; only loaded here

    present = {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}
    wanted = [
        message.id if isinstance(message.id, str) else message.id[0] for message in template()
    ]
    severity = "error" if strict else "warning"
    return [
        Problem(path, 1, severity, f"no entry for {_excerpt(msgid)!r}; run make update-po")
        for msgid in wanted
        if msgid and msgid not in present
    ]


def check_language(language: str, strict: bool) -> list[Problem]:
    problems = []
    for path in expected_catalogs(language):
        if not path.exists():
            severity = "error" if strict else "warning"
            problems.append(Problem(path, 1, severity, "catalog missing; run make update-po"))
            continue
        found = check_catalog(path, language, strict)
        problems += found
        if path.stem == INTERFACE and not any(p.message.startswith("syntax") for p in found):
            problems += missing_interface_messages(path, strict)
    return problems


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
    sys.exit(main(sys.argv))
