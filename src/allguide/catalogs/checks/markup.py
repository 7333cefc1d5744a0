"""HTML a translation adds: tags, comments and character references (&#60; is "<")."""

from __future__ import annotations

import re
from collections import Counter

from allguide.catalogs.checks import structure

# A tag as a browser starts reading one (even unclosed), a comment, a character reference
# with or without its semicolon (&#60 is "<" to a browser), or a named entity.
HTML_TAG = re.compile(
    r"<[/!?]?[A-Za-z][^<>]*>?|<!--|&#(?:[0-9]+|[xX][0-9A-Fa-f]+);?|&[A-Za-z][A-Za-z0-9]*;"
)


def _markup(text: str) -> Counter[str]:
    """HTML tags and character references, in role texts too but not in role targets."""
    shown = structure.ROLE.sub(lambda role: f" {structure.role_text(role['body'])[0]} ", text)
    return Counter(HTML_TAG.findall(shown))


def html_problems(english: str, translation: str) -> list[str]:
    return [
        f"HTML markup {tag!r} is not allowed in a translation"
        for tag in sorted(_markup(translation) - _markup(english))
    ]
