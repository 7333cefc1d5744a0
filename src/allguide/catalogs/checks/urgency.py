"""Urgent text (the "When to call" plan, its page and the pages a parent reads at night)
keeps every negation, and a sentence that tells a family to call or go gains none."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from allguide.catalogs import INTERFACE
from allguide.catalogs.checks.negations import NEGATION_OK, negation_problems

# Where a sentence ends, in the scripts of the guide's languages.
SENTENCE_END = re.compile(r"(?<=[.!?。！？។؟])\s*")


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


def flag_problems(flags: Iterable[str]) -> list[str]:
    """A translator may not waive the negation check on urgent text."""
    if NEGATION_OK in set(flags):
        return [
            f"'#, {NEGATION_OK}' is not allowed on urgent text (the \"When to call\" "
            "plan, its page and the symptoms page): remove it and keep each negation"
        ]
    return []


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in SENTENCE_END.split(text.strip()) if sentence]


def instruction_sentence_problems(english: str, translation: str, language: str | None):
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
