"""Files in a language's folder that are neither a page's catalog nor the interface's."""

from __future__ import annotations

from allguide.catalogs import INTERFACE, catalog_dir, expected_catalogs
from allguide.catalogs.checks.problem import Problem


def unknown_catalogs(language: str) -> list[Problem]:
    """Files in a language's folder that are neither a page's catalog nor the interface's.

    A stray .po would be a catalog nothing checks; a compiled .mo or a sphinx.js there is
    never read (the build compiles its own catalogs from the checked .po files, see
    catalog_guard.py), so it is only pointed out.
    """
    folder = catalog_dir(language)
    expected = set(expected_catalogs(language))
    problems = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        suffix = path.suffix.lower()
        if path in expected or path.is_dir():
            continue
        name = path.relative_to(folder).with_suffix("").as_posix()
        if suffix == ".po":
            problems.append(
                Problem(
                    path, 1, "error",
                    f"not a catalog of this guide (no page docs/{name}.md, not {INTERFACE}.po): "
                    "remove it, or name it after the page it translates",
                )
            )  # fmt: skip
        elif suffix == ".js" or (suffix == ".mo" and not path.with_suffix(".po").is_file()):
            problems.append(
                Problem(
                    path,
                    1,
                    "warning",
                    "ignored: the build reads only the checked .po "
                    "files and compiles its own; remove this file",
                )  # fmt: skip
            )
    return problems
