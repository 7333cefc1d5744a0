"""Screenshots of one page per language, at phone and desktop size, for reviewers.

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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
