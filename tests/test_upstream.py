"""What allguide/upstream.py relies on in Sphinx, docutils, MyST-Parser, WeasyPrint, pydyf and
Furo is still there, in the shape it was checked in (fast: no Sphinx build)."""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import inspect
import types
from pathlib import Path

import furo
import pytest

from allguide import upstream

from conftest import ROOT

FURO_THEME = Path(furo.__file__).parent / "theme" / "furo"
OUR_TEMPLATES = ROOT / "theme" / "templates"


def recheck(accessor, what: str) -> str:
    """The failure message: which accessor, what changed, what to do."""
    name = accessor if isinstance(accessor, str) else accessor.__name__
    return (
        f"upstream.{name}: {what}. Re-check what its comment in "
        "src/allguide/upstream.py says it relies on, and its callers, against the "
        "installed version."
    )


def guards(accessor):
    """Mark a test as guarding `accessor`: a name of upstream's that is gone (ImportError,
    AttributeError) fails the test with the message naming the accessor."""

    def decorate(test):
        @functools.wraps(test)
        def run(*args, **kwargs):
            try:
                return test(*args, **kwargs)
            except (ImportError, AttributeError) as error:
                pytest.fail(recheck(accessor, f"{type(error).__name__}: {error}"))

        return run

    return decorate


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def source_of(thing) -> str:
    return inspect.getsource(thing)


