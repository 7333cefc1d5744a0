"""The site's "Printable handouts" page: a table of this language's PDFs, copied into the site.

The table is filled in when the page is written, never when the page is read: so `make
gettext` extracts the same messages whatever `_build/` holds, and the page always shows
what the latest handout build published: this very build's record when it made the
handouts (with_site.py), else the manifest an earlier build left (`make live`, a site
build without handouts). Withdrawn or held-back handouts are said to be "being updated",
with a link to the English ones, below the table of those that are published.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.units import format_unit
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from allguide import languages, upstream
from allguide.sphinxext.interface_nodes import N_, interface_paragraph

from . import domain, manifest
from .with_site import SiteWithHandouts

_ = get_translation("sphinx")
FOLDER = "handouts"  # where the PDFs go inside each language's site


NOT_BUILT = N_("The printable handouts have not been built yet.")
BEING_UPDATED = N_(
    "The printable handouts in this language are being updated to match the latest "
    "version of the guide."
)
USE_ENGLISH = N_("Until they are ready, you can print the English handouts.")


class handout_list(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes so
    """Where the table of handouts goes; replaced when the page is written."""


def _manifest_folder(app: Sphinx) -> Path:
    return Path(app.config.handouts_output_dir) / app.config.language


def _record(app: Sphinx) -> manifest.Manifest | None:
    """The record of the language's handouts: as this very build published them, else as
    an earlier build left it in manifest.json (None: never built)."""
    builder = app.builder
    if isinstance(builder, SiteWithHandouts) and builder.handouts_record is not None:
        return builder.handouts_record
    return manifest.read(_manifest_folder(app))


def _size(size_in_bytes: int, language: str) -> str:
    kilobytes = max(1, round(size_in_bytes / 1024))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=language)


class HandoutList(SphinxDirective):
    """Marks the place of the table of the language's handouts."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        domain.of(self.env).listing_pages.add(self.env.docname)
        return [handout_list()]


def _table(entries: list[dict[str, Any]], language: str) -> nodes.table:
    headers = [_("Handout"), _("Paper"), _("Pages"), _("Size")]
    table = nodes.table(classes=["handout-list"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=width) for width in (50, 20, 10, 20))
    head = nodes.thead()
    head += _row([nodes.Text(str(header)) for header in headers])
    body = nodes.tbody()
    for entry in entries:
        link = nodes.reference("", entry["title"], refuri=f"{FOLDER}/{entry['file']}")
        body += _row(
            [
                link,
                nodes.Text(str(_(entry["paper_name"]))),
                nodes.Text(str(entry["pages"])),
                nodes.Text(_size(entry["bytes"], language)),
            ]
        )
    group += head
    group += body
    return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", content)
        row += entry
    return row


def _made_before_preview(folder: Path) -> nodes.Node:
    """In `make live`, for the translator (in English, like the preview's problems): the
    PDFs listed are those the last `make all` made, not the preview."""
    made = datetime.fromtimestamp(manifest.path_in(folder).stat().st_mtime)
    text = (
        f"Preview: these PDFs were made by the last `make all` ({made:%Y-%m-%d %H:%M}) and "
        "do not show the edits made since. Run `make all` to make them from your latest "
        "catalogs."
    )
    note = nodes.paragraph("", text, classes=["preview-problems"])
    upstream.mark_left_in_english(note)  # said as English (accessible_html.py)
    return note


def _withdrawn(docname: str, language: str) -> list[nodes.Node]:
    notice = interface_paragraph(BEING_UPDATED, language)
    if language == "en":
        return [notice]
    english = languages.page_in_language(docname, "en")
    return [notice, interface_paragraph(USE_ENGLISH, language, link=english)]


# On the English page only (so in English): where the bilingual sheets are.
BILINGUAL_SHEETS = (
    "Some handouts show English and one other language side by side. A family and a "
    "nurse can read the same line. Each language has them on its own page:"
)


def _bilingual_links(app: Sphinx, docname: str) -> list[nodes.Node]:
    """Links from the English page to every listed language's page of handouts: each
    language's build publishes its own bilingual sheets (never waiting for the others)."""
    listed = set(app.config.site_listed_languages)
    items = nodes.bullet_list(classes=["bilingual-sheets"])
    for language in languages.load():
        if language.code == "en" or language.code not in listed:
            continue
        link = nodes.reference(
            "", f"{language.name} – {language.english}",
            refuri=languages.page_in_language(docname, language.code),
        )  # fmt: skip
        items += nodes.list_item("", nodes.paragraph("", "", link))
    if not items.children:
        return []
    return [nodes.paragraph("", BILINGUAL_SHEETS), items]


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for placeholder in list(doctree.findall(handout_list)):
        record = _record(app)
        if record is None:
            content: list[nodes.Node] = [interface_paragraph(NOT_BUILT, app.config.language)]
        elif record.handouts:
            # Those held back are being updated; the others are listed as usual.
            content = [_table(record.handouts, app.config.language)]
            if record.held:
                content += _withdrawn(docname, app.config.language)
            if getattr(app.config, "guide_preview", False):
                content.insert(0, _made_before_preview(_manifest_folder(app)))
        else:
            content = _withdrawn(docname, app.config.language)
        if app.config.language == "en":
            content += _bilingual_links(app, docname)
        placeholder.replace_self(content)


def listing_pages(env: BuildEnvironment) -> set[str]:
    """The pages that show the table of handouts."""
    return set(domain.of(env).listing_pages)


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write the listing pages in every build: the manifest may have changed since."""
    return sorted(listing_pages(env))


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Make the site's PDF folder hold exactly the published handouts, nothing stale."""
    if exception or app.builder.name != "html":
        return
    record = _record(app)
    published = record.handouts if record is not None else []
    target = Path(app.outdir) / FOLDER
    wanted = {entry["file"] for entry in published}
    if target.is_dir():
        for old in target.glob("*.pdf"):
            if old.name not in wanted:
                old.unlink()
    if published:
        target.mkdir(exist_ok=True)
    for entry in published:
        _publish_file(_manifest_folder(app) / entry["file"], target / entry["file"])


def _publish_file(made: Path, shown: Path) -> None:
    """The site's copy of a PDF: a second name for the file the build wrote (each PDF is
    written once), or a copy where the folders cannot share files (another disk)."""
    shown.unlink(missing_ok=True)  # a later build writes a new file; never edit the old one
    try:
        shown.hardlink_to(made)
    except OSError:
        shutil.copy2(made, shown)


def _output_in_project(app: Sphinx, config: Config) -> None:
    """A relative handouts_output_dir is read from the project's folder."""
    config.handouts_output_dir = str(Path(app.confdir, config.handouts_output_dir))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    app.setup_extension("allguide.handouts.domain")
    app.setup_extension("allguide.sphinxext.site_languages")  # the languages it lists
    # Where to read manifests and PDFs from (relative: from the project's folder); read
    # when pages are written, so not "env".
    app.add_config_value("handouts_output_dir", "_build/handouts", "", [str])
    app.connect("config-inited", _output_in_project)
    app.add_node(handout_list)
    app.add_directive("handout-list", HandoutList)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("env-get-updated", on_env_get_updated)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
