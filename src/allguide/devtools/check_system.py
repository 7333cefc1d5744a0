"""Check the Debian packages the build needs, and say how to install missing ones.

usage: python3 check_system.py          check what the build needs; if anything is
                                        missing, exit 1 and print the apt-get line
       python3 check_system.py --tests  the same for the build and the test suite
       python3 check_system.py --list   print every package the build and tests need
       python3 check_system.py --missing
                                        print only the packages this machine lacks
                                        (what CI installs: asking apt for a package
                                        the machine already has by other means, such
                                        as npm inside NodeSource's nodejs, can fail
                                        with "held broken packages")

It runs with the system's Python, before the virtual environment exists (`make` runs it
as a file: python3 src/allguide/devtools/check_system.py), so it imports nothing of ours.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Requirement:
    package: str
    purpose: str
    library: str = ""
    program: str = ""
    font: str = ""
    # A pkg-config module (a library's development files), or a C header of this Python.
    pkgconfig: str = ""
    python_header: str = ""

    def is_met(self) -> bool:
        if self.pkgconfig:
            return _has_pkgconfig(self.pkgconfig)
        if self.python_header:
            include = Path(sysconfig.get_paths()["include"])
            return (include / self.python_header).exists()
        if self.library:
            return ctypes.util.find_library(self.library) is not None
        if self.font:
            return _has_font(self.font)
        return shutil.which(self.program) is not None


def _has_pkgconfig(module: str) -> bool:
    if shutil.which("pkg-config") is None:
        return False
    return subprocess.run(["pkg-config", "--exists", module], check=False).returncode == 0


def _has_font(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(
        ["fc-list", f":family={family}", "family"], capture_output=True, text=True, check=False
    )
    return bool(found.stdout.strip())


BUILD = [
    Requirement("libpango-1.0-0", "WeasyPrint text layout", library="pango-1.0"),
    Requirement("libpangoft2-1.0-0", "WeasyPrint font loading", library="pangoft2-1.0"),
    Requirement("fontconfig", "finding system fonts", program="fc-list"),
    Requirement("gettext", "checking translation catalogs (msgfmt)", program="msgfmt"),
    Requirement(
        "libharfbuzz-subset0", "small, fast font subsets in PDFs", library="harfbuzz-subset"
    ),
    Requirement(
        "fonts-noto-core",
        "handout fonts: Latin, Vietnamese, Cyrillic, Arabic, Khmer",
        font="Noto Sans Khmer",
    ),
    Requirement("fonts-noto-cjk", "handout fonts: Chinese", font="Noto Sans CJK TC"),
    # PyICU (Khmer word breaks) is built from source when the virtual environment is made.
    Requirement("pkg-config", "building PyICU (Khmer word breaks)", program="pkg-config"),
    Requirement("libicu-dev", "building PyICU (Khmer word breaks)", pkgconfig="icu-i18n"),
    Requirement("g++", "building PyICU (Khmer word breaks)", program="g++"),
    Requirement("python3-dev", "building PyICU (Khmer word breaks)", python_header="Python.h"),
    # package.json's libraries, which the clinic handouts page serves (installed by `npm ci`).
    Requirement("nodejs", "the clinic handouts page's browser libraries", program="node"),
    Requirement("npm", "installing the clinic handouts page's libraries (npm ci)", program="npm"),
]
# Only the test suite needs these.
TESTS = [
    Requirement("poppler-utils", "rendering PDF pages to pixels in tests", program="pdftoppm"),
    Requirement("chromium", "browser tests and screenshots (headless)", program="chromium"),
]


def missing(requirements: list[Requirement]) -> list[Requirement]:
    return [requirement for requirement in requirements if not requirement.is_met()]


def main(argv: list[str]) -> int:
    if "--list" in argv:
        print(" ".join(requirement.package for requirement in BUILD + TESTS))
        return 0
    if "--missing" in argv:
        print(" ".join(requirement.package for requirement in missing(BUILD + TESTS)))
        return 0
    absent = missing(BUILD + TESTS if "--tests" in argv else BUILD)
    if not absent:
        return 0
    for requirement in absent:
        print(f"missing: {requirement.package} ({requirement.purpose})", file=sys.stderr)
    packages = " ".join(requirement.package for requirement in absent)
    print(f"Install them with:\n    sudo apt-get install {packages}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
