"""A handout's HTML and CSS, from its assembled document: Sphinx's HTML of the pages, the
templates (templates/), the page margins, the fonts checked, and the PDFs to lay out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.locale import get_translation

from allguide import languages, upstream
from allguide.catalogs import relative
from allguide.site.site_address import is_placeholder
from allguide.sphinxext import escaped_gettext, ltr_runs
from allguide.sphinxext.interface_nodes import left_to_right

from . import boilerplate, definitions, font_subsets, fonts, form_fields, paper, pdf
from .clinic_profile import ClinicProfile
from .qr import qr_data_url

_ = get_translation("sphinx")

HERE = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


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


def template_environment() -> Environment:
    """The handout templates' environment: HTML escaped, translations included."""
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        # page.css is CSS: its values are quoted by css_string, never HTML-escaped.
        autoescape=select_autoescape(["html"], disabled_extensions=["css"], default=True),
        extensions=["jinja2.ext.i18n"],
    )
    # Jinja's newstyle gettext trusts a translation as Markup when autoescaping;
    # escaped first, a catalog's text stays text (and %(name)s values are escaped).
    escaped_gettext.install(environment, newstyle=True)
    environment.filters["ltr"] = left_to_right
    environment.filters["css_string"] = css_string
    # The draft notice's words (boilerplate.py), for handout.html to translate and print.
    environment.globals["DRAFT_MARK"] = boilerplate.DRAFT_MARK
    environment.globals["DRAFT_NOTICE"] = boilerplate.DRAFT_NOTICE
    # The care team box's lines as form fields (form_fields.py).
    environment.globals["field"] = form_fields.field
    return environment


def _isolate_for_print(tree: nodes.Node) -> None:
    """Left-to-right runs of a right-to-left page (ltr_runs.py), isolated with Unicode's
    marks: WeasyPrint ignores the CSS that isolates them on the site."""
    ltr_runs.isolate_runs(tree)  # the bilingual panel and rows are built here, not read
    for node in tree.findall(nodes.inline):
        if ltr_runs.CLASS in node["classes"] and not node.get("isolated"):
            node.insert(0, nodes.Text("\u2066"))
            node.append(nodes.Text("\u2069"))
            node["isolated"] = True


def body_html(builder: Builder, tree: nodes.document, docname: str) -> str:
    """Sphinx's HTML of `tree`, written by the builder's own HTML translator."""
    if languages.by_code()[builder.config.language].direction == "rtl":
        _isolate_for_print(tree)
    return upstream.sphinx_html_body(builder, tree, docname)


def online(config: Config, page: str) -> dict[str, str]:
    """The page's address and its QR code, for the cover; nothing while the address is
    the placeholder (no BASEURL): a family would type or scan an address that leads
    nowhere."""
    # The language's own address (site_languages adds the language folder).
    url = f"{config.html_baseurl.rstrip('/')}/{page}.html"
    if is_placeholder(url):
        return {"online_url": "", "qr_code": ""}
    return {"online_url": url, "qr_code": qr_data_url(url)}


def handout_html(
    builder: Builder,
    templates: Environment,
    handout: definitions.Handout,
    language: languages.Language,
    title: str,
    pages: list[str],
    parts: tuple[nodes.document, nodes.document | None, nodes.document | None],
    clinic: ClinicProfile | None,
) -> str:
    """handout.html filled in with the HTML of the assembled `parts` (the body, the title
    page and the rest of the title page from the when-to-call panel on), its characters
    checked against the language's fonts."""
    body_tree, intro, panel = parts
    titles = builder.env.titles
    config = builder.config
    body = body_html(builder, body_tree, pages[0])
    html = templates.get_template("handout.html").render(
        language=language,
        title=title,
        intro=body_html(builder, intro, pages[0]) if intro is not None else "",
        intro_panel=body_html(builder, panel, pages[0]) if panel is not None else "",
        body=body,
        contents=[(page, titles[page].astext()) for page in pages[1:]] if handout.contents else [],
        handout=handout,
        clinic=clinic,
        **online(config, handout.title_page),
        edition=config.release,
        next_review=config.handouts_next_review,
        author=config.author,
    )
    fonts.check_text(text_of(html) + title + language.name, language.fonts, language.code)
    return html


def page_css(
    templates: Environment,
    language: languages.Language,
    footer_title: str,
    families: tuple[str, ...],
    release: str,
) -> str:
    """The margins of every page (footer, page counter, draft mark) and the fonts."""
    start, end = ("right", "left") if language.direction == "rtl" else ("left", "right")
    draft_mark = ""
    if language.is_draft:
        english = left_to_right(boilerplate.DRAFT_MARK)
        draft_mark = " · ".join([_(boilerplate.DRAFT_MARK), english])
    return templates.get_template("page.css").render(
        size=paper.LAYOUT_SIZE,
        start=start,
        end=end,
        footer=" · ".join([footer_title, language.name, left_to_right(release)]),
        counter=page_counter_css(_(boilerplate.PAGE_COUNTER)),
        draft_mark=draft_mark,
        family=", ".join(css_string(name) for name in families),
    )


def _print_css() -> str:
    return (HERE / "print.css").read_text(encoding="utf-8")


def pdf_job(
    builder: Builder,
    templates: Environment,
    html: str,
    footer_title: str,
    language: languages.Language,
    families: tuple[str, ...],
    handout: definitions.Handout | definitions.Sheet,
    shorten: dict[str, str],
) -> pdf.Job:
    """A handout's PDFs to make: its HTML, print.css, the page furniture, and copies
    of its fonts holding what it prints, on each of its papers."""
    release = builder.config.release
    # Every character of the page and of its margins (footer, page numbers).
    margins = page_css(templates, language, footer_title, families, release)
    subsets = font_subsets.for_text(families, html + margins)
    outdir = Path(builder.outdir)
    css = [
        subsets.css,
        font_subsets.form_field_face(html),
        _print_css(),
        page_css(templates, language, footer_title, subsets.families, release),
    ]
    targets = {
        paper_name: outdir / handout.file_name(language.code, paper_name)
        for paper_name in handout.papers
    }
    return pdf.Job(
        html, css, outdir, [outdir, HERE], targets, handout.max_pages, shorten,
        builder.config.handouts_keep_html,
    )  # fmt: skip


def shorten_advice(config: Config, pages: list[str]) -> dict[str, str]:
    """What to shorten when a handout runs past its page limit, per kind of part."""
    language = config.language
    if language == "en":
        sources = ", ".join(f"docs/{page}.md" for page in pages)
    else:
        sources = ", ".join(f"locale/{language}/LC_MESSAGES/{page}.po" for page in pages)
    interface = f"locale/{language}/LC_MESSAGES/sphinx.po" if language != "en" else ""
    advice = {
        "section": f"that section's text in {sources}",
        "text": f"the handout's text in {sources}",
    }
    profile = config.handouts_clinic_profile
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
