"""Comments for translators (#.) in the gettext templates, from the English pages.

A MyST comment that starts with "Translators:" goes to the first message after it:

    % Translators: "three" is written as a word; keep the number right.
    Your child will usually get these medicines in three ways:

Before a list item, indent the comment as the item's text is indented, or put it
before the list for the first item. Every message with a glossary link gets a comment
that says how to translate the link, naming the targets to keep, and every word of a
figure one that says where it shows (labelled_figures.py).

The comments are added when the gettext build has written its templates, from every
page's doctree (the saved ones too), so an incremental build adds the same comments.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po, write_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.util import logging

from allguide import upstream
from allguide.catalogs import WRAP_WIDTH
from allguide.catalogs.checks.structure import ROLE, ROLE_TARGET
from allguide.sphinxext.labelled_figures import figure_text, translator_comment

logger = logging.getLogger(__name__)

TAG = "Translators:"


def glossary_comment(message: str) -> str | None:
    """What a translator needs to know about the glossary links in `message`."""
    targets = []
    for role in ROLE.finditer(message):
        if role["name"] == "term":
            target = ROLE_TARGET.search(role["body"])
            targets.append((target[1] if target else role["body"]).strip())
    if not targets:
        return None
    listed = ", ".join(f"<{target}>" for target in dict.fromkeys(targets))
    return (
        "Glossary links: translate the words shown, and keep the English term in angle "
        "brackets as the link target, e.g. {term}`fever` becomes {term}`fiebre <fever>`. "
        f"Targets to keep here: {listed}."
    )


def page_comments(doctree: nodes.document, docname: str) -> dict[str, list[str]]:
    """Each message of a page that has translator comments -> those comments, in order."""
    messages = {id(node): message for node, message in upstream.extract_messages(doctree)}
    comments: dict[str, list[str]] = defaultdict(list)
    waiting: list[nodes.comment] = []
    for node in doctree.findall():
        if isinstance(node, nodes.comment) and node.astext().strip().startswith(TAG):
            waiting.append(node)
        elif waiting and id(node) in messages:
            comments[messages[id(node)]] += [" ".join(c.astext().split()) for c in waiting]
            waiting = []
        if isinstance(node, figure_text) and id(node) in messages:
            comments[messages[id(node)]].append(translator_comment(node))
    for comment in waiting:
        logger.warning(
            "translator comment is not followed by any text to translate",
            location=(docname, comment.line),
            type="translator_comments",
        )
    return comments


def _add_comments(path: Path, comments: dict[str, list[str]]) -> None:
    with path.open("rb") as file:
        template = read_po(file)
    for message in template:
        if not message.id:
            continue
        message_id = message.id if isinstance(message.id, str) else message.id[0]
        wanted = [*comments.get(message_id, []), glossary_comment(message_id)]
        message.auto_comments = list(dict.fromkeys(c for c in wanted if c))
    with path.open("wb") as file:
        write_po(file, template, width=WRAP_WIDTH)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception or not isinstance(app.builder, MessageCatalogBuilder):
        return
    by_template: dict[str, dict[str, list[str]]] = {}
    for docname in sorted(app.env.found_docs):
        domain = upstream.docname_to_domain(docname, app.config.gettext_compact)
        found = by_template.setdefault(domain, defaultdict(list))
        for message, comments in page_comments(app.env.get_doctree(docname), docname).items():
            found[message] += comments
    for domain, comments in by_template.items():
        path = Path(app.outdir) / f"{domain}.pot"
        if path.exists():
            _add_comments(path, comments)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
