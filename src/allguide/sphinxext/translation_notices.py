"""The notice on translated pages: draft or review status, and parts still shown in English."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from allguide import languages
from allguide.catalogs import untranslated_nodes
from allguide.sphinxext.interface_nodes import N_

_ = get_translation("sphinx")


DRAFT = N_("This translation is a draft. A qualified medical translator has not yet checked it.")
REVIEWED = N_("This translation was checked by %(reviewer)s on %(date)s.")
PARTIAL = N_("Parts of this page are not translated yet and are shown in English.")
READ_IN_ENGLISH = "Read this page in English"
# The same in English, shorter: one compact notice keeps a phone's first screen for the page.
ENGLISH_SHORT = {
    DRAFT: "Draft translation, not yet checked by a medical translator.",
    REVIEWED: "Translation checked by %(reviewer)s on %(date)s.",
    PARTIAL: "Some parts are in English.",
}


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """One compact notice per page: review status, then "parts in English" if so."""
    language = languages.by_code()[app.config.language]
    if language.review == "source":
        return
    if language.is_draft:
        messages = [(DRAFT, {})]
    else:
        values = {"reviewer": language.reviewed_by, "date": language.reviewed_on}
        messages = [(REVIEWED, values)]
    if doctree is not None and untranslated_nodes(doctree):
        messages.append((PARTIAL, {}))
    english = [ENGLISH_SHORT[message] % values for message, values in messages]
    context["translation_notice"] = {
        "kind": "draft" if language.is_draft else "reviewed",
        "partial": len(messages) > 1,
        "text": " ".join(str(_(message)) % values for message, values in messages),
        "english_text": " ".join(english),
        "english_link_text": READ_IN_ENGLISH,
        "english_href": languages.page_in_language(pagename, "en"),
    }


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
