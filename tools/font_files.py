"""The font files fontconfig uses for a family: for the handouts and for figure labels."""

from __future__ import annotations

import subprocess
from functools import cache

INSTALL = "sudo apt-get install fonts-noto-core fonts-noto-cjk"


class FontMissing(LookupError):
    """A font family of the language table is not installed."""


@cache
def font_file(family: str, bold: bool = False) -> tuple[str, int]:
    """(path, index in a collection) of `family`; fontconfig substitutes, so check the name."""
    pattern = f"{family}:bold" if bold else family
    result = subprocess.run(
        ["fc-match", "--format", "%{family[0]}\n%{file}\n%{index}", pattern],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) != 3 or lines[0] != family:
        raise FontMissing(f"font {family!r} is not installed; install it with: {INSTALL}")
    return lines[1], int(lines[2])
