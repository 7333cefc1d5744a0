"""Reading level: every English page at Flesch-Kincaid grade 6 and SMOG 8 or below."""

from __future__ import annotations

from allguide.devtools import readability


def test_every_page_reads_at_grade_six_and_smog_eight_or_below(english_site):
    scores = readability.score_site(english_site.out)
    assert len(scores) >= 10
    assert [score for score in scores if readability.too_hard(score)] == []


def test_glossary_definitions_count_but_headwords_do_not():
    html = """<article role="main"><h1>Glossary</h1><dl class="glossary">
      <dt id="term-x">acute lymphoblastic leukemia</dt><dd><p>A cancer of the blood</p></dd>
    </dl></article>"""
    text = readability.body_text(html)
    assert "lymphoblastic" not in text
    assert "A cancer of the blood." in text


def test_list_items_count_as_separate_sentences():
    html = '<article role="main"><ul><li><p>fever</p></li><li><p>bone pain</p></li></ul></article>'
    assert readability.body_text(html) == "fever. bone pain."


def test_hard_text_scores_above_the_limit():
    hard = (
        "<article role='main'><p>Pharmacokinetic heterogeneity notwithstanding, "
        "intensification of multiagent chemotherapeutic regimens substantially "
        "ameliorates hematological malignancy outcomes among adolescents "
        "experiencing extramedullary recurrence.</p></article>"
    )
    grade = readability.textstat.flesch_kincaid_grade(readability.body_text(hard))
    assert grade > readability.MAX_GRADE
