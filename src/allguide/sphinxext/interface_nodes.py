"""Interface messages (sphinx.po) as docutils nodes, and values set inside them.

Used by the handouts listing (allguide/handouts/site_listing.py) and the when-to-call panel
(allguide/sphinxext/when_to_call.py). A message still untranslated is marked the way Sphinx
marks a page message left in English, so the page's notice and lang="en" follow.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.locale import get_translation

from allguide import upstream

_ = get_translation("sphinx")


def N_(message: str) -> str:
    """Mark a message for the interface catalog; it is translated when a page is written."""
    return message


# The marks left_to_right puts around a run: layout, never part of a value or a name.
ISOLATE_MARKS = re.compile("[\u2066-\u2069]")


def left_to_right(text: str) -> str:
    """Text that reads left to right, whole, inside any sentence (a phone number in Arabic).

    Unicode's isolate marks (LRI ... PDI), because WeasyPrint does not support the CSS
    `unicode-bidi` property, so neither <bdi> nor dir="ltr" isolates inline text.
    """
    return f"\u2066{text}\u2069"


def interface_paragraph(
    message: str, language: str, *, link: str = "", classes: tuple[str, ...] = (), **values: str
) -> nodes.paragraph:
    """A paragraph of `message` in `language`, its %(name)s filled from `values`.

    `language` is the page's language (Sphinx's catalogs are loaded for it) or "en": a
    bilingual sheet's English column asks for the English.
    """
    translated = message if language == "en" else str(_(message))
    text = translated % values if values else translated
    content = nodes.reference("", text, refuri=link) if link else nodes.Text(text)
    paragraph = nodes.paragraph("", "", content, classes=list(classes))
    if translated == message and language != "en":
        upstream.mark_left_in_english(paragraph)
    return paragraph
