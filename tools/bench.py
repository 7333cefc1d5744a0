"""Measure build speed, PDF sizes and page weight against the project's targets.

usage: python tools/bench.py [--runs N]      (make bench; default 3 runs, medians reported)

Times are wall-clock seconds on this machine; the clean build is `make all` from an
empty _build/, the one-edit rebuild changes one Spanish catalog entry and runs
`make all` again, and per-language times are single Sphinx builds from scratch.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

import languages

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
SPHINX = [str(ROOT / ".venv" / "bin" / "sphinx-build"), "-q", "-W", "-c", str(ROOT)]
EDITED = ROOT / "locale" / "es" / "LC_MESSAGES" / "symptoms.po"
TARGETS = {
    "no-op build": 1.0,
    "one .po edit": 5.0,
}
PDF_LIMIT_KB = {"zh_CN": 400}
DEFAULT_PDF_LIMIT_KB = 250
PAGE_LIMIT_KB = 150


def timed(command: list[str], **options) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, **options)
    return time.perf_counter() - start


def median_time(command: list[str], runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(timed(command))
    return statistics.median(times)


def edit_catalog() -> None:
    """Change one translation (alternating, so every run is a real change)."""
    text = EDITED.read_text(encoding="utf-8")
    marker = 'msgstr "Señales y síntomas'
    if marker + '"' in text:
        text = text.replace(marker + '"', marker + ' "', 1)
    else:
        text = text.replace(marker + ' "', marker + '"', 1)
    EDITED.write_text(text, encoding="utf-8")


def page_weight(html_path: Path) -> int:
    """Bytes a first visit downloads: the page and the CSS, JS, fonts and images it loads."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    assets = {html_path}
    for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            if tag == "link" and "stylesheet" not in element.get("rel", []):
                continue
            if element.get(attribute) and "://" not in element[attribute]:
                assets.add((html_path.parent / element[attribute].split("?")[0]).resolve())
    for css in [path for path in assets if path.suffix == ".css"]:
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not url.startswith("data:"):
                assets.add((css.parent / url.split("?")[0].split("#")[0]).resolve())
    return sum(path.stat().st_size for path in assets if path.is_file())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv[1:])
    codes = [language.code for language in languages.load()]
    rows: list[tuple[str, str, str, str]] = []

    def clean() -> None:
        shutil.rmtree(BUILD, ignore_errors=True)

    clean_build = median_time(["make", "all"], args.runs, before=clean)
    rows.append(("clean full build (make all)", f"{clean_build:.1f} s", "", ""))
    no_op = median_time(["make", "all"], max(args.runs, 5))
    rows.append(("no-op build", f"{no_op:.2f} s", "<= 1 s", _met(no_op <= TARGETS["no-op build"])))
    original = EDITED.read_bytes()
    try:
        one_edit = median_time(["make", "all"], args.runs, before=edit_catalog)
    finally:
        EDITED.write_bytes(original)
        subprocess.run(["make", "all"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    rows.append(("one .po edit (es)", f"{one_edit:.1f} s", "<= 5 s", _met(one_edit <= 5.0)))

    scratch = BUILD / "bench"
    for code in codes:

        def fresh(code=code) -> None:
            shutil.rmtree(scratch, ignore_errors=True)

        common = ["-D", f"language={code}", "-d", str(scratch / "doctrees"), str(ROOT / "docs")]
        html = median_time(
            [*SPHINX, "-b", "html", *common, str(scratch / "html")], args.runs, fresh
        )
        pdf = median_time(
            [*SPHINX, "-b", "handouts", *common, str(scratch / "pdf")], args.runs, fresh
        )
        rows.append((f"{code}: HTML build / handouts build", f"{html:.1f} s / {pdf:.1f} s", "", ""))
    shutil.rmtree(scratch, ignore_errors=True)

    for code in codes:
        limit = PDF_LIMIT_KB.get(code, DEFAULT_PDF_LIMIT_KB)
        manifest = json.loads((BUILD / "handouts" / code / "manifest.json").read_text("utf-8"))
        for entry in manifest:
            size = entry["bytes"] / 1024
            rows.append(
                (f"PDF {entry['file']}", f"{size:.0f} KB", f"<= {limit} KB", _met(size <= limit))
            )
    for code in codes:
        weight = page_weight(BUILD / "html" / code / "symptoms.html") / 1024
        limit = f"<= {PAGE_LIMIT_KB} KB"
        met = _met(weight <= PAGE_LIMIT_KB)
        rows.append((f"page load {code}/symptoms.html", f"{weight:.0f} KB", limit, met))

    width = max(len(row[0]) for row in rows)
    print(f"{'measure':<{width}}  {'value':>14}  {'target':>10}  met")
    for name, value, target, met in rows:
        print(f"{name:<{width}}  {value:>14}  {target:>10}  {met}")
    return 0


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
