"""A problem found in a catalog, reported as FILE:LINE: severity: message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from allguide.catalogs import relative


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{relative(self.path)}:{self.line}: {self.severity}: {self.message}"


def excerpt(text: str, width: int = 50) -> str:
    """A message on one line, cut to `width` characters: how a problem names it."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
