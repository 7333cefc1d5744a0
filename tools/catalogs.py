"""Where each language's catalogs live, and which catalogs each language must have."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LOCALE = ROOT / "locale"
# The interface catalog (buttons, notices, search messages); see interface_catalog.py.
INTERFACE = "sphinx"
# One wrap width for every catalog, so that tools do not fight over line breaks.
WRAP_WIDTH = 79


def catalog_dir(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES"


def page_names() -> list[str]:
    """Every page of the guide (docs/<name>.md), in name order."""
    return sorted(path.stem for path in DOCS.glob("*.md"))


def expected_catalogs(language: str) -> list[Path]:
    """The catalogs a complete translation has: one per page, plus the interface."""
    folder = catalog_dir(language)
    return [folder / f"{name}.po" for name in [*page_names(), INTERFACE]]


def relative(path: Path) -> str:
    """A path as translators see it in messages: relative to the project when possible."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
