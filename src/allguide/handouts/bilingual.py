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
translation is message by message, so both sides have the same structure. Each sheet is
laid out like a handout (render.py, pdf.py) and published with the language's handouts.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html import escape
from itertools import groupby
from pathlib import Path

from babel import Locale, UnknownLocaleError
from docutils import nodes
from jinja2 import Environment
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

from allguide import upstream
from allguide.languages import Language
from allguide.sphinxext import when_to_call
from allguide.sphinxext.interface_nodes import left_to_right

from . import assemble, boilerplate, definitions, domain, fonts, form_fields, pdf, render
from .clinic_profile import ClinicProfile
from .definitions import PAPERS, Sheet
from .errors import HandoutError, IncompleteTranslation
from .publish import Held, Jobs, Listing

_ = get_translation("sphinx")

CONTENTS = ("page", "when-to-call")
# The English column's fonts.
ENGLISH_FONTS = ("Noto Sans",)
# handout.html's messages, which the sheet's own rows print too: named here, not marked
# with _("..."), so that the catalogs keep them in the order handout.html gives them.
LAST_REVIEWED = "Last reviewed: %(date)s"
SOURCE = "Based on patient information published by a children's cancer center."
ADVICE = "This handout does not replace the advice of your child's care team."


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
    """Before Sphinx translates a bilingual sheet's page (its Locale transform), keep each
    message's English node on the node itself."""

    default_priority = upstream.SPHINX_LOCALE_PRIORITY - 5

    def apply(self, **kwargs) -> None:
        if self.config.language == "en" or self.env.docname not in _sheet_pages(self.config):
            return
        for node, _message in upstream.extract_messages(self.document):
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


def page_rows(tree: nodes.Node, html_of: Render) -> list[Row]:
    """One row per message of the page, English beside the translation."""
    rows = []
    for node in tree.findall(nodes.Element):
        english = node.get("english")
        if english is None or isinstance(node, nodes.image):
            continue
        kind = _kind(node)
        rows.append(Row(kind, _side(english, kind, html_of), _side(node, kind, html_of)))
    return rows


def panel_rows(english: nodes.Element, translated: nodes.Element, html_of: Render) -> list[Row]:
    """The when-to-call panel, both panels built by the same code: a row per heading and
    line, and one row per list (its items in the same order on both sides, numbered alike),
    so a level's signs sit side by side without a rule between every item."""
    rows: list[Row] = []
    pairs = zip(english.findall(nodes.paragraph), translated.findall(nodes.paragraph), strict=True)
    for list_node, lines in groupby(pairs, key=lambda pair: _list_of(pair[0])):
        if list_node is not None:
            tag = "ol" if isinstance(list_node, nodes.enumerated_list) else "ul"
            english_items, translated_items = zip(*lines, strict=True)
            rows.append(Row("list", _list_html(tag, english_items, html_of),
                            _list_html(tag, translated_items, html_of)))  # fmt: skip
            continue
        for english_line, translated_line in lines:
            classes = english_line["classes"]
            kind = "paragraph"
            if "when-to-call-title" in classes or "when-to-call-heading" in classes:
                kind = "heading"
            rows.append(
                Row(kind, _side(english_line, kind, html_of), _side(translated_line, kind, html_of))
            )
    return rows


def _list_of(paragraph: nodes.Element) -> nodes.Element | None:
    """The list a paragraph is an item of, or None."""
    return paragraph.parent.parent if isinstance(paragraph.parent, nodes.list_item) else None


def _list_html(tag: str, items, html_of: Render) -> str:
    return f"<{tag}>" + "".join(f"<li>{_html(item, html_of)}</li>" for item in items) + f"</{tag}>"


def _html(node: nodes.Element, html_of: Render) -> str:
    """A paragraph's words as HTML, its links made plain words."""
    return html_of(nodes.paragraph("", "", *_without_links(node).children))


def _side(node: nodes.Element, kind: str, html_of: Render) -> str:
    body = _html(node, html_of)
    if kind == "heading":
        return f"<h2>{body}</h2>"
    return f"<ul><li>{body}</li></ul>" if kind == "item" else body


def renderer(builder: Builder, docname: str) -> Render:
    """HTML of one paragraph, written by the builder's own HTML translator."""

    def paragraph_html(paragraph: nodes.Element) -> str:
        document = upstream.new_document("<bilingual row>", upstream.sphinx_html_settings(builder))
        document += paragraph
        html = render.body_html(builder, document, docname)
        # The row supplies the block; keep the paragraph's inside only.
        return html.strip().removeprefix("<p>").removesuffix("</p>")

    return paragraph_html


# -- The sheets' PDFs ----------------------------------------------------------------


