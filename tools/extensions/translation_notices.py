"""Notices on translated pages: draft or review status, and parts still shown in English."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation

import languages
from catalogs import untranslated_nodes

_ = get_translation("sphinx")


def N_(message: str) -> str:
    """Mark a message for the interface catalog; it is translated when a page is written."""
    return message


DRAFT = N_("This translation is a draft. A qualified medical translator has not yet checked it.")
REVIEWED = N_("This translation was checked by %(reviewer)s on %(date)s.")
PARTIAL = N_("Parts of this page are not translated yet and are shown in English.")
READ_IN_ENGLISH = N_("Read this page in English")


def _notice(kind: str, message: str, english_href: str, **values: str) -> dict[str, str]:
    return {
        "kind": kind,
        "text": str(_(message)) % values,
        "english_text": message % values,
        "link_text": str(_(READ_IN_ENGLISH)),
        "english_link_text": READ_IN_ENGLISH,
        "english_href": english_href,
    }


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    language = languages.by_code()[app.config.language]
    if language.review == "source":
        return
    english_href = languages.page_in_language(pagename, "en")
    notices = []
    if language.is_draft:
        notices.append(_notice("draft", DRAFT, english_href))
    else:
        notices.append(
            _notice(
                "reviewed",
                REVIEWED,
                english_href,
                reviewer=language.reviewed_by,
                date=language.reviewed_on,
            )
        )
    if doctree is not None and untranslated_nodes(doctree):
        notices.append(_notice("partial", PARTIAL, english_href))
    context["translation_notices"] = notices


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
