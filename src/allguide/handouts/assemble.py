"""One document from a handout's pages: links that work inside the PDF, anchors defined
once, break opportunities; and the checks that stop a handout still partly in English."""

from __future__ import annotations

import posixpath
from collections.abc import Set
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from allguide import upstream
from allguide.catalogs import relative, untranslated_nodes
from allguide.catalogs.check_po import check_language
from allguide.languages.word_breaks import SEGMENTED, with_break_opportunities
from allguide.sphinxext import catalog_guard, when_to_call

from . import definitions
from .clinic_profile import ClinicProfile
from .errors import NOT_IN_CATALOGS, HandoutError, IncompleteTranslation

# A section with less text than this (and no sub-sections) is kept on one page: WeasyPrint
# does not always keep a heading with the list after it, and short sections read best whole.
SHORT_SECTION_CHARACTERS = 250


def incomplete_catalogs(app: Sphinx) -> dict[str, list[str]]:
    """What the language's catalogs still lack (untranslated or fuzzy entries, missing
    catalogs or entries), by catalog: "symptoms" for symptoms.po, "" for what no one
    catalog owns. Wrong or unsafe entries stop every handout (HandoutError)."""
    language = app.config.language
    if language == "en":
        return {}
    # The bytes this build's translations were compiled from, not the files again.
    catalogs = catalog_guard.compiled_from(app)
    # Wrong or unsafe entries need fixing; untranslated and fuzzy ones just need time.
    wrong = [
        str(p)
        for p in check_language(language, strict=False, catalogs=catalogs)
        if p.severity == "error"
    ]
    if wrong:
        raise HandoutError("catalog errors (see make check-po):\n  " + "\n  ".join(wrong))
    incomplete: dict[str, list[str]] = {}
    for problem in check_language(language, strict=True, catalogs=catalogs):
        owner = problem.path.stem if problem.path.suffix == ".po" else ""
        incomplete.setdefault(owner, []).append(str(problem))
    return incomplete


def require_complete(
    pages: list[str], incomplete: dict[str, list[str]], compaction: bool | str
) -> None:
    """Stop one handout while a catalog it prints from is incomplete: its pages' own, the
    interface catalog (its labels, notices and when-to-call panel), and problems no one
    catalog owns. A catalog only other handouts print from holds back only those."""
    printed = definitions.printed_catalogs(pages, compaction) | {""}
    problems = [p for owner, found in incomplete.items() if owner in printed for p in found]
    if problems:
        raise IncompleteTranslation(problems)


def _require_translated(tree: nodes.document, language: str) -> None:
    """Stop if any message is still in English, e.g. a catalog older than its page."""
    if language == "en":
        return
    # Its catalog has no entry for it (an entry untranslated or fuzzy is reported by
    # require_complete, first): the English changed since the catalogs were updated.
    untranslated = [
        f"{relative(Path(node.source))}:{node.line}: {NOT_IN_CATALOGS}: "
        f"{' '.join(node.astext().split())[:60]!r}"
        for node in untranslated_nodes(tree)
    ]
    if untranslated:
        raise IncompleteTranslation(untranslated)


def document(
    builder: Builder, pages: list[str], title_page: str, clinic: ClinicProfile | None
) -> nodes.document:
    """One document of the pages, with links that work inside the PDF, for `clinic`
    (None: the public handouts, with lines to fill in). References are resolved by the
    build's own builder, not necessarily `builder` (see _linked_page)."""
    env = builder.env
    tree = upstream.new_document(f"<handout {title_page}>")
    for page in pages:
        doctree = env.get_doctree(page)
        # The handout prints its own contents instead of the pages' toctrees.
        for toctree in list(doctree.findall(addnodes.toctree)):
            wrapper = toctree.parent
            removable = wrapper if "toctree-wrapper" in wrapper.get("classes", []) else toctree
            removable.parent.remove(removable)
        if page == title_page:
            # The page's title is the handout's title, printed on the cover.
            first_section = next(iter(doctree.findall(nodes.section)), None)
            if first_section is not None and isinstance(first_section[0], nodes.title):
                first_section.remove(first_section[0])
        container = nodes.container(ids=[f"document-{page}"], classes=["handout-page"])
        container.extend(doctree.children)
        tree.append(container)
    _unique_ids(tree)
    _mark_short_sections(tree)
    _require_translated(tree, builder.config.language)
    tree["docname"] = pages[0]
    # Printed, and for which clinic: the panel (when_to_call.py) reads it from here.
    tree[when_to_call.PRINTED] = True
    tree[when_to_call.CLINIC] = clinic
    upstream.resolve_references(env, tree, pages[0])
    _fix_links(tree, set(pages), env.all_docs)
    # After resolving: the when-to-call panel is made then, and its words need the
    # break points too.
    if builder.config.language in SEGMENTED:
        _add_break_opportunities(tree, SEGMENTED[builder.config.language])
    return tree


