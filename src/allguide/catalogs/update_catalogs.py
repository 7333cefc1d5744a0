"""Bring every catalog of the given languages up to date with the English pages.

The catalogs are a pure function of the sources: the English pages, conf.py, the
interface's templates and the catalogs as they are. Nothing in _build/ is read (the
templates are extracted afresh into a temporary folder) and nothing depends on the
clock, so a second run, or a run after any build, changes nothing.

For each language and each page (and the interface catalog, sphinx.po):

- an entry whose English is unchanged keeps its translation, flags and comments;
- an entry whose English changed is matched to its old entry (Babel's fuzzy match),
  keeps the old translation as a start, is marked fuzzy, and keeps the English the
  translation was written for as `#| msgid`, across later runs too;
- a new entry whose exact English another catalog of the language has translated (a
  paragraph moved between pages) takes that translation;
- the interface catalog's empty entries are taken from Sphinx's own catalog where its
  translation passes our check;
- then the catalog is written in canonical form (catalog_format.py): template order,
  no obsolete entries, the header from conf.py and the language table. Catalogs of
  pages that no longer exist are removed once their translations have been offered to
  the other pages.

A language is read whole before anything of it is written: if one of its catalogs cannot
be read (a syntax error, not UTF-8, empty, a link or a folder: catalog_files.py), none of
its catalogs is touched, each problem is said as FILE:LINE: error, the other languages
are updated, and the exit status is 1.

This replaces `sphinx-intl update`: it reads catalogs with Babel's reader, which takes
`#|` lines for translator comments; Babel's update forgets the previous msgid of an
entry that was already fuzzy; it makes a catalog for every template it finds, stale
ones in _build/ included; and it writes headers with placeholders and the time of day.

usage: guide-update-po LANG [LANG ...]   update the catalogs of LANG
       guide-update-po --templates DIR   only write the templates into DIR
"""

from __future__ import annotations

import argparse
import copy
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

from allguide import languages, upstream
from allguide.catalogs import INTERFACE, catalog_dir, page_names, relative
from allguide.catalogs.catalog_format import (
    LanguageNotRead,
    fill_last_translator,
    new_catalog,
    read_language,
    report_not_read,
    write_if_changed,
)
from allguide.catalogs.interface_catalog import prefill, write_template
from allguide.project import current


def write_templates(folder: Path) -> None:
    """Extract the templates (*.pot) of every page and of the interface into `folder`."""
    with (
        tempfile.TemporaryDirectory(prefix="gettext-doctrees-") as doctrees,
        upstream.sphinx_docutils_setup(current().root),
    ):
        # A fresh environment in a new folder: nothing from an earlier build is read.
        app = Sphinx(
            current().docs,
            current().root,
            folder,
            doctrees,
            "gettext",
            # Templates do not depend on which languages are linked: no catalog is read
            # to work that out (a broken one is the update's to report, once).
            confoverrides={"site_listed_languages": ["en"]},
            status=None,
            freshenv=True,
            warningiserror=True,
        )
        # conf.py lists it too (for sphinx-build by hand); here the comments never go missing.
        app.setup_extension("allguide.sphinxext.translator_comments")
        app.build(force_all=True)
    if app.statuscode:
        raise SystemExit("extracting the English messages failed; see the warnings above")
    write_template(folder)


def read_templates(folder: Path) -> dict[str, Catalog]:
    """Each catalog's name (page or interface) -> its template; nothing else in `folder`."""
    templates = {}
    for name in [*page_names(), INTERFACE]:
        path = folder / f"{name}.pot"
        if path.exists():
            with path.open("rb") as file:
                templates[name] = read_po(file)
        else:  # a page without any text to translate
            templates[name] = Catalog()
    return templates


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _translated(message: Message) -> bool:
    strings = [message.string] if isinstance(message.string, str) else message.string
    return bool(strings) and all(strings)


def translation_memory(catalogs: list[Catalog]) -> dict[str, Message]:
    """Every finished translation of a language by English, first catalog (by name) first."""
    memory: dict[str, Message] = {}
    for catalog in catalogs:
        for message in catalog:
            if message.id and not message.fuzzy and _translated(message):
                memory.setdefault(_key(message), message)
    return memory


def merge(old: Catalog, template: Catalog, memory: dict[str, Message]) -> Catalog:
    """`old` brought up to date with `template` (its header stays as it is)."""
    before = {_key(message): message for message in old if message.id}
    # A copy: Babel's update puts the template's own Message objects into the catalog.
    old.update(copy.deepcopy(template), update_creation_date=False)
    for message in old:
        if not message.id:
            continue
        prior = before.get(_key(message))
        if prior is None and message.previous_id:
            # A fuzzy match. If the old entry was already fuzzy, its translation was
            # written for the English in its own #| line: keep pointing at that.
            matched = before.get(message.previous_id[0])
            if matched is not None and matched.fuzzy and matched.previous_id:
                message.previous_id = list(matched.previous_id)
        elif prior is not None and message.fuzzy:
            # Babel's update forgets the previous msgid of an entry that stays fuzzy.
            message.previous_id = list(prior.previous_id)
        known = memory.get(_key(message))
        if prior is None and known is not None and (message.fuzzy or not _translated(message)):
            # The same English is translated on another page: better than a fuzzy match.
            message.string = known.string
            message.flags.discard("fuzzy")
        if not message.fuzzy:
            message.previous_id = []
    return old


def update_language(language: str, templates: dict[str, Catalog]) -> list[str]:
    """Update one language's catalogs; return what changed, as lines to print."""
    folder = catalog_dir(language)
    existing = read_language(language)
    by_name = {path.stem: catalog for path, catalog in existing.items()}
    memory = translation_memory(list(by_name.values()))
    updated = {}
    for name, template in templates.items():
        catalog = merge(by_name.get(name) or new_catalog(language, name), template, memory)
        if name == INTERFACE:
            prefill(catalog, language)
        updated[folder / f"{name}.po"] = catalog
    fill_last_translator(updated.values())
    report = [
        f"{'updated' if path in existing else 'created'} {relative(path)}"
        for path, catalog in updated.items()
        if write_if_changed(path, catalog)
    ]
    for path in existing:
        if path.stem not in templates:
            path.unlink()
            report.append(f"removed {relative(path)} (its page is gone)")
    return report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--templates", type=Path, metavar="DIR", help="write the templates here")
    parser.add_argument("languages", nargs="*")
    args = parser.parse_args(argv[1:])
    if args.templates:
        for stale in args.templates.glob("*.pot"):
            stale.unlink()  # no template of a page that is gone stays behind
        write_templates(args.templates)
        print(f"wrote the templates into {relative(args.templates)}")
        if not args.languages:
            return 0
    if not args.languages:
        parser.error("name at least one language, or --templates DIR")
    table = languages.by_code()
    for language in args.languages:
        if language not in table:
            parser.error(f"{language} is not in locale/languages.toml; add its row first")
        if table[language].review == "source":
            parser.error(f"{language} is the source language; it has no catalogs")
    with tempfile.TemporaryDirectory(prefix="gettext-") as folder:
        write_templates(Path(folder))
        templates = read_templates(Path(folder))
    status = 0
    for language in args.languages:
        try:
            report = update_language(language, templates)
        except LanguageNotRead as problem:
            report_not_read(problem, "updated")
            status = 1
            continue
        for line in report:
            print(line)
    return status


if __name__ == "__main__":
    languages.run_command(main)
