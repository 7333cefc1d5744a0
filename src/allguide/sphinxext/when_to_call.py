"""The "When to call" plan: four levels of urgency, each sign at one level, what to do.

A page places the panel with a `when-to-call` directive. Its words are interface messages
(sphinx.po), translated once for every page and handout that shows them. The signs are
defined once, in SIGNS, each with its level: the panel, the one-language card, the
bilingual card and the pages' own words all follow that table (tests/test_urgency.py
fails when a page gives a sign another level).

The panel is filled in when a page is written: a clinic's handouts print the clinic
profile's fever temperature and emergency number; the site and the public handouts print
the defaults below (38.0 °C / 100.4 °F, "or the fever temperature your care team gave
you", and 911). On a public handout each of those two numbers is also a `fillable_value`,
which the handouts write as a PDF form field over the printed default, so that a clinic
can type its own (handouts/form_fields.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from babel import UnknownLocaleError
from babel.numbers import get_decimal_symbol
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from allguide import upstream
from allguide.sphinxext.interface_nodes import (
    ISOLATE_MARKS,
    N_,
    interface_paragraph,
    left_to_right,
)


@dataclass(frozen=True)
class Level:
    name: str  # the CSS class: level-<name>
    heading: str


@dataclass(frozen=True)
class Sign:
    level: str
    message: str
    # How the English pages name this sign (regular expressions, case-insensitive), so a
    # test can check every page gives it this level and no other.
    mentions: tuple[str, ...] = ()


EMERGENCY = Level("emergency", N_("Get emergency help now"))
CALL_NOW = Level("call-now", N_("Call the care team now, day or night"))
CALL_TODAY = Level("call-today", N_("Call the care team during the day"))
NEXT_VISIT = Level("next-visit", N_("Tell the team at the next visit"))
# Most urgent first: the order of the panel, top to bottom.
LEVELS = (EMERGENCY, CALL_NOW, CALL_TODAY, NEXT_VISIT)

TITLE = N_("When to call")

# Each sign once, with its one level. A sign's words may name several signs of the same
# level (one line on the card), never signs of two levels.
SIGNS = (
    Sign(
        "emergency",
        N_("Trouble breathing, breathing very fast, or swelling of the face, lips or tongue"),
        (
            r"trouble breathing",
            r"breathing (?:very )?fast",
            r"\bdyspnea\b",
            r"swelling of the face, lips",
        ),
    ),
    Sign(
        "emergency",
        N_("Cold, damp skin, or gray or blue lips or skin"),
        (r"cold,? (?:and )?damp", r"gr[ae]y or blue", r"blue lips"),
    ),
    Sign(
        "emergency",
        N_("A temperature lower than normal"),
        (r"temperature lower than normal", r"low temperature"),
    ),
    Sign(
        "emergency",
        N_("A seizure (the body shakes or goes stiff)"),
        (r"\bseizures?\b", r"\bconvulsions?\b", r"\bfits?\b", r"goes stiff"),
    ),
    Sign(
        "emergency",
        N_("Very hard to wake up, limp or floppy, or new confusion"),
        (r"hard to wake", r"will not wake", r"\bconfusion\b", r"\bconfused\b", r"\bfloppy\b"),
    ),
    Sign(
        "emergency",
        N_("Faints, or is too dizzy to stand"),
        (r"\bfaint(?:s|ing)?\b", r"too dizzy"),
    ),
    Sign(
        "emergency",
        N_("Weakness or drooping on one side of the face or body, or trouble speaking"),
        (r"weakness (?:or drooping )?on one side", r"trouble speaking"),
    ),
    Sign(
        "emergency",
        N_("Bleeding that will not stop, even when you press on it"),
        (r"bleeding that (?:will|does) not stop",),
    ),
    Sign(
        "emergency",
        N_("Very bad pain in the belly or chest"),
        (r"very bad pain", r"chest pain", r"pain in the (?:belly or )?chest"),
    ),
    Sign(
        "call-now",
        N_("A temperature of %(temperature)s or higher"),
        (r"\bfever", r"\bfebrile\b", r"high temperature", r"feels hot", r"temperature of \d"),
    ),
    Sign("call-now", N_("Chills or shaking"), (r"\bchills\b",)),
    Sign(
        "call-now",
        N_(
            "Central line or port: the skin around it is red, swollen or sore; it leaks; or "
            "the line is cracked, broken or pulled out"
        ),
        (r"central line", r"\bport\b"),
    ),
    Sign(
        "call-now",
        N_("New bruises or tiny red spots on the skin"),
        (r"\bbruises\b", r"\bpetechiae\b", r"tiny red spots"),
    ),
    Sign(
        "call-now",
        N_("Blood in pee, poop or throw-up, or black poop"),
        (r"blood in (?:pee|poop)", r"black poop"),
    ),
    Sign(
        "call-now",
        N_("A bad headache, or new trouble seeing (blurry or double vision)"),
        (r"headache", r"trouble seeing", r"how your child sees"),
    ),
    Sign(
        "call-now",
        N_("Throwing up (vomiting), not able to drink, or much less pee than usual"),
        (r"throwing up", r"vomiting", r"not able to drink", r"not drinking"),
    ),
    Sign(
        "call-now",
        N_("Pain or swelling in a testicle"),
        (r"testicle (?:may )?(?:get|gets|is) bigger", r"swelling in a testicle"),
    ),
    Sign("call-now", N_("New trouble walking"), (r"trouble walking",)),
    Sign(
        "call-now",
        N_("Sudden sleepiness, or seems sick or not like themselves, even with no fever"),
        (r"sudden sleepiness", r"not like themselves", r"sudden change in how"),
    ),
    Sign(
        "call-now",
        N_("Blinatumomab pump: it alarms, stops or leaks (never flush or unhook this line)"),
        (r"pump (?:alarms|stops|leaks)", r"\bpump\b.{0,20}\balarms\b"),
    ),
    Sign(
        "call-now",
        N_("Shaking hands (tremor) during blinatumomab or after CAR T-cell therapy"),
        (r"hands shake", r"shaking hands", r"\btremor\b"),
    ),
    Sign(
        "call-now",
        N_(
            "After a transplant or inotuzumab: yellow skin or eyes, a swollen belly, fast "
            "weight gain, pain under the right ribs, a new rash, or diarrhea"
        ),
        (
            r"yellow skin",
            r"new rash",
            r"\bdiarrhea\b",
            r"swollen belly",
            r"weight gain",
            r"right ribs",
        ),
    ),
    Sign(
        "call-today",
        N_("Pale skin, tiredness, pain in the bones or joints, or mild belly pain"),
        (r"pale skin", r"\btiredness\b", r"bones or joints", r"mild (?:belly pain|pain in)"),
    ),
    Sign(
        "call-today",
        N_("Swollen lymph nodes, or infections that keep coming back"),
        (r"swollen (?:\{term\}`)?lymph nodes", r"keep coming back"),
    ),
    Sign(
        "call-today",
        N_("Your child was near someone with chickenpox, shingles or measles"),
        (r"chickenpox", r"\bshingles\b", r"\bmeasles\b"),
    ),
    Sign("call-today", N_("No poop for 2 days or more"), (r"no poop",)),
    Sign(
        "next-visit",
        N_("Questions about medicines or treatment"),
        (r"questions about medicines",),
    ),
    Sign(
        "next-visit",
        N_("Slow changes in eating, sleeping or mood, and worries at home or at school"),
        (r"slow changes",),
    ),
)

# The words that give a level in the pages' prose (the English), for the same test.
LEVEL_WORDS = {
    "emergency": (r"emergency help", r"emergency number", r"an emergency\b", r"\b911\b"),
    "call-now": (r"right away", r"day or night", r"call the care team now"),
    "call-today": (r"during the day", r"\bdaytime\b", r"in the day\b"),
    "next-visit": (r"at the next visit",),
}

# The public edition's fever: both units, and the care team's own number first.
FEVER_PUBLIC = N_(
    "A temperature of %(temperature)s or higher, or the fever temperature your care team gave you"
)
DEFAULT_TEMPERATURE_C = 38.0
DEFAULT_EMERGENCY_NUMBER = "911"

# Under the title: how to use the plan (PEMAT-P item 25: say how to use a chart).
HOW_TO_USE = N_("Find your child's sign, starting at the top. Do what that box says.")
EMERGENCY_CALL = N_("Call %(number)s. Say: “My child is being treated for leukemia.”")
EMERGENCY_THEN = N_("Then tell the care team.")
STEPS = N_("What to do for a fever or any sign in this box")
# The short panel (`:short:`, for the one-page summary) leaves the steps to the card.
STEPS_ON_CARD = N_("What to do, step by step: see the card “When to Call for Help”.")
# The urgent panel (`:urgent:`, the card on paper) leaves out the levels that can wait.
OTHER_SIGNS = N_(
    "Signs that can wait for a call during the day or for the next visit are in the guide."
)
STEP_LIST = (
    N_("Take the temperature by mouth or under the arm, never in the bottom."),
    N_(
        "Do not give any medicine for fever or pain before you call. Never give ibuprofen "
        "or aspirin unless the care team says so."
    ),
    N_("Call the care team now (at night, the after-hours number). Do not wait for morning."),
    N_(
        "Say: “My child is being treated for leukemia that came back.” Give the "
        "temperature. Say if your child has a central line or port."
    ),
    N_(
        "No call back in 15 minutes? Call again. Still no answer? Go to the nearest "
        "emergency department now."
    ),
    N_("If your child gets worse while you wait, call %(number)s."),
)

# What a family is told to do: a negation added to one of these turns it around ("Call
# 911" as "Do not call 911"), so check-po refuses any the English does not have.
INSTRUCTIONS = (
    *(level.heading for level in LEVELS), HOW_TO_USE, EMERGENCY_CALL, EMERGENCY_THEN, STEPS,
    STEPS_ON_CARD, *STEP_LIST,
)  # fmt: skip
# Pages whose every sentence is urgent: check-po allows no negation-ok there, and a
# sentence that tells a family to call or to go (INSTRUCTION_WORDS) may not gain a "not".
URGENT_PAGES = ("when-to-call", "symptoms")
INSTRUCTION_WORDS = re.compile(r"\b(?:call|go to|get emergency help)\b", re.IGNORECASE)
# Sentences of the other pages that are urgent too: the fever rules and care at home.
URGENT_TOPICS = re.compile(
    r"\b(?:fever|temperature|ibuprofen|aspirin|pump|central line|port|emergency)\b",
    re.IGNORECASE,
)
# The care team box on the card and the summaries: what a parent dials from. A label
# with a "not" ("Phone (do not call at night)") would be read as part of the number's
# instructions.
# (Plain strings, not N_(): the handout templates mark them for the catalogs.)
CARD_LABELS = ("Your child's care team", "Phone", "After-hours phone", "Read this online:")


def plan_messages() -> tuple[str, ...]:
    """Every message of the plan, in the interface catalog: urgent text."""
    return (TITLE, *INSTRUCTIONS, *(sign.message for sign in SIGNS), FEVER_PUBLIC, OTHER_SIGNS)


@dataclass(frozen=True)
class PlanValues:
    """The numbers printed in the panel: the clinic's, or the public defaults."""

    temperature: str  # both units, e.g. "38.0 °C (100.4 °F)"
    emergency_number: str
    from_clinic: bool


