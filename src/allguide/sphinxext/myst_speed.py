"""Work around MyST-Parser making a throwaway docutils document for every parse.

MyST-Parser 5.2's renderer evaluates `options.get("document", make_document())`: the
default is built even when a document is given, and each one builds docutils' whole
option parser (about 1.4 ms). Sphinx parses every translated message separately, so a
language paid about 0.6 s per build for documents nobody used. Settings are built once
here and copied for each document, which is what docutils would have produced.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document
from sphinx.application import Sphinx

from allguide import upstream


@cache
def _default_settings(parser_cls: type) -> Any:
    return get_default_settings(parser_cls)


def make_document(source_path: str = "notset", parser_cls: type = RSTParser):
    """MyST's make_document, with the default settings built once per parser class."""
    settings = copy.copy(_default_settings(parser_cls))
    return new_document(source_path, settings=settings)


def setup(app: Sphinx) -> dict[str, Any]:
    upstream.replace_myst_make_document(make_document)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