def jobs(
    builder: Builder,
    templates: Environment,
    language: Language,
    clinic: ClinicProfile | None,
    incomplete: dict[str, list[str]],
) -> Jobs:
    """The language's bilingual sheets to make (English has none), how the record lists
    each of their PDFs, and those held back while a catalog they print is incomplete
    (`incomplete`: assemble.incomplete_catalogs)."""
    made = Jobs([], {}, [])
    if language.code == "en":
        return made
    for sheet in load(Path(builder.config.handouts_definitions)):
        if builder.config.handouts_only or builder.config.handouts_papers:
            break  # make clinic HANDOUTS=... asks for the monolingual handouts
        try:
            compaction = builder.config.gettext_compact
            assemble.require_complete(sheet.printed_pages, incomplete, compaction)
            job, listings = _sheet_job(builder, templates, sheet, language, clinic)
        except IncompleteTranslation as waiting:
            title = builder.env.titles[sheet.title_page].astext()
            listed = _listed_title(title, language)
            made.held.append(Held(f"{sheet.id}-en", listed, waiting.problems))
            continue
        made.jobs.append(job)
        made.listings.update(listings)
    return made


def _sheet_job(
    builder: Builder,
    templates: Environment,
    sheet: Sheet,
    language: Language,
    clinic: ClinicProfile | None,
) -> tuple[pdf.Job, dict[Path, Listing]]:
    """One bilingual sheet, English beside the language row by row, and how the record
    lists each of its PDFs.

    Its title, draft and footer rows are written here, not in bilingual.html, for two
    reasons: html.escape writes an apostrophe as &#x27; where Jinja writes &#39; (the
    sheet's HTML would change); and a message marked in bilingual.html would come before
    handout.html's in the interface template, reordering every catalog."""
    html_of = renderer(builder, sheet.title_page)
    # The summary's sheet carries the plan in its short form, as the summary does;
    # the card in its urgent form, as the one-language card does.
    form = "short" if sheet.content == "page" else "urgent"
    # A public sheet's numbers are form fields (form_fields.py).
    public = clinic is None
    english_panel = when_to_call.panel(
        "en",
        when_to_call.plan_values(clinic, "en"),
        form,
        fillable=public,
        fever_suffix=form_fields.ENGLISH_SIDE,
    )
    translated_panel = when_to_call.panel(
        language.code, when_to_call.plan_values(clinic, language.code), form, fillable=public
    )
    # The panel's rows without its title: the sheet's title or heading says it.
    rows_of_panel = panel_rows(english_panel, translated_panel, html_of)[1:]
    if sheet.content == "page":
        tree = assemble.document(builder, [sheet.title_page], "", clinic)
        title = builder.env.titles[sheet.title_page].astext()
        # The page's title is the sheet's title, in the header. The page's own
        # when-to-call panel kept no English, so page_rows leaves it out: the
        # panel's rows follow the page's.
        first_title = next(tree.findall(nodes.title))
        english_title = first_title["english"].astext()
        panel_title = Row(
            "heading",
            f"<h2>{escape(when_to_call.TITLE)}</h2>",
            f"<h2>{escape(str(_(when_to_call.TITLE)))}</h2>",
        )
        rows = page_rows(tree, html_of)[1:] + [panel_title, *rows_of_panel]
    else:
        title = str(_(when_to_call.TITLE))
        english_title = when_to_call.TITLE
        rows = rows_of_panel
    edition = builder.config.release
    title_row = Row(
        "title",
        f'<h1 class="handout-title">{escape(english_title)}</h1>'
        f'<p class="edition">English · Last reviewed: {escape(left_to_right(edition))}</p>',
        f'<h1 class="handout-title">{escape(title)}</h1><p class="edition">'
        f"<bdi>{escape(language.name)}</bdi> · "
        f"{escape(_(LAST_REVIEWED) % {'date': left_to_right(edition)})}</p>",
    )
    draft_row = None
    if language.is_draft:
        draft_row = Row(
            "draft",
            f"<p>{escape(boilerplate.DRAFT_NOTICE_BESIDE)}</p>",
            f"<p>{escape(_(boilerplate.DRAFT_NOTICE))}</p>",
        )
    footer_row = Row(
        "footer",
        f"<p>{escape(SOURCE)} {escape(ADVICE)}</p>",
        f"<p>{escape(_(SOURCE))} {escape(_(ADVICE))}</p>",
    )
    html = templates.get_template("bilingual.html").render(
        language=language,
        sheet=sheet,
        title=title,
        english_title=english_title,
        title_row=title_row,
        draft_row=draft_row,
        footer_row=footer_row,
        rows=rows,
        clinic=clinic,
        **render.online(builder.config, sheet.title_page),
        edition=edition,
        author=builder.config.author,
    )
    # Both columns' fonts: the language's and English's.
    families = tuple(dict.fromkeys([*language.fonts, *ENGLISH_FONTS]))
    fonts.check_text(render.text_of(html), families, language.code)
    footer_title = f"{english_title} · {title}"
    job = render.pdf_job(builder, templates, html, footer_title, language, families, sheet, {})
    # Listed on the language's page under its own title, marked as with English.
    listed_as = definitions.Handout(
        f"{sheet.id}-en", sheet.title_page, (), sheet.papers, bilingual=True
    )
    return job, {
        target: Listing(listed_as, _listed_title(title, language), paper_name)
        for paper_name, target in job.targets.items()
    }


def _listed_title(title: str, language: Language) -> str:
    return f"{title} ({_english_in(language.code)} + {language.name})"


def _english_in(code: str) -> str:
    """The word for English in the language (from CLDR, through Babel), else "English"."""
    try:
        return Locale.parse(code).languages.get("en") or "English"
    except (ValueError, UnknownLocaleError):
        return "English"