def decimal_sign(language: str) -> str:
    """The language's decimal sign with Latin digits (CLDR, through Babel)."""
    try:
        return get_decimal_symbol(language, numbering_system="latn")
    except (ValueError, UnknownLocaleError):
        return "."


def _decimal(value: float, language: str) -> str:
    """One decimal, with the language's decimal sign, Latin digits."""
    return f"{value:.1f}".replace(".", decimal_sign(language))


def temperature_text(value: float, unit: str, language: str) -> str:
    """'38.0 °C (100.4 °F)': families read either scale, and thermometers show one. The
    clinic's own scale comes first, as it wrote it."""
    if unit == "F":
        other, other_unit = (value - 32) * 5 / 9, "C"
    else:
        other, other_unit = value * 9 / 5 + 32, "F"
    return f"{_decimal(value, language)} °{unit} ({_decimal(other, language)} °{other_unit})"


def plan_values(clinic, language: str) -> PlanValues:
    """The clinic profile's fever temperature and emergency number, or the defaults."""
    fever = clinic.fever if clinic else None
    return PlanValues(
        temperature=temperature_text(*(fever or (DEFAULT_TEMPERATURE_C, "C")), language),
        emergency_number=(clinic and clinic.emergency_number) or DEFAULT_EMERGENCY_NUMBER,
        from_clinic=fever is not None,
    )


