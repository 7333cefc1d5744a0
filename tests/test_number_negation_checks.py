"""Numbers and negations as a reader sees them: each attack that once passed check-po is
refused, in check_translation and in the real catalogs and build."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import polib
import pytest
from test_check_po import run_check

from allguide.catalogs import check_po

from conftest import ROOT, copy_project

NOT_IN = "is not in the English"
FLAG = "add the flag '#, negation-ok' to the entry"


def problems(english: str, translation: str, language: str) -> list[str]:
    return check_po.check_translation(english, translation, language=language)


# -- Numbers ---------------------------------------------------------------------------

# (name, english, translation, language, a message expected among the problems)
NUMBER_ATTACKS = [
    ("Oriya digit in Spanish", "Give 2 doses.", "Dé ୨ dosis.", "es",
     "digit '୨' (U+0B68 ORIYA DIGIT TWO) is not one of the digits es writes numbers with"),
    ("fullwidth digits in Chinese", "Give 10 mg.", "给１０毫克。", "zh_CN",
     "digit '１' (U+FF11 FULLWIDTH DIGIT ONE) is not one of the digits zh_CN writes"),
    ("letter O after a number", "About 100 children.", "Unos 100O niños.", "es",
     "letter 'O' (U+004F LATIN CAPITAL LETTER O) touches the number in '100O' and looks "
     "like a digit"),
    ("letter O inside a number", "About 100 children.", "Unos 1O0 niños.", "es",
     "number 100 missing or changed"),
    ("letter l for a one", "About 100 children.", "Unos l00 niños.", "es",
     "letter 'l' (U+006C LATIN SMALL LETTER L) touches the number in 'l00'"),
    ("Cyrillic З for a three", "For 3 days.", "В течение З0 дней.", "ru",
     "letter 'З' (U+0417 CYRILLIC CAPITAL LETTER ZE) touches the number in 'З0'"),
    ("Latin letters glued", "Give 10 mg.", "Dé 10mg.", "es",
     "number 10 has the letter 'm' written right after it ('10mg'); the English 10 has none"),
    ("combining grapheme joiner", "pain in the belly", "dolor en la\u034f barriga", "es",
     "character U+034F (COMBINING GRAPHEME JOINER) is not allowed in a translation"),
    ("variation selector in a number", "15 to 20", "15\ufe0f a 20", "es",
     "character U+FE0F (VARIATION SELECTOR-16) is not allowed in a translation"),
    ("°C became °F", "A fever is 38 °C.", "La fiebre es de 38 °F.", "es",
     "number 38 °F: the English has 38 with °C"),
    ("°C and °F swapped", "38.0 °C (100.4 °F)", "38,0 °F (100,4 °C)", "fr",
     "number 100,4 °C: the English has 100.4 with °F"),
    ("% became ‰", "About 15% of children.", "Cerca del 15 ‰ de los niños.", "es",
     "number 15 ‰: the English has 15 with %"),
    ("English 1,000 in Spanish reads as 1", "about 1,000 children", "unos 1,000 niños", "es",
     "number 1,000 missing or changed"),
    ("English 1,000 in Portuguese", "about 1,000 children", "cerca de 1,000 crianças",
     "pt_BR", "number 1,000 missing or changed"),
    ("circled digit", "Step 1: Reinduction", "Paso ①: Reinducción", "es",
     "'①' (U+2460 CIRCLED DIGIT ONE) is a number this check cannot read"),
    ("superscript digit", "No poop for 2 days", "Sin heces desde hace ² días", "es",
     "'²' (U+00B2 SUPERSCRIPT TWO) is a number this check cannot read"),
    ("Chinese numeral for 10", "within 10 days", "十天内", "zh_CN",
     "the English writes 10 in digits, the translation has '十', numbers written in "
     "characters this check cannot read"),
    ("number word", "within 10 days", "en diez días", "es", "number 10 missing or changed"),
    ("digits of two scripts", "Give 15 mg.", "أعط 1٥ ملغ.", "ar",
     "number '1٥' mixes the digits of two scripts"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("english", "translation", "language", "expected"),
    [case[1:] for case in NUMBER_ATTACKS],
    ids=[case[0] for case in NUMBER_ATTACKS],
)
def test_a_number_a_reader_would_misread_is_refused(english, translation, language, expected):
    found = problems(english, translation, language)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    ("english", "translation", "language"),
    [
        ("about 1,000 children", "unos 1.000 niños", "es"),
        ("a fever is 38.0 °C (100.4 °F)", "la fiebre es de 38.0 °C (100.4 °F)", "es"),
        ("a fever is 38.0 °C (100.4 °F)", "la fièvre, c'est 38,0 °C (100,4 °F)", "fr"),
        ("about 15 to 20%", "entre 15 % y 20 %", "es"),
        ("15 to 20 out of every 100", "每100个大约有15到20个", "zh_CN"),
        ("15 to 20 out of every 100", "១៥ ទៅ ២០ នាក់ ក្នុងចំណោម ១០០", "km"),
        ("about 2.5 mg", "حوالي ٢٫٥ ملغ", "ar"),
        ("print on A4 paper", "imprima en papel A4", "es"),
        ("1 year and older", "1岁及以上", "zh_CN"),
        ("37.5 °C", "37,5 ºC", "es"),
    ],
)  # fmt: skip
def test_numbers_as_the_language_writes_them_pass(english, translation, language):
    assert problems(english, translation, language) == []


# -- Negations -------------------------------------------------------------------------

TWO = "Do not give ibuprofen and do not wait."

NEGATION_ATTACKS = [
    ("two negations become one", TWO, "No dé ibuprofeno y espere.", "es",
     "the English has 2 negations (not, not), the translation 1 (No): each needs its own"),
    ("ne ... pas counts once", TWO, "Ne donnez pas d'ibuprofène et attendez.", "fr",
     "the English has 2 negations (not, not), the translation 1 (Ne)"),
    ("никогда не counts once", "Never give aspirin and do not wait.",
     "Никогда не давайте аспирин и ждите.", "ru", "the translation 1 (не)"),
    ("特别 is not 别", "Do not wait.", "特别重要，请等待。", "zh_CN",
     "the English says 'not' but the translation has no negation"),
    ("非常 is not 非", "Do not wait.", "非常重要，请等待。", "zh_CN",
     "the English says 'not' but the translation has no negation"),
    ("pa egzanp is for example", "Do not wait.", "Pa egzanp, tann.", "ht",
     "the English says 'not' but the translation has no negation"),
    ("pa bouch is by mouth", "Do not give it by mouth.", "Bay li pa bouch.", "ht",
     "the English says 'not' but the translation has no negation"),
    ("la personne is a person", "Do not call anyone.", "Appelez la personne.", "fr",
     "the English says 'not' but the translation has no negation"),
    ("ما as what", "Do not wait.", "ما الذي تنتظره؟", "ar",
     "the English says 'not' but the translation has no negation"),
    ("ما undecided", "Do not wait.", "ما تنتظر.", "ar",
     "the translation has 0 for certain and ما, which may not negate here"),
    ("Haitian san may be blood", "Without fever.", "San lafyèv.", "ht",
     "the translation has 0 for certain and San, which may not negate here"),
    ("Vietnamese question particle", "Is it not a fever?", "Có phải là sốt không?", "vi",
     "the English says 'not' but the translation has no negation"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("english", "translation", "language", "expected"),
    [case[1:] for case in NEGATION_ATTACKS],
    ids=[case[0] for case in NEGATION_ATTACKS],
)
def test_a_negation_that_is_not_there_is_refused(english, translation, language, expected):
    [problem] = problems(english, translation, language)
    assert expected in problem and problem.endswith(FLAG)
    flagged = check_po.check_translation(
        english, translation, language=language, flags=["negation-ok"]
    )
    assert flagged == []


@pytest.mark.parametrize(
    ("english", "translation", "language"),
    [
        (TWO, "No dé ibuprofeno y no espere.", "es"),
        (TWO, "Ne donnez pas d'ibuprofène et n'attendez pas.", "fr"),
        (TWO, "Не давайте ибупрофен и не ждите.", "ru"),
        (TWO, "不要给布洛芬，也不要等。", "zh_CN"),
        ("Young cells that never grow up and do not work.",
         "Células que nunca maduran y no funcionan.", "es"),
        ("Do not give anything.", "No dé nada.", "es"),
        ("No fever, no cough.", "Pas de fièvre, pas de toux.", "fr"),
        ("Nobody answers? Do not wait.", "Personne ne répond ? N'attendez pas.", "fr"),
        ("Bleeding that will not stop.", "出血止不住。", "zh_CN"),
        ("Do not wait.", "لا تنتظر.", "ar"),
        ("Never change the settings.", "Никогда не меняйте настройки.", "ru"),
    ],
)  # fmt: skip
def test_each_negation_kept_passes(english, translation, language):
    assert problems(english, translation, language) == []


# -- End to end: a hostile entry in a copy of the real catalogs --------------------------

SYMPTOMS = Path("locale/es/LC_MESSAGES/symptoms.po")
SUMMARY = Path("locale/es/LC_MESSAGES/summary.po")


def write_hostile(project: Path, catalog: Path, msgid_part: str, change) -> tuple[str, int]:
    """Change one translation with polib; return it and the line of its msgstr."""
    path = project / catalog
    po = polib.pofile(str(path))
    entry = next(entry for entry in po if msgid_part in entry.msgid)
    before = entry.msgstr
    entry.msgstr = change(before)
    assert entry.msgstr != before, "the change found nothing to change"
    po.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = next(entry for entry in polib.pofile(str(path)) if msgid_part in entry.msgid)
    line = next(
        number for number in range(entry.linenum, len(lines) + 1)
        if lines[number - 1].startswith("msgstr")
    )  # fmt: skip
    return entry.msgstr, line


@pytest.mark.parametrize(
    ("catalog", "msgid_part", "change", "expected"),
    [
        (SUMMARY, "About 15 to 20", lambda t: t.replace("100", "1OO", 1),
         "letter 'O' (U+004F LATIN CAPITAL LETTER O) touches the number in '1OO'"),
        (SUMMARY, "About 15 to 20", lambda t: t.replace("15", "1\u034f5", 1),
         "character U+034F (COMBINING GRAPHEME JOINER) is not allowed in a translation"),
        (SYMPTOMS, "Do not wait for the next visit to tell them.",
         lambda t: t.replace("No espere", "Espere", 1),
         "the English says 'not' but the translation has no negation"),
    ],
    ids=["letter O for zeros", "grapheme joiner", "negation dropped"],
)  # fmt: skip
def test_check_po_refuses_a_hostile_entry_at_its_line(tmp_path, catalog, msgid_part, change,
                                                      expected):  # fmt: skip
    project = copy_project(tmp_path / "project")
    _, line = write_hostile(project, catalog, msgid_part, change)
    result = run_check(project, "es")
    assert result.returncode == 1
    assert f"{catalog}:{line}: error: {expected}" in result.stdout, result.stdout


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_make_does_not_publish_a_hostile_number(tmp_path):
    """`make html` checks a language's catalogs before building it: the Spanish site is
    not built from a catalog where "100" became "100O" (a reader sees a thousand)."""
    project = copy_project(tmp_path / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    hostile, line = write_hostile(
        project, SUMMARY, "About 15 to 20", lambda t: t.replace("de cada 100", "de cada 100O", 1)
    )
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "LANGS=es"],
        cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, "MAKEFLAGS": ""},
    )  # fmt: skip
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert (
        f"{SUMMARY}:{line}: error: letter 'O' (U+004F LATIN CAPITAL LETTER O) touches the "
        "number in '100O' and looks like a digit" in log
    ), log
    assert "[es] not built" in log
    pages = list((project / "_build").rglob("*.html"))
    assert not any("100O" in page.read_text(encoding="utf-8") for page in pages)
