"""Time units, Chinese numerals and signs beside a number, as a reader of an urgent card
reads them: each attack that once passed check-po is refused, each way a language
rightly writes the number passes."""

from __future__ import annotations

import pytest

from allguide.catalogs import check_po
from allguide.catalogs.checks import numbers as number_check

POOP = "No poop for 2 days or more"
CALL_BACK = "If no one calls you back in 15 minutes, call again."
RANGE = "Wait 15 to 20 minutes."


def problems(english: str, translation: str, language: str) -> list[str]:
    return check_po.check_translation(english, translation, language=language)


# (name, english, translation, language, a message expected among the problems)
ATTACKS = [
    ("days became weeks", POOP, "No ha hecho popó en 2 semanas o más", "es",
     "time unit of 2 changed: the English has 2 days, the translation '2 semanas' (week)"),
    ("minutes became hours", CALL_BACK,
     "Si nadie le devuelve la llamada en 15 horas, llame otra vez.", "es",
     "time unit of 15 changed: the English has 15 minutes, the translation '15 horas'"),
    ("Russian days became weeks", POOP, "Нет стула 2 недели или дольше", "ru",
     "time unit of 2 changed: the English has 2 days, the translation '2 недели' (week)"),
    ("Arabic dual of weeks", POOP, "لم يتبرّز طفلك منذ أسبوعين (2) أو أكثر", "ar",
     "time unit of 2 changed: the English has 2 days"),
    ("Chinese days became months", POOP, "2个月或更久没有大便", "zh_CN",
     "time unit of 2 changed: the English has 2 days, the translation '2个月' (month)"),
    ("Khmer days became weeks", POOP, "មិនបានបត់ជើងធំ 2 សប្ដាហ៍ ឬយូរជាងនេះ", "km",
     "time unit of 2 changed: the English has 2 days"),
    ("a range's first number in hours", RANGE, "Espere de 15 horas a 20 minutos.", "es",
     "time unit of 15 changed: the English has 15 minutes, the translation '15 horas'"),
    ("a whole range in hours", RANGE, "等15到20小时。", "zh_CN",
     "time unit of 15 changed: the English has 15 minutes, the translation '15到20小时'"),
    ("unit dropped", POOP, "No ha hecho popó en 2 o más", "es",
     "time unit of 2 missing: the English has 2 days, the translation no word for day"),
    ("Chinese ten glued to a digit", POOP, "2十天或更久没有大便", "zh_CN",
     "Chinese numeral touches a digit in '2十'"),
    ("Chinese hundred glued to a digit", POOP, "2百天或更久没有大便", "zh_CN",
     "Chinese numeral touches a digit in '2百'"),
    ("Chinese thirty minutes", CALL_BACK, "15分钟内没人回电？那就等三十分钟再去急诊。", "zh_CN",
     "number 30 ('三十') is not in the English"),
    ("traditional Chinese two hundred", POOP, "2天或更久沒有大便，兩百天", "zh_TW",
     "number 200 ('兩百') is not in the English"),
    ("minus before a number", POOP, "No ha hecho popó en −2 días o más", "es",
     "a sign '−' before 2 is not in the English"),
    ("hyphen-minus before a number", POOP, "No ha hecho popó en -2 días o más", "es",
     "a sign '-' before 2 is not in the English"),
    ("less-than before a number", POOP, "No ha hecho popó en <2 días", "es",
     "a sign '<' before 2 is not in the English"),
    ("less-or-equal with a space", POOP, "No ha hecho popó en ≤ 2 días", "es",
     "a sign '≤' before 2 is not in the English"),
    ("approximately", CALL_BACK, "Si nadie le devuelve la llamada en ≈15 minutos, llame.", "es",
     "a sign '≈' before 15 is not in the English"),
    ("plus in Chinese", POOP, "+2天或更久没有大便", "zh_CN",
     "a sign '+' before 2 is not in the English"),
    ("minus before a placeholder", "A temperature of %(temperature)s or higher",
     "درجة حرارة −%(temperature)s أو أعلى", "ar",
     "a sign '−' before %(temperature)s is not in the English"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("english", "translation", "language", "expected"),
    [case[1:] for case in ATTACKS],
    ids=[case[0] for case in ATTACKS],
)
def test_a_changed_unit_numeral_or_sign_is_refused(english, translation, language, expected):
    found = problems(english, translation, language)
    assert any(expected in problem for problem in found), found


def test_a_sign_before_a_raw_placeholder_is_refused():
    """Read with its placeholders (as a caller that keeps them passes it), the sign is
    named with the placeholder it changes."""
    found = number_check.number_problems(
        "A temperature of %(temperature)s", "Una temperatura de ±%(temperature)s", "es"
    )
    assert "a sign '±' before %(temperature)s is not in the English" in found


@pytest.mark.parametrize(
    ("english", "translation", "language"),
    [
        (POOP, "No ha hecho popó en 2 días o más", "es"),
        (POOP, "Pas de selles depuis 2 jours ou plus", "fr"),
        (POOP, "Sem evacuar há 2 dias ou mais", "pt_BR"),
        (POOP, "Không đi cầu từ 2 ngày trở lên", "vi"),
        (POOP, "Ребёнок не ходит в туалет 2 дня или дольше", "ru"),
        ("No poop for 5 days", "Нет стула 5 дней", "ru"),
        ("No poop for more than 2 days", "нет стула больше 2 дней", "ru"),
        ("For 2 weeks", "В течение 2 недель", "ru"),
        (POOP, "لم يتبرّز طفلك منذ يومين (2) أو أكثر", "ar"),
        (POOP, "لم يتبرّز طفلك منذ 2 يومًا أو أكثر", "ar"),
        (POOP, "2天或更久没有大便", "zh_CN"),
        (POOP, "2日或更久没有大便", "zh_CN"),
        ("For 2 weeks", "2个星期", "zh_CN"),
        ("For 2 weeks", "2週", "zh_TW"),
        ("For 2 hours", "2個小時", "zh_TW"),
        (CALL_BACK, "15分钟内没人给您回电话，再打一次。", "zh_CN"),
        (CALL_BACK, "15分鐘內沒有回電，再打一次。", "zh_TW"),
        (RANGE, "等 15 到 20 分钟。", "zh_CN"),
        (RANGE, "Espere de 15 a 20 minutos.", "es"),
        (RANGE, "Подождите от 15 до 20 минут.", "ru"),
        (RANGE, "រង់ចាំ 15 ទៅ 20 នាទី។", "km"),
        (POOP, "មិនបានបត់ជើងធំ 2 ថ្ងៃ ឬយូរជាងនេះ", "km"),
        ("Children 25 years old", "25岁的孩子", "zh_CN"),
        ("Children 25 years old", "trẻ 25 tuổi", "vi"),
        ("Children 25 years old", "carruurta 25 jir ah", "so"),
        ("15 to 20 out of every 100", "每100个孩子中有15到20个", "zh_CN"),
        ("A fever is very important.", "发烧十分重要。", "zh_CN"),
        ("Some children, together.", "一些孩子一起。", "zh_CN"),
        ("Approved in 2024.", "2024年批准。", "zh_CN"),
        ("Dates: 2026-11-27", "Fechas: 2026-11-27", "es"),
        ("Below -2 is low", "Por debajo de -2 es bajo", "es"),
        ("Below -2 is low", "Por debajo de −2 es bajo", "es"),
        ("15 to 20", "15～20", "zh_CN"),
    ],
)  # fmt: skip
def test_the_unit_as_the_language_writes_it_passes(english, translation, language):
    assert problems(english, translation, language) == []


def test_haitian_creole_has_no_cldr_unit_names_and_is_skipped():
    """CLDR gives Haitian Creole no unit names (Babel falls back to the root's "2 d"):
    the unit check is off for it rather than refusing every correct translation."""
    assert number_check._time_unit_words("ht") is None
    assert problems(POOP, "Li pa fè kaka depi 2 jou oswa plis", "ht") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("等三十分钟", [("30", "三十")]),
        ("等十分钟", [("10", "十")]),
        ("十分重要", []),  # 十分 before anything but 钟 is "very"
        ("三十分", [("30", "三十")]),  # another run before 分 is a number (points or minutes)
        ("千万不要等", []),  # "by all means"
        ("万一发烧", []),  # "in case"
        ("一两天", []),  # "a day or two": 一 and 两, two words
        ("几十个", []),  # "tens of": no definite number
        ("百分之十五", [("15", "十五")]),  # 百分之 is the percent sign
        ("二〇二四年", [("2024", "二〇二四")]),
        ("一千零五", [("1005", "一千零五")]),
    ],
)
def test_chinese_numerals_read_as_numbers_or_words(text, expected):
    assert number_check._cjk_numbers(text) == expected
