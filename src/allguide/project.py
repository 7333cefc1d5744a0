"""The project being built: its folders, read from Sphinx's app or given as a path.

The code is this package; what it builds (the pages, the catalogs, the language table)
is a project folder, never found from where the code is installed. A Sphinx build takes
it from its configuration folder (`from_app`, called by the `allguide.sphinxext.project`
extension before any other reads it); a command-line tool from the folder it runs in,
which is the project's root when `make` runs it. A test points it at a small project of
its own with `use`.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command-line tools never import Sphinx for this
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class Project:
    root: Path
    # The pages' folder: Sphinx's source folder for a build, else <root>/docs.
    source: Path | None = None

    @property
    def docs(self) -> Path:
        return self.source or self.root / "docs"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    @property
    def table(self) -> Path:
        """The language table."""
        return self.locale / "languages.toml"

    @property
    def conf(self) -> Path:
        return self.root / "conf.py"

    @property
    def figures(self) -> Path:
        """The figure templates the pages draw."""
        return self.docs / "figures"

    @property
    def handout_definitions(self) -> Path:
        """Which handouts there are, and what each prints."""
        return self.root / "handouts.toml"

    def settings(self) -> dict[str, Any]:
        """What conf.py sets, for the command-line tools that need it without Sphinx
        (the catalogs' header, the MyST settings the checks parse with); read once."""
        return _conf_settings(self.conf)

    def catalog_dir(self, language: str) -> Path:
        return self.locale / language / "LC_MESSAGES"

    def terminology(self, language: str) -> Path:
        return self.locale / language / "terminology.csv"


@cache
def _conf_settings(conf: Path) -> dict[str, Any]:
    settings = runpy.run_path(str(conf))
    return {name: value for name, value in settings.items() if not name.startswith("__")}


_current: Project | None = None


def use(root: str | Path, source: str | Path | None = None) -> Project:
    """Make `root` (its pages in `source`, by default root/docs) the project every later
    call works on."""
    global _current
    _current = Project(Path(root).resolve(), Path(source).resolve() if source else None)
    return _current


def current() -> Project:
    """The project of the running build or command (by default, the working folder)."""
    return _current if _current is not None else use(Path.cwd())


def from_app(app: Sphinx) -> Project:
    """The project a Sphinx build reads: the folder of its conf.py, its pages Sphinx's
    source folder."""
    return use(app.confdir, app.srcdir)
