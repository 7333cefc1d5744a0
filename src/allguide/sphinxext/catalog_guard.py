"""Sphinx reads only catalogs that passed check-po, compiled by the build itself.

Sphinx would read every .po and .mo file under `locale_dirs` (compiling .po files it
finds newer than their .mo), and a sphinx.js there too: a compiled catalog with no
source, or an entry shaped so that check-po compares other English than gettext serves,
would reach families unchecked. So `locale_dirs` points into the build folder
(<doctrees>/catalogs/), and when the configuration is read this extension

1. reads each catalog of the language once (checks/language.py: no symlinks, no
   oversized files),
2. checks those bytes as `make check-po` does; any error stops this language's build,
3. writes, from the same bytes, a catalog holding only the entries that are translated,
   not fuzzy and shaped as the template is, with the language's CLDR plural rule (not
   the header's), and compiles it with Babel, as Sphinx would.

The files are rewritten only when their content changes, so that Sphinx's own record of
which pages depend on which catalog keeps incremental builds incremental.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from allguide import upstream
from allguide.catalogs import INTERFACE, WRAP_WIDTH, catalog_files, relative
from allguide.catalogs.checks.language import Catalogs, check_language, read_catalogs
from allguide.catalogs.checks.problem import Problem
from allguide.catalogs.checks.reading import msgstr_line
from allguide.catalogs.checks.shape import shape_problems
from allguide.sphinxext.build_errors import stop_build

logger = logging.getLogger(__name__)

# Under the language's doctrees folder: build output, never committed.
FOLDER = "catalogs"


def published_catalog(
    path: Path, data: bytes, language: str, wrong_lines: frozenset[int] = frozenset()
) -> Catalog:
    """The entries of one checked catalog that a reader may see, as Babel holds them
    (`wrong_lines`: in a preview, the lines of entries with an error, shown in English)."""
    catalog = Catalog(locale=Locale.parse(language), fuzzy=False)
    interface = path.stem == INTERFACE
    lines = data.decode("utf-8").splitlines() if wrong_lines else []
    for entry in catalog_files.entries(data):
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
            continue
        if wrong_lines and msgstr_line(lines, entry) in wrong_lines:
            continue
        if not entry.translated() or shape_problems(entry, interface):
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            catalog.add((entry.msgid, entry.msgid_plural), forms)
        else:
            catalog.add(entry.msgid, entry.msgstr)
    return catalog


def _write_if_changed(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)


def compile_catalogs(catalogs: Catalogs, folder: Path, wrong: list[Problem] = ()) -> None:
    """Write each checked catalog's published .po and its .mo into `folder`/<lang>/
    (`wrong`: in a preview, the errors whose entries are left out, or whose whole
    catalog is when it cannot be read)."""
    target = folder / catalogs.language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path, data in catalogs.files:
        wrong_lines = frozenset(problem.line for problem in wrong if problem.path == path)
        try:
            catalog = published_catalog(path, data, catalogs.language, wrong_lines)
        except (OSError, ValueError):  # a preview of a catalog that cannot be read
            continue
        po, mo = io.BytesIO(), io.BytesIO()
        write_po(po, catalog, width=WRAP_WIDTH, omit_header=False)
        write_mo(mo, catalog)
        # The .po first: Sphinx takes a .mo older than its .po for out of date.
        _write_if_changed(target / f"{path.stem}.po", po.getvalue())
        _write_if_changed(target / f"{path.stem}.mo", mo.getvalue())
        wanted |= {f"{path.stem}.po", f"{path.stem}.mo"}
    for leftover in target.iterdir():
        if leftover.name not in wanted:
            leftover.unlink()


# What each build compiled from, so that later checks (the handouts' stricter one) look
# at the very same bytes rather than read the files again.
_COMPILED_FROM: dict[int, Catalogs] = {}


def compiled_from(app: Sphinx) -> Catalogs | None:
    """The catalogs, as read and checked, that this build's translations come from."""
    return _COMPILED_FROM.get(id(app))


def on_config_inited(app: Sphinx, config: Config) -> None:
    # Whatever conf.py says, nothing is read from the source tree.
    config.gettext_auto_build = False
    config.locale_dirs = []
    if config.language == "en":
        return
    catalogs = read_catalogs(config.language)
    problems = check_language(config.language, strict=False, catalogs=catalogs)
    errors = [problem for problem in problems if problem.severity == "error"]
    if config.guide_preview:
        # A translator's preview (make live): every problem is said, none stops it.
        PREVIEW_PROBLEMS[id(app)] = problems
        for problem in problems:
            logger.warning(
                f"{problem.severity}: {problem.message}. {how_to_fix(problem)}",
                location=f"{relative(problem.path)}:{problem.line}",
            )
    else:
        for problem in errors:
            logger.error(problem.message, location=f"{relative(problem.path)}:{problem.line}")
        if errors:
            names = ", ".join(sorted({relative(problem.path) for problem in errors}))
            stop_build(f"[{config.language}] not built: fix {names} (see `make check-po`).")
    folder = Path(app.doctreedir) / FOLDER
    compile_catalogs(catalogs, folder, errors if config.guide_preview else [])
    _COMPILED_FROM[id(app)] = catalogs
    config.locale_dirs = [str(folder)]
    # Sphinx loaded its interface translations before any extension ran; load them
    # again, ours first, as it would have.
    upstream.reload_sphinx_interface_translations(app, folder, config.language)


# The problems each preview build found, for its pages to show (translator_preview.py).
PREVIEW_PROBLEMS: dict[int, list[Problem]] = {}


def how_to_fix(problem: Problem) -> str:
    """What a translator does about a problem, in a preview."""
    if problem.message.startswith("fuzzy:"):
        return "Check the translation, then remove the `#, fuzzy` line above it."
    if problem.message.startswith("untranslated:"):
        return "Write the translation in its msgstr."
    return "Until it is fixed, the page shows this entry in English."


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("allguide.sphinxext.project")  # this build's folder is the project
    # make live: show every problem (terminal and pages) instead of stopping the build,
    # and leave each wrong entry in English.
    app.add_config_value("guide_preview", False, "env", types=[bool])
    # After site_languages, which says what is wrong with the language table.
    app.connect("config-inited", on_config_inited, priority=600)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
