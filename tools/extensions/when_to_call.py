"""The "When to call" panel: three levels of urgency, what to do, and the clinic's numbers.

A page places it with a `when-to-call` directive. Its words are interface messages
(sphinx.po), translated once for the three pages that show it. It is filled in when a
page is written: a clinic's handouts print the clinic profile's fever temperature and
emergency number; the site and the public handouts print a line to fill in by hand.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from interface_nodes import N_, interface_paragraph, left_to_right

TITLE = N_("When to call")
EMERGENCY = N_("Get emergency help now")
EMERGENCY_SIGNS = [
    N_("Trouble breathing"),
    N_("A seizure (fit)"),
    N_("Bleeding that will not stop"),
    N_("Very hard to wake up"),
]
EMERGENCY_NUMBER = N_("Emergency number: %(number)s")
CALL_NOW = N_("Call the care team now, day or night")
CALL_NOW_SIGNS = [
    N_("A fever of %(temperature)s or higher"),
    N_("Chills or shaking"),
    N_("New bruises or tiny red spots on the skin"),
    N_("A bad headache or vomiting"),
    N_("Pain or swelling in a testicle"),
    N_("Not drinking"),
]
STEPS = N_("What to do")
STEP_LIST = [
    N_("Take your child's temperature."),
    N_("Call the care team's after-hours number."),
    N_("Say: “My child has relapsed ALL and is on treatment.”"),
]
NEXT_VISIT = N_("Tell the team at the next visit")
NEXT_VISIT_ITEMS = [
    N_("Questions about medicines or treatment"),
    N_("Changes in eating, sleeping or mood"),
    N_("Worries at home or at school"),
]
# Printed where a clinic profile gives no value, to fill in by hand.
BLANK = "________"


class when_to_call(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes so
    """Where the panel goes; replaced when the page is written."""


class WhenToCall(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [when_to_call()]


def _list(messages: list[str], language: str, ordered: bool = False, **values: str):
    items = nodes.enumerated_list(enumtype="arabic") if ordered else nodes.bullet_list()
    for message in messages:
        wanted = {key: value for key, value in values.items() if f"%({key})s" in message}
        item = nodes.list_item()
        item += interface_paragraph(message, language, **wanted)
        items += item
    return items


def panel(language: str, temperature: str, emergency_number: str) -> nodes.container:
    """The panel's nodes, in the page language, with the clinic's values or blanks."""
    box = nodes.container(classes=["when-to-call"])
    box += interface_paragraph(TITLE, language, classes=("when-to-call-title",))
    levels = [
        ("emergency", EMERGENCY, _list(EMERGENCY_SIGNS, language)),
        ("call-now", CALL_NOW, _list(CALL_NOW_SIGNS, language, temperature=temperature)),
        ("next-visit", NEXT_VISIT, _list(NEXT_VISIT_ITEMS, language)),
    ]
    for name, heading, items in levels:
        level = nodes.container(classes=["when-to-call-level", f"level-{name}"])
        level += interface_paragraph(heading, language, classes=("when-to-call-heading",))
        level += items
        if name == "emergency":
            level += interface_paragraph(
                EMERGENCY_NUMBER,
                language,
                classes=("when-to-call-number",),
                number=emergency_number,
            )
        if name == "call-now":
            level += interface_paragraph(STEPS, language, classes=("when-to-call-steps",))
            level += _list(STEP_LIST, language, ordered=True)
        box += level
    return box


def clinic_values(clinic) -> tuple[str, str]:
    """(fever temperature, emergency number) of a clinic profile, or lines to fill in.
    "38 °C" and "911" read left to right inside Arabic text too."""
    temperature = clinic.fever_temperature if clinic else ""
    number = clinic.emergency_number if clinic else ""
    return (
        left_to_right(temperature) if temperature else BLANK,
        left_to_right(number) if number else BLANK,
    )


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # A clinic's handout builder knows the profile (handouts/builder.py); the site never.
    temperature, number = clinic_values(getattr(app.builder, "clinic", None))
    placeholders = list(doctree.findall(when_to_call))
    for number_seen, placeholder in enumerate(placeholders):
        if number_seen and app.builder.name == "handouts":
            # A handout of several pages prints the panel once, where it first appears.
            placeholder.parent.remove(placeholder)
            continue
        placeholder.replace_self(panel(app.config.language, temperature, number))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(when_to_call)
    app.add_directive("when-to-call", WhenToCall)
    app.connect("doctree-resolved", on_doctree_resolved)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
