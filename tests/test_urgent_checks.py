"""Urgent text is checked without the translator's escape hatches (issue 18, the attacks on
the checks that landed with it): an instruction of the plan may not gain a "not", urgent
text may not carry `negation-ok`, and characters that strike a word through or print as
nothing are refused everywhere."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from conftest import copy_project
from extensions import when_to_call

import catalogs
import check_po

CALL = "Call %(number)s. Say: “My child is being treated for leukemia.”"
BLEEDING = "Bleeding that will not stop, even when you press on it"
WAIT = "Call the care team now (at night, the after-hours number). Do not wait for morning."
MEDICINE = when_to_call.STEP_LIST[1]


def problems(english: str, translation: str, language: str, urgency=None, flags=()):
    return check_po.check_translation(
        english, translation, language=language, interface=True, urgency=urgency, flags=flags
    )


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "No llame al %(number)s. Diga: «Mi hijo recibe tratamiento para la leucemia»."),
        ("fr", "N'appelez pas le %(number)s. Dites : « Mon enfant est soigné pour une leucémie. »"),
        ("zh_CN", "不要拨打%(number)s。请说：“我的孩子正在接受白血病治疗。”"),
        ("ru", "Не звоните по номеру %(number)s. Скажите: «Мой ребёнок лечится от лейкоза»."),
    ],
)
def test_a_not_added_to_an_instruction_is_refused(language, translation):
    found = problems(CALL, translation, language, urgency="instruction")
    assert any("a negation added to an instruction of the plan turns it around" in p for p in found)
    # Even with the flag: urgent text has none.
    flagged = problems(CALL, translation, language, urgency="instruction", flags=["negation-ok"])
    assert any("is not allowed on urgent text" in p for p in flagged)


def test_the_plan_instructions_pass_as_translated_in_every_language():
    """The real catalogs: every instruction, with the allowance for "unless" and "before"
    (Spanish "sin que", Russian "пока не позвоните")."""
    for language in [code for code in catalogs_languages() if code != "en"]:
        catalog = polib.pofile(str(catalogs.catalog_dir(language) / "sphinx.po"))
        for msgid in when_to_call.INSTRUCTIONS:
            entry = catalog.find(msgid)
            assert entry is not None and entry.msgstr, (language, msgid)
            assert problems(msgid, entry.msgstr, language, urgency="instruction") == [], (
                language, msgid,
            )  # fmt: skip


def catalogs_languages() -> list[str]:
    import languages

    return [language.code for language in languages.load()]


def test_negation_ok_cannot_soften_an_urgent_sign():
    """The attack: the flag on 'Bleeding that will not stop' let 'bleeding that stops when
    you press' through, on the site and every Spanish PDF."""
    translation = "Sangrado que para al apretar la herida"
    found = problems(BLEEDING, translation, "es", urgency="urgent", flags=["negation-ok"])
    assert any("is not allowed on urgent text" in p for p in found)
    assert any("urgent text has no negation-ok" in p for p in found)
    # Outside urgent text the flag still does what it says.
    assert problems(BLEEDING, translation, "es", flags=["negation-ok"]) == []


def test_a_negation_added_outside_instructions_is_how_languages_speak():
    """ "Too dizzy to stand" is "cannot stand" in many languages: not refused."""
    assert problems("Faints, or is too dizzy to stand", "Se desmaya, o no se sostiene del "
                    "mareo", "es", urgency="urgent") == []  # fmt: skip


@pytest.mark.parametrize(
    ("page", "msgid", "expected"),
    [
        ("sphinx", CALL, "instruction"),
        ("sphinx", WAIT, "instruction"),
        ("sphinx", BLEEDING, "urgent"),
        ("sphinx", "Draft translation, not yet reviewed", None),
        ("symptoms", "anything on the symptoms page", "urgent"),
        ("when-to-call", "anything on the card's page", "urgent"),
        ("treatment", "anything else", None),
        ("treatment", "Never give ibuprofen or aspirin unless the care team says so.", "urgent"),
        ("sphinx", "After-hours phone", "instruction"),
    ],
)
def test_which_text_is_urgent(page, msgid, expected):
    assert check_po.urgency_of(Path(f"locale/es/LC_MESSAGES/{page}.po"), msgid) == expected


def test_urgent_flag_is_refused_in_a_real_catalog(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    path = project / "locale" / "es" / "LC_MESSAGES" / "sphinx.po"
    catalog = polib.pofile(str(path), wrapwidth=79)
    entry = catalog.find(MEDICINE)
    entry.msgstr = "Dé un medicamento para la fiebre antes de llamar."  # "give medicine"
    entry.flags.append("negation-ok")
    catalog.save()
    monkeypatch.setattr(catalogs, "ROOT", project)
    monkeypatch.setattr(catalogs, "LOCALE", project / "locale")
    monkeypatch.setattr(catalogs, "DOCS", project / "docs")
    found = [str(p) for p in check_po.check_language("es", strict=False)]
    assert any(
        p.startswith("locale/es/LC_MESSAGES/sphinx.po:") and "not allowed on urgent text" in p
        for p in found
    ), found


# -- Characters that strike through or print as nothing ---------------------------------------


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        ("N\u0336o\u0336 espere a la mañana", "combining mark U+0336"),
        ("No\u0338 espere a la mañana", "combining mark U+0338"),
        ("No espere a la mañana \ue000", "character U+E000"),
        ("No espere a la\u2800mañana", "character U+2800"),
        ("No espere a la mañana \u0378", "character U+0378"),
    ],
)
def test_strike_through_and_blank_characters_are_refused(translation, message):
    found = problems("Do not wait for morning.", translation, "es")
    assert any(p.startswith(message) for p in found), found


