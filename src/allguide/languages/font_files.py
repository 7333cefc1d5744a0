"""The font files fontconfig uses for a family: for the handouts and for figure labels."""

from __future__ import annotations

import subprocess
from functools import cache

INSTALL = "sudo apt-get install fonts-noto-core fonts-noto-cjk"


class FontMissing(LookupError):
    """A font family of the language table is not installed."""


def package_hint(family: str) -> str:
    """How to install `family` on Debian, or how to find the name fontconfig knows."""
    if family.startswith("Noto") and "CJK" in family:
        return "install it with: sudo apt-get install fonts-noto-cjk"
    if family.startswith("Noto"):
        return "install it with: sudo apt-get install fonts-noto-core (or fonts-noto-extra)"
    return "install it, or correct the name (`fc-list : family` lists the installed ones)"


@cache
def installed_families() -> frozenset[str] | None:
    """Every family name fc-match can answer with (its first name), or None without fontconfig.

    One fc-list run (about 10 ms) for every font of the language table, where an
    fc-match per font would cost that much for each.
    """
    try:
        result = subprocess.run(
            ["fc-list", "--format", "%{family[0]}\n"], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:  # devtools/check_system.py reports fontconfig missing
        return None
    return frozenset(result.stdout.splitlines()) if result.returncode == 0 else None


def not_installed(families: list[str] | tuple[str, ...]) -> list[str]:
    """The families fontconfig would not give as themselves (it substitutes silently)."""
    installed = installed_families()
    return [] if installed is None else [name for name in families if name not in installed]


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
