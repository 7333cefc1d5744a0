"""Screenshots for reviewers: one page per language at phone and desktop size, and every
figure of the guide in every language as a phone shows it.

usage: python tools/screenshots.py HTML_DIR OUT_DIR [PAGE]     (make screenshots)
"""

from __future__ import annotations

import sys
from pathlib import Path

import languages
from browser import DESKTOP, PHONE, chromium, serve


def main(argv: list[str]) -> int:
    html_dir, out_dir = Path(argv[1]), Path(argv[2])
    page = argv[3] if len(argv) > 3 else "symptoms"
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve(html_dir) as base_url, chromium() as browser:
        for language in languages.load():
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


if __name__ == "__main__":
    sys.exit(main(sys.argv))
