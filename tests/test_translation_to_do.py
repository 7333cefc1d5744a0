"""Issue 21: `make update-po` ends with what is left to translate and what waits on it."""

from __future__ import annotations

import shutil

from allguide.handouts import translation_to_do

from conftest import ROOT, use_project

GUIDE, CARD, SUMMARY = "relapsed-all-guide", "relapsed-all-when-to-call", "relapsed-all-at-a-glance"


def test_each_catalog_holds_back_the_handouts_that_print_it():
    printing = translation_to_do.handouts_by_catalog(ROOT / "handouts.toml")
    assert printing["symptoms"] == [GUIDE]
    assert printing["index"] == [GUIDE]
    # The guide leaves out the summary, the card and the handouts page.
    assert printing["summary"] == [SUMMARY, f"{SUMMARY}-en"]
    assert printing["when-to-call"] == [CARD]
    assert printing["handouts"] == []
    # Every handout prints the interface catalog (its labels, notices and panel).
    assert printing["sphinx"] == [GUIDE, SUMMARY, CARD, f"{SUMMARY}-en", f"{CARD}-en"]


def test_the_to_do_list_names_each_entry_and_the_handouts_waiting(tmp_path, monkeypatch):
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "locale/es/LC_MESSAGES/summary.po", folder)
    shutil.copy(ROOT / "locale/es/LC_MESSAGES/symptoms.po", folder)
    printing = translation_to_do.handouts_by_catalog(ROOT / "handouts.toml")
    use_project(monkeypatch, tmp_path, ROOT / "docs")
    assert translation_to_do.to_do("es", printing) == [
        "es: nothing to translate; its handouts can all be published."
    ]

    symptoms = folder / "symptoms.po"
    text = symptoms.read_text(encoding="utf-8")
    first = text.index('msgid "', text.index('msgid "', 1) + 1)  # the first entry after the header
    symptoms.write_text(text[:first] + "#, fuzzy\n" + text[first:], encoding="utf-8")
    lines = translation_to_do.to_do("es", printing)
    line = text[:first].count("\n") + 1
    assert lines[0].startswith("es: 1 entry to translate")
    assert lines[1].startswith(f"  locale/es/LC_MESSAGES/symptoms.po:{line}: fuzzy: '")
    assert lines[-1] == f"  Until they are done, these es handouts are held back: {GUIDE}."
