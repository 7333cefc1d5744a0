"""Read TOML that others write (clinic profiles, the language table) with bounded work.

tomllib reads nested arrays and inline tables recursively: `a = [[[[...]]]]` a hundred
thousand deep raises RecursionError, and a file of any size is read whole. Here a file
has a size limit, its nesting is counted before tomllib sees it, and every problem is
one error (of the caller's class) that names the file and line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Our files nest two levels at most ([[language]] and a list in it); 16 leaves room for
# any sensible table and stays far below Python's recursion limit inside tomllib.
MAX_DEPTH = 16
# What the nesting count looks at: brackets, and what hides them (strings, comments).
_SIGNIFICANT = re.compile(r"""[\[\]{}#"']""")


class TomlInputError(ValueError):
    """A TOML file too large, too deep or not valid, said as FILE: problem (at line N)."""


def _string_end(text: str, start: int, quote: str) -> int:
    """Where the string opened by `quote` just before `start` ends (after its closing quote)."""
    while True:
        end = text.find(quote, start)
        if len(quote) == 1:
            # A one-line string that runs past its line is invalid: tomllib says so.
            newline = text.find("\n", start)
            if newline != -1 and (end == -1 or newline < end):
                return newline
        if end == -1:
            return len(text)
        backslashes = len(text[start:end]) - len(text[start:end].rstrip("\\"))
        if quote[0] == '"' and backslashes % 2:  # an escaped quote, inside the string
            start = end + 1
            continue
        return end + len(quote)


def deepest_point(text: str, max_depth: int = MAX_DEPTH) -> int | None:
    """The offset where arrays and inline tables nest deeper than `max_depth`, or None.

    A scan, not a parse: invalid TOML may be counted wrong, and tomllib then refuses it
    (RecursionError is caught as well, in case a file fools the count).
    """
    depth = 0
    position = 0
    while match := _SIGNIFICANT.search(text, position):
        character, position = match.group(), match.end()
        if character in "[{":
            depth += 1
            if depth > max_depth:
                return match.start()
        elif character in "]}":
            depth = max(depth - 1, 0)
        elif character == "#":
            newline = text.find("\n", position)
            position = len(text) if newline == -1 else newline
        else:
            quote = character * 3 if text.startswith(character * 3, match.start()) else character
            position = _string_end(text, match.start() + len(quote), quote)
    return None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def loads(
    text: str,
    path: Path,
    *,
    max_bytes: int,
    max_depth: int = MAX_DEPTH,
    error: Callable[[str], Exception] = TomlInputError,
) -> dict[str, Any]:
    """Parse `text` read from `path`; raise `error` naming the file for any problem."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise error(
            f"{path}: the file is {size} bytes, more than the {max_bytes} allowed; "
            "check that it is the right file and remove what does not belong in it"
        )
    deep = deepest_point(text, max_depth)
    if deep is not None:
        raise error(
            f"{path}: arrays or tables nested more than {max_depth} deep "
            f"(at line {_line(text, deep)}); write the values without nesting them"
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as decode_error:
        raise error(f"{path}: not valid TOML: {decode_error}") from None
    except (RecursionError, MemoryError):
        raise error(
            f"{path}: nested too deeply to read; write the values without nesting them"
        ) from None


def load(
    path: Path,
    *,
    max_bytes: int,
    max_depth: int = MAX_DEPTH,
    error: Callable[[str], Exception] = TomlInputError,
    what: str = "the file",
) -> dict[str, Any]:
    """Read and parse the TOML file at `path`, reading no more than `max_bytes` + 1 bytes."""
    try:
        if not path.is_file():
            raise error(f"{path}: {what} is not a file")
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as os_error:
        raise error(f"{path}: cannot read {what}: {os_error.strerror}") from None
    if len(data) > max_bytes:
        raise error(
            f"{path}: {what} is larger than {max_bytes // 1024} KB, the limit; "
            "check that it is the right file and remove what does not belong in it"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as decode_error:
        raise error(f"{path}: {what} is not UTF-8 text ({decode_error.reason})") from None
    return loads(text, path, max_bytes=max_bytes, max_depth=max_depth, error=error)
