"""The errors a handout build stops with: bad input, said in a sentence."""

from __future__ import annotations


class HandoutError(Exception):
    """A handout cannot be built as asked; the message names the file, field or entry."""


# How a problem says that a handout prints English newer than the catalogs: no entry has
# it yet (summary.py looks for it to say what to do first).
NOT_IN_CATALOGS = "new English, not in the catalogs yet (run make update-po)"


class IncompleteTranslation(HandoutError):
    """The language's catalogs are not complete yet; paper may not mix languages."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        listing = "\n  ".join(problems)
        super().__init__(
            "paper may not mix languages; translate and check these entries first "
            f"(make update-po, then make check-po):\n  {listing}"
        )