def test_decomposed_accents_are_letters_not_marks():
    # An editor that writes é as e + U+0301 writes the same letter.
    assert problems("Do not wait for morning.", "No espere a la man\u0303ana.", "es") == []


def test_an_endless_message_is_refused_without_reading_it(tmp_path, monkeypatch):
    """The attack: a translator's own msgid of 12000 "not" made check-po take minutes."""
    import time

    project = copy_project(tmp_path / "project")
    path = project / "locale" / "es" / "LC_MESSAGES" / "about.po"
    with path.open("a", encoding="utf-8") as file:
        file.write('\nmsgid "' + "not " * 12000 + '"\nmsgstr "' + "no " * 12000 + '"\n')
    monkeypatch.setattr(catalogs, "ROOT", project)
    started = time.process_time()
    found = [str(p) for p in check_po.check_catalog(path, "es", strict=False)]
    assert time.process_time() - started < 10
    assert any("a message longer than 4000 characters is not one of this guide" in p
               for p in found), found  # fmt: skip


# -- Round two of the attacks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("translation", "language", "message"),
    [
        ("N\u043e llame al %(number)s. Diga: «Mi hijo recibe tratamiento para la leucemia».", "es",
         "the word 'Nо' mixes letters of Cyrl and Latn scripts"),
        ("N\u03bf llame al %(number)s. Diga: «Mi hijo recibe tratamiento para la leucemia».", "es",
         "the word 'Nο' mixes letters of Grek and Latn scripts"),
        ("\uff2e\uff4f llame al %(number)s. Diga: «Mi hijo recibe tratamiento para la leucemia».",
         "es", "character U+FF2E (FULLWIDTH LATIN CAPITAL LETTER N) is a compatibility form"),
        ("\uf967要拨打%(number)s。请说：“我的孩子正在接受白血病治疗。”", "zh_CN",
         "character U+F967 (CJK COMPATIBILITY IDEOGRAPH-F967) is a compatibility form of '不'"),
        ("\u2f46需拨打%(number)s。请说：“我的孩子正在接受白血病治疗。”", "zh_CN",
         "character U+2F46 (KANGXI RADICAL NOT) is a compatibility form of '无'"),
        ("\ufefb تتصل بالرقم %(number)s. قل: «طفلي يتلقى علاجًا لسرطان الدم».", "ar",
         "character U+FEFB (ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM) is a compatibility"),
    ],
    ids=["cyrillic-o", "greek-omicron", "fullwidth", "cjk-compatibility", "kangxi",
         "arabic-lam-alef"],
)  # fmt: skip
def test_look_alike_letters_cannot_hide_a_negation(translation, language, message):
    """Round two: "Nо llame al 911" (Cyrillic о) was counted as no negation at all."""
    found = problems(CALL, translation, language, urgency="instruction")
    assert any(p.startswith(message) for p in found), found


def test_chinese_beside_latin_in_one_word_is_ordinary():
    assert problems("B cells", "B细胞", "zh_CN") == []


FEVER = (
    "A temperature of %(temperature)s or higher, or the fever temperature your care team gave you"
)


@pytest.mark.parametrize(
    ("translation", "language"),
    [
        ("Temperatura de \u2012%(temperature)s o más, o la temperatura que le dio el equipo", "es"),
        ("Temperatura de −(%(temperature)s) o más, o la temperatura que le dio el equipo", "es"),
        ("Temperatura de −\u2002%(temperature)s o más, o la temperatura que le dio el equipo",
         "es"),
        ("Temperatura de \u02d7%(temperature)s o más, o la temperatura que le dio el equipo", "es"),
        ("Temperatura de \u2039%(temperature)s o más, o la temperatura que le dio el equipo", "es"),
        ("Temperatura de ≲%(temperature)s o más, o la temperatura que le dio el equipo", "es"),
        ("درجة حرارة %(temperature)s- أو أعلى، أو درجة الحرارة التي أعطاك إياها الفريق", "ar"),
    ],
    ids=["figure-dash", "bracket", "en-space", "modifier-minus", "single-guillemet", "math-less",
         "arabic-after"],
)  # fmt: skip
def test_any_sign_before_the_fever_value_is_refused(translation, language):
    found = problems(FEVER, translation, language, urgency="urgent")
    assert any(p.startswith("a sign ") and "%(temperature)s" in p for p in found), found


def test_a_not_added_to_a_call_sentence_of_an_urgent_page_is_refused():
    english = (
        "Some signs mean your child needs emergency help. For any of these, call the "
        "emergency number."
    )
    honest = (
        "Algunos signos quieren decir que su hijo necesita ayuda de emergencia. Ante "
        "cualquiera de ellos, llame al número de emergencias."
    )
    hostile = honest.replace("llame al número", "no llame al número")
    assert problems(english, honest, "es", urgency="urgent") == []
    found = problems(english, hostile, "es", urgency="urgent")
    assert any("a negation added to an instruction of the plan" in p for p in found), found


def test_a_card_label_may_not_gain_a_not():
    found = problems("After-hours phone", "Teléfono (no llamar de noche)", "es",
                     urgency="instruction")  # fmt: skip
    assert any("a negation added to an instruction of the plan" in p for p in found), found
