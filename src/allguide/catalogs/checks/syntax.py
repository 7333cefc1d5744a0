"""Catalog syntax as GNU msgfmt reads it: the strictest parser (Babel and polib skip
over some broken lines), so what passes here both of them read whole."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from allguide.catalogs.checks.problem import Problem

# Where msgfmt says it found a problem, reading its standard input.
LOCATION = re.compile(r"^(?:<stdin>|-|standard input):(\d+):(?:\d+:)? (.*)$")


def syntax_problems(path: Path, data: bytes | None = None) -> list[Problem]:
    """What GNU msgfmt finds wrong with a catalog's syntax, each at its line.

    `data` is the catalog as read once (read_catalogs); msgfmt reads it from its input,
    so the bytes checked are the bytes compiled, whatever happens to the file meanwhile.
    """
    if data is None:
        data = path.read_bytes()
    result = subprocess.run(
        ["msgfmt", "--output-file", os.devnull, "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    stderr = result.stderr.decode("utf-8", "replace")
    problems = [
        Problem(path, int(found[1]), "error", f"syntax error: {found[2]}")
        for found in map(LOCATION.match, stderr.splitlines())
        if found
    ]
    return problems or [Problem(path, 1, "error", f"syntax error: {stderr.strip()}")]
