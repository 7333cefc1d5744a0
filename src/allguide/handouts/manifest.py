"""The record of one language's handout build (manifest.json): what was published, or why not.

The handout builder writes it; the site's "Printable handouts" page, the end-of-build
summary and the benchmark read it. Every PDF it lists is current: a handout that cannot be
made from complete catalogs is held back and its old PDFs removed, so no PDF older than
the current English text is ever published as current; a failure withdraws them all.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = "manifest.json"
# Every handout was made from complete, checked catalogs.
PUBLISHED = "published"
# Held back: a catalog some handouts print from is not complete (fuzzy or untranslated
# entries, or a page newer than its catalog); those are listed in `held`, the others
# published. Normal between an English edit and its translation.
HELD_BACK = "held-back"
# Could not be built for another reason (a missing glyph, an overflowing page, a clinic
# profile problem, a WeasyPrint warning): someone has to fix something.
FAILED = "failed"


@dataclass
class Manifest:
    language: str
    status: str
    handouts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # The handouts held back: {"handout": id, "title": ..., "problems": [...]}.
    held: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED


def path_in(folder: Path) -> Path:
    return folder / FILE_NAME


def read(folder: Path) -> Manifest | None:
    """The manifest in `folder`, or None when no handout build has run there yet."""
    path = path_in(folder)
    if not path.exists():
        return None
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        # Written by an older version of the builder: as if no build had run.
        return None


def write(folder: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (readers never see half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = path_in(folder)
    temporary = target.with_suffix(".json.tmp")
    text = json.dumps(asdict(manifest), indent=1, ensure_ascii=False)
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(target)


def withdraw(folder: Path, language: str, status: str, problems: list[str]) -> Manifest:
    """Remove the folder's PDFs and record why: stale paper must not stay published."""
    for old in folder.glob("*.pdf"):
        old.unlink()
    manifest = Manifest(language=language, status=status, problems=problems)
    write(folder, manifest)
    return manifest
