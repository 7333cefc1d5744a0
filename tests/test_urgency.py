"""One urgency per sign: the when-to-call table is the only place a sign gets its level.

The panel, the card and the bilingual card are built from when_to_call.SIGNS. The pages'
own words are English prose, read here sentence by sentence: a sentence that names a
level ("right away", "during the day", "call the emergency number"...) may name only
signs of that level, and a lead-in sentence ending with a colon gives its level to the
list after it. The figure's labels are checked against the levels of their boxes.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from conftest import DOCS
from markdown_it import MarkdownIt

import when_to_call

FIGURE_LEVELS = {
    "emergency-signs": "emergency",
    "call-now-signs": "call-now",
    "next-visit-items": "next-visit",
}


def _compiled(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


SIGN_PATTERNS = [(sign, _compiled(sign.mentions)) for sign in when_to_call.SIGNS]
LEVEL_PATTERNS = {level: _compiled(words) for level, words in when_to_call.LEVEL_WORDS.items()}


def signs_in(text: str) -> dict[str, set[str]]:
    """Each level whose signs the text names, with the words that named them."""
    found: dict[str, set[str]] = defaultdict(set)
    for sign, pattern in SIGN_PATTERNS:
        for match in pattern.finditer(text):
            found[sign.level].add(match.group(0))
    return found


def levels_in(text: str) -> set[str]:
    return {level for level, pattern in LEVEL_PATTERNS.items() if pattern.search(text)}


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if part]


def conflicts(markdown: str) -> list[str]:
    """Every sentence (or list item under a lead-in) that gives a sign a level not its own."""
    problems = []
    lead_in_levels: set[str] = set()
    tokens = MarkdownIt().parse(markdown)
    for number, token in enumerate(tokens):
        if token.type == "bullet_list_close" or token.type == "ordered_list_close":
            lead_in_levels = set()
        if token.type != "inline":
            continue
        in_list = any(t.type == "list_item_open" for t in tokens[max(0, number - 2) : number])
        for sentence in sentences(token.content):
            stated = levels_in(sentence) or (lead_in_levels if in_list else set())
            for level, words in signs_in(sentence).items():
                if stated and level not in stated:
                    problems.append(f"{sorted(words)} is {level}, said {sorted(stated)}: {sentence!r}")
        if not in_list and token.content.rstrip().endswith(":"):
            lead_in_levels = levels_in(sentences(token.content)[-1])
    return problems


def test_every_sign_has_one_level_and_the_table_covers_the_levels():
    levels = [level.name for level in when_to_call.LEVELS]
    assert len(set(levels)) == len(levels) == 4
    messages = [sign.message for sign in when_to_call.SIGNS]
    assert len(set(messages)) == len(messages)
    for sign in when_to_call.SIGNS:
        assert sign.level in levels, sign
        assert sign.mentions, sign
    # A word that names a sign names one sign only, so it can never stand for two levels.
    for sign, pattern in SIGN_PATTERNS:
        others = [other for other, _ in SIGN_PATTERNS if other.level != sign.level]
        for other in others:
            assert not pattern.search(other.message), (sign.message, other.message)
    # Every level but the last has signs; the emergency and call-now levels act.
    assert {sign.level for sign in when_to_call.SIGNS} == set(levels)


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda path: path.stem)
def test_pages_give_each_sign_the_level_of_the_table(page):
    assert conflicts(page.read_text(encoding="utf-8")) == []


def test_figure_labels_put_each_sign_in_its_own_box():
    text = (DOCS / "symptoms.md").read_text(encoding="utf-8")
    labels = dict(re.findall(r"^([a-z-]+): (.+)$", text, re.MULTILINE))
    for slot, level in FIGURE_LEVELS.items():
        found = signs_in(labels[slot])
        assert set(found) <= {level}, (slot, dict(found))
        assert found, slot


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Call the care team right away for trouble breathing.", "is emergency"),
        ("Call the care team during the day for a fever.", "is call-now"),
        ("Tell the team at the next visit about new bruises.", "is call-now"),
        ("Call the care team during the day if you see:\n\n- pale skin;\n- a seizure.\n",
         "is emergency"),
        ("Get emergency help now for pain in the bones or joints.", "is call-today"),
    ],
    ids=["breathing", "fever", "bruises", "list", "bones"],
)  # fmt: skip
def test_a_sign_given_another_level_is_found(markdown, expected):
    """The check can fail: each of these gives a sign a level not its own."""
    problems = conflicts(markdown)
    assert problems and expected in problems[0], problems


def test_the_pages_as_written_agree():
    """The same check, on sentences that give signs their own levels, finds nothing."""
    markdown = (
        "Call the care team right away for a fever or new bruises.\n\n"
        "Call the emergency number for trouble breathing.\n\n"
        "Call during the day if you see:\n\n- pale skin;\n- swollen lymph nodes.\n"
    )
    assert conflicts(markdown) == []
