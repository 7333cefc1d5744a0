"""Lay out handout HTML with WeasyPrint, safely, and write PDFs atomically."""

from __future__ import annotations

import logging
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import HandoutError

PDF_VARIANT = "pdf/ua-1"
# WeasyPrint's progress messages would flood the build log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def build_tree_fetcher(allowed_roots: list[Path]) -> Any:
    """A WeasyPrint URL fetcher for data: URLs and files inside `allowed_roots`, nothing else."""
    from weasyprint.urls import URLFetcher  # imported here: only handout builds pay for it

    roots = [root.resolve() for root in allowed_roots]

    class BuildTreeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"refused to read {url}: outside the build tree")
            return super().fetch(url, headers)

    return BuildTreeFetcher(allowed_protocols={"file", "data"}, timeout=1)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings():
    """Collect WeasyPrint's warnings (as a library it logs nowhere by default)."""
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


@dataclass
class RenderedHandout:
    target: Path
    document: Any  # weasyprint.Document

    @property
    def page_count(self) -> int:
        return len(self.document.pages)


def render(
    html: str, stylesheets: list[str], base_dir: Path, allowed_roots: list[Path], name: str
) -> Any:
    """Lay out one handout; any WeasyPrint warning is an error naming the handout."""
    from weasyprint import CSS, HTML

    fetcher = build_tree_fetcher(allowed_roots)
    with _weasyprint_warnings() as warnings:
        document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=[CSS(string=css, url_fetcher=fetcher) for css in stylesheets],
            pdf_variant=PDF_VARIANT,
        )
    if warnings:
        raise HandoutError(f"{name}: WeasyPrint: " + "; ".join(warnings))
    return document


def write_atomically(rendered: list[RenderedHandout]) -> None:
    """Write every PDF to a temporary file first, then move them all into place."""
    temporaries = []
    try:
        for item in rendered:
            item.target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=item.target.parent, prefix=".", suffix=".pdf.tmp"
            )
            os.close(handle)
            Path(temporary).chmod(0o644)
            temporaries.append((Path(temporary), item.target))
            with _weasyprint_warnings() as warnings:
                item.document.write_pdf(temporary, pdf_variant=PDF_VARIANT)
            if warnings:
                raise HandoutError(f"{item.target.name}: WeasyPrint: " + "; ".join(warnings))
        for temporary, target in temporaries:
            temporary.replace(target)
    finally:
        for temporary, _target in temporaries:
            temporary.unlink(missing_ok=True)
