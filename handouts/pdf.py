"""Lay out handout HTML with WeasyPrint, safely, and write PDFs atomically."""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
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


@dataclass(frozen=True)
class Job:
    """One PDF to make: the handout's HTML and CSS for one paper size."""

    html: str
    stylesheets: list[str]
    base_dir: Path
    allowed_roots: list[Path]
    target: Path
    max_pages: int = 0


@dataclass(frozen=True)
class Rendered:
    """A PDF written next to its target under a temporary name, not yet published."""

    target: Path
    temporary: Path
    pages: int


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


def render_to_temporary(job: Job) -> Rendered:
    """Lay out and write one PDF under a temporary name beside its target."""
    name = job.target.name
    document = render(job.html, job.stylesheets, job.base_dir, job.allowed_roots, name)
    pages = len(document.pages)
    if job.max_pages and pages > job.max_pages:
        raise HandoutError(f"{name} has {pages} pages; it must fit on {job.max_pages}")
    job.target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=job.target.parent, prefix=".", suffix=".pdf.tmp")
    os.close(handle)
    try:
        with _weasyprint_warnings() as warnings:
            document.write_pdf(temporary, pdf_variant=PDF_VARIANT)
        if warnings:
            raise HandoutError(f"{name}: WeasyPrint: " + "; ".join(warnings))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    Path(temporary).chmod(0o644)
    return Rendered(job.target, Path(temporary), pages)


def make_pdfs(jobs: list[Job], workers: int = 1) -> list[Rendered]:
    """Make every PDF, `workers` at a time, then publish all of them or none.

    Each PDF is laid out and written under a temporary name; only when every one
    has succeeded are they renamed into place, so a failure leaves the previous
    PDFs exactly as they were.
    """
    results: list[Rendered] = []
    errors: list[BaseException] = []
    if workers > 1 and len(jobs) > 1:
        # Import WeasyPrint once, before forking: the workers inherit it (and the fonts).
        import weasyprint  # noqa: F401

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
            futures = [pool.submit(render_to_temporary, job) for job in jobs]
            for future in futures:
                try:
                    results.append(future.result())
                except Exception as error:  # noqa: BLE001 - every failure is reported below
                    errors.append(error)
    else:
        for job in jobs:
            try:
                results.append(render_to_temporary(job))
            except Exception as error:  # noqa: BLE001
                errors.append(error)
                break
    if errors:
        for result in results:
            result.temporary.unlink(missing_ok=True)
        raise errors[0]
    for result in results:
        result.temporary.replace(result.target)
    return results
