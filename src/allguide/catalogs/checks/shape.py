"""An entry's shape (msgctxt, msgid_plural) must be its template's, as gettext looks it up."""

from __future__ import annotations

import polib

from allguide.catalogs.checks.interface_messages import interface_plurals


def shape_problems(entry: polib.POEntry, interface: bool) -> list[str]:
    """An entry must have the form gettext looks it up in: the template's.

    Python's gettext serves a plural entry's first form for a plain lookup of its msgid,
    and a context entry to nobody we checked: a translator's own msgid_plural or msgctxt
    would make check-po compare the wrong English, and publish the rest unchecked.
    Page catalogs never have either (Sphinx's gettext builder writes neither); the
    interface catalog has exactly the plurals of its template and no contexts.
    """
    if entry.msgctxt is not None:
        return ["msgctxt is not in the template: remove the msgctxt line (run make update-po)"]
    wanted = interface_plurals().get(entry.msgid) if interface else None
    if entry.msgid_plural and entry.msgid_plural != wanted:
        return [
            "msgid_plural is not in the template: remove it and write one msgstr "
            "(run make update-po)"
        ]
    if wanted and not entry.msgid_plural:
        return ["the template has a plural here (msgid_plural): run make update-po"]
    return []
