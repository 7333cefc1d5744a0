"""What the handouts remember of the pages between builds, kept as Sphinx keeps any
extension's data: a Domain, which the environment saves, clears per page and merges
from parallel readers (`sphinx-build -j`), none of which plain env attributes get."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment


class HandoutsDomain(Domain):
    """Per page: whether it was read with its English kept (a bilingual sheet's page,
    bilingual.py) and whether it shows the table of handouts (site_listing.py)."""

    name = "handouts"
    label = "Handouts"
    initial_data: dict[str, Any] = {"english_kept": set(), "listing_pages": set()}
    data_version = 1

    @property
    def english_kept(self) -> set[str]:
        return self.data["english_kept"]

    @property
    def listing_pages(self) -> set[str]:
        return self.data["listing_pages"]

    def clear_doc(self, docname: str) -> None:
        self.english_kept.discard(docname)
        self.listing_pages.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("english_kept", "listing_pages"):
            self.data[key] |= otherdata[key] & set(docnames)

    def resolve_any_xref(self, *_arguments: Any) -> list:
        return []  # the domain has no roles to resolve

    def get_objects(self) -> Iterable:
        return []


def of(env: BuildEnvironment) -> HandoutsDomain:
    return env.get_domain(HandoutsDomain.name)  # type: ignore[return-value]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_domain(HandoutsDomain)
    # The data moved into this domain: environments saved before it are read again.
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
