"""The project's commands, one function each (the console scripts of pyproject.toml).

`make` runs them from the project's root, which is the project they work on
(`allguide.project`). Each also runs as `python -m <its module>`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

from allguide import languages


def _command(module: str) -> Callable[[], NoReturn]:
    """A console script for `module`'s main(argv): a bad language table or an unreadable
    file is said in one line naming the file, never a traceback (languages.run_command)."""

    def run() -> NoReturn:
        from importlib import import_module

        languages.run_command(import_module(module).main)

    run.__doc__ = f"Run {module}."
    return run


build_languages = _command("allguide.site.build_languages")
listed_languages = _command("allguide.site.listed_languages")
site_index = _command("allguide.site.site_index")
check_po = _command("allguide.catalogs.check_po")
update_po = _command("allguide.handouts.translation_to_do")  # update, then the to-do list
format_po = _command("allguide.catalogs.catalog_format")
stats = _command("allguide.catalogs.catalog_stats")
handout_summary = _command("allguide.handouts.summary")
clinic_profile = _command("allguide.handouts.clinic_profile")
readability = _command("allguide.devtools.readability")
screenshots = _command("allguide.devtools.screenshots")
bench = _command("allguide.devtools.bench")

if __name__ == "__main__":
    sys.exit("usage: the console scripts of pyproject.toml (guide-check-po, ...)")
