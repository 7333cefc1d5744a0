"""The messages the interface catalog (sphinx.po) must have: those of its template."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from allguide.catalogs import catalog_files
from allguide.catalogs.checks.problem import Problem, excerpt


def missing_interface_messages(path: Path, strict: bool, data: bytes) -> list[Problem]:
    """Interface messages the templates use that the catalog has no entry for yet."""
    present = {entry.msgid for entry in catalog_files.entries(data) if not entry.obsolete}
    severity = "error" if strict else "warning"
    return [
        Problem(path, 1, severity, f"no entry for {excerpt(msgid)!r}; run make update-po")
        for msgid in interface_msgids()
        if msgid not in present
    ]


def interface_msgids() -> tuple[str, ...]:
    """The ids of the messages the interface catalog must have."""
    return tuple(interface_plurals())


def interface_plurals() -> dict[str, str | None]:
    """The interface template's message ids, each with its plural id (None if none)."""
    return dict(_interface_template(files_state(interface_sources())))


def interface_sources() -> list[Path]:
    from allguide.catalogs.interface_catalog import (
        source_files,  # needs Sphinx and Babel; only loaded here
    )

    return source_files()


@cache
def _interface_template(_sources_state: tuple) -> tuple[tuple[str, str | None], ...]:
    """The template's messages; remembered while its sources stay as they were (a
    build checks each language twice: for the site, then for the handouts)."""
    from allguide.catalogs.interface_catalog import template

    wanted = ((m.id, None) if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in template())
    return tuple((msgid, plural) for msgid, plural in wanted if msgid)


def files_state(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Each existing file's path, modification time and size: what a remembered result
    depends on."""
    state = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        state.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(state)
