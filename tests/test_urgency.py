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

import polib
import pytest
from markdown_it import MarkdownIt

from allguide.sphinxext import when_to_call

from conftest import DOCS, ROOT, TRANSLATIONS

FIGURE_LEVELS = {
    "emergency-signs": "emergency",
    "call-now-signs": "call-now",
    "next-visit-items": "next-visit",
}


def _compiled(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


SIGN_PATTERNS = [(sign, _compiled(sign.mentions)) for sign in when_to_call.SIGNS]
LEVEL_PATTERNS = {level: _compiled(words) for level, words in when_to_call.LEVEL_WORDS.items()}
# Words that let a sign wait. "Do not wait" and its kin are urgent, so they go first.
URGENT_NO_WAIT = re.compile(
    r"\b(?:do not|don't|never|not|no need to|without) (?:need to )?wait(?:ing)?\b"
    r"(?: (?:for|until) (?:the )?(?:next (?:visit|appointment)|morning))?",
    re.I,
)
WAITS = _compiled(
    [
        r"can wait",
        r"no need to",
        r"(?:do not|don't) need to",
        r"not an emergency",
        r"not urgent",
        r"in the morning",
        r"tomorrow",
        r"next (?:visit|appointment|check ?up)",
        r"office hours",
        r"a day or two",
        r"and see if",
        r"wait (?:and|until|for)",
    ]
)
WAITS_PAST_A_VISIT = _compiled([r"next (?:visit|appointment|check ?up)", r"can wait"])


def plain(text: str) -> str:
    """The words as a reader sees them: no emphasis marks, soft hyphens or role brackets;
    hyphens read as spaces."""
    text = text.replace("\u00ad", "").replace("-", " ").replace("\u2011", " ")
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def signs_in(text: str) -> dict[str, set[str]]:
    """Each level whose signs the text names, with the words that named them."""
    found: dict[str, set[str]] = defaultdict(set)
    for sign, pattern in SIGN_PATTERNS:
        for match in pattern.finditer(plain(text)):
            found[sign.level].add(match.group(0))
    return found


def levels_in(text: str) -> set[str]:
    return {level for level, pattern in LEVEL_PATTERNS.items() if pattern.search(plain(text))}


def waits_in(text: str) -> bool:
    return bool(WAITS.search(URGENT_NO_WAIT.sub(" ", plain(text))))


def sentences(text: str) -> list[str]:
    # Abbreviations end no sentence.
    protected = re.sub(r"\b(e\.g|i\.e|etc)\.", lambda m: m.group(1).replace(".", ""), text)
    return [part for part in re.split(r"(?<=[.!?;])\s+", " ".join(protected.split())) if part]


def _problems(sentence: str, stated: set[str]) -> list[str]:
    problems = []
    for level, words in signs_in(sentence).items():
        if stated and level not in stated:
            problems.append(f"{sorted(words)} is {level}, said {sorted(stated)}: {sentence!r}")
        urgent = level in ("emergency", "call-now")
        waiting = (
            waits_in(sentence)
            if urgent
            else (
                level == "call-today"
                and bool(WAITS_PAST_A_VISIT.search(URGENT_NO_WAIT.sub(" ", plain(sentence))))
            )
        )
        if waiting:
            problems.append(f"{sorted(words)} is {level}, told to wait: {sentence!r}")
    return problems


def _texts_of_fence(content: str) -> list[str]:
    """What a directive's body prints: option values (alt text), labels and captions."""
    texts = []
    for line in content.splitlines():
        line = re.sub(r"^:?[a-z-]+:\s", "", line.strip())
        if line:
            texts.append(line)
    return texts


def conflicts(markdown: str) -> list[str]:
    """Every sentence (or list item under a lead-in or heading) that gives a sign a level
    not its own, or tells a family to wait with a sign that cannot wait."""
    problems = []
    tokens = MarkdownIt().parse(markdown)
    heading_levels: set[str] = set()
    lead_in_levels: set[str] = set()
    list_depth = 0
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
            continue
        if token.type == "heading_close":
            in_heading = False
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        if token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0:
                lead_in_levels = set()
        if token.type == "fence":
            for text in _texts_of_fence(token.content):
                for sentence in sentences(text):
                    problems += _problems(sentence, levels_in(sentence))
            continue
        if token.type != "inline":
            continue
        if in_heading:
            heading_levels = levels_in(token.content)
            problems += _problems(token.content, heading_levels)
            continue
        for sentence in sentences(token.content):
            inherited = lead_in_levels if list_depth else heading_levels
            problems += _problems(sentence, levels_in(sentence) or inherited)
        if not list_depth:
            # A paragraph before a list gives its level to the list's items.
            last = sentences(token.content)[-1] if token.content.strip() else ""
            lead_in_levels = levels_in(last) or heading_levels
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
    # Each box's heading is its level's own heading (a swapped heading would move signs).
    headings = {level.name: level.heading for level in when_to_call.LEVELS}
    for slot in ("emergency", "call-now", "next-visit"):
        assert labels[slot] == headings[slot], (slot, labels[slot])


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Call the care team right away for trouble breathing.", "is emergency"),
        ("Call the care team during the day for a fever.", "is call-now"),
        ("Tell the team at the next visit about new bruises.", "is call-now"),
        ("Call the care team during the day if you see:\n\n- pale skin;\n- a seizure.\n",
         "is emergency"),
        ("Get emergency help now for pain in the bones or joints.", "is call-today"),
        # What the attacker of issue 17's checks got through, and a variant of each.
        ("A seizure is not an emergency.", "told to wait"),
        ("You do not need to call right away for a fever: call during the day.", "told to wait"),
        ("A fever at night can wait. Let your child sleep.", "told to wait"),
        ("If your child has a fit, tell the team at the next visit.", "told to wait"),
        ("Tell the team at the *next* visit about a seizure.", "told to wait"),
        ("Tell the team at the next-visit about chest pain.", "told to wait"),
        ("Call the care team during the day for any of these, e.g. a seizure.", "is emergency"),
        ("## Tell the team at the next visit\n\nSeizures, confusion and chest pain.\n",
         "is emergency"),
        ("**Call during the day if you see**\n\n- a fever\n- a seizure\n", "is call-now"),
        ("```{note}\nA fever or a seizure can wait: call the care team during the day.\n```\n",
         "told to wait"),
        ("Swollen lymph nodes can wait until the next visit.", "told to wait"),
        ("Give fever medicine and see if it goes down before you call about a fever.",
         "told to wait"),
    ],
    ids=["breathing", "fever", "bruises", "list", "bones", "denial", "no-need", "can-wait",
         "fit", "emphasis", "hyphen", "abbreviation", "heading", "bold-lead-in", "directive",
         "day-to-visit", "see-if"],
)  # fmt: skip
def test_a_sign_given_another_level_is_found(markdown, expected):
    """The check can fail: each of these gives a sign a level not its own."""
    problems = conflicts(markdown)
    assert any(expected in problem for problem in problems), problems


def test_the_pages_as_written_agree():
    """The same check, on sentences that give signs their own levels, finds nothing."""
    markdown = (
        "Call the care team right away for a fever or new bruises. Do not wait.\n\n"
        "Call the emergency number for trouble breathing.\n\n"
        "You do not need to wait for the next visit to call about a fever.\n\n"
        "Call during the day if you see:\n\n- pale skin;\n- swollen lymph nodes.\n"
    )
    assert conflicts(markdown) == []


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_each_level_has_one_name_in_every_language(code):
    """The figure's boxes and the panel name each level with the same words, so a family
    matching the picture to the card finds the same heading (a back-translation found
    two wordings of the emergency heading in one language)."""
    folder = ROOT / "locale" / code / "LC_MESSAGES"
    panel = polib.pofile(str(folder / "sphinx.po"))
    figure = polib.pofile(str(folder / "symptoms.po"))
    for level in when_to_call.LEVELS:
        in_figure = figure.find(level.heading)
        if in_figure is None:
            continue  # the picture has three boxes; the day level is the panel's only
        assert in_figure.msgstr == panel.find(level.heading).msgstr, (code, level.heading)
