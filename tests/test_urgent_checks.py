"""Urgent text is checked without the translator's escape hatches (issue 18, the attacks on
the checks that landed with it): an instruction of the plan may not gain a "not", urgent
text may not carry `negation-ok`, and characters that strike a word through or print as
nothing are refused everywhere."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from allguide import catalogs
from allguide.catalogs import check_po
from allguide.sphinxext import when_to_call

from conftest import COMPLETE_TRANSLATIONS, copy_project, use_project

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


def test_the_plan_instructions_pass_as_translated_in_every_complete_language():
    """The real catalogs of every complete language: every instruction, with the allowance
    for "unless" and "before" (Spanish "sin que", Russian "пока не позвоните")."""
    for language in COMPLETE_TRANSLATIONS:
        catalog = polib.pofile(str(catalogs.catalog_dir(language) / "sphinx.po"))
        for msgid in when_to_call.INSTRUCTIONS:
            entry = catalog.find(msgid)
            assert entry is not None and entry.msgstr, (language, msgid)
            assert problems(msgid, entry.msgstr, language, urgency="instruction") == [], (
                language, msgid,
            )  # fmt: skip


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
    use_project(monkeypatch, project)
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
    use_project(monkeypatch, project)
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


# -- Numbers written as words, and negative verbs, in instructions ----------------------------

AGAIN = "Still worried after 15 minutes? Call %(number)s again."


@pytest.mark.parametrize(
    ("language", "translation", "written"),
    [
        ("es", "¿Sigue preocupado después de 15 minutos? Espere tres horas y llame otra vez al "
         "%(number)s.", "tres"),
        ("fr", "Toujours inquiet après 15 minutes ? Attendez trois heures, puis rappelez le "
         "%(number)s.", "trois"),
        ("pt_BR", "Ainda preocupado após 15 minutos? Espere duas semanas e ligue de novo para o "
         "%(number)s.", "duas"),
        ("ru", "Всё ещё волнуетесь через 15 минут? Подождите три часа и позвоните по номеру "
         "%(number)s.", "три"),
        ("ru", "Всё ещё волнуетесь через 15 минут? Подождите двое суток и позвоните по номеру "
         "%(number)s.", "двое"),
        ("fr", "Toujours inquiet après 15 minutes ? Attendez vingt-quatre heures, puis rappelez "
         "le %(number)s.", "vingt-quatre"),
        ("zh_CN", "15分钟后仍然担心？等三小时再拨打%(number)s。", "三"),
        ("zh_CN", "15分钟后仍然担心？或者两周后再拨打%(number)s。", "两"),
        ("zh_TW", "15分鐘後仍然擔心？等兩週再撥打%(number)s。", "兩"),
        ("vi", "Vẫn lo sau 15 phút? Chờ ba giờ rồi gọi lại %(number)s.", "ba"),
        ("ar", "ما زلت قلقًا بعد 15 دقيقة؟ انتظر ثلاث ساعات ثم اتصل بالرقم %(number)s.", "ثلاث"),
        ("es", "¿Sigue preocupado después de 15 minutos? Espere una hora y llame otra vez al "
         "%(number)s.", "una"),
    ],
)  # fmt: skip
def test_a_number_written_as_a_word_beside_a_time_unit_is_read(language, translation, written):
    found = problems(AGAIN, translation, language, urgency="instruction")
    assert any(f"(written {written!r}" in p and "write numbers in digits" in p for p in found), (
        found
    )


@pytest.mark.parametrize(
    ("english", "translation", "language"),
    [
        # The English has the number with that unit, in digits or in words.
        ("Give it for 2 weeks, then call %(number)s.", "Déselo durante dos semanas y luego "
         "llame al %(number)s.", "es"),
        ("Give it for two weeks, then call %(number)s.", "Donnez-le pendant deux semaines, "
         "puis appelez le %(number)s.", "fr"),
        ("Wait 3 hours, then call %(number)s.", "Подождите три часа, затем позвоните по "
         "номеру %(number)s.", "ru"),
        ("Wait 2 days, then call %(number)s.", "等两天，然后拨打%(number)s。", "zh_CN"),
        # One as an article, where the English names the unit.
        ("Give it once a day.", "Déselo una vez al día.", "es"),
        ("Wait an hour, then call %(number)s.", "Espere uma hora e ligue para o %(number)s.",
         "pt_BR"),
        # Ordinals, indefinite counts and numerals that are words are no count.
        ("On the third day, call %(number)s.", "El tercer día, llame al %(number)s.", "es"),
        ("On the third day, call %(number)s.", "第三天，拨打%(number)s。", "zh_CN"),
        ("If it lasts a few days, call %(number)s.", "如果持续几天，请拨打%(number)s。", "zh_CN"),
        ("Call %(number)s together.", "一起拨打%(number)s。", "zh_CN"),
    ],
)  # fmt: skip
def test_numbers_as_words_the_english_has_pass(english, translation, language):
    """Not refused as words (a number the English writes in digits is still wanted in
    digits by the number check: "number 2 missing or changed")."""
    found = problems(english, translation, language, urgency="instruction")
    assert not any("write numbers in digits" in p for p in found), found
    if not any(char.isdigit() for char in english):
        assert found == []


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "Evite llamar al %(number)s. Diga: «Mi hijo recibe tratamiento para la leucemia»."),
        ("es", "Deje de llamar al %(number)s. Diga: «Mi hijo recibe tratamiento para la "
         "leucemia»."),
        ("es", "Absténgase de llamar al %(number)s. Diga: «Mi hijo recibe tratamiento para la "
         "leucemia»."),
        ("es", "Es innecesario llamar al %(number)s. Diga: «Mi hijo recibe tratamiento para la "
         "leucemia»."),
        ("fr", "Évitez d'appeler le %(number)s. Dites : « Mon enfant est soigné pour une "
         "leucémie. »"),
        ("fr", "Inutile d'appeler le %(number)s. Dites : « Mon enfant est soigné pour une "
         "leucémie. »"),
        ("pt_BR", "Evite ligar para o %(number)s. Diga: “Meu filho está em tratamento de "
         "leucemia.”"),
        ("ru", "Незачем звонить по номеру %(number)s. Скажите: «Мой ребёнок лечится от "
         "лейкоза»."),
        ("ru", "Воздержитесь от звонка по номеру %(number)s. Скажите: «Мой ребёнок лечится от "
         "лейкоза»."),
        ("zh_CN", "甭拨打%(number)s。请说：“我的孩子正在接受白血病治疗。”"),
        ("zh_CN", "莫拨打%(number)s。请说：“我的孩子正在接受白血病治疗。”"),
        ("zh_CN", "免拨%(number)s。请说：“我的孩子正在接受白血病治疗。”"),
        ("zh_TW", "避免撥打%(number)s。請說：「我的孩子正在接受白血病治療。」"),
        ("vi", "Tránh gọi %(number)s. Hãy nói: “Con tôi đang được điều trị bệnh bạch cầu.”"),
        ("ar", "تجنب الاتصال بالرقم %(number)s. قل: «طفلي يتلقى علاجًا لسرطان الدم».\u200f"),
        ("ht", "Evite rele %(number)s. Di: “Pitit mwen ap trete pou lesemi.”"),
        ("km", "ជៀសវាងហៅលេខ %(number)s។ និយាយថា៖ «កូនខ្ញុំកំពុងព្យាបាលជំងឺមហារីកឈាម»។"),
    ],
)  # fmt: skip
def test_a_negative_verb_added_to_an_instruction_is_refused(language, translation):
    found = problems(CALL, translation, language, urgency="instruction")
    assert any("a negation added to an instruction of the plan turns it around" in p
               for p in found), found  # fmt: skip


def test_a_negative_verb_the_english_has_passes_and_counts_only_in_instructions():
    english = "Stop giving ibuprofen and call %(number)s."
    assert problems(english, "Deje de dar ibuprofeno y llame al %(number)s.", "es",
                    urgency="instruction") == []  # fmt: skip
    # Outside the plan's instructions "avoid" is an ordinary verb.
    assert problems("Keep your child away from people who are sick.",
                    "Evite que su hijo esté con personas enfermas.", "es",
                    urgency="urgent") == []  # fmt: skip


def test_a_negative_verb_added_to_a_call_sentence_of_an_urgent_page_is_refused():
    english = "Some signs mean your child needs emergency help. For any of these, call the " \
        "emergency number."  # fmt: skip
    hostile = (
        "Algunos signos quieren decir que su hijo necesita ayuda de emergencia. Ante "
        "cualquiera de ellos, evite llamar al número de emergencias."
    )
    found = problems(english, hostile, "es", urgency="urgent")
    assert any("a negation added to an instruction of the plan" in p for p in found), found


def test_every_complete_translation_lists_negative_verbs_and_the_table_checks_them(tmp_path):
    from allguide import languages

    table = languages.by_code()
    for code in COMPLETE_TRANSLATIONS:
        assert table[code].negative_verbs, code
    path = tmp_path / "languages.toml"
    rows = (
        '[[language]]\ncode = "en"\nname = "English"\nenglish = "English"\ndirection = "ltr"\n'
        'search = "en"\nreview = "source"\n'
    )
    path.write_text(rows + 'negative_verbs = ["evite", " deje de"]\n', encoding="utf-8")
    with pytest.raises(languages.LanguageTableError, match="negative_verbs must be"):
        languages.load(path)
