"""Check translation catalogs and report every problem as FILE:LINE: severity: message.

The checks are the mistakes that hurt a family reading the page: a number that changed,
a negation or a glossary link that was dropped, markup that could inject HTML or run a
directive, English left as it was, and entries not translated at all. Each is a module
of allguide.catalogs.checks, which says where each comes from.

Translators are volunteers we cannot vet, so a msgstr is read the way Sphinx will read
it (checks/structure.py parses it with the project's MyST parser) and anything the
English does not have is refused.

usage: guide-check-po [--for site|handouts] [LANG ...]   (default: every translation)

Untranslated and fuzzy entries are warnings for the site (which says "parts are in
English") and errors for handouts (paper may not mix languages). Exit status 1 on any
error.
"""

from __future__ import annotations

import argparse

from allguide import languages
from allguide.catalogs.checks.catalog import check_catalog
from allguide.catalogs.checks.language import check_language
from allguide.catalogs.checks.placeholders import PLACEHOLDER
from allguide.catalogs.checks.syntax import syntax_problems
from allguide.catalogs.checks.translation import check_translation
from allguide.catalogs.checks.unknown_files import unknown_catalogs
from allguide.catalogs.checks.urgency import urgency_of

# The checks' entry points, as callers and tests have long imported them from here.
__all__ = [
    "PLACEHOLDER", "check_catalog", "check_language", "check_translation", "main",
    "syntax_problems", "unknown_catalogs", "urgency_of",
]  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--for", dest="purpose", choices=["site", "handouts"], default="site")
    parser.add_argument("languages", nargs="*")
    args = parser.parse_args(argv[1:])
    codes = args.languages or [
        language.code for language in languages.load() if language.review != "source"
    ]
    problems = []
    for code in codes:
        problems += check_language(code, strict=args.purpose == "handouts")
    for problem in problems:
        print(problem)
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    print(
        f"check-po ({args.purpose}): {errors} error(s), {warnings} warning(s) in {' '.join(codes)}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    languages.run_command(main)
