"""Where each language's catalogs live, which it must have, and what a page still lacks."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from allguide import upstream
from allguide.project import current

# The interface catalog (buttons, notices, search messages); see interface_catalog.py.
INTERFACE = "sphinx"
# One wrap width for every catalog, so that tools do not fight over line breaks.
WRAP_WIDTH = 79


def catalog_dir(language: str) -> Path:
    return current().catalog_dir(language)


def page_names() -> list[str]:
    """Every page of the guide (docs/<name>.md), in name order."""
    return sorted(path.stem for path in current().docs.glob("*.md"))


def expected_catalogs(language: str) -> list[Path]:
    """The catalogs a complete translation has: one per page, plus the interface."""
    folder = catalog_dir(language)
    return [folder / f"{name}.po" for name in [*page_names(), INTERFACE]]


def relative(path: Path) -> str:
    """A path as translators see it in messages: relative to the project when possible."""
    # The path as written first: a catalog that is a link is named where it is, not
    # where it points.
    for candidate in (path.absolute(), path.resolve()):
        try:
            return str(candidate.relative_to(current().root))
        except ValueError:
            continue
    return str(path)


def untranslated_nodes(doctree: nodes.Node) -> list[nodes.Element]:
    """Messages of a page still in English (Sphinx marks each translatable node)."""
    return [
        node
        for node in doctree.findall(nodes.Element)
        # Sphinx translates a toctree's caption without marking the toctree itself.
        if upstream.left_in_english(node) and not isinstance(node, addnodes.toctree)
    ]
