"""Lay out handout HTML with WeasyPrint, safely, and write PDFs atomically."""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from allguide import upstream

from . import actual_text, column_fill, form_fields, paper
from .errors import HandoutError

PDF_VARIANT = "pdf/ua-1"
# Tagged for screen readers (PDF/UA-1), and the care team box's lines as form fields
# (form_fields.py): WeasyPrint makes a PDF text field of an <input> with `pdf_forms`.
WEASYPRINT_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_forms": True}
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
    """One handout to lay out once (paper.py) and write on each of its papers."""

    html: str
    stylesheets: list[str]
    base_dir: Path
    allowed_roots: list[Path]
    # Paper ("letter", "a4") -> the PDF to write on it.
    targets: dict[str, Path]
    max_pages: int = 0
    # What to tell the reader to shorten, per kind of part ("care-team", "section", ...).
    shorten: dict[str, str] = field(default_factory=dict)
    # Also write the HTML as laid out (its CSS inside), beside the PDF: for tests that
    # read WeasyPrint's own layout (Khmer text does not come back whole from a PDF).
    keep_html: bool = False

    @property
    def name(self) -> str:
        return " and ".join(target.name for target in self.targets.values())


@dataclass(frozen=True)
class Rendered:
    """A PDF written next to its target under a temporary name, not yet published."""

    target: Path
    temporary: Path
    pages: int


def _tag_languages() -> None:
    """Give each structure element whose HTML element has a `lang` its PDF /Lang.

    WeasyPrint 70 writes the document's language in the catalog only, so a screen reader
    would read a bilingual sheet's English column (or English left untranslated) with the
    page language's voice. Its tag tree builder is wrapped once: each element it makes
    for a box whose HTML element has `lang` gets that /Lang; the others inherit it.
    """
    upstream.wrap_weasyprint_tag_tree(_with_languages)


def _with_languages(build):
    """WeasyPrint's tag tree builder `build`, giving elements their HTML element's /Lang."""
    import pydyf

    def build_with_languages(box, *args, **kwargs):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and box.element_tag else None
        for structure in build(box, *args, **kwargs):
            if lang and "Lang" not in structure and structure.get("S") != "/NonStruct":
                structure["Lang"] = pydyf.String(lang)
            yield structure

    return build_with_languages


class Layout:
    """One handout laid out page by page as far as asked (upstream.WeasyPrintPages), then
    finished into a Document; any WeasyPrint warning, at any step, is an error naming
    the handout."""

    def __init__(
        self, html: str, stylesheets: list[str], base_dir: Path, allowed_roots: list[Path],
        name: str,
    ):  # fmt: skip
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        _tag_languages()
        actual_text.install()
        self.name = name
        fetcher = build_tree_fetcher(allowed_roots)
        # Without a FontConfiguration WeasyPrint ignores @font-face (font_subsets.py uses it).
        font_config = FontConfiguration()
        with self._checked():
            page = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
            self.pages = upstream.WeasyPrintPages(
                page,
                font_config=font_config,
                stylesheets=[
                    CSS(string=css, url_fetcher=fetcher, font_config=font_config)
                    for css in stylesheets
                ],
                **WEASYPRINT_OPTIONS,
            )

    @contextmanager
    def _checked(self):
        with _weasyprint_warnings() as warnings:
            yield
        if warnings:
            raise HandoutError(f"{self.name}: WeasyPrint: " + "; ".join(warnings))

    @property
    def page_boxes(self) -> list:
        return self.pages.page_boxes

    @property
    def complete(self) -> bool:
        return self.pages.complete

    def lay_out_to(self, count: float) -> list:
        with self._checked():
            return self.pages.lay_out_to(count)

    def finish(self) -> Any:
        with self._checked():
            return self.pages.finish()


# Parts of a handout that an overflow report names: the body's sections by their
# heading, and the boxes of the handout template by their class.
NAMED_BOXES = {
    "care-team": "the care team box",
    "back-matter": "the notes at the end",
    "cover": "the title and QR code",
    "translation-status": "the draft notice",
}


