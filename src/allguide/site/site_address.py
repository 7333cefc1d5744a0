"""The site's public address: conf.py holds a placeholder until the real one is given."""

from __future__ import annotations

# conf.py's stand-in host (example.org is reserved for examples); publishing with it is refused.
PLACEHOLDER_HOST = ".example.org"


def is_placeholder(url: str) -> bool:
    return PLACEHOLDER_HOST in url


def language_base(site_base: str, language: str) -> str:
    """Where a language's pages live: <site>/<lang>/."""
    return f"{site_base.rstrip('/')}/{language}/"