def _unique_ids(tree: nodes.document) -> None:
    """Ids unique across the pages of a handout: two pages may have a section of the same
    title ("When to call"), and a PDF anchor may be defined only once."""
    seen: set[str] = set()
    for container in tree.children:
        page = container["ids"][0].removeprefix("document-")
        for node in container.findall(nodes.Element):
            renamed = [f"{page}-{name}" if name in seen else name for name in node["ids"]]
            seen.update(renamed)
            node["ids"] = renamed


def _mark_short_sections(tree: nodes.document) -> None:
    for section in tree.findall(nodes.section):
        nested = any(isinstance(child, nodes.section) for child in section.children)
        if not nested and len(section.astext()) < SHORT_SECTION_CHARACTERS:
            section["classes"].append("keep-whole")


def _add_break_opportunities(tree: nodes.document, locale: str) -> None:
    """Zero width spaces between the words of a script without spaces (Khmer), so that
    WeasyPrint breaks lines between words, never inside one (word_breaks.py)."""
    for text in list(tree.findall(nodes.Text)):
        if isinstance(text.parent, (nodes.literal_block, nodes.raw)):
            continue
        segmented = with_break_opportunities(str(text), locale)
        if segmented != str(text):
            text.parent.replace(text, nodes.Text(segmented))


def _fix_links(tree: nodes.document, pages: set[str], all_docs: Set[str]) -> None:
    """Links between the handout's pages point inside the PDF."""
    for reference in list(tree.findall(nodes.reference)):
        target = _linked_page(reference.get("refuri", ""), tree["docname"], all_docs)
        if target is None:
            continue
        page, anchor = target
        if page in pages:
            reference["refuri"] = "#" + (anchor or f"document-{page}")
        else:
            # A link to a page this handout leaves out: keep the words, drop the link.
            reference.replace_self(reference.children)


def _linked_page(uri: str, from_page: str, all_docs: Set[str]) -> tuple[str, str] | None:
    """The page and anchor a resolved link points to, else None (another site, a file).
    References are resolved by the build's own builder: the handouts' builder alone (make
    clinic) writes Sphinx 9's single-page URIs, "#document-x#anchor" (sphinx#14221);
    inside the site build, the site's writes "x.html#anchor"."""
    if uri.startswith("#document-"):
        page, _, anchor = uri[1:].removeprefix("document-").partition("#")
        return page, anchor.rpartition("#")[2]
    parts = urlsplit(uri)
    if parts.scheme or parts.netloc or not parts.path.endswith(".html"):
        return None
    page = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), parts.path))
    page = page.removesuffix(".html")
    return (page, parts.fragment) if page in all_docs else None


def split_title_page(tree: nodes.document) -> nodes.document:
    """Move the title page's container out of `tree` into a document of its own."""
    intro = upstream.new_document(tree["source"], tree.settings)
    first = tree.children[0]
    tree.remove(first)
    intro.append(first)
    return intro


def split_at_panel(intro: nodes.document) -> nodes.document | None:
    """Move the "When to call" panel, and what follows it, out of the title page into
    a document of its own: the care team box goes between them, so that the phone
    numbers are on page 1 whatever the length of the panel in a language."""
    panel = next(
        (node for node in intro.findall(nodes.container) if "when-to-call" in node["classes"]),
        None,
    )
    if panel is None:
        return None
    parent = panel.parent
    rest = upstream.new_document(intro["source"], intro.settings)
    shell = parent.copy()
    shell["ids"] = []  # the section's anchor stays with its first half
    moved = parent.children[parent.index(panel) :]
    for node in moved:
        parent.remove(node)
    shell.extend(moved)
    rest.append(shell)
    return rest
