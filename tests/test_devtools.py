"""The commands around the build, on small inputs (the fast tier): the summary `make all`
ends with, the entry page, the languages build with nothing queued, and the comparison
of two builds that proves a refactoring kept the output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from allguide.devtools import same_output
from allguide.handouts import manifest, summary
from allguide.site import site_index

from conftest import ROOT


def _build_folder(top: Path, index: bytes, pdf: bytes) -> Path:
    (top / "html" / "en").mkdir(parents=True)
    (top / "handouts" / "en").mkdir(parents=True)
    (top / "html" / "en" / "searchindex.js").write_bytes(index)
    (top / "handouts" / "en" / "guide.pdf").write_bytes(pdf)
    return top


INDEX = b'Search.setIndex({"envversion":{"when_to_call":2,"sphinx":66},"titles":["A"]})'
RENAMED = INDEX.replace(b'"when_to_call"', b'"allguide.sphinxext.when_to_call"')


def test_same_output_allows_only_renamed_extensions_in_the_search_index(tmp_path):
    before = _build_folder(tmp_path / "before", INDEX, b"%PDF-1.7 one")
    renamed = _build_folder(tmp_path / "renamed", RENAMED, b"%PDF-1.7 one")
    assert same_output.compare(before, renamed) == ([], ["html/en/searchindex.js"])
    other_text = _build_folder(tmp_path / "text", INDEX.replace(b'"A"', b'"B"'), b"%PDF-1.7 one")
    assert same_output.compare(before, other_text)[0] == ["differs: html/en/searchindex.js"]
    other_pdf = _build_folder(tmp_path / "pdf", INDEX, b"%PDF-1.7 two")
    assert same_output.compare(before, other_pdf)[0] == ["differs: handouts/en/guide.pdf"]
    (other_pdf / "handouts" / "en" / "extra.pdf").write_bytes(b"")
    assert (
        f"only in {other_pdf}: handouts/en/extra.pdf" in same_output.compare(before, other_pdf)[0]
    )
    assert same_output.main(["same_output", str(before), str(renamed)]) == 0
    assert same_output.main(["same_output", str(before), str(other_pdf)]) == 1


def test_the_summary_fails_only_for_problems_someone_must_fix(tmp_path, capsys):
    published = manifest.Manifest("es", manifest.PUBLISHED, [{"file": "a.pdf"}])
    held = manifest.Manifest("fr", manifest.HELD_BACK, [], ["fr/symptoms.po:12: fuzzy"])
    manifest.write(tmp_path / "es", published)
    manifest.write(tmp_path / "fr", held)
    assert summary.main(["summary", str(tmp_path), "es", "fr"]) == 0
    said = capsys.readouterr().out
    assert f"Handouts published in {tmp_path}: es" in said
    assert "fr/symptoms.po:12: fuzzy" in said
    manifest.write(tmp_path / "ar", manifest.Manifest("ar", manifest.FAILED, [], ["no font"]))
    assert summary.main(["summary", str(tmp_path), "es", "fr", "ar"]) == 1
    assert summary.main(["summary", str(tmp_path), "es", "km"]) == 1  # km: no record at all
    assert "Handouts not built (see the errors above): km" in capsys.readouterr().out


def test_the_summary_names_the_handouts_held_back_and_those_still_published(tmp_path, capsys):
    held = {"handout": "relapsed-all-guide", "title": "Guide", "problems": ["s.po:3: fuzzy"]}
    record = manifest.Manifest(
        "fr", manifest.HELD_BACK, [{"file": "a.pdf"}, {"file": "b.pdf"}], ["s.po:3: fuzzy"], [held]
    )
    manifest.write(tmp_path / "fr", record)
    assert summary.main(["summary", str(tmp_path), "fr"]) == 0
    said = capsys.readouterr().out
    assert "Handouts held-back [fr]: held back until translated: relapsed-all-guide (" in said
    assert "the other 2 PDFs are published" in said
    assert "  s.po:3: fuzzy" in said


def test_the_entry_page_offers_the_listed_languages_in_their_own_names(tmp_path):
    assert site_index.main(["site_index", str(tmp_path), "en,ar"]) == 0
    page = BeautifulSoup((tmp_path / "index.html").read_text("utf-8"), "html.parser")
    links = {link["href"]: link for link in page.select("main a[href]")}
    assert set(links) == {"en/index.html", "ar/index.html"}
    # Below the choice of languages, for clinics: the page that makes their handouts.
    assert [link["href"] for link in page.select("footer a")] == ["clinic-handouts.html"]
    assert (tmp_path / "clinic-handouts.html").is_file()
    assert links["ar/index.html"].find(attrs={"lang": "ar"}) is not None
    assert "العربية" in links["ar/index.html"].get_text()


def test_building_the_languages_with_nothing_queued_is_instant_and_builds_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "allguide.site.build_languages", "--jobs", "2", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and not any(tmp_path.iterdir())


def test_a_language_missing_a_catalog_is_listed_only_if_it_was(monkeypatch, capsys):
    """A deleted catalog's words are not counted: the rest could add up to 100%, and the
    language would be listed with a page in English and its handouts held back."""
    from allguide import languages
    from allguide.catalogs import catalog_dir
    from allguide.site import listed_languages

    spanish = next(language for language in languages.load() if language.code == "es")
    interface = catalog_dir("es") / "sphinx.po"
    monkeypatch.setattr(listed_languages, "expected_catalogs", lambda code: [interface])
    assert listed_languages._is_listed(spanish, previous=())
    gone = catalog_dir("es") / "no-such-page.po"
    monkeypatch.setattr(listed_languages, "expected_catalogs", lambda code: [interface, gone])
    assert not listed_languages._is_listed(spanish, previous=())
    assert "no-such-page.po:1: error: catalog missing" in capsys.readouterr().err
    assert listed_languages._is_listed(spanish, previous=("es",))
