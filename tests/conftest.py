"""Shared fixtures: build the real project once per session, and tmp copies to break."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from allguide import languages, project, upstream
from allguide.catalogs import expected_catalogs
from allguide.catalogs.catalog_stats import catalog_counts
from allguide.site.listed_languages import listed_codes

# Sphinx's own fixtures (app, make_app, ...) build the small projects of tests/roots/
# in-process, as Sphinx tests its extensions.
pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# The project the tests read (the package's modules read the project they are pointed
# at, allguide.project): this repository, whatever folder pytest was started from.
project.use(ROOT)

# What a copy of the project needs to build the site (the code is the installed package;
# src/ is copied for `make`, which reads its files' dates and runs the system check).
PROJECT_PARTS = [
    "Makefile", "conf.py", "docs", "docutils.conf", "handouts.toml", "locale",
    "package.json", "package-lock.json", "pyproject.toml", "requirements.txt", "src", "theme",
]  # fmt: skip
# The browser libraries `make` installed (31 MB): a copy links to them, as its `make`
# runs use this project's .venv, rather than install them again.
SHARED_PARTS = ["node_modules"]


def sphinx_build(
    project: Path,
    out: Path,
    language: str = "en",
    builder: str = "html",
    settings: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Build `project` as the Makefile does (warnings are errors); -D `settings`."""
    doctrees = out.parent.parent / f"doctrees-{out.parent.name}-{builder}-{language}"
    overrides = [f"-D{name}={value}" for name, value in (settings or {}).items()]
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going",
        "-c", str(project), "-d", str(doctrees), f"-Dlanguage={language}", *overrides,
        str(project / "docs"), str(out),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=project, check=False)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the roots named by @pytest.mark.sphinx(testroot=...)."""
    return Path(__file__).resolve().parent / "roots"


# A Sphinx run whose catalog check (check_po, run by catalog_guard.py) finds nothing: for
# tests of the layers behind it (escaping, the parser), which must hold on their own if
# a check ever misses something. Test code only; the project has no such switch.
_UNCHECKED = """
import sys
from allguide.catalogs.checks import language
language.check_language = lambda *arguments, **keywords: []
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
"""


def sphinx_build_unchecked(project: Path, out: Path, language: str) -> subprocess.CompletedProcess:
    """As sphinx_build, with the catalogs compiled unchecked (see _UNCHECKED)."""
    doctrees = out.parent.parent / f"doctrees-{out.parent.name}-unchecked-{language}"
    command = [
        sys.executable, "-c", _UNCHECKED, "-b", "html", "-W", "--keep-going", "-c", str(project),
        "-d", str(doctrees), f"-Dlanguage={language}", str(project / "docs"), str(out),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=project, check=False)


# Never copied: compiled catalogs, Python's caches, the package's install record.
LEFT_OUT = shutil.ignore_patterns("*.mo", "__pycache__", "*.egg-info")


def use_project(monkeypatch, root: Path, docs: Path | None = None) -> None:
    """Point the package at the project in `root` (its pages in `docs`, by default
    root/docs) for one test: paths are then reported as translators see them there."""
    monkeypatch.setattr(project, "_current", project.Project(root, docs))


def copy_project(destination: Path) -> Path:
    """Copy what the build reads into `destination`, for a test to modify."""
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=LEFT_OUT)
        else:
            shutil.copy2(source, destination / part)
    for part in SHARED_PARTS:
        (destination / part).symlink_to(ROOT / part, target_is_directory=True)
    return destination


class Build:
    """The result of one Sphinx build: its output folder and its log."""

    def __init__(self, out: Path, result: subprocess.CompletedProcess):
        self.out = out
        self.returncode = result.returncode
        self.log = result.stdout + result.stderr

    def page(self, name: str) -> str:
        return (self.out / name).read_text(encoding="utf-8")


LANGUAGES = [language.code for language in languages.load()]

# Typographic quotes (docutils' SmartQuotes) read as plain ones; bidi controls that PDF
# readers add around right-to-left runs, and our zero width spaces, are dropped.
_PLAIN = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
    | dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b", "")
)


def comparable(text: str, language: str = "") -> str:
    """Text as it can be compared with what a PDF reader gives back: without white space
    (lines wrap between ideographs too) and with plain quotes. For Khmer, only the base
    letters (consonants and independent vowels, not those written below another after
    the coeng sign): PDF readers give Khmer vowel signs back out of order ("នេិង" for
    "និង") and sometimes drop subscript consonants ("ប" for "ប្រែ")."""
    squeezed = "".join(text.translate(_PLAIN).split())
    if language == "km":
        return "".join(
            c
            for i, c in enumerate(squeezed)
            if unicodedata.category(c) == "Lo" and not (i and squeezed[i - 1] == "\u17d2")
        )
    return squeezed


TRANSLATIONS = [code for code in LANGUAGES if code != "en"]


def _is_complete(code: str) -> bool:
    """Every catalog the language must have is there, with no fuzzy or untranslated entry."""
    paths = expected_catalogs(code)
    if not all(path.is_file() for path in paths):
        return False
    # Read as the listing reads them; their syntax is check-po's (test_check_po.py).
    counts = [catalog_counts(path, syntax=False) for path in paths]
    return not any(count["fuzzy"][0] or count["untranslated"][0] for count in counts)


# The languages whose translation is done (README, "Adding a language", step 3): every page
# and handout in their own words. Tests of translated text, of the handouts (held back
# until their catalogs are complete) and of terminology.csv (written in the same step) run
# on these; a language just added, at 0%, is tested for what every language must do.
COMPLETE = ["en", *(code for code in TRANSLATIONS if _is_complete(code))]
COMPLETE_TRANSLATIONS = COMPLETE[1:]
# The languages the switchers, hreflang links and entry page offer: a language is listed
# once translated enough (allguide.site.listed_languages), as the build decides it from
# these catalogs.
LISTED = listed_codes()


def switcher_codes(code: str) -> list[str]:
    """The languages a page in `code` offers in its switcher: the listed ones and its own."""
    return [other for other in LANGUAGES if other in LISTED or other == code]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[dict[str, Build], dict[str, Build]]:
    """Every language's site and handouts, as `make all` builds them: one Sphinx run each."""
    top = tmp_path_factory.mktemp("build")
    html, handouts = top / "html", top / "handouts"

    def build(code: str) -> tuple[Build, Build]:
        settings = {
            "handouts_output_dir": str(handouts),
            "handouts_with_site": "1",
            "handouts_keep_html": "1",
        }
        result = sphinx_build(ROOT, html / code, code, "html", settings)
        return Build(html / code, result), Build(handouts / code, result)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(LANGUAGES, pool.map(build, LANGUAGES), strict=True))
    subprocess.run(
        [sys.executable, "-m", "allguide.site.site_index", str(html), ",".join(LISTED)],
        check=True,
        cwd=ROOT,
    )
    return (
        {code: result[0] for code, result in results.items()},
        {code: result[1] for code, result in results.items()},
    )


