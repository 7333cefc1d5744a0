"""Content that cannot run, read, fetch or leak anything, whatever a page or translation says.

Directives may not read files or fetch URLs (include, literalinclude, raw and csv-table
with :file: or :url:) and raw markup is never passed through: Sphinx itself sets
docutils' file_insertion_enabled, so it is turned off here for every document,
translated messages included (docutils.conf says the same for plain docutils).

A page or a translation may link to web pages (http, https), e-mail (mailto) and the
guide's own pages, and show images shipped in docs/. Anything else (javascript:, data:,
file:, a path outside docs/, a download of a file) is removed from the page and
reported at its FILE:LINE; with -W, which every build uses, the build of that language
fails. This runs after translations are applied, so it sees what readers would get.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from allguide import upstream

logger = logging.getLogger(__name__)
SAFE_SCHEMES = {"http", "https", "mailto"}


def is_safe_uri(uri: str) -> bool:
    """A web or e-mail address, or a relative link with no scheme at all."""
    scheme = urlsplit(uri.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES or (not scheme and not uri.strip().startswith("//"))


def _inside(folder: Path, path: str) -> bool:
    if not path or urlsplit(path).scheme or path.startswith("//"):
        return False
    target = (folder / unquote(path.lstrip("/"))).resolve()
    return target.is_relative_to(folder.resolve())


def _refuse(node: nodes.Element, what: str, replacement: list[nodes.Node]) -> None:
    logger.warning(f"{what} removed: not allowed in the guide", location=node, type="safety")
    node.replace_self(replacement)


def on_builder_inited(app: Sphinx) -> None:
    # Sphinx's defaults for every document it reads (and every translated message).
    settings = upstream.sphinx_docutils_settings(app.env)
    settings["file_insertion_enabled"] = False
    settings["raw_enabled"] = False


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    source_folder = Path(app.srcdir)
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        if uri and not is_safe_uri(uri):
            _refuse(reference, f"link to {uri[:60]!r}", reference.children)
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if not _inside(source_folder, uri):
            _refuse(image, f"image {uri[:60]!r}", [nodes.Text(image.get("alt", ""))])
    for download in list(doctree.findall(addnodes.download_reference)):
        _refuse(download, f"download of {download.get('reftarget', '')[:60]!r}", download.children)
    for raw in list(doctree.findall(nodes.raw)):
        _refuse(raw, "raw markup", [])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", on_builder_inited)
    app.connect("doctree-read", on_doctree_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
