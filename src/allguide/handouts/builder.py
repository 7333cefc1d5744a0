"""The `handouts` builder: Sphinx's HTML for a handout's pages, laid out as PDFs by WeasyPrint."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from functools import cached_property
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from docutils import nodes
from jinja2 import Environment, FileSystemLoader
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import get_translation
from sphinx.util.docutils import new_document

from allguide import languages
from allguide.catalogs import relative, untranslated_nodes
from allguide.catalogs.check_po import check_language
from allguide.languages.word_breaks import SEGMENTED, with_break_opportunities
from allguide.site.site_address import is_placeholder
from allguide.sphinxext import catalog_guard, escaped_gettext, ltr_runs, when_to_call
from allguide.sphinxext.build_errors import stop_build
from allguide.sphinxext.interface_nodes import left_to_right

from . import bilingual, clinic_profile, definitions, font_subsets, fonts, manifest, paper, pdf
from .errors import HandoutError, IncompleteTranslation
from .qr import qr_data_url

_ = get_translation("sphinx")


def _isolate_for_print(tree: nodes.Node) -> None:
    """Left-to-right runs of a right-to-left page (ltr_runs.py), isolated with Unicode's
    marks: WeasyPrint ignores the CSS that isolates them on the site."""
    ltr_runs.isolate_runs(tree)  # the bilingual panel and rows are built here, not read
    for node in tree.findall(nodes.inline):
        if ltr_runs.CLASS in node["classes"] and not node.get("isolated"):
            node.insert(0, nodes.Text("\u2066"))
            node.append(nodes.Text("\u2069"))
            node["isolated"] = True


def _online(url: str) -> dict[str, str]:
    """The page's address and its QR code, for the cover; nothing while the address is
    the placeholder (no BASEURL): a family would type or scan an address that leads
    nowhere."""
    if is_placeholder(url):
        return {"online_url": "", "qr_code": ""}
    return {"online_url": url, "qr_code": qr_data_url(url)}


HERE = Path(__file__).resolve().parent
# Exit status of a standalone handout build whose handouts were withdrawn (see manifest.py).
WITHDRAWN = 3
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")
# The English column of a bilingual sheet.
ENGLISH_FONTS = ("Noto Sans",)


class _TextOf(HTMLParser):
    """The characters a page shows, for the font check."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return "".join(parser.parts)


def css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_counter_css(pattern: str) -> str:
    """'Page %(page)s of %(pages)s' as CSS content, the numbers as counters."""
    parts = []
    for piece in PLACEHOLDER.split(pattern):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


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


# A section with less text than this (and no sub-sections) is kept on one page: WeasyPrint
# does not always keep a heading with the list after it, and short sections read best whole.
SHORT_SECTION_CHARACTERS = 250


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


def _english_in(code: str) -> str:
    """The word for English in the language (from CLDR, through Babel), else "English"."""
    try:
        return Locale.parse(code).languages.get("en") or "English"
    except (ValueError, UnknownLocaleError):
        return "English"


