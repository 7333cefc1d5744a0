"""Search in languages Sphinx has no stemmer for: whole words, no stop words."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage

import languages


def _whole_word_language(code: str) -> type[SearchLanguage]:
    return type(f"WholeWordSearch_{code}", (SearchLanguage,), {"lang": code, "language_name": code})


def on_config_inited(app: Sphinx, config: Config) -> None:
    language = languages.by_code().get(config.language)
    if language is None:
        return
    if language.search == "none":
        # Without this, Sphinx would index these pages with the English stemmer and stop words.
        app.add_search_language(_whole_word_language(language.code))
        config.html_search_language = language.code
    else:
        config.html_search_language = language.search


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", on_config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
