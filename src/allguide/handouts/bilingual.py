"""Bilingual sheets: the English beside the translation, row by row.

A nurse or interpreter reads the English column, the family reads theirs, and both point
at the same line: each heading, paragraph and list item is one row, its English on the
left and its translation on the right (so Arabic, read from the right, comes first);
each column has its own `lang` and `dir`.

Sheets are defined in handouts.toml ([[bilingual]]):
- content = "page": the messages of `title_page`. Sphinx replaces each message by its
  translation when it reads the page, so `KeepEnglish` keeps a copy of every message's
  English node first (only for the pages of bilingual sheets).
- content = "when-to-call": the when-to-call panel, whose words are interface messages.

The rows pair the English and the translated nodes in the order the page has them:
translation is message by message, so both sides have the same structure.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import new_document
from sphinx.util.nodes import extract_messages

from . import domain
from .definitions import PAPERS
from .errors import HandoutError

CONTENTS = ("page", "when-to-call")


@dataclass(frozen=True)
class Sheet:
    id: str
    title_page: str
    content: str
    papers: tuple[str, ...]
    max_pages: int = 0

    def file_name(self, language: str, paper: str) -> str:
        return f"{self.id}-en-{language}-{paper}.pdf"


@cache
def load(path: Path) -> tuple[Sheet, ...]:
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8")).get("bilingual", [])
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise HandoutError(f"{path}: {error}") from error
    sheets = []
    for row in rows:
        try:
            sheet = Sheet(
                id=row["id"],
                title_page=row["title_page"],
                content=row["content"],
                papers=tuple(row["papers"]),
                max_pages=int(row.get("max_pages", 0)),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise HandoutError(f"{path}: bilingual {row.get('id', '?')!r}: {error}") from error
        if sheet.content not in CONTENTS or set(sheet.papers) - set(PAPERS):
            raise HandoutError(
                f"{path}: bilingual {sheet.id!r}: content is one of {', '.join(CONTENTS)}, "
                f"papers among {', '.join(PAPERS)}"
            )
        sheets.append(sheet)
    return tuple(sheets)


class KeepEnglish(SphinxTransform):
    """Before Sphinx translates a bilingual sheet's page (Locale: priority 20), keep each
    message's English node on the node itself."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        if self.config.language == "en" or self.env.docname not in _sheet_pages(self.config):
            return
        for node, _message in extract_messages(self.document):
            node["english"] = node.deepcopy()
        _kept(self.env).add(self.env.docname)


def _sheet_pages(config) -> set[str]:
    """The pages whose messages make a bilingual sheet (content = "page")."""
    sheets = load(Path(config.handouts_definitions))
    return {sheet.title_page for sheet in sheets if sheet.content == "page"}


def _kept(env) -> set[str]:
    """The pages read with their English kept (saved with the environment)."""
    return domain.of(env).english_kept


def on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """Read a bilingual sheet's page again if it was read without its English kept (a
    sheet just added to handouts.toml, or an environment older than this code)."""
    if app.config.language == "en":
        return []
    pages = _sheet_pages(app.config) & set(env.all_docs)
    return sorted(page for page in pages if page not in _kept(env))


@dataclass(frozen=True)
class Row:
    kind: str  # "heading", "paragraph" or "item"
    english: str  # HTML
    translated: str  # HTML


def _kind(node: nodes.Element) -> str:
    if isinstance(node, nodes.title):
        return "heading"
    if isinstance(node.parent, nodes.list_item):
        return "item"
    return "paragraph"


def _without_links(node: nodes.Element) -> nodes.Element:
    """A copy whose cross-references are plain words (the sheet has no other pages)."""
    copy = node.deepcopy()
    for reference in list(copy.findall(addnodes.pending_xref)) + list(
        copy.findall(nodes.reference)
    ):
        reference.replace_self(nodes.inline("", "", *reference.children))
    return copy


Render = Callable[[nodes.Element], str]


def page_rows(tree: nodes.Node, render: Render) -> list[Row]:
    """One row per message of the page, English beside the translation."""
    rows = []
    for node in tree.findall(nodes.Element):
        english = node.get("english")
        if english is None or isinstance(node, nodes.image):
            continue
        kind = _kind(node)
        rows.append(Row(kind, _side(english, kind, render), _side(node, kind, render)))
    return rows


def panel_rows(english: nodes.Element, translated: nodes.Element, render: Render) -> list[Row]:
    """The when-to-call panel, both panels built by the same code: a row per heading and
    line, and one row per list (its items in the same order on both sides, numbered alike),
    so a level's signs sit side by side without a rule between every item."""
    rows: list[Row] = []
    pairs = zip(english.findall(nodes.paragraph), translated.findall(nodes.paragraph), strict=True)
    for list_node, lines in groupby(pairs, key=lambda pair: _list_of(pair[0])):
        if list_node is not None:
            tag = "ol" if isinstance(list_node, nodes.enumerated_list) else "ul"
            english_items, translated_items = zip(*lines, strict=True)
            rows.append(Row("list", _list_html(tag, english_items, render),
                            _list_html(tag, translated_items, render)))  # fmt: skip
            continue
        for english_line, translated_line in lines:
            classes = english_line["classes"]
            kind = "paragraph"
            if "when-to-call-title" in classes or "when-to-call-heading" in classes:
                kind = "heading"
            rows.append(
                Row(kind, _side(english_line, kind, render), _side(translated_line, kind, render))
            )
    return rows


def _list_of(paragraph: nodes.Element) -> nodes.Element | None:
    """The list a paragraph is an item of, or None."""
    return paragraph.parent.parent if isinstance(paragraph.parent, nodes.list_item) else None


def _list_html(tag: str, items, render: Render) -> str:
    return f"<{tag}>" + "".join(f"<li>{_html(item, render)}</li>" for item in items) + f"</{tag}>"


def _html(node: nodes.Element, render: Render) -> str:
    """A paragraph's words as HTML, its links made plain words."""
    return render(nodes.paragraph("", "", *_without_links(node).children))


def _side(node: nodes.Element, kind: str, render: Render) -> str:
    body = _html(node, render)
    if kind == "heading":
        return f"<h2>{body}</h2>"
    return f"<ul><li>{body}</li></ul>" if kind == "item" else body


def renderer(builder, docname: str) -> Render:
    """HTML of one paragraph, written by the builder's own HTML translator."""

    def render(paragraph: nodes.Element) -> str:
        document = new_document("<bilingual row>", builder.docsettings)
        document += paragraph
        html = builder._body_html(document, docname)  # noqa: SLF001 - the builder's own helper
        # The row supplies the block; keep the paragraph's inside only.
        return html.strip().removeprefix("<p>").removesuffix("</p>")

    return render
