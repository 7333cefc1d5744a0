"""Read a translated message as Sphinx's MyST parser will; compare its structure to the English.

Sphinx parses a msgstr on its own, as a whole document, with the project's MyST parser,
and keeps only the first block (sphinx.transforms.i18n): a second paragraph is dropped
without a word, and a first block that is not a paragraph makes the page keep its English.
Directives run while the msgstr is parsed, whichever block they are in: a tilde-fenced
`{include}` published a local file. So this module parses both texts with
myst_parser's own `create_md_parser` and conf.py's `myst_*` settings, and compares what
came out: blocks, then every construct (role, link, image, footnote, directive...)
wherever it is.

A construct that is not in the English is refused: nothing a translator adds can run,
fetch or point anywhere. This is our own check; no catalog tool reads MyST.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from allguide import upstream
from allguide.project import Project, current

# Used if conf.py cannot be read: the setting this project's safety depends on.
FALLBACK_SETTINGS = {"disable_syntax": ["html_inline", "html_block"]}
# A role as written, {term}`fiebre <fever>`: where the other checks look for its text.
ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<body>[^`]*)`")
# {term}`fiebre <fever>`: the target is the last <...> of the role's text.
ROLE_TARGET = re.compile(r"<([^<>]+)>\s*$")
# Spans whose number must match the English (a translation may move them, not drop them).
COUNTED = {
    "strong_open": "strong emphasis (**…**)",
    "em_open": "emphasis (*…*)",
    "code_inline": "code (`…`)",
}
# Pieces of structure that say nothing by themselves: the constructs are their parents.
PLAIN = {
    "inline", "text", "softbreak", "paragraph_open", "list_item_open", "thead_open",
    "tbody_open", "tr_open", "th_open", "td_open", "footnote_anchor", "footnote_open",
    "footnote_block_open",
}  # fmt: skip


def _settings() -> dict:
    """conf.py's myst_* settings that the parser reads (MdParserConfig's fields)."""
    return _settings_of(current())


@cache
def _settings_of(project: Project) -> dict:
    fields = upstream.myst_setting_names()
    try:
        conf = project.settings()
    except (OSError, SyntaxError):
        return dict(FALLBACK_SETTINGS)
    settings = {
        name.removeprefix("myst_"): value
        for name, value in conf.items()
        if name.startswith("myst_") and name.removeprefix("myst_") in fields
    }
    return settings or dict(FALLBACK_SETTINGS)


@cache
def parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """Sphinx's parser, and the same one accepting every link.

    markdown-it leaves `[x](javascript:...)`, `<file:...>` and `![x](file:///...)` as
    plain text; the second parser reads them as the links and images they were meant to
    be, so that they are reported as such.
    """
    sphinx_parser = upstream.myst_markdown_parser(_settings(), RendererHTML)
    every_link = upstream.myst_markdown_parser(_settings(), RendererHTML)
    every_link.validateLink = lambda url: True
    return sphinx_parser, every_link


def role_text(body: str) -> tuple[str, str]:
    """What a role shows and what it points to: `fiebre <fever>` -> (fiebre, fever)."""
    target = ROLE_TARGET.search(body)
    if target:
        return body[: target.start()].strip(), target[1].strip()
    return body.strip(), body.strip()


def _construct(token: Token) -> tuple[str, ...] | None:
    """What a token adds to a message, as (kind, detail...); None for plain text."""
    kind = token.type
    if kind in COUNTED:
        return (kind,)
    if kind in PLAIN or token.nesting < 0:
        return None
    if kind == "link_open":
        return ("link", str(token.attrs.get("href", "")))
    if kind == "image":
        return ("image", str(token.attrs.get("src", "")))
    if kind == "myst_role":
        return ("role", token.meta.get("name", ""), role_text(token.content)[1])
    if kind == "fence":
        info = token.info.strip()
        if info.startswith("{"):
            return ("directive", info.split("}", 1)[0] + "}")
        return ("code fence", f"{token.markup}{info.split(' ', 1)[0]}")
    if kind == "footnote_ref":
        return ("footnote reference", str(token.meta.get("label", "")))
    if kind == "footnote_reference_open":
        return ("footnote", str(token.meta.get("label", "")))
    if kind == "myst_target":
        return ("target", token.content)
    named = {
        "code_block": "indented code block",
        "heading_open": "heading",
        "myst_line_comment": "comment (% …)",
        "myst_block_break": "block break (+++)",
        "table_open": "table",
        "blockquote_open": "block quote",
        "bullet_list_open": "list",
        "ordered_list_open": "numbered list",
        "hr": "horizontal rule",
        "front_matter": "front matter",
        "html_block": "raw HTML",
        "html_inline": "raw HTML",
        "hardbreak": "line break",
    }
    return (named.get(kind, kind),)


# How a translator recognises each construct in a message; {0}, {1}: its details.
DESCRIPTIONS = {
    "role": "role {{{0}}}`…<{1}>`",
    "directive": "directive {0}",
    "code fence": "code fence {0}",
    "link": "link target ({0})",
    "image": "image ({0})",
    "footnote reference": "footnote reference [^{0}]",
    "footnote": "footnote [^{0}]:",
    "target": "target ({0})=",
    "reference definition": "link reference definition [{0}]: {1}",
}


def describe(construct: tuple[str, ...]) -> str:
    """A construct as a translator recognises it in a message."""
    kind, *detail = construct
    if kind in DESCRIPTIONS:
        return DESCRIPTIONS[kind].format(*detail)
    return COUNTED.get(kind, kind)


@dataclass
class Block:
    """One top-level block of a message: its kind, constructs and the words it shows."""

    kind: tuple[str, ...]
    constructs: Counter = field(default_factory=Counter)
    words: list[str] = field(default_factory=list)


def _walk(tokens: list[Token], block: Block) -> None:
    for token in tokens:
        construct = _construct(token)
        if construct is not None:
            block.constructs[construct] += 1
        if token.type in {"text", "code_inline"}:
            block.words.append(token.content)
        elif token.type == "myst_role":
            block.words.append(role_text(token.content)[0])
        elif token.type in {"softbreak", "hardbreak"}:
            block.words.append(" ")
        if token.children:
            _walk(token.children, block)


def _blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    for token in tokens:
        if token.level == 0 and token.nesting >= 0:
            kind = _construct(token) or ("paragraph",)
            blocks.append(Block(kind))
        if blocks:
            _walk([token], blocks[-1])
    return blocks


def _links(tokens: list[Token]) -> Counter:
    """The links and images among tokens, at any depth."""
    found: Counter = Counter()
    for token in tokens:
        if token.type in {"link_open", "image"}:
            found[_construct(token)] += 1
        if token.children:
            found += _links(token.children)
    return found


@dataclass
class Reading:
    """A message as Sphinx reads it."""

    blocks: list[Block]
    # Every construct of every block, links and images read whatever their scheme.
    constructs: Counter

    @property
    def text(self) -> str:
        """The words of the block Sphinx publishes (the first)."""
        return "".join(self.blocks[0].words) if self.blocks else ""

    @property
    def published(self) -> Counter:
        """The constructs of the block Sphinx publishes."""
        return self.blocks[0].constructs if self.blocks else Counter()


@lru_cache(maxsize=512)  # each message is read twice, as the English and for its text
def read(text: str) -> Reading:
    """The blocks and constructs of a message; do not change what it returns (cached)."""
    sphinx_parser, every_link = parsers()
    env: dict = {}
    blocks = _blocks(sphinx_parser.parse(text, env))
    constructs: Counter = Counter()
    for block in blocks:
        constructs += block.constructs
    for label, reference in env.get("references", {}).items():
        constructs[("reference definition", label, reference.get("href", ""))] += 1
    # Links Sphinx's parser leaves as text count too (a union: the others are in both).
    constructs |= _links(every_link.parse(text, {}))
    return Reading(blocks, constructs)


def _kind(block: Block) -> str:
    kind = describe(block.kind)
    if kind in {"front matter", "raw HTML"}:
        return kind
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def compare(english: str, translation: str) -> list[str]:
    """Problems of a translation's MyST structure against its English."""
    source, translated = read(english), read(translation)
    problems = []
    if not translated.blocks:
        problems.append("translation has no text when read as MyST")
    elif source.blocks:
        expected = _kind(source.blocks[0])
        if len(translated.blocks) > len(source.blocks):
            kinds = ", ".join(_kind(block) for block in translated.blocks)
            problems.append(
                f"translation is read as {len(translated.blocks)} blocks ({kinds}); Sphinx "
                f"publishes only the first and silently drops the rest: keep it {expected}"
            )
        if translated.blocks[0].kind != source.blocks[0].kind:
            problems.append(
                f"translation is read as {_kind(translated.blocks[0])}, the English as {expected}"
            )
    for construct in sorted(source.published - translated.published):
        if construct[0] == "role":
            problems.append(f"{describe(construct)} dropped or its target changed")
        elif construct[0] not in COUNTED:
            problems.append(f"{describe(construct)} missing or changed")
    for construct in sorted(translated.constructs - source.constructs):
        if construct[0] not in COUNTED:
            problems.append(f"{describe(construct)} is not in the English")
    for kind, name in COUNTED.items():
        have, want = translated.constructs[(kind,)], source.constructs[(kind,)]
        if have != want:
            problems.append(f"{name} appears {have} time(s), the English has {want}")
    return problems