@pytest.fixture(scope="session")
def site(built) -> dict[str, Build]:
    return built[0]


@pytest.fixture(scope="session")
def handouts(built) -> dict[str, Build]:
    return built[1]


@pytest.fixture(scope="session")
def english_site(site) -> Build:
    return site["en"]


@pytest.fixture(scope="session")
def page_names() -> list[str]:
    """Every English page, by name without extension."""
    return sorted(path.stem for path in DOCS.glob("*.md"))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once for every test that needs a real browser."""
    from allguide.devtools.browser import chromium

    with chromium() as running:
        yield running


def laid_out_lines(html_path: Path) -> list[tuple[int, int, float, float, float, str]]:
    """Every line of a handout as WeasyPrint lays it out, from the HTML it was given:
    (page, paragraph, left, right, top, text), in points (left and right: the ink's ends).
    The text is whole, in logical order, in any script (Khmer text read back from a
    PDF loses letters)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(filename=str(html_path)).render(font_config=FontConfiguration())
    lines = []

    def walk(box, page, paragraph):
        if isinstance(box, boxes.LineBox):
            texts = [child for child in box.descendants() if isinstance(child, boxes.TextBox)]
            text = "".join(child.text for child in texts)
            if text.strip():
                left = min(child.position_x for child in texts) * 0.75  # CSS px to points
                right = max(child.position_x + child.width for child in texts) * 0.75
                lines.append((page, paragraph, left, right, box.position_y * 0.75, text))
            return
        # A line's paragraph is the box that holds it (a block, or an absolutely placed
        # figure label).
        for child in getattr(box, "children", []):
            walk(child, page, id(box))

    for number, page in enumerate(document.pages, 1):
        walk(upstream.weasyprint_page_box(page), number, 0)
    return lines


# -- Tiers --------------------------------------------------------------------------------
# The fast tier (`make test-fast`, pytest -m "not full") is for a developer's own loop: it
# runs in under 3 CPU-minutes. `full` marks what needs the site of every language (the
# session build below), a real browser, or `make` itself; `make test` and CI run both.
FULL_FIXTURES = {"built", "site", "handouts", "english_site", "browser"}


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if FULL_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.full)


def _tier(session) -> str | None:
    """Which tier a run is, if it is a whole tier (a run of chosen tests is neither)."""
    whole = not session.config.args or [Path(arg).resolve() for arg in session.config.args] == [
        ROOT / "tests"
    ]
    expression = session.config.option.markexpr
    return {"": "full", "not full": "fast"}.get(expression) if whole else None


def _cpu_seconds() -> float:
    """This process's CPU time and its finished children's (the builds it ran)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(part.ru_utime + part.ru_stime for part in usage)


_RUN = {"tests": 0}


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _RUN["tests"] += 1


def pytest_sessionfinish(session, exitstatus) -> None:
    """Record a whole tier's CPU time and result for `make bench` (_build/test-runs/)."""
    tier = _tier(session)
    if tier is None or session.testscollected == 0:
        return
    record = {
        "tier": tier,
        "tests": _RUN["tests"],
        "failed": session.testsfailed,
        "cpu_seconds": round(_cpu_seconds(), 1),
        "wall_seconds": round(time.monotonic() - _STARTED, 1),
        "finished": time.strftime("%Y-%m-%d %H:%M"),
    }
    folder = ROOT / "_build" / "test-runs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{tier}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


_STARTED = time.monotonic()
