"""The day after: the edits users make next week, run with `make` on a scratch copy.

Each story is what a maintainer, translator or clinic does after the guide is built:
edit an English sentence, add a language, print with a clinic's profile. The checks read
the real output (HTML parsed, PDF text) and the exit status `make` gives.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from allguide.devtools.browser import PHONE, serve

from conftest import COMPLETE, LANGUAGES, ROOT, copy_project, sphinx_build

# Only in make test, not make test-fast: `make` stories on scratch copies of the project.
pytestmark = pytest.mark.full

# Two languages keep each story quick; the stories do not depend on which.
LANGS = "en es"
OLD_SENTENCE = "Only the care team\ncan check what is causing them."
NEW_SENTENCE = "Only the care team\ncan find out what is causing them."
SPANISH = (
    "Su hijo puede tener algunas de estas señales, o ninguna. Solo el equipo de atención "
    "médica puede averiguar la causa. Si está preocupado, llámelos. No tiene que esperar "
    "a la próxima visita."
)


def make(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "MAKEFLAGS": ""}
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def scratch_project(destination: Path) -> Path:
    """A copy of the project that `make` can build, sharing the real virtual environment."""
    project = copy_project(destination)
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def soup(path: Path) -> BeautifulSoup:
    return soup_of(path.read_text(encoding="utf-8"))


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def find_entry(path: Path, msgid_part: str) -> polib.POEntry:
    return next(entry for entry in polib.pofile(str(path)) if msgid_part in entry.msgid)


def assert_spanish_withdrawn_english_published(build: Path) -> None:
    """No Spanish PDF left looking current, in the build or the site; the Spanish
    handouts page points to the English ones, and English's 6 PDFs are published."""
    assert list((build / "handouts/es").glob("*.pdf")) == []
    assert list((build / "html/es/handouts").glob("*.pdf")) == []
    listing = soup(build / "html/es/handouts.html")
    assert listing.select("table.handout-list") == []
    assert listing.select_one('a[href="../en/handouts.html"]') is not None
    assert len(list((build / "html/en/handouts").glob("*.pdf"))) == 6


def assert_only_the_spanish_guide_held(build: Path) -> None:
    """The guide, which prints the edited page, is withdrawn in the build and the site;
    the summary, the card and the bilingual sheets, whose English did not change, stay
    published and listed, with the "being updated" notice for the rest."""
    made = {p.name for p in (build / "handouts/es").glob("*.pdf")}
    shown = {p.name for p in (build / "html/es/handouts").glob("*.pdf")}
    assert made == shown
    assert not any(name.startswith("relapsed-all-guide-") for name in made), made
    assert len(made) == 8, made
    record = json.loads((build / "handouts/es/manifest.json").read_text(encoding="utf-8"))
    assert record["status"] == "held-back"
    assert [held["handout"] for held in record["held"]] == ["relapsed-all-guide"]
    listing = soup(build / "html/es/handouts.html")
    links = {a["href"] for a in listing.select("table.handout-list a")}
    assert links == {f"handouts/{name}" for name in made}
    assert listing.select_one('a[href="../en/handouts.html"]') is not None