class fillable_value(nodes.Inline, nodes.TextElement):  # noqa: N801 - as docutils names
    """A number of the plan printed as its default, which a clinic may type its own over
    on a public handout: `name` is the clinic profile's field, `label` what a screen
    reader says of it (the sentence it is in). The handouts write it (form_fields.py);
    nothing else sees one."""


# The numbers of a public handout's plan that are form fields, named as the clinic
# profile's fields (clinic_profile.py). The temperature is two fields, one per unit
# ("38.0 °C" and "(100.4 °F)"): as one, it could not break between them, and the
# one-page summary's Spanish ran onto a second page.
EMERGENCY_FIELD = "emergency_number"
FEVER_FIELDS = ("fever_temperature", "fever_temperature_converted")


def _fillable_parts(
    values: PlanValues, fever_suffix: str
) -> dict[str, list[tuple[str, str] | str]]:
    """What replaces each printed default number (as it is printed, isolated): its
    fields, as (name, the text under it), and the text between them."""
    first, _space, converted = values.temperature.partition(" (")
    fever_names = [name + fever_suffix for name in FEVER_FIELDS]
    return {
        left_to_right(values.emergency_number): [
            (EMERGENCY_FIELD, left_to_right(values.emergency_number))
        ],
        left_to_right(values.temperature): [
            (fever_names[0], left_to_right(first)),
            " ",
            (fever_names[1], left_to_right("(" + converted)),
        ],
    }


