"""Search in every language: whole words where Sphinx has no stemmer, and working Chinese search."""

from __future__ import annotations

import logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import _MINIFIED_JS_PATH, SearchLanguage
from sphinx.search.zh import SearchChinese

import languages

# jieba, which segments Chinese words for the search index, logs its progress at DEBUG
# level to its own handler; that is noise in every build log.
logging.getLogger("jieba").setLevel(logging.WARNING)


def _whole_word_language(code: str) -> type[SearchLanguage]:
    return type(f"WholeWordSearch_{code}", (SearchLanguage,), {"lang": code, "language_name": code})


class ChineseSearch(SearchChinese):
    """Sphinx 9.0's Chinese search page calls a JavaScript `ChineseStemmer` that does not
    exist (its code is the English stemmer), so search fails in the browser. Ship the
    same stemmer under the name the page uses."""

    js_stemmer_rawcode = ""
    js_stemmer_code = "\n".join(
        [
            (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
            (_MINIFIED_JS_PATH / "english-stemmer.js").read_text(encoding="utf-8"),
            "window.Stemmer = EnglishStemmer;",
        ]
    )


def on_config_inited(app: Sphinx, config: Config) -> None:
    language = languages.by_code().get(config.language)
    if language is None:
        return
    if language.search == "none":
        # Without this, Sphinx would index these pages with the English stemmer and stop words.
        app.add_search_language(_whole_word_language(language.code))
        config.html_search_language = language.code
    else:
        if language.search == "zh":
            app.add_search_language(ChineseSearch)
        config.html_search_language = language.search


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", on_config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