class HandoutBuilder(SingleFileHTMLBuilder):
    """Render each handout of handouts.toml, on each paper size, into the output folder."""

    name = "handouts"
    epilog = "The handouts are in %(outdir)s."
    copysource = False
    # Paper needs no search index (and Chinese search would load jieba's dictionary).
    search = False

    def get_outdated_docs(self) -> str:
        return "all handouts"

    def write_documents(self, _docnames) -> None:
        record = self.publish()
        if not record.is_published:
            # A distinct status: the Makefile tells "withdrawn and recorded" from a crash.
            problems = "\n".join(record.problems)
            stop_build(f"Handouts [{self.config.language}] {record.status}: {problems}", WITHDRAWN)

    def publish(self) -> manifest.Manifest:
        """Make every handout of the language, or withdraw them all and record why."""
        return self.start_publishing()()

    def start_publishing(self) -> Callable[[], manifest.Manifest]:
        """Start making the handouts; returns what waits for them, then publishes them
        (or withdraws them all) and returns the record. The site is written meanwhile."""
        self.prepare_writing(set(self.env.all_docs))
        outdir = Path(self.outdir)
        language = self.config.language
        try:
            jobs, described = self._handout_jobs()
            pending = pdf.PendingPdfs(jobs, workers=self.config.handouts_workers)
        except IncompleteTranslation as error:
            record = manifest.withdraw(outdir, language, manifest.HELD_BACK, error.problems)
            return lambda: record
        except HandoutError as error:
            record = manifest.withdraw(outdir, language, manifest.FAILED, [str(error)])
            return lambda: record

        def finish() -> manifest.Manifest:
            try:
                made = pending.wait()
            except HandoutError as error:
                return manifest.withdraw(outdir, language, manifest.FAILED, [str(error)])
            return self._write_manifest([(*described[result.target], result) for result in made])

        return finish

    def finish(self) -> None:
        """PDFs need none of the site's indices, search index or inventory."""

    # -- Input -----------------------------------------------------------------

    def _clinic(self) -> clinic_profile.ClinicProfile | None:
        path = self.config.handouts_clinic_profile
        return clinic_profile.load(Path(path)) if path else None

    def _require_complete_catalogs(self) -> None:
        """Every catalog of the language complete, the interface catalog included."""
        language = self.config.language
        if language == "en":
            return
        # The bytes this build's translations were compiled from, not the files again.
        catalogs = catalog_guard.compiled_from(self.app)
        problems = check_language(language, strict=True, catalogs=catalogs)
        if not problems:
            return
        # Wrong or unsafe entries need fixing; untranslated and fuzzy ones just need time.
        wrong = [
            str(p)
            for p in check_language(language, strict=False, catalogs=catalogs)
            if p.severity == "error"
        ]
        if wrong:
            raise HandoutError("catalog errors (see make check-po):\n  " + "\n  ".join(wrong))
        raise IncompleteTranslation([str(problem) for problem in problems])

    def _require_translated(self, tree: nodes.document) -> None:
        """Stop if any message is still in English, e.g. a catalog older than its page."""
        if self.config.language == "en":
            return
        untranslated = [
            f"{relative(Path(node.source))}:{node.line}: not translated: "
            f"{' '.join(node.astext().split())[:60]!r}"
            for node in untranslated_nodes(tree)
        ]
        if untranslated:
            raise IncompleteTranslation(untranslated)

    # -- Assembling Sphinx's HTML ------------------------------------------------

    def _assemble(
        self, pages: list[str], title_page: str, clinic: clinic_profile.ClinicProfile | None
    ) -> nodes.document:
        """One document of the pages, with links that work inside the PDF, for `clinic`
        (None: the public handouts, with lines to fill in)."""
        tree = new_document(f"<handout {title_page}>")
        for page in pages:
            doctree = self.env.get_doctree(page)
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
        self._require_translated(tree)
        tree["docname"] = pages[0]
        # Printed, and for which clinic: the panel (when_to_call.py) reads it from here.
        tree[when_to_call.PRINTED] = True
        tree[when_to_call.CLINIC] = clinic
        self.env.resolve_references(tree, pages[0], self)
        self._fix_links(tree, set(pages))
        # After resolving: the when-to-call panel is made then, and its words need the
        # break points too.
        if self.config.language in SEGMENTED:
            _add_break_opportunities(tree, SEGMENTED[self.config.language])
        return tree

    def _fix_links(self, tree: nodes.document, pages: set[str]) -> None:
        """Links between the handout's pages point inside the PDF."""
        for reference in list(tree.findall(nodes.reference)):
            target = self._linked_page(reference.get("refuri", ""), tree["docname"])
            if target is None:
                continue
            page, anchor = target
            if page in pages:
                reference["refuri"] = "#" + (anchor or f"document-{page}")
            else:
                # A link to a page this handout leaves out: keep the words, drop the link.
                reference.replace_self(reference.children)

    def _linked_page(self, uri: str, from_page: str) -> tuple[str, str] | None:
        """The page and anchor a resolved link points to, else None (another site, a
        file). References are resolved by the build's own builder: this one alone (make
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
        return (page, parts.fragment) if page in self.env.all_docs else None

    @staticmethod
    def _split_title_page(tree: nodes.document) -> nodes.document:
        """Move the title page's container out of `tree` into a document of its own."""
        intro = new_document(tree["source"], tree.settings)
        first = tree.children[0]
        tree.remove(first)
        intro.append(first)
        return intro

    @staticmethod
    def _split_at_panel(intro: nodes.document) -> nodes.document | None:
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
        rest = new_document(intro["source"], intro.settings)
        shell = parent.copy()
        shell["ids"] = []  # the section's anchor stays with its first half
        moved = parent.children[parent.index(panel) :]
        for node in moved:
            parent.remove(node)
        shell.extend(moved)
        rest.append(shell)
        return rest

    def _body_html(self, tree: nodes.document, docname: str) -> str:
        if languages.by_code()[self.config.language].direction == "rtl":
            _isolate_for_print(tree)
        tree.settings = self.docsettings
        self.secnumbers, self.fignumbers = {}, {}
        self.imgpath = self.dlpath = ""
        self.current_docname = docname
        visitor = self.create_translator(tree, self)
        tree.walkabout(visitor)
        return "".join(visitor.fragment)

    # -- Rendering -------------------------------------------------------------------

    @cached_property
    def _templates(self) -> Environment:
        """The handout templates' environment: everything escaped, translations included."""
        environment = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=True,
            extensions=["jinja2.ext.i18n"],
        )
        # Jinja's newstyle gettext trusts a translation as Markup when autoescaping;
        # escaped first, a catalog's text stays text (and %(name)s values are escaped).
        escaped_gettext.install(environment, newstyle=True)
        environment.filters["ltr"] = left_to_right
        return environment

    def _page_css(self, language, handout_title: str, families: tuple[str, ...]) -> str:
        family = ", ".join(css_string(name) for name in families)
        footer = " · ".join([handout_title, language.name, left_to_right(self.config.release)])
        counter = page_counter_css(_("Page %(page)s of %(pages)s"))
        start, end = ("right", "left") if language.direction == "rtl" else ("left", "right")
        draft = ""
        if language.is_draft:
            english = left_to_right("Draft translation, not yet reviewed")
            mark = " · ".join([_("Draft translation, not yet reviewed"), english])
            draft = f"@top-center {{ content: {css_string(mark)}; }}"
        return f"""
@page {{
  size: {paper.LAYOUT_SIZE};
  @bottom-{start} {{ content: {css_string(footer)}; }}
  @bottom-{end} {{ content: {counter}; }}
  {draft}
}}
html, body {{ font-family: {family}; }}
@page {{
  @top-center {{ font-family: {family}; }}
  @bottom-left {{ font-family: {family}; }}
  @bottom-right {{ font-family: {family}; }}
}}
"""

    def _handout_jobs(self) -> tuple[list[pdf.Job], dict[Path, tuple]]:
        """Every PDF of the language to make, and how the manifest describes each."""
        language = languages.by_code()[self.config.language]
        handouts = definitions.select(
            definitions.load(Path(self.config.handouts_definitions)),
            self.config.handouts_only,
            self.config.handouts_papers,
        )
        clinic = self._clinic()
        root = self.config.root_doc
        pages_of = {handout.id: handout.page_names(self.env, root) for handout in handouts}
        self._require_complete_catalogs()
        templates = self._templates.get_template("handout.html")
        # The language's own address (site_languages adds the language folder).
        base_url = self.config.html_baseurl.rstrip("/") + "/"
        jobs: list[pdf.Job] = []
        described: dict[Path, tuple[definitions.Handout, str, str]] = {}
        for handout in handouts:
            pages = pages_of[handout.id]
            title = self.env.titles[handout.title_page].astext()
            tree = self._assemble(pages, handout.title_page, clinic)
            # A handout with a contents list prints its title page (the guide's purpose
            # and the when-to-call panel) before the contents, so both are on page 1.
            intro = self._split_title_page(tree) if handout.contents else None
            panel = self._split_at_panel(intro) if intro is not None else None
            body = self._body_html(tree, pages[0])
            online = f"{base_url}{handout.title_page}.html"
            html = templates.render(
                language=language,
                title=title,
                intro=self._body_html(intro, pages[0]) if intro is not None else "",
                intro_panel=self._body_html(panel, pages[0]) if panel is not None else "",
                body=body,
                contents=[(page, self.env.titles[page].astext()) for page in pages[1:]]
                if handout.contents
                else [],
                handout=handout,
                clinic=clinic,
                **_online(online),
                edition=self.config.release,
                next_review=self.config.handouts_next_review,
                author=self.config.author,
            )
            fonts.check_text(text_of(html) + title + language.name, language.fonts, language.code)
            job = self._pdf_job(
                html, title, language, language.fonts, handout, self._shorten_advice(pages)
            )
            jobs.append(job)
            for paper_name, target in job.targets.items():
                described[target] = (handout, title, paper_name)
        if language.code != "en":
            for sheet in bilingual.load(Path(self.config.handouts_definitions)):
                if self.config.handouts_only or self.config.handouts_papers:
                    break  # make clinic HANDOUTS=... asks for the monolingual handouts
                job, described_as = self._bilingual_job(sheet, language, clinic)
                jobs.append(job)
                described.update(described_as)
        return jobs, described

    def _bilingual_job(self, sheet: bilingual.Sheet, language, clinic):
        """One bilingual sheet, English beside the language row by row, and how the
        manifest describes each of its PDFs."""
        render = bilingual.renderer(self, sheet.title_page)
        # The summary's sheet carries the plan in its short form, as the summary does;
        # the card in its urgent form, as the one-language card does.
        form = "short" if sheet.content == "page" else "urgent"
        english_panel = when_to_call.panel("en", when_to_call.plan_values(clinic, "en"), form)
        translated_panel = when_to_call.panel(
            language.code, when_to_call.plan_values(clinic, language.code), form
        )
        # The panel's rows without its title: the sheet's title or heading says it.
        panel_rows = bilingual.panel_rows(english_panel, translated_panel, render)[1:]
        if sheet.content == "page":
            tree = self._assemble([sheet.title_page], "", clinic)
            title = self.env.titles[sheet.title_page].astext()
            # The page's title is the sheet's title, in the header. The page's own
            # when-to-call panel kept no English, so page_rows leaves it out: the
            # panel's rows follow the page's.
            first_title = next(tree.findall(nodes.title))
            english_title = first_title["english"].astext()
            panel_title = bilingual.Row(
                "heading",
                f"<h2>{escape(when_to_call.TITLE)}</h2>",
                f"<h2>{escape(str(_(when_to_call.TITLE)))}</h2>",
            )
            rows = bilingual.page_rows(tree, render)[1:] + [panel_title, *panel_rows]
        else:
            title = str(_(when_to_call.TITLE))
            english_title = when_to_call.TITLE
            rows = panel_rows
        edition = self.config.release
        notice = _(
            "This translation is a draft and has not been checked by a medical translator "
            "yet. If anything is unclear, ask your child's care team for an interpreter or "
            "for the English handout."
        )
        title_row = bilingual.Row(
            "title",
            f'<h1 class="handout-title">{escape(english_title)}</h1>'
            f'<p class="edition">English · Last reviewed: {escape(left_to_right(edition))}</p>',
            f'<h1 class="handout-title">{escape(title)}</h1><p class="edition">'
            f"<bdi>{escape(language.name)}</bdi> · "
            f"{escape(_('Last reviewed: %(date)s') % {'date': left_to_right(edition)})}</p>",
        )
        draft_row = None
        if language.is_draft:
            draft_row = bilingual.Row(
                "draft",
                "<p>The translation beside this text is a draft and has not been checked by "
                "a medical translator yet.</p>",
                f"<p>{escape(notice)}</p>",
            )
        source = "Based on patient information published by a children's cancer center."
        advice = "This handout does not replace the advice of your child's care team."
        footer_row = bilingual.Row(
            "footer",
            f"<p>{escape(source)} {escape(advice)}</p>",
            f"<p>{escape(_(source))} {escape(_(advice))}</p>",
        )
        base_url = self.config.html_baseurl.rstrip("/") + "/"
        online = f"{base_url}{sheet.title_page}.html"
        html = self._templates.get_template("bilingual.html").render(
            language=language,
            sheet=sheet,
            title=title,
            english_title=english_title,
            title_row=title_row,
            draft_row=draft_row,
            footer_row=footer_row,
            rows=rows,
            clinic=clinic,
            **_online(online),
            edition=edition,
            author=self.config.author,
        )
        # Both columns' fonts: the language's and English's.
        families = tuple(dict.fromkeys([*language.fonts, *ENGLISH_FONTS]))
        fonts.check_text(text_of(html), families, language.code)
        job = self._pdf_job(html, f"{english_title} · {title}", language, families, sheet, {})
        # Listed on the language's page under its own title, marked as with English.
        listed_as = definitions.Handout(
            f"{sheet.id}-en", sheet.title_page, (), sheet.papers, bilingual=True
        )
        listed_title = f"{title} ({_english_in(language.code)} + {language.name})"
        return job, {
            target: (listed_as, listed_title, paper_name)
            for paper_name, target in job.targets.items()
        }

    def _pdf_job(
        self,
        html: str,
        footer_title: str,
        language,
        families: tuple[str, ...],
        handout: definitions.Handout | bilingual.Sheet,
        shorten: dict[str, str],
    ) -> pdf.Job:
        """A handout's PDFs to make: its HTML, print.css, the page furniture, and copies
        of its fonts holding what it prints, on each of its papers."""
        # Every character of the page and of its margins (footer, page numbers).
        margins = self._page_css(language, footer_title, families)
        subsets = font_subsets.for_text(families, html + margins)
        outdir = Path(self.outdir)
        css = [
            subsets.css,
            self._print_css,
            self._page_css(language, footer_title, subsets.families),
        ]
        targets = {
            paper_name: outdir / handout.file_name(language.code, paper_name)
            for paper_name in handout.papers
        }
        return pdf.Job(
            html, css, outdir, [outdir, HERE], targets, handout.max_pages, shorten,
            self.config.handouts_keep_html,
        )  # fmt: skip

    @cached_property
    def _print_css(self) -> str:
        return (HERE / "print.css").read_text(encoding="utf-8")

    def _shorten_advice(self, pages: list[str]) -> dict[str, str]:
        """What to shorten when a handout runs past its page limit, per kind of part."""
        language = self.config.language
        if language == "en":
            sources = ", ".join(f"docs/{page}.md" for page in pages)
        else:
            sources = ", ".join(f"locale/{language}/LC_MESSAGES/{page}.po" for page in pages)
        interface = f"locale/{language}/LC_MESSAGES/sphinx.po" if language != "en" else ""
        advice = {
            "section": f"that section's text in {sources}",
            "text": f"the handout's text in {sources}",
        }
        profile = self.config.handouts_clinic_profile
        if profile:
            advice["care-team"] = (
                f"the clinic's name or other fields in {relative(Path(profile))} "
                "(the care team box grows with them)"
            )
        elif interface:
            advice["care-team"] = f"the care team box's labels in {interface}"
        if interface:
            advice["back-matter"] = f"the notes at the end, in {interface}"
        return advice

    def _write_manifest(self, rendered) -> manifest.Manifest:
        """What the site's "Printable handouts" page lists."""
        entries = [
            {
                "handout": handout.id,
                "title": title,
                "paper": paper_name,
                "paper_name": definitions.PAPERS[paper_name],
                "file": result.target.name,
                "pages": result.pages,
                "bytes": result.target.stat().st_size,
                "bilingual": handout.bilingual,
            }
            for handout, title, paper_name, result in rendered
        ]
        outdir = Path(self.outdir)
        # PDFs no longer made (a handout removed or filtered out) are not left behind.
        for old in set(outdir.glob("*.pdf")) - {outdir / entry["file"] for entry in entries}:
            old.unlink()
        record = manifest.Manifest(self.config.language, manifest.PUBLISHED, entries)
        manifest.write(outdir, record)
        return record
