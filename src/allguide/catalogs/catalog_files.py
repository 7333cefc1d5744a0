"""Read one catalog file the tools can trust: a plain file, of bounded size, valid UTF-8, parsed.

Every tool that reads a translator's catalog (stats, the language listing, update-po,
the formatter) reads it here, so one bad file gives one clear message, FILE:LINE: error:
what to do, and never a traceback or a read of something that is not a catalog: a
symbolic link (to /etc/passwd, or to another language's catalog), a folder, a named
pipe or a device is refused unread, as check-po refuses it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import polib

from allguide.catalogs import WRAP_WIDTH, relative
from allguide.catalogs.checks.syntax import syntax_problems

# The largest catalog of the guide is about 60 KB; check-po refuses the same size.
MAX_CATALOG_BYTES = 512 * 1024
BOM = b"\xef\xbb\xbf"
# polib says where it stopped as "(line N)".
POLIB_LINE = re.compile(r"\(line (\d+)\)")
NOT_A_FILE = "a catalog must be a plain file (replace it with a copy of the .po file)"


class CatalogFileError(Exception):
    """A catalog that cannot or must not be read, said as FILE:LINE: error: what to do."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{relative(path)}:{line}: error: {message}")


def read_catalog_bytes(path: Path) -> bytes:
    """The bytes of a catalog; FileNotFoundError if there is none (the caller decides)."""
    if path.is_symlink():
        raise CatalogFileError(path, 1, f"is a symbolic link; {NOT_A_FILE}")
    try:
        # O_NOFOLLOW: a link put there meanwhile is not followed either; O_NONBLOCK: a
        # named pipe does not hang the open (reading it is refused below).
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CatalogFileError(path, 1, f"is a symbolic link; {NOT_A_FILE}") from None
        raise CatalogFileError(
            path,
            1,
            f"cannot be read ({error.strerror}); make it readable: chmod u+r {relative(path)}",
        ) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise CatalogFileError(path, 1, f"is not a regular file; {NOT_A_FILE}")
    with os.fdopen(descriptor, "rb") as file:
        try:
            data = file.read(MAX_CATALOG_BYTES + 1)
        except OSError as error:
            raise CatalogFileError(path, 1, f"cannot be read ({error.strerror})") from None
    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogFileError(
            path,
            1,
            f"larger than {MAX_CATALOG_BYTES // 1024} KB: this is not a catalog of this guide",
        )
    return data


def parse_catalog(path: Path, data: bytes, *, syntax: bool = True) -> polib.POFile:
    """The entries of a catalog's bytes, or CatalogFileError at the line where it breaks.

    `syntax`: first let GNU msgfmt read it, as check-po does (polib reads past a
    truncated string or an unknown keyword); a tool that writes catalogs must, a tool
    that only counts words may skip it.
    """
    decoded(path, data)
    if syntax:
        problems = syntax_problems(path, data)
        if problems:
            first = problems[0]
            raise CatalogFileError(path, first.line, f"{first.message} (make check-po lists all)")
    try:
        return entries(data)
    except (OSError, ValueError) as error:
        found = POLIB_LINE.search(str(error))
        line = int(found[1]) if found else 1
        raise CatalogFileError(
            path, line, "syntax error: this line is not PO syntax (make check-po says more)"
        ) from None


def decoded(path: Path, data: bytes) -> str:
    """A catalog's text; CatalogFileError if it is empty, has a BOM or is not UTF-8."""
    if not data.strip():
        raise CatalogFileError(
            path, 1, "is empty: restore it from version control (git checkout -- "
            f"{relative(path)}), or delete it and run make update-po to start it afresh",
        )  # fmt: skip
    if data.startswith(BOM):
        raise CatalogFileError(
            path, 1, "starts with a byte order mark (BOM): save it as UTF-8 without BOM"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        encoding = " (it looks like UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise CatalogFileError(
            path, line, f"not valid UTF-8{encoding}: save the file as UTF-8"
        ) from None


def entries(data: bytes) -> polib.POFile:
    """polib's reading of a catalog's bytes (UTF-8, checked by the caller)."""
    text = data.decode("utf-8")
    # Never a single line: polib would take a text that names a file for its path.
    return polib.pofile(
        text if "\n" in text else text + "\n", wrapwidth=WRAP_WIDTH, check_for_duplicates=False
    )


def read_catalog(path: Path, *, syntax: bool = True) -> polib.POFile:
    """A catalog file read and parsed, refusing what is not a catalog (see above)."""
    return parse_catalog(path, read_catalog_bytes(path), syntax=syntax)
