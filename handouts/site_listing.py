"""The site's "Printable handouts" page: a table of this language's PDFs, copied into the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from babel.units import format_unit
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

_ = get_translation("sphinx")
FOLDER = "handouts"  # where the PDFs go inside each language's site


def _manifest_path(app: Sphinx) -> Path:
    return Path(app.config.handouts_output_dir) / app.config.language / "manifest.json"


def _read_manifest(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _size(size_in_bytes: int, language: str) -> str:
    kilobytes = max(1, round(size_in_bytes / 1024))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=language)


class HandoutList(SphinxDirective):
    """A table of the handouts built for the page's language, with paper, pages and size."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        manifest = _manifest_path(self.env.app)
        # Re-read this page whenever the handouts are rebuilt.
        self.env.note_dependency(str(manifest))
        entries = _read_manifest(manifest)
        if not entries:
            return [nodes.paragraph(text=_("The printable handouts have not been built yet."))]
        headers = [_("Handout"), _("Paper"), _("Pages"), _("Size")]
        table = nodes.table(classes=["handout-list"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (50, 20, 10, 20))
        head = nodes.thead()
        head += self._row([nodes.Text(str(header)) for header in headers])
        body = nodes.tbody()
        for entry in entries:
            link = nodes.reference(
                "", entry["title"], refuri=f"{FOLDER}/{entry['file']}", internal=False
            )
            body += self._row(
                [
                    link,
                    nodes.Text(str(_(entry["paper_name"]))),
                    nodes.Text(str(entry["pages"])),
                    nodes.Text(_size(entry["bytes"], self.config.language)),
                ]
            )
        group += head
        group += body
        return [table]

    @staticmethod
    def _row(cells: list[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", content)
            row += entry
        return row


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name != "html":
        return
    source = _manifest_path(app).parent
    entries = _read_manifest(_manifest_path(app))
    if not entries:
        return
    target = Path(app.outdir) / FOLDER
    target.mkdir(exist_ok=True)
    for entry in entries:
        shutil.copy2(source / entry["file"], target / entry["file"])


def setup(app: Sphinx) -> dict[str, Any]:
    root = Path(__file__).resolve().parent.parent
    app.add_config_value("handouts_output_dir", str(root / "_build" / "handouts"), "env", [str])
    app.add_directive("handout-list", HandoutList)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