def _left_to_right_box(*children: nodes.Node) -> nodes.inline:
    """Boxes that read left to right in any line: "38.0 °C (100.4 °F)" on an Arabic page,
    as the isolate marks keep it when it is text. WeasyPrint 70 lays out the boxes of a
    right-to-left inline in reverse, so the fields' boxes need a left-to-right inline
    (the class "ltr" of ltr_runs.py: print.css gives it `direction: ltr`)."""
    return nodes.inline("", "", *children, classes=["ltr"])


def _make_fillable(box: nodes.Element, values: PlanValues, fever_suffix: str) -> None:
    """Each printed default number in `box` becomes fillable_values in its sentence,
    read aloud as the sentence."""
    for printed, replacement in _fillable_parts(values, fever_suffix).items():
        # Every text of the panel, again for each number: a sentence may hold both.
        for text in list(box.findall(nodes.Text)):
            if printed not in text or _in_field(text):
                continue
            sentence = text.parent
            label = ISOLATE_MARKS.sub("", sentence.astext())
            parts: list[nodes.Node] = []
            for number, piece in enumerate(str(text).split(printed)):
                if number:  # the number printed between two pieces of the sentence
                    parts.append(_fields(replacement, label))
                if piece:
                    parts.append(nodes.Text(piece))
            sentence.replace(text, parts)


def _in_field(node: nodes.Node) -> bool:
    """Whether `node` is a field's own printed number (already made fillable)."""
    while node is not None:
        if isinstance(node, fillable_value):
            return True
        node = node.parent
    return False


def _fields(replacement: list[tuple[str, str] | str], label: str) -> nodes.Node:
    fields: list[nodes.Node] = []
    for part in replacement:
        if isinstance(part, str):
            fields.append(nodes.Text(part))
        else:
            name, shown = part
            fields.append(fillable_value("", shown, name=name, label=label))
    return _left_to_right_box(*fields) if len(fields) > 1 else fields[0]


