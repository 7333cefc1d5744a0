"""The one error a handout build stops with: bad input, said in a sentence."""

from __future__ import annotations


class HandoutError(Exception):
    """A handout cannot be built as asked; the message names the file, field or entry."""
