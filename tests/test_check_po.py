"""`make check-po` catches each class of mistake, naming the file and line, and fails."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from allguide import languages
from allguide.catalogs import check_po

from conftest import COMPLETE_TRANSLATIONS, ROOT, TRANSLATIONS, copy_project, use_project

CATALOG = Path("locale/es/LC_MESSAGES/symptoms.po")


def run_check(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "allguide.catalogs.check_po", *arguments],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )


def msgstr_line(text: str, msgid: str) -> int:
    """The line number of the msgstr that follows `msgid "..."`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f'msgid "{msgid}'))
    return next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr")) + 1


def replace_msgstr(text: str, msgid: str, new: str) -> str:
    """Replace the translation of `msgid` (a single-line entry in this catalog)."""
    pattern = re.compile(
        rf'(msgid "{re.escape(msgid)}"\nmsgstr )"(?:[^"\\]|\\.)*"((?:\n"[^\n]*")*)'
    )
    replaced, count = pattern.subn(lambda m: m.group(1) + f'"{new}"', text, count=1)
    assert count == 1, msgid
    return replaced


FEVER = "swollen {term}`lymph nodes`;"
BRUISES = "new bruises, or {term}`petechiae` (tiny red spots on the skin);"


# (name, change to the catalog text, message expected at the changed entry's msgstr line)
ENTRY_MUTATIONS = [
    (
        "role dropped",
        lambda t: replace_msgstr(t, FEVER, "ganglios;"),
        "role {term}`…<lymph nodes>` dropped",
    ),
    (
        "role target changed",
        lambda t: replace_msgstr(t, FEVER, "{term}`ganglios <ganglios>`;"),
        "role {term}`…<lymph nodes>` dropped or its target changed",
    ),
    (
        "HTML tag",
        lambda t: replace_msgstr(
            t, FEVER, "{term}`ganglios <lymph nodes>` <script>alert(1)</script>;"
        ),
        "HTML markup '<script>' is not allowed",
    ),
    (
        "entity-encoded markup",
        lambda t: replace_msgstr(t, FEVER, "{term}`ganglios <lymph nodes>` &lt;b&gt;;"),
        "HTML markup '&lt;' is not allowed",
    ),
    (
        "identical to English",
        lambda t: replace_msgstr(t, BRUISES, BRUISES),
        "translation is identical to the English",
    ),
    (
        "untranslated",
        lambda t: replace_msgstr(t, FEVER, ""),
        "warning: untranslated: 'swollen {term}`lymph nodes`;'",
    ),
    (
        "fuzzy",
        lambda t: t.replace(f'msgid "{FEVER}"', f'#, fuzzy\nmsgid "{FEVER}"', 1),
        "warning: fuzzy: 'swollen {term}`lymph nodes`;'",
    ),
]


