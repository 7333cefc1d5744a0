"""Write the site's entry page (_build/html/index.html): a chooser of languages, and the
clinic handouts page it links to (clinic_page.py), once every language is built.

usage: guide-site-index HTML_DIR [LISTED]   LISTED: comma-separated codes to offer
                                                    (default: every language in the table)
"""

from __future__ import annotations

import html
from pathlib import Path

from allguide import languages
from allguide.languages import Language, load

from . import clinic_page

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>When Leukemia Comes Back: choose your language</title>
<style>
  body {{ font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5;
         max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
  ul {{ list-style: none; padding: 0; }}
  li {{ margin: 0.5rem 0; }}
  a {{ display: block; padding: 0.75rem 1rem; border: 2px solid #1f4e79; border-radius: 6px;
       color: #1f4e79; text-decoration: none; font-size: 1.25rem; }}
  a:hover, a:focus {{ background: #1f4e79; color: #fff; }}
  a:focus {{ outline: 3px solid #e8a317; outline-offset: 2px; }}
  .english {{ font-size: 1rem; }}
  .suggested a {{ border-width: 4px; }}
  footer a {{ display: inline; padding: 0; border: 0; font-size: 1rem;
             text-decoration: underline; }}
  footer a:hover, footer a:focus {{ background: none; color: #1f4e79; }}
</style>
</head>
<body>
<main>
<h1>When Leukemia Comes Back: a guide for families</h1>
<p>Choose your language:</p>
<ul>
{links}
</ul>
</main>
<footer>
<p>For clinics: <a href="{clinic_page}">make your clinic's handouts</a> with its name and
phone numbers.</p>
</footer>
<script>
// Put the reader's own language (from the browser's settings) first.
(function () {{
  var list = document.querySelector("ul");
  var wanted = (navigator.languages || [navigator.language || ""]).map(function (tag) {{
    return tag.toLowerCase();
  }});
  var links = Array.prototype.slice.call(list.querySelectorAll("a[hreflang]"));
  for (var i = 0; i < wanted.length; i++) {{
    var match = links.filter(function (link) {{
      var code = link.getAttribute("hreflang").toLowerCase();
      return code === wanted[i] || code.split("-")[0] === wanted[i].split("-")[0];
    }})[0];
    if (match) {{
      var item = match.parentNode;
      item.className = "suggested";
      list.insertBefore(item, list.firstChild);
      return;
    }}
  }}
}})();
</script>
</body>
</html>
"""


def language_link(language: Language) -> str:
    english = (
        ""
        if language.code == "en"
        else f' <span class="english">({html.escape(language.english)})</span>'
    )
    return (
        f'<li><a href="{language.code}/index.html" hreflang="{language.html_lang}">'
        f'<span lang="{language.html_lang}" dir="{language.direction}">'
        f"{html.escape(language.name)}</span>{english}</a></li>"
    )


def main(argv: list[str]) -> int:
    html_dir = Path(argv[1])
    listed = set(argv[2].split(",")) if len(argv) > 2 else {language.code for language in load()}
    html_dir.mkdir(parents=True, exist_ok=True)
    offered = [language for language in load() if language.code in listed]
    links = "\n".join(language_link(language) for language in offered)
    # The clinic page first: the entry page links to it. The handouts' folder is beside
    # the site's, where `make` and the builder put them (handouts_output_dir).
    clinic_page.write(html_dir, html_dir.parent / "handouts", offered)
    page = PAGE.format(links=links, clinic_page=clinic_page.PAGE_NAME)
    clinic_page.write_if_changed(html_dir / "index.html", page.encode("utf-8"))
    return 0


if __name__ == "__main__":
    languages.run_command(main)
