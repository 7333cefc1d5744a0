"""Stop a Sphinx build on bad input, with the problem said plainly."""

from __future__ import annotations

import sys
from typing import NoReturn


def stop_build(message: str, status: int = 2) -> NoReturn:
    # Sphinx answers any exception with a bug-report template; bad input is not a bug,
    # and the message already says what to fix.
    print(message, file=sys.stderr)
    raise SystemExit(status)