def broken_links(site: Path, built: set[str]) -> list[str]:
    """Every relative link or resource in the site that points to no file.

    Links into languages this partial build left out (`built` are those it made) are skipped.
    """
    broken = []
    for page in site.rglob("*.html"):
        document = soup(page)
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src")):
            for element in document.find_all(tag):
                url = element.get(attribute)
                if not url or urlsplit(url).scheme or url.startswith(("#", "//")):
                    continue
                target = (page.parent / unquote(urlsplit(url).path)).resolve()
                folder = target.relative_to(site.resolve()).parts[0]
                if folder in LANGUAGES and folder not in built:
                    continue
                if urlsplit(url).path and not target.exists():
                    broken.append(f"{page.relative_to(site)}: {url}")
    return broken


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One scratch project, built once; the stories below change it in turn."""
    project = scratch_project(tmp_path_factory.mktemp("day-after") / "project")
    result = make(project, "all", f"LANGS={LANGS}")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_english_edit_keeps_the_site_building_and_withdraws_only_the_handouts_it_changes(
    project, browser
):
    build = project / "_build"
    assert sorted(p.name for p in (build / "html/es/handouts").glob("*.pdf")), "PDFs published"
    page = project / "docs" / "symptoms.md"
    text = page.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text
    page.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    new, old = (" ".join(sentence.split()) for sentence in (NEW_SENTENCE, OLD_SENTENCE))

    # Built before the catalogs are updated: the summary says what to run first.
    early = make(project, "all", f"LANGS={LANGS}")
    log = early.stdout + early.stderr
    assert early.returncode == 0, log
    assert re.search(
        r"docs/symptoms\.md:\d+: new English, not in the catalogs yet \(run make update-po\)", log
    ), log
    assert (
        "Next: the English changed since the catalogs of es were updated. Run `make update-po`"
        in log
    )

    updated = make(project, "update-po", "LANGS=es")
    said = updated.stdout + updated.stderr
    assert updated.returncode == 0, said
    # Its to-do list: the entry as FILE:LINE, and the handouts that wait on it.
    assert re.search(
        r"es: 1 entry to translate .*\n"
        r"  locale/es/LC_MESSAGES/symptoms\.po:\d+: fuzzy: 'Your child may have some of these",
        said,
    ), said
    assert "Until they are done, these es handouts are held back: relapsed-all-guide." in said
    catalog = project / "locale/es/LC_MESSAGES/symptoms.po"
    entry = find_entry(catalog, new)
    assert "fuzzy" in entry.flags and old in entry.previous_msgid

    result = make(project, "all", f"LANGS={LANGS}")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    # The summary names the language, the handout held back and the entry to translate,
    # as FILE:LINE.
    assert "Handouts held-back [es]: held back until translated: relapsed-all-guide (" in log
    assert "the other 8 PDFs are published" in log
    assert re.search(r"locale/es/LC_MESSAGES/symptoms\.po:\d+: error: fuzzy", log)

    # The Spanish site is rebuilt: the new sentence, in English, marked as English.
    spanish = soup(build / "html/es/symptoms.html")
    fallback = [n for n in spanish.select("[lang=en]") if new in " ".join(n.get_text().split())]
    assert fallback and fallback[0].get("dir") == "ltr"
    assert len(spanish.select(".translation-notice")) == 1
    assert spanish.select_one(".translation-notice-partial") is not None
    # On a phone, the one notice still leaves the page's heading in the first half-screen.
    with serve(build / "html") as url:
        page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
        page.goto(f"{url}/es/symptoms.html")
        heading = page.locator("article h1").first.bounding_box()
        assert heading["y"] < PHONE["height"] / 2, heading

    # No Spanish guide is left looking current; the other handouts did not change.
    assert_only_the_spanish_guide_held(build)
    assert len(list((build / "html/en/handouts").glob("*.pdf"))) == 6

    # Once translated, the handouts come back with the new sentence.
    catalog_file = polib.pofile(str(catalog))
    entry = next(entry for entry in catalog_file if new in entry.msgid)
    entry.msgstr = SPANISH
    entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    catalog_file.save()
    restored = make(project, "all", f"LANGS={LANGS}")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    guide = build / "html/es/handouts/relapsed-all-guide-es-letter.pdf"
    assert "Solo el equipo de atención médica puede averiguar la causa." in pdf_text(guide)
    # Spanish alone was rebuilt, so its PDFs were made while its site was written: the
    # listing, written last, shows exactly what this build published.
    record = json.loads((build / "handouts/es/manifest.json").read_text(encoding="utf-8"))
    rows = soup(build / "html/es/handouts.html").select("table.handout-list tbody tr")
    listed = [(row.find("a")["href"], row.find_all("td")[2].get_text(strip=True)) for row in rows]
    assert listed == [(f"handouts/{e['file']}", str(e["pages"])) for e in record["handouts"]]
    assert len(listed) == 10


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
        return response.read().decode("utf-8")


def _wait_for(url: str, until, seconds: float = 90) -> str:
    """The page at `url` once `until(page)` holds (make live rebuilds after a save)."""
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            page = _fetch(url)
        except OSError:
            page = ""
        if page and until(page):
            return page
        time.sleep(1)
    raise AssertionError(f"{url} never showed what was waited for:\n{page[:2000]}")


def test_make_live_shows_a_broken_entry_on_the_page_and_goes_on(project):
    """A translator's preview: a number dropped from an entry is said in the terminal and
    at the top of the page, as FILE:LINE with what to do, the page is still built (the
    entry in English: test_extensions.py), and the handouts page says its PDFs are from
    the last make all."""
    catalog = project / "locale/es/LC_MESSAGES/treatment.po"
    before = catalog.read_text(encoding="utf-8")
    entries = polib.pofile(str(catalog))
    entry = next(e for e in entries if re.search(r"\d", e.msgstr) and not e.obsolete)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = project / "_build" / "live.log"
    with log.open("w") as output:
        live = subprocess.Popen(
            ["make", "--no-print-directory", "live", "LANG=es", f"PORT={port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, "MAKEFLAGS": ""}, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/treatment.html"
    try:
        _wait_for(url, lambda page: "no problem in this page's catalogs" in page)
        listing = _fetch(f"http://127.0.0.1:{port}/handouts.html")
        assert "Preview: these PDFs were made by the last `make all`" in listing
        entry.msgstr = re.sub(r"\d+", "", entry.msgstr)
        entries.save()
        # Where the translator types: the entry's msgstr line.
        lines = catalog.read_text(encoding="utf-8").splitlines()
        start = next(e for e in polib.pofile(str(catalog)) if e.msgid == entry.msgid).linenum
        line = next(n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgstr"))
        where = f"locale/es/LC_MESSAGES/treatment.po:{line}"
        page = _wait_for(url, lambda page: "problem(s) in this page's catalogs" in page)
        box = soup_of(page).select_one("div.preview-problems")
        items = [" ".join(item.get_text().split()) for item in box.select("li")]
        assert any(item.startswith(f"{where} error:") and "number" in item for item in items), items
        assert f"{where}: WARNING: error:" in log.read_text()
    finally:
        os.killpg(live.pid, signal.SIGTERM)
        live.wait(timeout=30)
        catalog.write_text(before, encoding="utf-8")


def test_a_translation_too_long_for_one_page_withdraws_only_its_handouts(project):
    """A translator lengthens the summary past one page. Spanish is rebuilt alone, so its
    PDFs are laid out in worker processes while its site is written: the failure still
    withdraws every Spanish PDF, names the catalog to shorten, and leaves the site and
    English alone; shortening it again brings the handouts back."""
    build = project / "_build"
    catalog = project / "locale/es/LC_MESSAGES/summary.po"
    before = catalog.read_text(encoding="utf-8")
    entries = polib.pofile(str(catalog))
    for entry in entries:
        if entry.msgstr and not entry.obsolete:
            entry.msgstr += " Lea esta parte con calma y sin prisa, y pregunte." * 2
    entries.save()
    try:
        result = make(project, "all", f"LANGS={LANGS}")
        log = result.stdout + result.stderr
        assert result.returncode != 0, log
        assert "Handouts failed [es]" in log
        # What ran past the page, and the catalog that pushed it there.
        assert re.search(
            r"relapsed-all-at-a-glance-es-letter\.pdf and relapsed-all-at-a-glance-es-a4\.pdf "
            r"needs \d pages; it must fit on 1\. Past page 1 .*"
            r"(?:that section's|the handout's) text in locale/es/LC_MESSAGES/summary\.po",
            log,
        ), log
        assert "calma y sin prisa" in soup(build / "html/es/summary.html").get_text()
        assert_spanish_withdrawn_english_published(build)
    finally:
        catalog.write_text(before, encoding="utf-8")
    restored = make(project, "all", f"LANGS={LANGS}")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert len(list((build / "html/es/handouts").glob("*.pdf"))) == 10


def links_into(page: Path, folder: Path) -> list[str]:
    """The links and alternates of `page` that lead into `folder` (a language's site)."""
    found = []
    for element in soup(page).select("a[href], link[href]"):
        url = urlsplit(element["href"])
        target = (page.parent / unquote(url.path)).resolve()
        if not url.scheme and url.path and target.is_relative_to(folder.resolve()):
            found.append(element["href"])
    return found


def test_a_new_language_at_zero_percent_builds_unlisted_with_its_handouts_held(project):
    """README's "Adding a language", steps 1 and 2, then `make all` (issue 21): the new
    language's site is built, in English where it is not translated, and no other page
    links to it yet; its handouts are held back, the other languages' still published."""
    table = project / "locale/languages.toml"
    table.write_text(
        table.read_text(encoding="utf-8")
        + '\n[[language]]\ncode = "it"\nname = "Italiano"\nenglish = "Italian"\n'
        'direction = "ltr"\nsearch = "it"\nfonts = ["Noto Sans"]\nreview = "draft"\n',
        encoding="utf-8",
    )
    updated = make(project, "update-po", "LANGS=it")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    checked = make(project, "check-po", "LANGS=it")
    assert checked.returncode == 0, checked.stdout
    assert "0 error(s)" in checked.stdout

    result = make(project, "all", "LANGS=en es it")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    build = project / "_build"
    site = build / "html"
    pages = sorted(path.stem for path in (project / "docs").glob("*.md"))
    assert all((site / "it" / f"{page}.html").is_file() for page in pages)
    italian = soup(site / "it/symptoms.html")
    assert italian.html["lang"] == "it"
    # Shown in English, marked as such, with the notice.
    assert italian.select_one(".translation-notice-partial") is not None
    # Not listed yet: no switcher, hreflang alternate or entry page leads to Italian.
    for page in [
        site / "index.html",
        *(site / "en").rglob("*.html"),
        *(site / "es").rglob("*.html"),
    ]:
        assert links_into(page, site / "it") == [], page
    assert broken_links(site, {"en", "es", "it"}) == []

    # Every Italian handout is held back: none made, none listed, the English ones offered.
    assert "Handouts held-back [it]" in log
    records = {
        code: json.loads((build / f"handouts/{code}/manifest.json").read_text(encoding="utf-8"))
        for code in ("en", "es", "it")
    }
    spanish_handouts = {entry["handout"] for entry in records["es"]["handouts"]}
    assert records["it"]["status"] == "held-back" and records["it"]["handouts"] == []
    assert {held["handout"] for held in records["it"]["held"]} == spanish_handouts
    assert list((build / "handouts/it").glob("*.pdf")) == []
    assert list((site / "it").rglob("*.pdf")) == []
    listing = soup(site / "it/handouts.html")
    assert listing.select("table.handout-list") == []
    assert listing.select_one('a[href="../en/handouts.html"]') is not None
    # The other languages' handouts are published as before.
    for code, count in (("en", 6), ("es", 10)):
        assert records[code]["status"] == "published", records[code]["problems"]
        shown = sorted(path.name for path in (site / code / "handouts").glob("*.pdf"))
        assert shown == sorted(entry["file"] for entry in records[code]["handouts"])
        assert len(shown) == count, shown


README_PROFILE = re.compile(r"```toml\n# clinic.toml\n(.*?)```", re.S)


def readme_profile() -> str:
    return README_PROFILE.search((ROOT / "README.md").read_text(encoding="utf-8"))[1]


@pytest.fixture(scope="module")
def clinic_project(tmp_path_factory) -> Path:
    return scratch_project(tmp_path_factory.mktemp("clinic") / "project")


def test_readme_clinic_profile_fits_in_every_complete_language(clinic_project):
    profile = clinic_project / "clinic.toml"
    profile.write_text(readme_profile(), encoding="utf-8")
    (clinic_project / "logo.png").write_bytes((ROOT / "tests/data/logo.png").read_bytes())
    result = make(
        clinic_project, "clinic", "CLINIC=clinic.toml", "HANDOUTS=at-a-glance when-to-call"
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    folder = clinic_project / "_build/clinic/clinic"
    # (A language still being translated has its handouts held back here too.)
    for code in COMPLETE:
        for handout in ("at-a-glance", "when-to-call"):
            for paper in ("letter", "a4"):
                path = folder / code / f"relapsed-all-{handout}-{code}-{paper}.pdf"
                assert len(PdfReader(path).pages) == 1, path.name
                text = pdf_text(path)
                assert "+1 555 010 0199" in text, path.name
        # The card prints the clinic's own numbers: its emergency number and its fever
        # threshold in both scales (README's profile: 38 °C), in the language's digits.
        card = "".join(
            pdf_text(folder / code / f"relapsed-all-when-to-call-{code}-letter.pdf").split()
        )
        assert "911" in card and "38" in card and "100" in card, code
        # Only the handouts asked for, and nothing else: the PDFs and their record.
        assert not list((folder / code).glob("relapsed-all-guide-*"))
        extra = {p.name for p in (folder / code).iterdir()} - {"manifest.json"}
        assert all(name.endswith(".pdf") for name in extra), extra
    assert {p.name for p in folder.iterdir()} == set(LANGUAGES)
    # The clinic's paper never reaches the public handouts or the site.
    assert not (clinic_project / "_build/handouts").exists()
    assert not (clinic_project / "_build/html").exists()


@pytest.mark.parametrize(
    "phone",
    ["(555) 010-0100", "+44 20 7946 0958", "+1 (555) 010-0100 ext. 1234", "555.010.0100"],
)
def test_odd_phone_formats_fit_the_one_page_summary(clinic_project, phone):
    profile = clinic_project / "odd.toml"
    profile.write_text(
        f'name = "Riverside Children\'s Cancer Clinic"\nphone = "{phone}"\n'
        f'after_hours_phone = "{phone}"\nemergency_number = "911"\n',
        encoding="utf-8",
    )
    result = make(
        clinic_project, "clinic", "CLINIC=odd.toml", "HANDOUTS=at-a-glance", "PAPER=letter",
        "LANGS=en ru",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for code in ("en", "ru"):
        path = (
            clinic_project / f"_build/clinic/odd/{code}/relapsed-all-at-a-glance-{code}-letter.pdf"
        )
        assert len(PdfReader(path).pages) == 1
        assert phone in pdf_text(path)


def test_clinic_build_follows_the_profile_content_not_its_date(clinic_project):
    profile = clinic_project / "dated.toml"
    profile.write_text(
        'name = "First Clinic"\nphone = "555 010 0100"\nafter_hours_phone = "555 010 0199"\n'
        'emergency_number = "911"\n',
        encoding="utf-8",
    )
    arguments = ["clinic", "CLINIC=dated.toml", "HANDOUTS=at-a-glance", "PAPER=a4", "LANGS=en"]
    assert make(clinic_project, *arguments).returncode == 0
    pdf = clinic_project / "_build/clinic/dated/en/relapsed-all-at-a-glance-en-a4.pdf"
    assert "First Clinic" in pdf_text(pdf)
    # A new name, saved with a date older than the last build (as a copied file would be).
    profile.write_text(profile.read_text(encoding="utf-8").replace("First", "Second"))
    os.utime(profile, (1_000_000_000, 1_000_000_000))
    result = make(clinic_project, *arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Second Clinic" in pdf_text(pdf)


def test_missing_profile_is_an_error_naming_it(clinic_project):
    missing = make(clinic_project, "clinic", "CLINIC=no-such-clinic.toml", "LANGS=en")
    assert missing.returncode != 0
    assert "no-such-clinic.toml: no such clinic profile" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_every_language_is_tried_and_the_overflow_says_what_to_shorten(clinic_project):
    profile = clinic_project / "plain.toml"
    profile.write_text(
        'name = "Clinic"\nphone = "555 010 0100"\nafter_hours_phone = "555 010 0199"\n'
        'emergency_number = "911"\n',
        encoding="utf-8",
    )
    page = clinic_project / "docs/summary.md"
    original = page.read_text(encoding="utf-8")
    longer = "Relapsed ALL means that"
    page.write_text(original.replace(longer, "Many words here. " * 120 + longer), "utf-8")
    try:
        result = make(
            clinic_project, "clinic", "CLINIC=plain.toml", "HANDOUTS=at-a-glance",
            "PAPER=letter", "LANGS=en es",
        )  # fmt: skip
    finally:
        page.write_text(original, encoding="utf-8")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    # English overflows and says where; Spanish, now older than its page, is held back.
    assert "Handouts failed [en]" in log
    assert re.search(
        r"needs \d pages; it must fit on 1\. "
        r"Past page 1 \(about \d+ pt too much\): the section '",
        log,
    )
    assert "docs/summary.md" in log
    assert "Handouts held-back [es]" in log and "not in the catalogs yet" in log


def test_release_build_refuses_the_placeholder_address(tmp_path):
    result = make(ROOT, "release")
    assert result.returncode == 2
    assert "make release needs the public address" in result.stdout
    build = sphinx_build(ROOT, tmp_path / "en", settings={"guide_release": "1"})
    assert build.returncode != 0
    assert "is a placeholder; publish with BASEURL=https://" in build.stderr
    assert "Traceback" not in build.stderr