def _heading_words(heading) -> str:
    """A heading's words, without its permalink sign."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _part(element) -> tuple[str, str] | None:
    """(kind, name) of an element that is a part worth naming, else None."""
    classes = (element.get("class") or "").split()
    for css_class, name in NAMED_BOXES.items():
        if css_class in classes:
            return css_class, name
    if element.tag == "section":
        for child in element:
            if child.tag in ("h1", "h2", "h3"):
                return "section", f"the section {_heading_words(child)!r}"
    return None


def _parts_on(box, found: dict[tuple[str, str], float]) -> None:
    """The outermost named parts laid out in `box`, with their height on this page."""
    element = getattr(box, "element", None)
    part = _part(element) if element is not None and box.element_tag else None
    if part is not None and getattr(box, "height", None) is not None:
        found[part] = found.get(part, 0) + box.height * 0.75  # CSS px to points
        return
    for child in getattr(box, "children", None) or []:
        _parts_on(child, found)


def overflow_report(document: Any, max_pages: int, shorten: dict[str, str]) -> str:
    """Which parts ran past the last allowed page, and what to shorten."""
    spilled: dict[tuple[str, str], float] = {}
    for page in document.pages[max_pages:]:
        _parts_on(upstream.weasyprint_page_box(page), spilled)
    if not spilled:
        return "Shorten the text of the handout."
    names = ", ".join(f"{name} ({height:.0f} pt)" for (_kind, name), height in spilled.items())
    advice = []
    kinds = list(dict.fromkeys(kind for kind, _name in spilled))
    # What ran past the page may only have been pushed there: a translation that grew
    # anywhere before it is as likely a cause, so the page's text is always named.
    if "section" not in kinds:
        kinds.append("text")
    for kind in kinds:
        hint = shorten.get(kind)
        if hint and hint not in advice:
            advice.append(hint)
    total = sum(spilled.values())
    report = f"Past page {max_pages} (about {total:.0f} pt too much): {names}."
    return report + (" Shorten " + "; or ".join(advice) + "." if advice else "")


def _finisher(paper_name: str):
    """What is changed in WeasyPrint's PDF before it is written on `paper_name`."""
    place = paper.placed_on(paper_name)

    def finish(document: Any, pdf: Any) -> None:
        place(document, pdf)
        form_fields.finish_fields(pdf)

    return finish


def render_to_temporary(job: Job) -> list[Rendered]:
    """Lay out one handout, then write it on each paper under a temporary name."""
    # The guide's figures may move below the text that fills their column (column_fill.py).
    html, document = column_fill.fill_columns(
        job.html,
        lambda html: Layout(html, job.stylesheets, job.base_dir, job.allowed_roots, job.name),
    )
    pages = len(document.pages)
    if job.max_pages and pages > job.max_pages:
        raise HandoutError(
            f"{job.name} needs {pages} pages; it must fit on {job.max_pages}. "
            + overflow_report(document, job.max_pages, job.shorten)
        )
    written: list[Rendered] = []
    try:
        for target in job.targets.values():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".pdf.tmp")
            os.close(handle)
            written.append(Rendered(target, Path(temporary), pages))
        writes = [
            (result.temporary, _finisher(paper_name))
            for paper_name, result in zip(job.targets, written, strict=True)
        ]
        with _weasyprint_warnings() as warnings:
            upstream.write_weasyprint_pdfs(document, writes, **WEASYPRINT_OPTIONS)
        if warnings:
            raise HandoutError(f"{job.name}: WeasyPrint: " + "; ".join(warnings))
        for result in written:
            result.temporary.chmod(0o644)
    except BaseException:
        for result in written:
            result.temporary.unlink(missing_ok=True)
        raise
    if job.keep_html:
        style = "<style>" + "\n".join(job.stylesheets) + "</style>"
        laid_out = html.replace("<head>", "<head>" + style, 1)
        for target in job.targets.values():
            target.with_suffix(".html").write_text(laid_out, encoding="utf-8")
    return written


class PendingPdfs:
    """PDFs being made, `workers` at a time, while the caller goes on (the site is written
    meanwhile); `wait()` then publishes all of them or none.

    Each PDF is laid out and written under a temporary name; only when every one has
    succeeded are they renamed into place, so a failure leaves the previous PDFs exactly
    as they were. With one worker nothing starts before `wait()`: the caller's work and
    the PDFs would only take turns on the same core.
    """

    def __init__(self, jobs: list[Job], workers: int = 1):
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[int, Future] = {}
        if workers > 1 and len(jobs) > 1:
            # Import WeasyPrint once, before forking: the workers inherit it (and the fonts).
            import weasyprint  # noqa: F401

            context = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context)
            # The longest first (the guide), so that no worker starts it last.
            for index in sorted(range(len(jobs)), key=lambda i: len(jobs[i].html), reverse=True):
                self.futures[index] = self.pool.submit(render_to_temporary, jobs[index])

    def wait(self) -> list[Rendered]:
        results: list[Rendered] = []
        errors: list[BaseException] = []
        if self.pool is not None:
            with self.pool:
                for index in range(len(self.jobs)):
                    try:
                        results.extend(self.futures[index].result())
                    except Exception as error:  # noqa: BLE001 - every failure is reported below
                        errors.append(error)
        else:
            for job in self.jobs:
                try:
                    results.extend(render_to_temporary(job))
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


def make_pdfs(jobs: list[Job], workers: int = 1) -> list[Rendered]:
    """Make every PDF, `workers` at a time, then publish all of them or none."""
    return PendingPdfs(jobs, workers).wait()
