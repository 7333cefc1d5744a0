"""Screenshots for reviewers: one page per language at phone and desktop size, and every
figure of the guide in every language as a phone shows it; with --handouts, every page of
every printed handout and every printed figure, as paper shows them.

usage: guide-screenshots HTML_DIR OUT_DIR [PAGE] [--handouts DIR]
                                   [--languages CODE ...]      (make screenshots)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from allguide import languages
from allguide.devtools import printed_pages
from allguide.devtools.browser import DESKTOP, PHONE, chromium, serve

# Whole printed pages at a size a reviewer reads on screen; figures closer up, to see a
# letter touch a line.
PAGE_DPI = 100
FIGURE_DPI = 200


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("page", nargs="?", default="symptoms")
    parser.add_argument("--handouts", type=Path, help="the handouts' folder (<lang>/*.pdf)")
    parser.add_argument("--languages", nargs="+", help="only these language codes")
    arguments = parser.parse_args(argv[1:])
    chosen = [
        language
        for language in languages.load()
        if not arguments.languages or language.code in arguments.languages
    ]
    unknown = set(arguments.languages or ()) - {language.code for language in chosen}
    if unknown:
        parser.error(f"not in locale/languages.toml: {', '.join(sorted(unknown))}")
    html_dir, out_dir, page = arguments.html_dir, arguments.out_dir, arguments.page
    out_dir.mkdir(parents=True, exist_ok=True)
    if arguments.handouts:
        for target in print_screenshots(arguments.handouts, out_dir / "print", chosen):
            print(f"wrote {target}")
    with serve(html_dir) as base_url, chromium() as browser:
        for language in chosen:
            for size_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                context = browser.new_context(viewport=viewport, is_mobile=size_name == "phone")
                tab = context.new_page()
                tab.goto(f"{base_url}/{language.code}/{page}.html")
                target = out_dir / f"{language.code}-{page}-{size_name}.png"
                tab.screenshot(path=str(target), full_page=True)
                context.close()
                print(f"wrote {target}")
            for target in figure_screenshots(browser, base_url, html_dir, language.code, out_dir):
                print(f"wrote {target}")
    return 0


def figure_screenshots(browser, base_url: str, html_dir: Path, code: str, out_dir: Path):
    """Each labelled figure of the language's pages, at phone width: <code>-figure-<name>.png."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    tab = context.new_page()
    for page in sorted((html_dir / code).glob("*.html")):
        if 'class="labelled-figure"' not in page.read_text(encoding="utf-8"):
            continue
        tab.goto(f"{base_url}/{code}/{page.name}")
        for figure in tab.locator("figure.labelled-figure").all():
            name = figure.get_attribute("data-template")
            target = out_dir / f"{code}-figure-{name}.png"
            figure.screenshot(path=str(target))
            yield target
    context.close()


def print_screenshots(handouts_dir: Path, out_dir: Path, chosen: list[languages.Language]):
    """Every page of every handout PDF (<lang>/<handout>-page<n>.png) and every figure of
    the guides (<lang>/<handout>-figure-<name>.png), rendered as paper shows them."""
    for language in chosen:
        pdfs = sorted((handouts_dir / language.code).glob("*.pdf"))
        if pdfs:
            (out_dir / language.code).mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:
            for number in range(printed_pages.page_count(pdf)):
                target = out_dir / language.code / f"{pdf.stem}-page{number + 1}.png"
                printed_pages.render(pdf, number, PAGE_DPI).save(target)
                yield target
            for name, (number, box) in printed_pages.figure_regions(pdf, FIGURE_DPI).items():
                target = out_dir / language.code / f"{pdf.stem}-figure-{name}.png"
                printed_pages.render(pdf, number, FIGURE_DPI, box).save(target)
                yield target


if __name__ == "__main__":
    sys.exit(main(sys.argv))