@pytest.mark.parametrize(
    ("name", "mutate", "expected"), ENTRY_MUTATIONS, ids=[m[0] for m in ENTRY_MUTATIONS]
)
def test_each_broken_entry_is_reported_at_its_line(tmp_path, name, mutate, expected):
    project = copy_project(tmp_path / "project")
    path = project / CATALOG
    broken = mutate(path.read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")
    msgid = BRUISES if name == "identical to English" else FEVER
    line = msgstr_line(broken, msgid)
    result = run_check(project, "es")
    assert f"{CATALOG}:{line}: " in result.stdout
    reported = [row for row in result.stdout.splitlines() if row.startswith(f"{CATALOG}:{line}: ")]
    assert any(expected in row for row in reported), result.stdout
    if "warning" in expected:
        assert result.returncode == 0  # the site shows a notice instead
        strict = run_check(project, "--for", "handouts", "es")
        assert strict.returncode == 1
        assert f"{CATALOG}:{line}: error: " in strict.stdout
    else:
        assert result.returncode == 1


def test_changed_number_is_an_error(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "locale/es/LC_MESSAGES/summary.po"
    catalog = polib.pofile(str(path))
    entry = next(entry for entry in catalog if "15 to 20" in entry.msgid)
    assert "15" in entry.msgstr
    entry.msgstr = entry.msgstr.replace("15", "16")
    catalog.save()
    result = run_check(project, "es")
    assert result.returncode == 1
    pattern = r"locale/es/LC_MESSAGES/summary.po:\d+: error: number 15 missing or changed"
    assert re.search(pattern, result.stdout), result.stdout


@pytest.mark.parametrize(
    ("name", "mutate", "line", "expected"),
    [
        (
            "syntax",
            lambda t: t.replace(f'msgid "{FEVER}"', f'msgid "{FEVER}"\nnot PO syntax', 1),
            None,
            "syntax error",
        ),
        (
            "encoding",
            lambda t: t.encode("utf-8") + '\nmsgid "é"\nmsgstr "é"\n'.encode("latin-1"),
            None,
            "not valid UTF-8",
        ),
        (
            "language header",
            lambda t: t.replace('"Language: es\\n"', '"Language: pt\\n"'),
            1,
            "header Language is 'pt', expected 'es'",
        ),
        (
            "charset header",
            lambda t: t.replace("charset=utf-8", "charset=latin-1"),
            1,
            "must declare charset=UTF-8",
        ),
        (
            "plural header",
            lambda t: re.sub(r"nplurals=\d+;", "nplurals=1;", t),
            1,
            "header Plural-Forms",
        ),
        (
            "duplicate",
            lambda t: t + f'\nmsgid "{FEVER}"\nmsgstr "{{term}}`ganglios <lymph nodes>`;"\n',
            None,
            "duplicate message definition",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_broken_catalog_files_are_reported(tmp_path, name, mutate, line, expected):
    project = copy_project(tmp_path / "project")
    path = project / CATALOG
    broken = mutate(path.read_text(encoding="utf-8"))
    if isinstance(broken, bytes):
        path.write_bytes(broken)
    else:
        path.write_text(broken, encoding="utf-8")
    result = run_check(project, "es")
    assert result.returncode == 1
    rows = [row for row in result.stdout.splitlines() if expected in row]
    assert rows, result.stdout
    found = re.match(rf"{re.escape(str(CATALOG))}:(\d+): error: ", rows[0])
    assert found, rows[0]
    if line is not None:
        assert int(found[1]) == line
    else:
        raw = path.read_bytes()
        assert 1 < int(found[1]) <= raw.count(b"\n") + 1


def test_url_and_link_targets_and_emphasis_are_checked():
    english = "See **this** [page](https://example.org/trials) for {doc}`more <treatment>`."
    assert (
        check_po.check_translation(
            english, "Vea **esta** [página](https://example.org/trials) {doc}`más <treatment>`."
        )
        == []
    )
    problems = check_po.check_translation(
        english, "Vea esta [página](https://example.com/x) {doc}`más <outlook>`."
    )
    assert "URL https://example.org/trials missing or changed" in problems
    assert "link target (https://example.org/trials) missing or changed" in problems
    assert "strong emphasis (**…**) appears 0 time(s), the English has 1" in problems
    assert "role {doc}`…<treatment>` dropped or its target changed" in problems


def test_arabic_indic_digits_count_as_the_same_number():
    assert check_po.check_translation("15 to 20 out of 100", "١٥ إلى ٢٠ من كل ١٠٠") == []


def test_missing_catalog_is_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / CATALOG).unlink()
    result = run_check(project, "--for", "handouts", "es")
    assert result.returncode == 1
    assert f"{CATALOG}:1: error: catalog missing" in result.stdout


def test_the_real_catalogs_are_clean_and_the_complete_ones_complete():
    """No catalog has an error. Untranslated and fuzzy entries, warnings for the site
    (errors for the handouts), are only in the languages still being translated."""
    result = run_check(ROOT, *TRANSLATIONS)
    assert result.returncode == 0, result.stdout
    *problems, summary = result.stdout.splitlines()
    assert summary.startswith("check-po (site): 0 error(s), "), summary
    incomplete = tuple(
        f"locale/{code}/" for code in TRANSLATIONS if code not in COMPLETE_TRANSLATIONS
    )
    assert [p for p in problems if not (p.startswith(incomplete) and ": warning: " in p)] == []
    # The tests of translated text and handouts run on the complete languages: never on
    # none, which would let them pass without checking anything.
    assert COMPLETE_TRANSLATIONS, "no translation is complete: those tests would check nothing"


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_make_check_po_fails_on_a_broken_catalog(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "Makefile").write_text((ROOT / "Makefile").read_text("utf-8"), encoding="utf-8")
    path = project / CATALOG
    path.write_text(replace_msgstr(path.read_text("utf-8"), FEVER, "ganglios;"), encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "check-po", f"VENV={ROOT / '.venv'}"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert f"{CATALOG}:" in result.stdout and "role {term}`…<lymph nodes>` dropped" in result.stdout


# -- Structure: a msgstr read with the project's MyST parser, as Sphinx reads it ------

FEVER_EN = "Call for a {term}`fever` or **any** `bleeding`."
FEVER_ES = "Llame si hay {term}`fiebre <fever>` o **cualquier** `sangrado`."


def test_the_parser_is_configured_from_conf_py():
    from allguide.catalogs.checks import structure as translation_structure

    settings = translation_structure._settings()
    assert settings["disable_syntax"] == ["html_inline", "html_block"]
    parser, _ = translation_structure.parsers()
    assert parser.parse("<b>x</b>")[1].children[0].type == "text"  # raw HTML is text


def test_a_faithful_translation_passes():
    assert check_po.check_translation(FEVER_EN, FEVER_ES, language="es") == []


ES = FEVER_ES
NOT_IN = "is not in the English"
CSV = "directive {csv-table} is not in the English"


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        (
            ES + "\n\nSegundo párrafo.",
            "translation is read as 2 blocks (a paragraph, a paragraph); Sphinx publishes "
            "only the first and silently drops the rest: keep it a paragraph",
        ),
        ("## " + ES, "translation is read as a heading, the English as a paragraph"),
        ("- " + ES, "translation is read as a list, the English as a paragraph"),
        (ES.replace("<fever>", "<fiebre>"), "role {term}`…<fever>` dropped or its target changed"),
        (ES + " {doc}`más <treatment>`", f"role {{doc}}`…<treatment>` {NOT_IN}"),
        (ES.replace("**", ""), "strong emphasis (**…**) appears 0 time(s), the English has 1"),
        (ES + " *ya*", "emphasis (*…*) appears 1 time(s), the English has 0"),
        (ES.replace("`sangrado`", "x"), "code (`…`) appears 0 time(s), the English has 1"),
        (ES + " [x](https://evil.example)", f"link target (https://evil.example) {NOT_IN}"),
        (ES + " https://evil.example", f"URL https://evil.example {NOT_IN}"),
        (ES + " <javascript:alert(1)>", f"link target (javascript:alert(1)) {NOT_IN}"),
        (ES + " [x](javascript:alert(1))", f"link target (javascript:alert(1)) {NOT_IN}"),
        (ES + " ![x](file:///etc/passwd)", f"image (file:///etc/passwd) {NOT_IN}"),
        (ES + " [^1]", f"footnote reference [^1] {NOT_IN}"),
        (ES + "\n\n[^1]: nota", f"footnote [^1]: {NOT_IN}"),
        ("(fiebre)=\n" + ES, f"target (fiebre)= {NOT_IN}"),
        (ES + "\n~~~{include} ../../etc/hostname\n~~~", f"directive {{include}} {NOT_IN}"),
        (ES + "\n\n~~~{raw} html\n<b>x</b>\n~~~", f"directive {{raw}} {NOT_IN}"),
        (ES + "\n\n```{eval-rst}\n.. raw:: html\n```", f"directive {{eval-rst}} {NOT_IN}"),
        (ES + "\n\n```{csv-table}\n:url: https://x.example/a\n```", CSV),
        (ES + "\n\n~~~~ {csv-table}\n:file: /etc/pw\n~~~~", CSV),
        (ES + "\n\n~~~\ncode\n~~~", f"code fence ~~~ {NOT_IN}"),
        (ES + "\n\n| a |\n|---|\n| b |", f"table {NOT_IN}"),
        (ES + "\n\n> cita", f"block quote {NOT_IN}"),
        (ES + "\n\n# Título", f"heading {NOT_IN}"),
        (ES + "\n\n+++", f"block break (+++) {NOT_IN}"),
        (ES + "\n\n---", f"horizontal rule {NOT_IN}"),
        (ES + " #noqa", "'#noqa' at the end turns off Sphinx's reference checks: remove it"),
    ],
)  # fmt: skip
def test_structure_differences_are_reported(translation, expected):
    assert expected in check_po.check_translation(FEVER_EN, translation, language="es")


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        ("See [it](https://example.org/trials).", "Vea [esto](https://example.org/trials)."),
        ("Ask about ![the scan](scan.png).", "Pregunte por ![la imagen](scan.png)."),
        ("Read [^1] first.", "Lea [^1] primero."),
        ("*Very* important.", "_Muy_ importante."),
        ("{term}`fever`, {term}`fever`", "{term}`fiebre <fever>`, {term}`fiebre <fever>`"),
    ],
)  # fmt: skip
def test_markup_the_english_has_may_be_kept(english, translation):
    assert check_po.check_translation(english, translation, language="es") == []


# -- Numbers, as the language writes them ------------------------------------------


@pytest.mark.parametrize(
    ("english", "translation", "language", "expected"),
    [
        ("15 to 20 out of every 100", "15 a 20 de cada 100", "es", []),
        ("15 to 20 out of every 100", "1.5 a 2.0 de cada 10.0", "es", [
            "number 100 missing or changed", "number 15 missing or changed",
            "number 20 missing or changed", "number 1.5 is not in the English",
            "number 10.0 is not in the English", "number 2.0 is not in the English",
        ]),
        ("15 to 20 out of every 100", "1,5 a 2,0 de cada 10,0", "es", [
            "number 100 missing or changed", "number 15 missing or changed",
            "number 20 missing or changed", "number 1,5 is not in the English",
            "number 10,0 is not in the English", "number 2,0 is not in the English",
        ]),
        ("about 1,000 children", "unos 1.000 niños", "es", []),
        ("about 1,000 children", "около 1\u00a0000 детей", "ru", []),
        ("about 1,000 children", "около 1 000 детей", "ru", []),
        ("about 1,000 children", "大约 1,000 名儿童", "zh_CN", []),
        ("a dose of 2.5 mg", "una dosis de 2,5 mg", "pt_BR", []),
        ("a dose of 2.5 mg", "una dosis de 2.5 mg", "es", []),
        ("a dose of 2.5 mg", "una dosis de 25 mg", "es", [
            "number 2.5 missing or changed", "number 25 is not in the English",
        ]),
        ("for 20 days", "durante 20,0 días", "es", [
            "number 20 missing or changed", "number 20,0 is not in the English",
        ]),
        ("1 in 4 children", "1 of 40 kinderen", "es", [
            "number 4 missing or changed", "number 40 is not in the English",
        ]),
        ("about 1,000 children", "около 1 00 детей", "ru", [
            "number 1,000 missing or changed", "number 1 00 is not in the English",
        ]),
        ("15 to 20 out of every 100", "١٥ إلى ٢٠ من كل ١٠٠", "ar", []),
        ("about 2.5 mg", "حوالي ٢٫٥ ملغ", "ar", []),
        ("within 6 months", "6 ay içinde", None, []),
        ("A {term}`fever` of 38 °C", "{term}`Fiebre <fever>` de 38 °C (100.4 °F)", "es", [
            "number 100.4 is not in the English",
        ]),
    ],
)  # fmt: skip
def test_numbers_are_read_in_the_languages_notation(english, translation, language, expected):
    assert check_po.check_translation(english, translation, language=language) == expected


# -- Negations ------------------------------------------------------------------------

NOT_WORKING = "If the treatment does not work, ask about a trial."


@pytest.mark.parametrize(
    ("language", "kept", "dropped"),
    [
        ("es", "Si el tratamiento no funciona, pregunte.", "Si funciona, pregunte."),
        ("pt_BR", "Se o tratamento não funcionar, pergunte.", "Se funcionar, pergunte."),
        ("ht", "Si tretman an pa mache, mande.", "Si tretman an mache, mande."),
        ("zh_CN", "如果治疗无效，请询问。", "如果治疗有效，请询问。"),
        ("vi", "Nếu điều trị không hiệu quả, hãy hỏi.", "Nếu điều trị hiệu quả, hãy hỏi."),
        ("ar", "إذا لم ينجح العلاج، اسأل.", "إذا نجح العلاج، اسأل."),
        ("ar", "العلاج، ولا شيء آخر.", "العلاج، وشيء آخر."),
        ("ru", "Если лечение не помогает, спросите.", "Если помогает, спросите."),
    ],
)  # fmt: skip
def test_a_dropped_negation_is_an_error(language, kept, dropped):
    assert check_po.check_translation(NOT_WORKING, kept, language=language) == []
    [problem] = check_po.check_translation(NOT_WORKING, dropped, language=language)
    assert problem.startswith("the English says 'not' but the translation has no negation (")
    assert problem.endswith(
        "if the meaning is kept without one, add the flag '#, negation-ok' to the entry"
    )
    flagged = check_po.check_translation(
        NOT_WORKING, dropped, language=language, flags=["negation-ok"]
    )
    assert flagged == []


@pytest.mark.parametrize(
    ("english", "word"),
    [
        ("Don't stop the medicine.", "Don't"), ("It can’t wait.", "can't"),
        ("Without a donor, wait.", "Without"), ("None of them.", "None"),
        ("Never alone.", "Never"), ("Neither drug.", "Neither"), ("It cannot wait.", "cannot"),
    ],
)  # fmt: skip
def test_english_negations_are_found(english, word):
    [problem] = check_po.check_translation(english, "Siga.", language="es")
    assert problem.startswith(f"the English says {word!r} but the translation has no negation")


def test_negation_words_match_whole_words_except_in_chinese():
    # "nosotros" contains "no", "ninguém" is not "nem": a word must stand alone.
    assert check_po.check_translation(NOT_WORKING, "Nosotros preguntamos.", language="es")
    assert (
        check_po.check_translation(NOT_WORKING, "如果治疗不成功，请询问。", language="zh_CN") == []
    )


def test_whether_or_not_is_no_negation():
    english = "Ask whether or not your child needs it."
    assert (
        check_po.check_translation(english, "Pregunte si su hijo lo necesita.", language="es") == []
    )


def test_a_language_without_negation_words_is_not_checked_for_them():
    assert check_po.check_translation(NOT_WORKING, "Si funciona, pregunte.", language="it") == []
    assert check_po.check_translation(NOT_WORKING, "Si funciona, pregunte.") == []


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_negation_ok_flag_in_a_catalog_is_honoured(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "locale/es/LC_MESSAGES/what-is-relapse.po"
    catalog = polib.pofile(str(path))
    entry = catalog.find("Blasts (young cells that do not work)")
    # "cells that do not work" said without a negation: "cells that fail".
    entry.msgstr = "Blastos (células jóvenes que fallan)"
    catalog.save()
    result = run_check(project, "es")
    assert result.returncode == 1 and "add the flag '#, negation-ok'" in result.stdout
    entry.flags.append("negation-ok")
    catalog.save()
    assert run_check(project, "es").returncode == 0
    # Not on urgent text (test_urgent_checks.py): the symptoms page has no such flag.
    symptoms = project / "locale/es/LC_MESSAGES/symptoms.po"
    urgent = polib.pofile(str(symptoms))
    sign = urgent.find("Do not wait for the next visit to tell them.")
    sign.msgstr, sign.flags = "Avíseles antes de la próxima visita.", ["negation-ok"]
    urgent.save()
    result = run_check(project, "es")
    assert result.returncode == 1 and "not allowed on urgent text" in result.stdout


# -- Characters, length, English left as it was ---------------------------------------

INVISIBLE = [
    *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C,
    *range(0x200B, 0x200E), 0x2060, 0xFEFF, 0x0000, 0x0007, 0x001B, 0x007F, 0x2028,
]  # fmt: skip


@pytest.mark.parametrize("code", INVISIBLE, ids=[f"U+{code:04X}" for code in INVISIBLE])
def test_invisible_and_control_characters_are_refused(code):
    char = chr(code)
    problems = check_po.check_translation("pain in the belly", f"dolor en la{char} barriga")
    assert [p for p in problems if p.startswith(f"character U+{code:04X} (")] != []
    same = check_po.check_translation(f"pain{char} in the belly", f"dolor{char} en la barriga")
    assert same == []


@pytest.mark.parametrize("translation", ["", " ", "\n\t ", "\u200b", "\u200d\u2060\ufeff"])
def test_a_blank_or_invisible_translation_is_an_error(translation):
    if not translation:
        return  # empty means untranslated: reported as such by check_catalog
    assert check_po.check_translation("Back to top", translation) == [
        "translation is only spaces or invisible characters; leave msgstr empty"
    ]


def test_length_limit_is_twice_the_english_plus_100():
    english = "x" * 50
    assert check_po.check_translation(english, "y" * 200) == []
    assert check_po.check_translation(english, "y" * 201) == [
        "translation is 201 characters long, more than 2 times the English (50) plus 100"
    ]


@pytest.mark.parametrize(
    ("english", "translation", "identical"),
    [
        ("A4", "A4", False),  # one word, exactly as in English: a legitimate translation
        ("anemia", "anemia", False),
        ("Copyright &#169; %(copyright)s", "Copyright &#169; %(copyright)s", False),
        ("Back to top", "Back to top", True),  # any length of more than one word
        ("pain in the belly", "pain in the belly ", True),
        ("pain in the belly", " pain  in the\nbelly", True),
        ("Menu", "Menu ", True),
        ("pain in the belly", "pain in the\u200b belly", True),
    ],
)
def test_english_left_as_it_was_is_an_error(english, translation, identical):
    problems = check_po.check_translation(english, translation)
    found = [p for p in problems if p.startswith("translation is identical to the English; ")]
    assert bool(found) == identical, problems
    if identical:
        assert found[0].endswith("leave msgstr empty until translated: " + repr(english))


# -- Interface strings: Python %-formatting, ${} placeholders, HTML ------------------


@pytest.mark.parametrize(
    ("english", "translation", "expected"),
    [
        ("Last reviewed: %(date)s", "Revisado: %(date)s", []),
        ("Last reviewed: %(date)s", "Revisado al 100%% el %(date)s", [f"number 100 {NOT_IN}"]),
        ("Last reviewed: %(date)s", "Revisado:", ["placeholder %(date)s missing"]),
        ("Last reviewed: %(date)s", "Revisado: %(date)d", [
            "placeholders: incompatible format for placeholder 'date': 'd' and 's' are not "
            "compatible (Babel's python-format check)",
            "placeholder %(date)s missing",
        ]),
        ("Last reviewed: %(date)s", "Revisado el %(date)s %", [
            "'%' in 'Revisado el %(date)s %' is not a placeholder of the English: Python "
            "reads it as one and the page fails; write '%%' for a percent sign",
        ]),
        ("Last reviewed: %(date)s", "Revisado: %(date)s %s", [
            "placeholders: format string mixes positional and named placeholders (Babel's "
            "python-format check)",
            "'%' in 'Revisado: %(date)s %s' is not a placeholder of the English: Python "
            "reads it as one and the page fails; write '%%' for a percent sign",
        ]),
        ("Found ${resultCount} pages", "Se hallaron ${resultCount} páginas", []),
        ("Found ${resultCount} pages", "Se hallaron ${ resultCount} páginas", [
            "placeholder ${resultCount} missing; ${ resultCount} is not in the English",
        ]),
        ("Copyright &#169; %(copyright)s", "Derechos &#169; %(copyright)s", []),
        ("Copyright &#169; %(copyright)s", "Derechos &copy; %(copyright)s", [
            "HTML markup '&copy;' is not allowed in a translation",
        ]),
        ("Home", "&#X3C;b&#x3e;Inicio", [
            "HTML markup '&#X3C;' is not allowed in a translation",
            "HTML markup '&#x3e;' is not allowed in a translation",
        ]),
        ("Home", "&#60script", [
            "number 60 is not in the English",
            "HTML markup '&#60' is not allowed in a translation",
        ]),
        ("Home", "<svg onload=alert(1)>Inicio", [
            "number 1 is not in the English",
            "HTML markup '<svg onload=alert(1)>' is not allowed in a translation",
        ]),
        ("Home", "<!-- x -->Inicio", ["HTML markup '<!--' is not allowed in a translation"]),
    ],
)  # fmt: skip
def test_interface_strings(english, translation, expected):
    assert check_po.check_translation(english, translation, interface=True) == expected


def test_percent_in_page_text_is_not_a_placeholder():
    english = "About 15% of children."
    assert check_po.check_translation(english, "Cerca del 15 % de los niños.", language="es") == []


def test_unknown_catalogs_error_and_compiled_files_are_pointed_out(tmp_path, monkeypatch):

    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "stray.mo").write_bytes(b"")
    (folder / "sphinx.js").write_text("alert(1)", encoding="utf-8")
    (folder / "notes.po").write_text("", encoding="utf-8")
    (folder / "symptoms.po").write_text("", encoding="utf-8")
    (folder / "symptoms.mo").write_bytes(b"")  # beside its .po: an older build's, quiet

    use_project(monkeypatch, tmp_path, ROOT / "docs")
    found = {p.path.name: p.severity for p in check_po.unknown_catalogs("es")}
    # A stray .po would be a catalog nobody checks; .mo and .js are never read (they are
    # only pointed out): test_catalog_integrity.py shows they do not reach the output.
    assert found == {"notes.po": "error", "stray.mo": "warning", "sphinx.js": "warning"}


# -- The language table's negations ---------------------------------------------------


def test_negations_come_from_the_language_table():
    table = languages.by_code()
    assert table["en"].negations == ()
    assert "nunca" in table["es"].negations and "не" in table["ru"].negations
    assert all(table[code].negations for code in COMPLETE_TRANSLATIONS)


TABLE_ROWS = """
[[language]]
code = "en"
name = "English"
english = "English"
direction = "ltr"
search = "en"
review = "source"

[[language]]
code = "es"
name = "Español"
english = "Spanish"
direction = "ltr"
search = "es"
review = "draft"
"""


@pytest.mark.parametrize("value", ['"no"', "[1]", '[""]', '[" no"]'])
def test_negations_must_be_a_list_of_words(tmp_path, value):
    path = tmp_path / "languages.toml"
    path.write_text(TABLE_ROWS + f"negations = {value}\n", encoding="utf-8")
    with pytest.raises(
        languages.LanguageTableError, match=r"languages.toml:10: '?negations'? must"
    ):
        languages.load(path)
    path.write_text(TABLE_ROWS + 'negations = ["no", "nunca"]\n', encoding="utf-8")
    assert languages.load(path)[1].negations == ("no", "nunca")
