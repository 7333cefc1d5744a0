"""A language's catalogs, read once and checked once: what is checked is what is compiled.

A build checks each language three times, in one process: `check-po` before Sphinx
starts (site/build_languages.py), the catalog guard when Sphinx reads the configuration
(sphinxext/catalog_guard.py) and the handouts builder, strictly. The result is
remembered for the catalogs' bytes, so msgfmt and every check run once per catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from allguide.catalogs import INTERFACE, catalog_files, expected_catalogs
from allguide.catalogs.checks.catalog import check_catalog
from allguide.catalogs.checks.interface_messages import missing_interface_messages
from allguide.catalogs.checks.problem import Problem
from allguide.catalogs.checks.unknown_files import unknown_catalogs


@dataclass(frozen=True)
class Catalogs:
    """A language's catalogs as read once: what is checked is what is compiled."""

    language: str
    files: tuple[tuple[Path, bytes], ...]
    problems: tuple[Problem, ...]  # files missing, or refused before reading


def read_catalogs(language: str) -> Catalogs:
    """Read each catalog the language has, refusing what must not be read.

    A catalog is a regular file of its own: a symlink could show any file on the machine
    (or another language's catalog) to the build, a folder or device is no catalog. Size
    is bounded before anything parses it.
    """
    files, problems = [], []
    for path in expected_catalogs(language):
        try:
            files.append((path, catalog_files.read_catalog_bytes(path)))
        except FileNotFoundError:
            problems.append(Problem(path, 1, "warning", "catalog missing; run make update-po"))
        except catalog_files.CatalogFileError as error:
            problems.append(Problem(path, error.line, "error", error.message))
    return Catalogs(language, tuple(files), tuple(problems + unknown_catalogs(language)))


def check_language(language: str, strict: bool, catalogs: Catalogs | None = None) -> list[Problem]:
    """Every problem of a language's catalogs (`catalogs`: as read once, else read now).

    Strict (for handouts) differs only in that the site's warnings (entries untranslated
    or fuzzy, catalogs or interface entries missing) are errors. The result is remembered
    for the same bytes: a build checks each language for its site and its handouts.
    """
    problems = _language_problems(catalogs or read_catalogs(language))
    if strict:
        return [replace(problem, severity="error") for problem in problems]
    return list(problems)


@cache
def _language_problems(catalogs: Catalogs) -> tuple[Problem, ...]:
    problems = list(catalogs.problems)
    for path, data in catalogs.files:
        found = check_catalog(path, catalogs.language, strict=False, data=data)
        problems += found
        if path.stem == INTERFACE and not any(p.severity == "error" for p in found):
            problems += missing_interface_messages(path, strict=False, data=data)
    return tuple(problems)
