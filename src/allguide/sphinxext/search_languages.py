"""Search in every language: whole words where Sphinx has no stemmer, and working Chinese search."""

from __future__ import annotations

import logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage

from allguide import languages, upstream
from allguide.languages import khmer_spelling
from allguide.languages.word_breaks import SEGMENTED, words

# jieba, which segments Chinese words for the search index, logs its progress at DEBUG
# level to its own handler; that is noise in every build log.
logging.getLogger("jieba").setLevel(logging.WARNING)


def _whole_word_language(code: str) -> type[SearchLanguage]:
    return type(f"WholeWordSearch_{code}", (SearchLanguage,), {"lang": code, "language_name": code})


class ChineseSearch(upstream.sphinx_chinese_search()):
    """Sphinx 9.0's Chinese search page calls a JavaScript `ChineseStemmer` that does not
    exist (its code is the English stemmer), so search fails in the browser. Ship the
    same stemmer under the name the page uses."""

    js_stemmer_rawcode = ""
    js_stemmer_code = "\n".join(
        [
            (upstream.sphinx_minified_js_path() / "base-stemmer.js").read_text(encoding="utf-8"),
            (upstream.sphinx_minified_js_path() / "english-stemmer.js").read_text(encoding="utf-8"),
            "window.Stemmer = EnglishStemmer;",
        ]
    )


class KhmerSearch(SearchLanguage):
    """Khmer writes no spaces between words: the index holds the words ICU finds
    (word_breaks.py), and the search box cuts the query with the browser's own ICU
    (Intl.Segmenter). Sphinx's default query splitter would also cut every word at its
    vowel signs, which are marks, not letters. Both fold the spellings readers cannot
    tell apart first (khmer_spelling.py), so "គ្រុនក្តៅ" finds what "គ្រុនក្ដៅ" finds."""

    lang = "km"
    language_name = "Khmer"
    # language_data.js comes after searchtools.js on the search page: the whole query is
    # folded before Sphinx reads it (its glossary-term matches use the query as typed).
    js_splitter_code = (
        khmer_spelling.javascript()
        + """
if (typeof Search !== "undefined") {
  const performSearch = Search.performSearch;
  Search.performSearch = (query) => performSearch(khmerFold(query));
}
function splitQuery(query) {
  query = khmerFold(query);
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    const segmenter = new Intl.Segmenter("km", { granularity: "word" });
    return [...segmenter.segment(query)].filter((s) => s.isWordLike).map((s) => s.segment);
  }
  return query.split(/[^\\p{L}\\p{M}\\p{N}_]+/gu).filter((term) => term);
}
"""
    )

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's name
        return words(khmer_spelling.fold(input), SEGMENTED["km"])

    def word_filter(self, word: str) -> bool:
        return bool(word.strip())


# Search languages of our own, by the code in the language table's `search` column.
OWN_SEARCH = {"zh": ChineseSearch, "km": KhmerSearch}


def search_class(code: str) -> type[SearchLanguage] | None:
    """The class that indexes a language's pages (None: Sphinx's own, or whole words)."""
    language = languages.by_code()[code]
    if language.search == "none":
        return _whole_word_language(language.code)
    return OWN_SEARCH.get(language.search)


def on_config_inited(app: Sphinx, config: Config) -> None:
    language = languages.by_code().get(config.language)
    if language is None:
        return
    own = search_class(language.code)
    if own is not None:
        # (For "none", Sphinx would index the pages with the English stemmer and stop words.)
        app.add_search_language(own)
        config.html_search_language = own.lang
    else:
        config.html_search_language = language.search


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    app.connect("config-inited", on_config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