class when_to_call(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes so
    """Where the panel goes; replaced when the page is written."""


class WhenToCall(SphinxDirective):
    """The panel's form on paper: "full" (every level), `:urgent:` (the two levels that
    cannot wait, with the steps: the card), `:short:` (those two levels, their signs on
    one line each, the steps left to the card: the one-page summary). The site always
    shows "full"."""

    has_content = False
    option_spec = {"short": directives.flag, "urgent": directives.flag}

    def run(self) -> list[nodes.Node]:
        form = (
            "short" if "short" in self.options else "urgent" if "urgent" in self.options else "full"
        )
        return [when_to_call(form=form)]


def _item(message: str, language: str, **values: str) -> nodes.list_item:
    wanted = {key: value for key, value in values.items() if f"%({key})s" in message}
    item = nodes.list_item()
    item += interface_paragraph(message, language, **wanted)
    return item


def _signs(level: Level, language: str, values: PlanValues, short: bool) -> nodes.Element:
    """The level's signs as a list, or (short) as one paragraph, the signs set apart by
    middle dots: the one-page summary has room for the words, not for a list."""
    items = nodes.bullet_list()
    for sign in SIGNS:
        if sign.level != level.name:
            continue
        message = sign.message
        if "%(temperature)s" in message and not values.from_clinic:
            message = FEVER_PUBLIC
        items += _item(message, language, temperature=left_to_right(values.temperature))
    if not short:
        return items
    line = nodes.paragraph(classes=["when-to-call-signs"])
    for number, item in enumerate(items.children):
        paragraph = item[0]
        if number:
            line += nodes.Text(" · ")
        words = nodes.inline("", "", *paragraph.children)
        if upstream.left_in_english(paragraph):
            upstream.mark_left_in_english(words)
        line += words
    return line


def panel(
    language: str,
    values: PlanValues,
    form: str = "full",
    *,
    fillable: bool = False,
    fever_suffix: str = "",
) -> nodes.container:
    """The panel's nodes, in `language`, with the clinic's numbers or the defaults, in
    one of the forms WhenToCall names ("full", "urgent" or "short"). `fillable`: the
    defaults are form fields (a public handout), named as the profile's fields; the
    fever's name ends in `fever_suffix` on a bilingual sheet's English side, whose
    decimal sign may differ from the other side's (38.0 and 38,0), the emergency number
    being one field on both sides."""
    short = form == "short"
    box = nodes.container(classes=["when-to-call"])
    box += interface_paragraph(TITLE, language, classes=("when-to-call-title",))
    box += interface_paragraph(HOW_TO_USE, language, classes=("when-to-call-how",))
    number = left_to_right(values.emergency_number)
    for level in LEVELS if form == "full" else LEVELS[:2]:
        part = nodes.container(classes=["when-to-call-level", f"level-{level.name}"])
        part += interface_paragraph(level.heading, language, classes=("when-to-call-heading",))
        part += _signs(level, language, values, short)
        if level is EMERGENCY:
            for message in (EMERGENCY_CALL, EMERGENCY_THEN):
                part += interface_paragraph(
                    message, language, classes=("when-to-call-number",), number=number
                )
        if level is CALL_NOW and short:
            part += interface_paragraph(STEPS_ON_CARD, language, classes=("when-to-call-steps",))
        elif level is CALL_NOW:
            # The steps belong to this level: inside its box, after its signs.
            part += interface_paragraph(STEPS, language, classes=("when-to-call-steps",))
            steps = nodes.enumerated_list(enumtype="arabic", classes=["when-to-call-step-list"])
            for step in STEP_LIST:
                steps += _item(step, language, number=number)
            part += steps
        box += part
    if form == "urgent":
        box += interface_paragraph(OTHER_SIGNS, language, classes=("when-to-call-other",))
    if fillable:
        _make_fillable(box, values, fever_suffix)
    return box


# A handout's pages say they are printed, and for which clinic (its profile, or None for
# blank lines to fill in), with these attributes of the document whose references are
# resolved (handouts/builder.py). Not the builder: inside the site build, the builder
# resolving a handout's references is the site's. A site page has neither.
PRINTED = "handout"
CLINIC = "clinic"


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    printed = doctree.get(PRINTED, False)
    values = plan_values(doctree.get(CLINIC), app.config.language)
    placeholders = list(doctree.findall(when_to_call))
    for number_seen, placeholder in enumerate(placeholders):
        if number_seen and printed:
            # A handout of several pages prints the panel once, where it first appears.
            placeholder.parent.remove(placeholder)
            continue
        # The shorter forms are for paper, where a handout has one page; the site's pages
        # show the whole plan.
        form = placeholder.get("form", "full") if printed else "full"
        fillable = printed and doctree.get(CLINIC) is None
        placeholder.replace_self(panel(app.config.language, values, form=form, fillable=fillable))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(when_to_call)
    # Written by the handouts only (form_fields.py registers its HTML).
    app.add_node(fillable_value)
    app.add_directive("when-to-call", WhenToCall)
    app.connect("doctree-resolved", on_doctree_resolved)
    return {
        "version": "2.1",
        # The placeholder node's attributes (its form) changed: cached environments from
        # an older version are read again.
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
