"""Every check of one catalog: its reading, its header, and each entry's translation."""

from __future__ import annotations

from pathlib import Path

from allguide.catalogs import INTERFACE
from allguide.catalogs.checks.header import header_problems
from allguide.catalogs.checks.length import too_long, too_many_entries
from allguide.catalogs.checks.plurals import plural_problems
from allguide.catalogs.checks.problem import Problem, excerpt
from allguide.catalogs.checks.reading import msgstr_line, read, reading_problems, sphinx_reading
from allguide.catalogs.checks.shape import shape_problems
from allguide.catalogs.checks.translation import check_translation
from allguide.catalogs.checks.urgency import urgency_of


def check_catalog(
    path: Path, language: str, strict: bool, data: bytes | None = None
) -> list[Problem]:
    """Every problem of one catalog; `data` is its content as read once (else the file)."""
    if data is None:
        data = path.read_bytes()
    catalog, lines, problems = read(path, data)
    if catalog is None:
        return problems
    entries = [entry for entry in catalog if not entry.obsolete]
    too_many = too_many_entries(len(entries))
    if too_many:
        return [Problem(path, 1, "error", too_many)]
    problems += header_problems(path, catalog, language)
    reading = sphinx_reading(data)
    if reading is None:
        return [*problems, Problem(path, 1, "error", "Babel, which Sphinx uses, cannot read it")]
    compared: dict[int, bool] = {}
    incomplete = "error" if strict else "warning"
    interface = path.stem == INTERFACE
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        line = msgstr_line(lines, entry)
        messages = reading_problems(entry, reading.get((entry.msgid, entry.msgctxt)), compared)
        messages += shape_problems(entry, interface)
        texts = [entry.msgid, entry.msgid_plural or "", entry.msgstr, *entry.msgstr_plural.values()]
        too_long_message = too_long(texts)
        if too_long_message:
            messages.append(too_long_message)
        elif "fuzzy" in entry.flags:
            messages.append(f"fuzzy: {excerpt(entry.msgid)!r}")
        elif not entry.translated():
            messages.append(f"untranslated: {excerpt(entry.msgid)!r}")
        else:
            if entry.msgid_plural:
                messages += plural_problems(entry, language)
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
    for message in reading.values():
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if any(strings) and not message.fuzzy and message.lineno not in compared:
            problems.append(
                Problem(
                    path, message.lineno, "error",
                    "Sphinx reads an entry here that this check does not; check the syntax",
                )
            )  # fmt: skip
    return problems
