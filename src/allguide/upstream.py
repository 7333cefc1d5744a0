"""Every use of another library's private or undocumented parts, in one place.

The guide leans on Sphinx, docutils, MyST-Parser, WeasyPrint (with pydyf) and Furo where
their public APIs stop: a private attribute read, a function of theirs wrapped, a module
their documentation does not describe, behaviour nobody promised. Such a use breaks
silently when the library changes, so each one lives here, as one small named accessor
(or constant) with a comment that says which library, the version it was checked against
(VERSIONS), what it relies on and why no public API does the job. The rest of allguide
goes through these names only, and tests/test_upstream.py checks each thing relied on
still exists with the shape expected; it also fails as soon as an installed version is
not the one in VERSIONS, so that an upgrade means reading this file again.

Furo's templates are copied or overridden in theme/templates/; FURO_TEMPLATES holds the
digest of each Furo template ours is derived from, so a Furo upgrade that changes one
fails the tests until ours is compared with the new one.

Only third-party libraries are imported here, never other allguide modules, and only
inside the accessor that needs them: a module pays for the libraries it uses, not for
WeasyPrint because it also reads a Sphinx node.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# The versions every accessor below was checked against (distribution names, as
# importlib.metadata knows them). tests/test_upstream.py fails when one differs.
VERSIONS = {
    "sphinx": "9.0.4",
    "docutils": "0.22.4",
    "myst-parser": "5.2.0",
    "weasyprint": "70.0",
    "pydyf": "0.13.0",
    "furo": "2025.12.19",
}

# Furo 2025.12.19: theme/templates/<name> is a copy of Furo's template of the same name
# changed in places (base.html, page.html, partials/icons.html), or extends it as
# "!<name>" and replaces blocks copied from it (search.html, genindex.html,
# sidebar/brand.html). Each digest is SHA-256 of furo/theme/furo/<name>: when Furo
# changes one, compare ours with it again, then record the new digest.
FURO_TEMPLATES = {
    "base.html": "c6b65a3fc4089f835cc613050c1aeaf2eecbdb66118195291c5ce7651e7095de",
    "page.html": "ad8bad98317b2e09e018cde7113e90a32b3a87e0440cfab385d1bb7ca1c9cd6d",
    "search.html": "95755b01ed85cf27bb1e6dc82647e96b7e7283c29be7fb5b187ed765fcf15f71",
    "genindex.html": "e8de4997983f6996d0682dc22ec86671efa2a324c3ca844a0cb2d8d1c62622c3",
    "sidebar/brand.html": "847f4c19956c8a1eb3a19119eb51141c952ec9d784c192b607964e89a8cd2c8e",
    "partials/icons.html": "011252a5f029c5469b589debeceff03b3c6212bf7fb692d8d11dc1b7cb6c14bf",
}


def _wrap_once(module: Any, name: str, wrap: Callable[[Callable], Callable]) -> None:
    """Replace `module.name` by `wrap(module.name)`, once per process for each `wrap`."""
    original = getattr(module, name)
    wraps = getattr(original, "allguide_wraps", ())
    if wrap in wraps:
        return
    # functools.update_wrapper keeps the original's name and signature readable
    # (inspect.signature follows __wrapped__): the checks of tests/test_upstream.py read
    # the upstream function's parameters whether or not a build has wrapped it already.
    wrapped = functools.update_wrapper(wrap(original), original)
    wrapped.allguide_wraps = (*wraps, wrap)
    setattr(module, name, wrapped)


# -- WeasyPrint (and pydyf) ---------------------------------------------------------------


def weasyprint_page_box(page: Any) -> Any:
    """The laid-out box tree of one page of a rendered document.

    WeasyPrint 70.0: `weasyprint.document.Page._page_box`, the PageBox set in
    Page.__init__ (WeasyPrint's own PDF writer reads it the same way). The public Page
    gives only links, anchors and bookmarks; where each column, line and drawing ended
    up (column_fill.py) and which part ran past the last page (pdf.py) are in the boxes.
    """
    return page._page_box  # noqa: SLF001


def weasyprint_boxes() -> Any:
    """WeasyPrint's box classes (the module `weasyprint.formatting_structure.boxes`).

    WeasyPrint 70.0: an undocumented module. column_fill.py tells lines and drawings
    (LineBox, ReplacedBox) from blocks (BlockBox) and reads their geometry:
    position_y, margin_height(), border_box_y(), border_height(), content_box_y(),
    is_in_normal_flow(), is_column, element, element_tag, style. No public API exposes
    a layout's geometry.
    """
    from weasyprint.formatting_structure import boxes

    return boxes


def wrap_weasyprint_tag_tree(wrap: Callable[[Callable], Callable]) -> None:
    """Replace WeasyPrint's builder of a box's PDF structure elements by `wrap(builder)`.

    WeasyPrint 70.0: `weasyprint.pdf.tags._build_box_tree(box, parent, pdf, page_number,
    nums, annotations, tags)`, a generator of pydyf.Dictionary structure elements,
    called by module-level name from tags.add_tags and recursively from itself, so the
    wrapper sees every box. WeasyPrint writes /Lang in the catalog only and has no hook
    for structure elements (pdf.py adds each element's /Lang).
    """
    from weasyprint.pdf import tags

    _wrap_once(tags, "_build_box_tree", wrap)


def wrap_weasyprint_line_drawing(wrap: Callable[[Callable], Callable]) -> None:
    """Replace WeasyPrint's function that draws one line of text by `wrap(function)`.

    WeasyPrint 70.0: `weasyprint.draw.text.draw_first_line(stream, textbox,
    text_overflow, block_ellipsis, matrix)`, called by module-level name from
    draw_text (and imported at call time by SVG text). The wrapper (actual_text.py)
    relies on `stream` being WeasyPrint's pdf.stream.Stream: a pydyf.Stream whose
    `stream` list holds the operators drawn so far (pydyf 0.13.0), with
    `add_font(pango_font) -> (font, size)` whose font has a `to_unicode` dict of glyph
    to text; and on `textbox.pango_layout`. WeasyPrint has no option to write
    /ActualText and no hook around drawing.
    """
    from weasyprint.draw import text

    _wrap_once(text, "draw_first_line", wrap)


class WeasyPrintPages:
    """One HTML document laid out by WeasyPrint page by page, as far as it is asked for,
    then finished into the Document that `HTML.render(**options)` would have returned.

    Why: column_fill.py lays the guide out again after each figure it moves, and needs
    only the pages up to that figure's column to decide whether the move is kept. A
    whole layout of a 15-page guide costs 2 to 4 s; most of each was thrown away.
    WeasyPrint has no public way to stop a layout early.

    WeasyPrint 70.0 relied on, all in what `Document._render(html, font_config,
    counter_style, color_profiles, options)` does, repeated here in the same order:
    `Document._build_layout_context`, `build_formatting_structure` (module
    weasyprint.formatting_structure.build), `layout.page.initialize_page_maker(context,
    root_box)` (in weasyprint/layout/__init__.py) and the generator
    `layout.page.make_all_pages(context, root_box, html,
    pages)`, which lays out one page per step (the first pass). `finish()` hands the
    pages made so far, and the rest, to `layout.layout_document(html, root_box, context)`
    as its first pass (it calls `initialize_page_maker` and `make_all_pages` by
    module-level name, and `make_all_pages(..., pages=[])` only in its first pass), so
    its later passes (page numbers in the contents) and margin boxes run unchanged.
    tests/test_upstream.py checks that finishing gives the PDF `HTML.render` gives.
    """

    def __init__(self, html: Any, font_config: Any = None, **options: Any):
        from weasyprint.css.counters import CounterStyle
        from weasyprint.document import Document
        from weasyprint.formatting_structure.build import build_formatting_structure
        from weasyprint.layout import initialize_page_maker
        from weasyprint.layout.page import make_all_pages
        from weasyprint.text.fonts import FontConfiguration

        self.options = _weasyprint_options(options)
        self.font_config = font_config if font_config is not None else FontConfiguration()
        self.counter_style = CounterStyle()
        self.color_profiles: dict = {}
        self.html = html
        self.context = Document._build_layout_context(  # noqa: SLF001
            html, self.font_config, self.counter_style, self.color_profiles, self.options
        )
        self.root_box = build_formatting_structure(
            html.etree_element, self.context.style_for, self.context.get_image_from_uri,
            html.base_url, self.context.target_collector, self.counter_style,
            self.context.footnotes,
        )  # fmt: skip
        initialize_page_maker(self.context, self.root_box)
        self._first_pass = make_all_pages(self.context, self.root_box, html, [])
        self.page_boxes: list = []
        self.complete = False

    def lay_out_to(self, count: float) -> list:
        """The page boxes of the first `count` pages (all of them if fewer), without
        their margin boxes, as the first pass made them."""
        while not self.complete and len(self.page_boxes) < count:
            page = next(self._first_pass, None)
            if page is None:
                self.complete = True
            else:
                self.page_boxes.append(page)
        return self.page_boxes

    def finish(self) -> Any:
        """The whole Document, as `HTML.render` makes it."""
        from weasyprint import layout
        from weasyprint.document import Document, Page
        from weasyprint.html import get_html_metadata
        from weasyprint.pdf.metadata import DocumentMetadata

        first_pass = self.lay_out_to(float("inf"))
        make_all_pages = layout.make_all_pages

        def continued(context, root_box, html, pages):
            return iter(first_pass) if not pages else make_all_pages(context, root_box, html, pages)

        initialize_page_maker = layout.initialize_page_maker
        layout.make_all_pages, layout.initialize_page_maker = continued, _nothing
        try:
            page_boxes = list(layout.layout_document(self.html, self.root_box, self.context))
        finally:
            layout.make_all_pages = make_all_pages
            layout.initialize_page_maker = initialize_page_maker
        document = Document(
            [Page(page_box) for page_box in page_boxes],
            DocumentMetadata(**get_html_metadata(self.html)),
            self.html.url_fetcher, self.font_config, self.color_profiles,
            self.options["output_intent"],
        )  # fmt: skip
        document._html = self.html  # noqa: SLF001
        return document


def _nothing(*_args: Any) -> None:
    return None


def _weasyprint_options(options: dict[str, Any]) -> dict[str, Any]:
    """`options` completed as `HTML.render` and `Document.write_pdf` complete them
    (WeasyPrint 70.0): DEFAULT_OPTIONS first, then the PDF variant's properties
    (`weasyprint.pdf.VARIANTS[variant][1]`) for those left None."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.pdf import VARIANTS

    completed = {**DEFAULT_OPTIONS, **options}
    if variant := completed["pdf_variant"]:
        properties = VARIANTS[variant][1]
        for key, value in tuple(completed.items()):
            if value is None and key in properties:
                completed[key] = properties[key]
    return completed


def write_weasyprint_pdfs(
    document: Any, writes: list[tuple[Path, Callable[[Any, Any], None]]], **options: Any
) -> None:
    """Write `document` once per (path, finisher) in `writes`: the bytes
    `document.write_pdf(path, finisher=finisher, **options)` would write, but the PDF's
    objects (pages drawn, fonts subset) are made once for all of them.

    Why: a handout is written on two papers (paper.py), and making its objects was two
    thirds of each write (the guide: 0.39 s of 0.6 s).

    WeasyPrint 70.0 relied on: `Document.write_pdf` is `weasyprint.pdf.generate_pdf(
    document, target, zoom, **options)` (options completed from DEFAULT_OPTIONS and the
    PDF variant's, as WeasyPrintPages does), then `finisher(document, pdf)`, then
    `pdf.write(file, options["pdf_version"], options["pdf_identifier"], not
    options["uncompressed_pdf"])`. pydyf 0.13.0 relied on: `PDF.write` appends the info,
    object stream and cross-reference objects to `pdf.objects` and counts
    `pdf.current_position` from 0, so each write gets a copy of the PDF with its own list
    of objects; a finisher changes dictionaries' entries (paper.py sets page boxes) and
    may add objects (form_fields.py adds a field for widgets of one name): the entries
    are put back and the added objects taken away before the next one. A finisher never
    changes an array in place, which would not be put back. tests/test_upstream.py
    checks the bytes against write_pdf's.
    """
    import copy

    import pydyf
    from weasyprint.pdf import generate_pdf

    options = _weasyprint_options(options)
    pdf = generate_pdf(document, None, 1, **options)
    dictionaries = [
        (entry, dict(entry)) for entry in pdf.objects if isinstance(entry, pydyf.Dictionary)
    ]
    made = len(pdf.objects)
    for path, finisher in writes:
        del pdf.objects[made:]
        for entry, entries in dictionaries:
            entry.clear()
            entry.update(entries)
        finisher(document, pdf)
        written = copy.copy(pdf)
        written.objects = list(pdf.objects)
        written.current_position = 0
        with Path(path).open("wb") as output:
            written.write(
                output, options["pdf_version"], options["pdf_identifier"],
                not options["uncompressed_pdf"],
            )  # fmt: skip


def weasyprint_pango() -> tuple[Any, Any]:
    """(ffi, pango): WeasyPrint's cffi bindings and its loaded Pango library.

    WeasyPrint 70.0: the undocumented module `weasyprint.text.ffi`. actual_text.py walks
    a Pango line's runs and glyphs (`ffi.NULL`, `pango.PANGO_GLYPH_EMPTY`) to tell
    whether a PDF reader can spell the line from its glyphs; only WeasyPrint's own
    bindings can read the PangoLayout it made.
    """
    from weasyprint.text.ffi import ffi, pango

    return ffi, pango


# -- Sphinx -------------------------------------------------------------------------------


def sphinx_minified_js_path() -> Path:
    """The folder of Sphinx's minified Snowball stemmers (base-stemmer.js, ...).

    Sphinx 9.0.4: the private constant `sphinx.search._MINIFIED_JS_PATH`. Our Chinese
    search ships the English stemmer under the name Sphinx's Chinese page calls
    (search_languages.py); Sphinx offers no public way to the stemmer files.
    """
    from sphinx.search import _MINIFIED_JS_PATH

    return _MINIFIED_JS_PATH


def sphinx_chinese_search() -> type:
    """Sphinx's Chinese search language class, to subclass.

    Sphinx 9.0.4: `sphinx.search.zh.SearchChinese`, a SearchLanguage (the documented
    base) in an undocumented module; it splits words with jieba. Subclassed to fix its
    JavaScript stemmer (js_stemmer_code, js_stemmer_rawcode); rewriting its splitter
    would copy it.
    """
    from sphinx.search.zh import SearchChinese

    return SearchChinese


def sphinx_locale_dir() -> Path:
    """The folder of Sphinx's own catalogs: <dir>/<lang>/LC_MESSAGES/sphinx.po and .mo.

    Sphinx 9.0.4: `sphinx.package_dir / "locale"`, the layout Sphinx._init_i18n reads.
    The interface catalog is prefilled from it (interface_catalog.py) and reloaded
    from it (reload_sphinx_interface_translations); no API names the folder.
    """
    from sphinx import package_dir

    return Path(package_dir) / "locale"


def reload_sphinx_interface_translations(app: Any, folder: Path, language: str) -> None:
    """Load Sphinx's interface translations again, those in `folder` first.

    Sphinx 9.0.4: repeats the end of the private `Sphinx._init_i18n` (which ran before
    any extension): `sphinx.locale.init` (documented) merges into an existing catalog,
    so the loaded one is first removed from the undocumented `sphinx.locale.translators`
    dict (key ("general", "sphinx")), then the result set as the undocumented
    `app.translator`. There is no API to change locale_dirs after start-up
    (catalog_guard.py compiles checked catalogs at config-inited).
    """
    from sphinx import locale

    locale.translators.pop(("general", "sphinx"), None)
    app.translator, _ = locale.init([folder, None, sphinx_locale_dir()], language)


def sphinx_translator(catalog: str = "sphinx") -> Any:
    """The loaded gettext translations of `catalog` (gettext, ngettext, pgettext...).

    Sphinx 9.0.4: `sphinx.locale.get_translator(catalog, namespace)`, undocumented; the
    documented get_translation gives a gettext function only, and Jinja's i18n needs
    all four (escaped_gettext.py).
    """
    from sphinx.locale import get_translator

    return get_translator(catalog)


@contextmanager
def sphinx_docutils_setup(confdir: Path) -> Iterator[None]:
    """What sphinx-build sets up around a Sphinx application run from Python.

    Sphinx 9.0.4: `sphinx.util.docutils.patch_docutils(confdir)` and
    `docutils_namespace()`, undocumented, entered in this order by
    sphinx.cmd.build.build_main. update_catalogs.py runs a gettext build in-process;
    without them docutils' directive and role registries leak between builds.
    """
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with patch_docutils(confdir), docutils_namespace():
        yield


def sphinx_build_main(argv: list[str]) -> int:
    """Run sphinx-build with `argv` (its options and folders) in this process.

    Sphinx 9.0.4: `sphinx.cmd.build.build_main(argv)`, undocumented, the body of the
    sphinx-build command without its console locale set-up. build_languages.py forks one
    build per language after importing everything once; a subprocess would import
    Sphinx, WeasyPrint and the fonts again for each.
    """
    from sphinx.cmd.build import build_main

    return build_main(argv)


def new_document(source_path: str, settings: Any = None) -> Any:
    """An empty docutils document, as Sphinx makes them.

    Sphinx 9.0.4: `sphinx.util.docutils.new_document`, undocumented: docutils' own with
    its settings built once and copied. The handouts assemble pages into new documents.
    """
    from sphinx.util import docutils

    return docutils.new_document(source_path, settings)


def extract_messages(doctree: Any) -> Any:
    """(node, message) for each translatable message of a doctree, as gettext sees them.

    Sphinx 9.0.4: `sphinx.util.nodes.extract_messages(doctree)`, undocumented, used by
    both the gettext builder and the Locale transform: our translator comments and
    bilingual rows must pair with exactly the messages Sphinx extracts and translates.
    """
    from sphinx.util import nodes

    return nodes.extract_messages(doctree)


def docname_to_domain(docname: str, compaction: bool | str) -> str:
    """The catalog (domain) a page's messages go to, under `gettext_compact`.

    Sphinx 9.0.4: `sphinx.util.i18n.docname_to_domain(docname, compaction)`,
    undocumented; the gettext builder names its .pot files with it.
    """
    from sphinx.util import i18n

    return i18n.docname_to_domain(docname, compaction)


# Sphinx 9.0.4: `sphinx.transforms.i18n.Locale.default_priority`, the transform that
# replaces each message by its translation. Undocumented; bilingual.py copies the
# English of each message just before it.
SPHINX_LOCALE_PRIORITY = 20


def left_in_english(node: Any) -> bool:
    """Whether Sphinx showed the English of this message (no usable translation).

    Sphinx 9.0.4: the Locale transform sets `node["translated"]` to False on a message
    it leaves in English and True on one it translated; undocumented. Nothing else
    tells a page's untranslated text from its translated text.
    """
    return node.get("translated") is False


def mark_left_in_english(node: Any) -> None:
    """Mark a node we make as English left untranslated, as Sphinx marks its own."""
    node["translated"] = False


def sphinx_docutils_settings(env: Any) -> dict[str, Any]:
    """The docutils settings Sphinx gives every document it reads.

    Sphinx 9.0.4: the undocumented `BuildEnvironment.settings` dict, read for each
    document and each translated message. docutils.conf says the same for plain
    docutils, but a msgstr is parsed with these settings (safe_content.py).
    """
    return env.settings


def toctree_children(env: Any, docname: str) -> list[str]:
    """The pages `docname`'s toctrees include, in order.

    Sphinx 9.0.4: the undocumented `BuildEnvironment.toctree_includes` dict; the handouts
    order their pages as the site's contents does.
    """
    return env.toctree_includes.get(docname, [])


def sphinx_builder_classes(app: Any) -> dict[str, type]:
    """Every registered builder class, by name.

    Sphinx 9.0.4: the undocumented `app.registry.builders`. escaped_interface.py gives
    each HTML builder's writer escaped permalink titles; app.set_translator needs the
    name of each builder, and no API lists them.
    """
    return app.registry.builders


def sphinx_translator_class(app: Any, builder: type) -> type:
    """The writer (translator) class a builder will use, after set_translator.

    Sphinx 9.0.4: the undocumented `app.registry.get_translator_class(builder)`.
    """
    return app.registry.get_translator_class(builder)


def sphinx_html_translator() -> type:
    """Sphinx's HTML5 writer class, to subclass.

    Sphinx 9.0.4 and docutils 0.22.4: `sphinx.writers.html5.HTML5Translator`. Subclassing
    it and app.set_translator are documented, the methods overridden are not:
    `starttag(node, tagname, suffix, empty, **attributes)` (docutils' HTMLTranslator,
    accessible_html.py), `add_permalink_ref(node, title)` and `depart_title(node)`
    writing to `self.body` (escaped_interface.py).
    """
    from sphinx.writers.html5 import HTML5Translator

    return HTML5Translator


def sphinx_template_environment(builder: Any) -> Any:
    """The Jinja environment of an HTML builder's templates, or None.

    Sphinx 9.0.4: `builder.templates.environment`, set by the undocumented
    BuiltinTemplateLoader.init. Needed to give the templates escaping gettext
    functions (escaped_interface.py); Sphinx offers no template-environment hook.
    """
    templates = getattr(builder, "templates", None)
    return getattr(templates, "environment", None)


def sphinx_html_builder() -> type:
    """Sphinx's HTML builder class, to subclass with `write_documents` overridden.

    Sphinx 9.0.4: `sphinx.builders.html.StandaloneHTMLBuilder`. Overriding
    write_documents is documented ("can be overridden"); when Builder.write calls it is
    not: after emitting write-started, then `prepare_writing(docnames)` and
    copy_assets(), with every page to write at once, and only if there is one. The
    site's builder (handouts/with_site.py) starts the handouts there, once the site's
    builder is ready to resolve their references (resolve_references), holds back the
    pages that list the handouts and writes them by a second call of the inherited
    method; a build that writes no page is covered at build-finished.
    """
    from sphinx.builders.html import StandaloneHTMLBuilder

    return StandaloneHTMLBuilder


def resolve_references(env: Any, doctree: Any, docname: str) -> None:
    """Resolve a document's references as the running build resolves its pages'.

    Sphinx 9.0.4: the undocumented `BuildEnvironment.resolve_references(doctree,
    fromdocname, builder)` applies the post-transforms, whose ReferencesResolver asks
    `env._app.builder`, the builder the application runs, for each URI: the builder
    argument is not used. Passed here too, so that the URIs stay the running builder's
    should Sphinx start to use it. A handout assembled inside the site build (a
    HandoutBuilder made on the site's application, with_site.py) gets the site's
    "page.html#anchor" links; alone (make clinic), the single-page builder's
    "#document-page": handouts/assemble.py maps either to anchors inside the PDF.
    """
    env.resolve_references(doctree, docname, env._app.builder)  # noqa: SLF001


def sphinx_html_settings(builder: Any) -> Any:
    """The docutils settings an HTML builder writes its pages with.

    Sphinx 9.0.4: the undocumented `StandaloneHTMLBuilder.docsettings`, set by
    prepare_writing. The bilingual rows (handouts/bilingual.py) are documents made
    from the paragraphs of a page, written with the page's settings.
    """
    return builder.docsettings


def sphinx_html_body(builder: Any, doctree: Any, docname: str) -> str:
    """The HTML body of `doctree`, written by `builder`'s own HTML writer as a page
    `docname` of no section or figure numbers, its images at the output's top.

    Sphinx 9.0.4: repeats the start of the undocumented StandaloneHTMLBuilder.write_doc:
    the document gets `builder.docsettings`; the writer (builder.create_translator)
    reads the builder's `secnumbers`, `fignumbers`, `imgpath`, `dlpath` and
    `current_docname`, set first; the HTML is the writer's `fragment` (docutils'
    HTMLTranslator). The handouts (handouts/render.py) need a page's HTML without
    the site's page around it, which write_doc writes to a file.
    """
    doctree.settings = sphinx_html_settings(builder)
    builder.secnumbers, builder.fignumbers = {}, {}
    builder.imgpath = builder.dlpath = ""
    builder.current_docname = docname
    visitor = builder.create_translator(doctree, builder)
    doctree.walkabout(visitor)
    return "".join(visitor.fragment)


def sphinx_parse_noqa(message: str) -> tuple[str, bool]:
    """(message without a trailing "#noqa", whether it had one), as Sphinx reads a msgstr.

    Sphinx 9.0.4: `sphinx.transforms.i18n.parse_noqa`, undocumented: the Locale transform
    drops the "#noqa" and then skips its check that the translation keeps the English's
    references. check-po (catalogs/checks/translation.py) refuses a "#noqa" the English
    has not, and compares the rest.
    """
    from sphinx.transforms.i18n import parse_noqa

    return parse_noqa(message)


# -- MyST-Parser --------------------------------------------------------------------------


def replace_myst_make_document(make_document: Callable[..., Any]) -> None:
    """Have MyST-Parser's renderer call `make_document` for its default document.

    MyST-Parser 5.2.0: `myst_parser.mdit_to_docutils.base.make_document(source_path,
    parser_cls)`, looked up by module-level name in DocutilsRenderer.setup_render,
    which builds it even when a document is given (myst_speed.py). No option
    avoids it.
    """
    from myst_parser.mdit_to_docutils import base

    base.make_document = make_document


def myst_setting_names() -> frozenset[str]:
    """The names of MyST's settings (conf.py's myst_* without the prefix).

    MyST-Parser 5.2.0: the fields of `myst_parser.config.main.MdParserConfig`, a
    dataclass in a module MyST documents only as the source of its settings
    (catalogs/checks/structure.py reads conf.py's).
    """
    from myst_parser.config.main import MdParserConfig

    return frozenset(MdParserConfig.__dataclass_fields__)


def myst_markdown_parser(settings: dict[str, Any], renderer: type) -> Any:
    """A markdown-it parser configured as Sphinx's MyST parser is with `settings`.

    MyST-Parser 5.2.0: `myst_parser.parsers.mdit.create_md_parser(MdParserConfig(...),
    renderer)`, undocumented; catalogs/checks/structure.py must read a msgstr exactly as
    Sphinx will, which only MyST's own parser factory does.
    """
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(**settings), renderer)


def myst_content_line(directive: Any) -> int:
    """The line of the page a MyST directive's content starts on.

    MyST-Parser 5.2.0: a directive's `content_offset` counts from the directive's own
    first line (`lineno`), not from the top of the file as docutils' does (parsed
    .body_offset in DocutilsRenderer.run_directive), undocumented. labelled_figures.py
    reports a label's problem at its line of the page.
    """
    return directive.lineno + directive.content_offset + 1
