"""URLs are kept exactly: a translation may not change one, drop one or add one."""

from __future__ import annotations

import re

URL = re.compile(r"https?://[^\s)>\]\"'`]+")


def url_problems(english: str, translation: str) -> list[str]:
    problems = []
    for url in sorted(set(URL.findall(english)) ^ set(URL.findall(translation))):
        where = "missing or changed" if url in english else "is not in the English"
        problems.append(f"URL {url} {where}")
    return problems
