"""Per-language page context: lang and dir, the language switcher, hreflang and canonical links.

Only listed languages (see allguide/site/listed_languages.py) are linked from other pages, so no
link points to a language whose pages are not ready. Every language's pages have their
own canonical address: <guide_baseurl><lang>/<page>.html.
"""

from __future__ import annotations

import sys
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from allguide import languages
from allguide.catalogs import relative
from allguide.project import current
from allguide.site.listed_languages import listed_codes
from allguide.site.site_address import is_placeholder, language_base
from allguide.sphinxext.build_errors import stop_build

X_DEFAULT = "en"


def on_config_inited(app: Sphinx, config: Config) -> None:
    # Bad input, not a bug: said in one line (Sphinx would print a bug report).
    try:
        table = languages.by_code()
    except languages.LanguageTableError as error:
        stop_build(f"Language table error: {error}")
    if config.language not in table:
        table_file = relative(current().table)
        stop_build(f"language {config.language!r} is not in {table_file}; add it there first")
    base = config.guide_baseurl.rstrip("/") + "/"
    if is_placeholder(base):
        if config.guide_release:
            stop_build(f"the web address {base} is a placeholder; publish with BASEURL=https://...")
        # Printed, not logged as a warning: -W would turn it into a failure, and
        # previews and tests rightly use the placeholder.
        print(f"note: links and QR codes use the placeholder address {base}", file=sys.stderr)
    # Canonical links (Sphinx's pageurl) and the handouts' QR codes point here.
    config.html_baseurl = language_base(base, config.language)
    if not config.site_listed_languages:
        config.site_listed_languages = listed_codes()


def on_builder_inited(app: Sphinx) -> None:
    if languages.by_code()[app.config.language].direction == "rtl":
        app.add_css_file("guide-rtl.css")


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    current = languages.by_code()[app.config.language]
    listed = set(app.config.site_listed_languages)
    links = [
        {
            "code": language.code,
            "name": language.name,
            "english": language.english,
            "lang_tag": language.html_lang,
            "direction": language.direction,
            "href": languages.page_in_language(pagename, language.code),
            "current": language.code == current.code,
        }
        for language in languages.load()
        if language.code in listed or language.code == current.code
    ]
    context["page_lang_tag"] = current.html_lang
    context["page_direction"] = current.direction
    context["current_language"] = current
    context["language_links"] = links
    # Rendered (and escaped) by theme/templates/base.html.
    context["alternate_links"] = [
        *[(link["lang_tag"], link["href"]) for link in links if link["code"] in listed],
        ("x-default", languages.page_in_language(pagename, X_DEFAULT)),
    ]
    # The site title is the root page's title, in this page's language.
    root_title = app.env.titles.get(app.config.root_doc)
    if root_title is not None:
        context["docstitle"] = root_title.astext()


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    # The site's address, without the language folder; `make all BASEURL=...` sets it.
    app.add_config_value("guide_baseurl", "https://relapsed-all-guide.example.org/", "html", [str])
    # A release build refuses the placeholder address (make release).
    app.add_config_value("guide_release", False, "", [bool])
    # Codes of the languages to link to (make passes them); empty: work them out here.
    app.add_config_value("site_listed_languages", [], "html", [list])
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
