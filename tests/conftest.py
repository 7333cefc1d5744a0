"""Shared fixtures: build the real project once per session, and tmp copies to break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The tools, their Sphinx extensions and the handouts package, as conf.py sees them.
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "extensions"))
sys.path.insert(0, str(ROOT))

import languages  # noqa: E402

# What a copy of the project needs to build the site.
PROJECT_PARTS = [
    "Makefile", "conf.py", "docs", "docutils.conf", "handouts", "locale", "requirements.txt",
    "theme", "tools",
]  # fmt: skip


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


def copy_project(destination: Path) -> Path:
    """Copy what the build reads into `destination`, for a test to modify."""
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, destination / part, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
            )
        else:
            shutil.copy2(source, destination / part)
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
TRANSLATIONS = [code for code in LANGUAGES if code != "en"]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[dict[str, Build], dict[str, Build]]:
    """Every language's site and handouts, as `make all` builds them: one Sphinx run each."""
    top = tmp_path_factory.mktemp("build")
    html, handouts = top / "html", top / "handouts"

    def build(code: str) -> tuple[Build, Build]:
        settings = {"handouts_output_dir": str(handouts), "handouts_with_site": "1"}
        result = sphinx_build(ROOT, html / code, code, "html", settings)
        return Build(html / code, result), Build(handouts / code, result)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(LANGUAGES, pool.map(build, LANGUAGES), strict=True))
    subprocess.run([sys.executable, str(ROOT / "tools" / "site_index.py"), str(html)], check=True)
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
    from browser import chromium

    with chromium() as running:
        yield running