def test_upstream_imports_no_allguide_module():
    """upstream.py sits below every module of allguide: it imports none of them."""
    tree = ast.parse(Path(upstream.__file__).read_text(encoding="utf-8"))
    imported = [
        "." * node.level + (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    ours = sorted({name for name in imported if name.split(".")[0] in ("", "allguide")})
    assert not ours, f"src/allguide/upstream.py imports allguide modules: {ours}"


# -- Versions and Furo's templates ---------------------------------------------------------


@pytest.mark.parametrize("distribution", sorted(upstream.VERSIONS))
def test_installed_version_is_the_one_checked(distribution):
    installed = importlib.metadata.version(distribution)
    checked = upstream.VERSIONS[distribution]
    assert installed == checked, (
        f"{distribution} {installed} is installed, but src/allguide/upstream.py was "
        f"checked against {checked}: re-check each accessor there that names "
        f"{distribution} (and tests/test_upstream.py passing is not enough: read the "
        f"comments), then set VERSIONS[{distribution!r}] = {installed!r}."
    )


@pytest.mark.parametrize("name", sorted(upstream.FURO_TEMPLATES))
def test_furo_template_is_the_one_ours_derive_from(name):
    assert (OUR_TEMPLATES / name).is_file(), f"FURO_TEMPLATES lists {name}, which we no longer have"
    digest = hashlib.sha256((FURO_THEME / name).read_bytes()).hexdigest()
    assert digest == upstream.FURO_TEMPLATES[name], (
        f"Furo's {name} changed (SHA-256 {digest}): compare theme/templates/{name} with "
        f"{FURO_THEME / name}, carry its changes over, then record the new digest in "
        "FURO_TEMPLATES (src/allguide/upstream.py)."
    )


def test_every_template_overriding_furo_is_recorded():
    overriding = {
        path.relative_to(OUR_TEMPLATES).as_posix()
        for path in OUR_TEMPLATES.rglob("*.html")
        if (FURO_THEME / path.relative_to(OUR_TEMPLATES)).is_file()
    }
    assert overriding == set(upstream.FURO_TEMPLATES), (
        "theme/templates/ overrides Furo templates not recorded in FURO_TEMPLATES "
        f"(src/allguide/upstream.py), or records ones it no longer overrides: {overriding}"
    )


# -- WeasyPrint (and pydyf) ---------------------------------------------------------------

# Two columns of text, as the guide's flow is laid out (column_fill.py).
TWO_COLUMNS = """<!doctype html><html lang="en"><body>
<div class="flow" style="columns: 2"><p lang="fr">Bonjour.</p><p>Hello.</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def document():
    from weasyprint import HTML

    return HTML(string=TWO_COLUMNS).render()


def _all_boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _all_boxes(child)


@guards(upstream.weasyprint_page_box)
def test_weasyprint_page_box(document):
    boxes = upstream.weasyprint_boxes()
    try:
        page_box = upstream.weasyprint_page_box(document.pages[0])
    except AttributeError as error:
        pytest.fail(recheck(upstream.weasyprint_page_box, f"a page has no layout: {error}"))
    assert isinstance(page_box, boxes.PageBox), recheck(
        upstream.weasyprint_page_box, f"a page's layout is a {type(page_box)}, not a PageBox"
    )
    assert page_box.children[0].element.tag == "html", recheck(
        upstream.weasyprint_page_box, "the page box's first child is not the <html> element's"
    )


@guards(upstream.weasyprint_boxes)
def test_weasyprint_boxes(document):
    boxes = upstream.weasyprint_boxes()
    for name in ("Box", "BlockBox", "LineBox", "ReplacedBox", "PageBox"):
        assert isinstance(getattr(boxes, name, None), type), recheck(
            upstream.weasyprint_boxes, f"no box class {name}"
        )
    for name in ("BlockBox", "LineBox", "ReplacedBox"):
        assert issubclass(getattr(boxes, name), boxes.Box), recheck(
            upstream.weasyprint_boxes, f"{name} is no longer a Box"
        )
    for method in ("is_in_normal_flow", "margin_height", "border_box_y", "border_height"):
        assert callable(getattr(boxes.Box, method, None)), recheck(
            upstream.weasyprint_boxes, f"Box.{method}() is gone"
        )
    laid_out = list(_all_boxes(upstream.weasyprint_page_box(document.pages[0])))
    columns = [box for box in laid_out if getattr(box, "is_column", False)]
    lines = [box for box in laid_out if isinstance(box, boxes.LineBox)]
    assert len(columns) == 2, recheck(upstream.weasyprint_boxes, "no box is_column per column")
    assert all(isinstance(line.position_y, float) for line in lines), recheck(
        upstream.weasyprint_boxes, "lines have no position_y"
    )
    assert all(hasattr(box, "element") and hasattr(box, "element_tag") for box in columns)
    assert columns[0].style["break_before"] == "auto", recheck(
        upstream.weasyprint_boxes, "box.style has no break_before"
    )
    assert callable(upstream.weasyprint_page_box(document.pages[0]).content_box_y)


def test_wrap_once():
    module = types.SimpleNamespace(function=lambda: "original")
    calls = []

    def wrap(function):
        calls.append(function)
        return lambda: "wrapped " + function()

    upstream._wrap_once(module, "function", wrap)
    upstream._wrap_once(module, "function", wrap)
    assert module.function() == "wrapped original"
    assert len(calls) == 1


@guards(upstream.wrap_weasyprint_tag_tree)
def test_wrap_weasyprint_tag_tree(document, monkeypatch):
    from weasyprint.pdf import tags

    build = getattr(tags, "_build_box_tree", None)
    assert build is not None, recheck(upstream.wrap_weasyprint_tag_tree, "_build_box_tree is gone")
    expected = ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]
    assert parameters(build) == expected, recheck(
        upstream.wrap_weasyprint_tag_tree, f"_build_box_tree takes {parameters(build)}"
    )
    # Installed through the accessor, the wrapper must see the structure elements made.
    monkeypatch.setattr(tags, "_build_box_tree", build)
    made = []

    def record(build):
        def recording(box, *args, **kwargs):
            for structure in build(box, *args, **kwargs):
                made.append(structure)
                yield structure

        return recording

    upstream.wrap_weasyprint_tag_tree(record)
    document.write_pdf(pdf_variant="pdf/ua-1")
    assert any(structure.get("S") == "/P" for structure in made), recheck(
        upstream.wrap_weasyprint_tag_tree, "the wrapped builder made no /P structure element"
    )


@guards(upstream.wrap_weasyprint_line_drawing)
def test_wrap_weasyprint_line_drawing(document, monkeypatch):
    import pydyf
    from weasyprint.draw import text

    draw = getattr(text, "draw_first_line", None)
    assert draw is not None, recheck(upstream.wrap_weasyprint_line_drawing, "it is gone")
    expected = ["stream", "textbox", "text_overflow", "block_ellipsis", "matrix"]
    assert parameters(draw) == expected, recheck(
        upstream.wrap_weasyprint_line_drawing, f"draw_first_line takes {parameters(draw)}"
    )
    monkeypatch.setattr(text, "draw_first_line", draw)
    seen = []

    def record(draw):
        # What actual_text.py reads, read as it does: while the line is being drawn.
        def recording(stream, textbox, *args, **kwargs):
            before = len(stream.stream)
            result = draw(stream, textbox, *args, **kwargs)
            line, _next = textbox.pango_layout.get_first_line()
            font, _size = stream.add_font(line.runs.data.item.analysis.font)
            seen.append((stream, len(stream.stream) - before, dict(font.to_unicode)))
            return result

        return recording

    upstream.wrap_weasyprint_line_drawing(record)
    document.write_pdf()
    assert seen, recheck(upstream.wrap_weasyprint_line_drawing, "the wrapper drew no line")
    stream, drawn, to_unicode = seen[0]
    assert isinstance(stream, pydyf.Stream) and isinstance(stream.stream, list) and drawn, recheck(
        upstream.wrap_weasyprint_line_drawing, "the stream's operators are not a list it appends to"
    )
    assert "B" in to_unicode.values(), recheck(
        upstream.wrap_weasyprint_line_drawing, "a font added to the stream maps no glyph to text"
    )


@guards(upstream.weasyprint_pango)
def test_weasyprint_pango():
    ffi, pango = upstream.weasyprint_pango()
    assert ffi.NULL is not None
    assert pango.PANGO_GLYPH_EMPTY == 0x0FFFFFFF, recheck(
        upstream.weasyprint_pango, "Pango's empty glyph is not 0x0FFFFFFF"
    )


# Three pages whose contents show the page numbers of later pages (a second pass), a
# footer on each page (margin boxes), as the handouts have.
PAGES_WITH_CONTENTS = """<!doctype html><html lang="en"><head><style>
@page { size: 100mm 80mm; margin: 10mm; @bottom-right { content: counter(page); } }
a::after { content: " " target-counter(attr(href), page); }
h2 { break-before: page; }
</style></head><body><p><a href="#b">B</a> <a href="#c">C</a></p>
<h2 id="b">B</h2><p>Bee.</p><h2 id="c">C</h2><p>Sea.</p></body></html>"""


@guards(upstream.WeasyPrintPages)
def test_weasyprint_pages_made_one_by_one_then_finished_as_render_makes_them():
    from weasyprint import HTML

    pages = upstream.WeasyPrintPages(HTML(string=PAGES_WITH_CONTENTS), pdf_variant="pdf/ua-1")
    first = pages.lay_out_to(1)
    assert len(first) == 1 and not pages.complete, recheck(
        upstream.WeasyPrintPages, "the first pass did not stop after the page asked for"
    )
    assert isinstance(first[0], upstream.weasyprint_boxes().PageBox)
    document = pages.finish()
    assert pages.complete and len(document.pages) == 3
    whole = HTML(string=PAGES_WITH_CONTENTS).render(pdf_variant="pdf/ua-1")
    assert document.write_pdf() == whole.write_pdf(), recheck(
        upstream.WeasyPrintPages, "a document finished from its first pass differs from render()'s"
    )
    # WeasyPrint's own functions are back in place.
    from weasyprint import layout

    assert layout.make_all_pages.__module__ == "weasyprint.layout.page"
    assert layout.initialize_page_maker.__module__ == "weasyprint.layout"


# -- Sphinx -------------------------------------------------------------------------------


@guards(upstream.sphinx_minified_js_path)
def test_sphinx_minified_js_path():
    folder = upstream.sphinx_minified_js_path()
    for name in ("base-stemmer.js", "english-stemmer.js"):
        assert (folder / name).is_file(), recheck(
            upstream.sphinx_minified_js_path, f"no {name} in {folder}"
        )


@guards(upstream.sphinx_chinese_search)
def test_sphinx_chinese_search():
    from sphinx.search import SearchLanguage

    chinese = upstream.sphinx_chinese_search()
    assert issubclass(chinese, SearchLanguage) and chinese.lang == "zh", recheck(
        upstream.sphinx_chinese_search, "SearchChinese is not the zh SearchLanguage"
    )
    assert chinese.js_stemmer_rawcode == "english-stemmer.js", recheck(
        upstream.sphinx_chinese_search, "the Chinese stemmer is no longer the English one"
    )


@guards(upstream.sphinx_locale_dir)
def test_sphinx_locale_dir():
    from sphinx.application import Sphinx

    folder = upstream.sphinx_locale_dir()
    assert (folder / "fr" / "LC_MESSAGES" / "sphinx.po").is_file(), recheck(
        upstream.sphinx_locale_dir, f"no <lang>/LC_MESSAGES/sphinx.po under {folder}"
    )
    assert "package_dir / 'locale'" in source_of(Sphinx._init_i18n), recheck(
        upstream.sphinx_locale_dir, "Sphinx._init_i18n reads another folder"
    )


@guards(upstream.reload_sphinx_interface_translations)
def test_reload_sphinx_interface_translations(tmp_path, monkeypatch):
    from sphinx import locale
    from sphinx.application import Sphinx

    assert isinstance(getattr(locale, "translators", None), dict), recheck(
        upstream.reload_sphinx_interface_translations, "sphinx.locale.translators is gone"
    )
    assert parameters(locale.init)[:4] == ["locale_dirs", "language", "catalog", "namespace"]
    init_i18n = source_of(Sphinx._init_i18n)
    assert "self.translator, has_translation = locale.init(" in init_i18n, recheck(
        upstream.reload_sphinx_interface_translations, "Sphinx._init_i18n loads differently"
    )
    monkeypatch.setattr(locale, "translators", {})
    locale.init([None], "en")  # what Sphinx loaded before: nothing
    app = types.SimpleNamespace()
    upstream.reload_sphinx_interface_translations(app, tmp_path, "fr")
    assert app.translator.gettext("Search") == "Recherche", recheck(
        upstream.reload_sphinx_interface_translations, "Sphinx's French catalog not loaded"
    )
    assert locale.get_translation("sphinx")("Search") == "Recherche"


@guards(upstream.sphinx_translator)
def test_sphinx_translator():
    from sphinx.locale import get_translator

    assert parameters(get_translator) == ["catalog", "namespace"], recheck(
        upstream.sphinx_translator, f"get_translator takes {parameters(get_translator)}"
    )
    translator = upstream.sphinx_translator("sphinx")
    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        assert callable(getattr(translator, name, None)), recheck(
            upstream.sphinx_translator, f"the translator has no {name}"
        )


@guards(upstream.sphinx_docutils_setup)
def test_sphinx_docutils_setup(tmp_path):
    from sphinx.cmd.build import build_main
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    assert parameters(patch_docutils) == ["confdir"]
    assert parameters(docutils_namespace) == []
    assert "patch_docutils(confdir), docutils_namespace()" in source_of(build_main), recheck(
        upstream.sphinx_docutils_setup, "sphinx-build sets up docutils differently"
    )
    with upstream.sphinx_docutils_setup(tmp_path):
        pass


@guards(upstream.sphinx_build_main)
def test_sphinx_build_main():
    from sphinx.cmd.build import build_main

    assert parameters(build_main) == ["argv"], recheck(
        upstream.sphinx_build_main, f"build_main takes {parameters(build_main)}"
    )


@guards(upstream.new_document)
def test_new_document():
    from docutils import nodes
    from sphinx.util.docutils import new_document

    assert parameters(new_document) == ["source_path", "settings"], recheck(
        upstream.new_document, f"new_document takes {parameters(new_document)}"
    )
    document = upstream.new_document("<test>")
    assert isinstance(document, nodes.document) and document["source"] == "<test>"


@guards(upstream.extract_messages)
def test_extract_messages():
    from docutils.core import publish_doctree
    from sphinx.util.nodes import extract_messages

    assert parameters(extract_messages) == ["doctree"], recheck(
        upstream.extract_messages, f"extract_messages takes {parameters(extract_messages)}"
    )
    doctree = publish_doctree("Title\n=====\n\nHello, world.\n")
    messages = [message for _node, message in upstream.extract_messages(doctree)]
    assert messages == ["Title", "Hello, world."], recheck(
        upstream.extract_messages, f"a page's messages came out as {messages}"
    )


@guards(upstream.docname_to_domain)
def test_docname_to_domain():
    from sphinx.util.i18n import docname_to_domain

    assert parameters(docname_to_domain) == ["docname", "compaction"]
    assert upstream.docname_to_domain("a/b", False) == "a/b", recheck(
        upstream.docname_to_domain, "pages no longer have a catalog each"
    )
    assert upstream.docname_to_domain("a/b", True) == "a"


@guards("SPHINX_LOCALE_PRIORITY")
def test_sphinx_locale_priority():
    from sphinx.transforms.i18n import Locale

    assert Locale.default_priority == upstream.SPHINX_LOCALE_PRIORITY, (
        f"upstream.SPHINX_LOCALE_PRIORITY: Sphinx's Locale transform now runs at "
        f"{Locale.default_priority}; re-check bilingual.KeepEnglish, which must run before it."
    )


@guards(upstream.left_in_english)
def test_left_in_english():
    from docutils import nodes
    from sphinx.transforms import i18n

    source = source_of(i18n)
    for marking in ("node['translated'] = False", "node['translated'] = True"):
        assert marking in source, recheck(
            upstream.left_in_english, f"Sphinx's i18n transforms no longer set {marking}"
        )
    paragraph = nodes.paragraph()
    assert not upstream.left_in_english(paragraph)
    upstream.mark_left_in_english(paragraph)
    assert upstream.left_in_english(paragraph)


@guards(upstream.sphinx_docutils_settings)
def test_sphinx_docutils_settings():
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    assert "self.settings: dict[str, Any] = default_settings.copy()" in source_of(
        BuildEnvironment.__init__
    ), recheck(upstream.sphinx_docutils_settings, "the environment keeps no settings dict")
    assert "default_settings=env.settings" in source_of(Builder.read_doc), recheck(
        upstream.sphinx_docutils_settings, "pages are no longer read with env.settings"
    )
    env = types.SimpleNamespace(settings={})
    assert upstream.sphinx_docutils_settings(env) is env.settings


@guards(upstream.toctree_children)
def test_toctree_children():
    from sphinx.environment import BuildEnvironment

    assert "self.toctree_includes: dict[str, list[str]]" in source_of(BuildEnvironment.__init__), (
        recheck(upstream.toctree_children, "BuildEnvironment.toctree_includes changed")
    )
    env = types.SimpleNamespace(toctree_includes={"index": ["a", "b"]})
    assert upstream.toctree_children(env, "index") == ["a", "b"]
    assert upstream.toctree_children(env, "a") == []


# A small project built once by Sphinx's HTML builder, for what only a real build shows.
SMALL_PROJECT = {
    "conf.py": "",
    "index.rst": "Index\n=====\n\nSee :doc:`other`.\n\n.. toctree::\n\n   other\n",
    "other.rst": "Other\n=====\n\nHello, world.\n",
}


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    source = tmp_path_factory.mktemp("small-project")
    for name, text in SMALL_PROJECT.items():
        (source / name).write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=source)
    app.build()
    yield app
    app.cleanup()


def _references(doctree) -> list[str]:
    from docutils import nodes

    return [reference["refuri"] for reference in doctree.findall(nodes.reference)]


@guards(upstream.sphinx_html_builder)
def test_sphinx_html_builder(html_app):
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

    builder = upstream.sphinx_html_builder()
    assert builder is StandaloneHTMLBuilder and builder.write is Builder.write, recheck(
        upstream.sphinx_html_builder, "the HTML builder writes otherwise than Builder.write"
    )
    assert parameters(Builder.write_documents) == ["self", "docnames"]
    write = source_of(Builder.write)
    steps = [
        "self.events.emit('write-started', self)",
        "self.prepare_writing(docnames)",
        "if docnames:\n            self.write_documents(docnames)",
    ]
    found = [write.find(step) for step in steps]
    assert -1 not in found and found == sorted(found), recheck(
        upstream.sphinx_html_builder,
        "Builder.write no longer calls write_documents(docnames), when there are pages to "
        "write, after write-started and prepare_writing",
    )
    # The order as a build runs it, every page to write in one call.
    calls = []
    app, site = html_app, html_app.builder
    listener = app.connect("write-started", lambda _app, _builder: calls.append("write-started"))
    prepare, write_documents = site.prepare_writing, site.write_documents
    site.prepare_writing = lambda docnames: (calls.append("prepare"), prepare(docnames))[1]
    site.write_documents = lambda docnames: (
        calls.append(("write", sorted(docnames))),
        write_documents(docnames),
    )[1]
    try:
        app.build(force_all=True)
    finally:
        app.disconnect(listener)
        del site.prepare_writing, site.write_documents
    assert calls == ["write-started", "prepare", ("write", ["index", "other"])], recheck(
        upstream.sphinx_html_builder, f"a build called {calls}"
    )
    assert site.write_documents == write_documents


@guards(upstream.resolve_references)
def test_resolve_references(html_app):
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.transforms.post_transforms import ReferencesResolver

    assert parameters(BuildEnvironment.resolve_references) == [
        "self", "doctree", "fromdocname", "builder",
    ]  # fmt: skip
    assert "builder = self.env._app.builder" in source_of(ReferencesResolver), recheck(
        upstream.resolve_references, "ReferencesResolver no longer asks env._app.builder"
    )
    env = html_app.env
    assert env._app is html_app  # noqa: SLF001 - what the accessor reads
    doctree = env.get_doctree("index")
    upstream.resolve_references(env, doctree, "index")
    assert _references(doctree) == ["other.html"], recheck(
        upstream.resolve_references, f"the site's link came out as {_references(doctree)}"
    )
    # As with_site.py runs the handouts' builder: made on the site's application, passed
    # to Sphinx, and the links are still the site's (the argument is not used).
    second = SingleFileHTMLBuilder(html_app, env)
    doctree = env.get_doctree("index")
    env.resolve_references(doctree, "index", second)
    assert _references(doctree) == ["other.html"], recheck(
        upstream.resolve_references, "Sphinx now resolves with the builder passed to it"
    )


@guards(upstream.sphinx_html_settings)
def test_sphinx_html_settings(html_app):
    settings = upstream.sphinx_html_settings(html_app.builder)
    assert settings.compact_lists is True and settings.output_encoding == "utf-8", recheck(
        upstream.sphinx_html_settings, "the builder's docsettings are not the pages' settings"
    )


@guards(upstream.sphinx_html_body)
def test_sphinx_html_body(html_app):
    from docutils import nodes
    from docutils.writers._html_base import HTMLTranslator
    from sphinx.builders.html import StandaloneHTMLBuilder

    write_doc = source_of(StandaloneHTMLBuilder.write_doc)
    for step in (
        "doctree.settings = self.docsettings",
        "self.secnumbers = ",
        "self.fignumbers = ",
        "self.imgpath = ",
        "self.dlpath = ",
        "self.current_docname = docname",
        "self.create_translator(doctree, self)",
        "body = ''.join(visitor.fragment)",
    ):
        assert step in write_doc, recheck(
            upstream.sphinx_html_body, f"StandaloneHTMLBuilder.write_doc no longer has {step!r}"
        )
    assert "self.fragment = []" in source_of(HTMLTranslator.__init__)
    document = upstream.new_document("<test>", upstream.sphinx_html_settings(html_app.builder))
    document += nodes.paragraph("", "Hello, ", nodes.emphasis("", "world"))
    html = upstream.sphinx_html_body(html_app.builder, document, "index")
    assert html.strip() == "<p>Hello, <em>world</em></p>", recheck(
        upstream.sphinx_html_body, f"a paragraph came out as {html!r}"
    )


@guards(upstream.sphinx_parse_noqa)
def test_sphinx_parse_noqa():
    from sphinx.transforms import i18n

    assert "msgstr, noqa = parse_noqa(msgstr)" in source_of(i18n.Locale.apply), recheck(
        upstream.sphinx_parse_noqa, "the Locale transform no longer reads #noqa so"
    )
    cases = {
        "See {term}`fever`. #noqa": ("See {term}`fever`. ", True),
        "See it.#  noqa  ": ("See it.", True),
        "Two\nlines #noqa": ("Two\nlines ", True),
        "Kept \\#noqa": ("Kept \\#noqa", False),
        "No mark": ("No mark", False),
    }
    for message, expected in cases.items():
        read = upstream.sphinx_parse_noqa(message)
        assert read == expected, recheck(
            upstream.sphinx_parse_noqa, f"{message!r} came out as {read}"
        )


@guards(upstream.sphinx_builder_classes)
def test_sphinx_builder_classes():
    from sphinx.registry import SphinxComponentRegistry

    registry = SphinxComponentRegistry()
    app = types.SimpleNamespace(registry=registry)
    assert upstream.sphinx_builder_classes(app) is registry.builders, recheck(
        upstream.sphinx_builder_classes, "the registry has no builders dict"
    )
    assert isinstance(registry.builders, dict)


@guards(upstream.sphinx_translator_class)
def test_sphinx_translator_class():
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.registry import SphinxComponentRegistry
    from sphinx.writers.html5 import HTML5Translator

    registry = SphinxComponentRegistry()
    assert parameters(registry.get_translator_class) == ["builder"]
    app = types.SimpleNamespace(registry=registry)
    assert upstream.sphinx_translator_class(app, StandaloneHTMLBuilder) is HTML5Translator, recheck(
        upstream.sphinx_translator_class, "the HTML builder's writer changed"
    )


@guards(upstream.sphinx_html_translator)
def test_sphinx_html_translator():
    from docutils.writers._html_base import HTMLTranslator

    translator = upstream.sphinx_html_translator()
    assert issubclass(translator, HTMLTranslator), recheck(
        upstream.sphinx_html_translator, "HTML5Translator is no longer docutils' HTMLTranslator"
    )
    expected = {
        "starttag": ["self", "node", "tagname", "suffix", "empty", "attributes"],
        "add_permalink_ref": ["self", "node", "title"],
        "depart_title": ["self", "node"],
    }
    for method, names in expected.items():
        found = parameters(getattr(translator, method))
        assert found == names, recheck(upstream.sphinx_html_translator, f"{method} takes {found}")
    assert "self.body = []" in source_of(HTMLTranslator.__init__), recheck(
        upstream.sphinx_html_translator, "the writer no longer collects its body in a list"
    )


@guards(upstream.sphinx_template_environment)
def test_sphinx_template_environment():
    from sphinx.builders import Builder
    from sphinx.jinja2glue import BuiltinTemplateLoader

    assert "self.templates = BuiltinTemplateLoader()" in source_of(Builder.create_template_bridge)
    assert "self.environment = SandboxedEnvironment(" in source_of(BuiltinTemplateLoader.init), (
        recheck(upstream.sphinx_template_environment, "the template loader has no environment")
    )
    environment = object()
    builder = types.SimpleNamespace(templates=types.SimpleNamespace(environment=environment))
    assert upstream.sphinx_template_environment(builder) is environment
    assert upstream.sphinx_template_environment(types.SimpleNamespace()) is None


# -- MyST-Parser --------------------------------------------------------------------------


@guards(upstream.replace_myst_make_document)
def test_replace_myst_make_document(monkeypatch):
    from myst_parser.mdit_to_docutils import base

    assert parameters(base.make_document) == ["source_path", "parser_cls"], recheck(
        upstream.replace_myst_make_document, "make_document takes other arguments"
    )
    assert 'options.get("document", make_document())' in source_of(
        base.DocutilsRenderer.setup_render
    ), recheck(upstream.replace_myst_make_document, "the renderer makes its document otherwise")
    monkeypatch.setattr(base, "make_document", base.make_document)
    replacement = object()
    upstream.replace_myst_make_document(replacement)
    assert base.make_document is replacement


@guards(upstream.myst_setting_names)
def test_myst_setting_names():
    import dataclasses

    from myst_parser.config.main import MdParserConfig

    assert dataclasses.is_dataclass(MdParserConfig)
    names = upstream.myst_setting_names()
    for name in ("disable_syntax", "enable_extensions", "heading_anchors"):
        assert name in names, recheck(upstream.myst_setting_names, f"no MyST setting {name}")


@guards(upstream.myst_markdown_parser)
def test_myst_markdown_parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.parsers.mdit import create_md_parser

    assert parameters(create_md_parser) == ["config", "renderer"]
    parser = upstream.myst_markdown_parser({"disable_syntax": ["html_inline"]}, RendererHTML)
    tokens = parser.parseInline("a {term}`fever` <b>", {})[0].children
    kinds = [token.type for token in tokens]
    assert "myst_role" in kinds and "html_inline" not in kinds, recheck(
        upstream.myst_markdown_parser, f"a message came out as {kinds}"
    )


@guards(upstream.myst_content_line)
def test_myst_content_line(tmp_path):
    from docutils.core import publish_doctree
    from docutils.parsers.rst import Directive, directives
    from myst_parser.parsers.docutils_ import Parser

    found = []

    class Probe(Directive):
        """Where its content starts, as labelled_figures.py computes it; and that content."""

        has_content = True
        option_spec = {"alt": directives.unchanged}

        def run(self):
            found.append((upstream.myst_content_line(self), self.content[0]))
            return []

    # With options (as a labelled figure has), with a YAML block, with none.
    page = (
        "# Title\n\nText.\n\n```{probe}\n:alt: x\n\nfirst\n```\n\n"
        "```{probe}\n---\nalt: x\n---\nsecond\nmore\n```\n\n```{probe}\nthird\n```\n"
    )
    with upstream.sphinx_docutils_setup(tmp_path):
        directives.register_directive("probe", Probe)
        publish_doctree(page, parser=Parser(), settings_overrides={"report_level": 5})
    lines = page.splitlines()
    expected = [(lines.index(text) + 1, text) for text in ("first", "second", "third")]
    assert found == expected, recheck(
        upstream.myst_content_line, f"directives' content said it starts at {found}"
    )


@guards(upstream.write_weasyprint_pdfs)
def test_write_weasyprint_pdfs_writes_what_write_pdf_writes(tmp_path):
    from weasyprint import HTML

    from allguide.handouts import paper

    document = HTML(string=PAGES_WITH_CONTENTS).render(pdf_variant="pdf/ua-1")
    writes = [(tmp_path / f"{name}.pdf", paper.placed_on(name)) for name in ("letter", "a4")]
    upstream.write_weasyprint_pdfs(document, writes, pdf_variant="pdf/ua-1")
    for path, finisher in writes:
        expected = document.write_pdf(finisher=finisher, pdf_variant="pdf/ua-1")
        assert path.read_bytes() == expected, recheck(
            upstream.write_weasyprint_pdfs, f"{path.name} differs from write_pdf's"
        )


@guards(upstream.write_weasyprint_pdfs)
def test_write_weasyprint_pdfs_takes_away_the_objects_a_finisher_added(tmp_path):
    """form_fields.finish_fields adds a field for widgets of one name on each paper: each
    PDF must hold one, as write_pdf with the same finisher writes it."""
    from weasyprint import HTML

    from allguide.handouts import form_fields, paper

    html = (
        "<p>Call <input type=text name=emergency_number value=911> now; "
        "then call <input type=text name=emergency_number value=911> again.</p>"
    )
    document = HTML(string=html).render(pdf_variant="pdf/ua-1", pdf_forms=True)

    def finisher(name):
        place = paper.placed_on(name)

        def finish(document, pdf):
            place(document, pdf)
            form_fields.finish_fields(pdf)

        return finish

    writes = [(tmp_path / f"{name}.pdf", finisher(name)) for name in ("letter", "a4")]
    upstream.write_weasyprint_pdfs(document, writes, pdf_variant="pdf/ua-1", pdf_forms=True)
    for path, finish in writes:
        expected = document.write_pdf(finisher=finish, pdf_variant="pdf/ua-1", pdf_forms=True)
        assert path.read_bytes() == expected, recheck(
            upstream.write_weasyprint_pdfs, f"{path.name} differs from write_pdf's"
        )
        from pypdf import PdfReader

        fields = PdfReader(path).trailer["/Root"]["/AcroForm"]["/Fields"]
        assert len(fields) == 1 and len(fields[0].get_object()["/Kids"]) == 2, path.name
