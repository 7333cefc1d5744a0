"""Hostile input, layer by layer: the parser, the inputs at the door, and whole outputs.

The catalog checks (allguide/catalogs/check_po.py) stop these entries before any build, so here each
layer is tested on its own: the Sphinx build is run directly on a catalog that never
went through check_po, and must still read no file, fetch nothing and link nowhere
unsafe. A secret file and a local HTTP server stand in for what an attacker wants.
"""

from __future__ import annotations

import hashlib
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, sphinx_build

PARAGRAPH = (
    "Your child may have some of these signs, or none of them. Only the care team can check "
    "what is causing them. If you are worried, call them. You do not need to wait for the "
    "next visit."
)
SECRET = "s3cr3t-" + hashlib.sha256(b"relapsed-all").hexdigest()[:16]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"fetched," + SECRET.encode() + b"\n")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A local web server that records every request; the builds must send none."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("security") / "project")


@pytest.fixture(scope="module")
def secret(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("outside") / "secret.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def with_translation(project: Path, msgstr: str) -> Path:
    """The Spanish symptoms catalog with one paragraph translated as `msgstr`."""
    path = project / "locale/es/LC_MESSAGES/symptoms.po"
    shutil.copy2(ROOT / "locale/es/LC_MESSAGES/symptoms.po", path)
    catalog = polib.pofile(str(path))
    catalog.find(PARAGRAPH).msgstr = msgstr
    catalog.save()
    return path


def unsafe_addresses(folder: Path) -> list[str]:
    """Every href or src in the built pages that could run something."""
    found = []
    for page in folder.rglob("*.html"):
        for element in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(
            True
        ):
            for attribute in ("href", "src", "action", "data"):
                value = (element.get(attribute) or "").strip().lower()
                if value.startswith(("javascript:", "data:text/html", "file:")):
                    found.append(f"{page.name}: {value[:40]}")
    return found


def everything_written(folder: Path) -> str:
    return "\n".join(
        path.read_bytes().decode("utf-8", "replace") for path in folder.rglob("*") if path.is_file()
    )


HOSTILE = {
    "include": "~~~{{include}} {secret}\n~~~",
    "literalinclude": "~~~{{literalinclude}} {secret}\n~~~",
    "raw-file": "~~~{{raw}} html\n:file: {secret}\n~~~",
    "raw-url": "~~~{{raw}} html\n:url: {server}/raw\n~~~",
    "csv-file": "~~~{{csv-table}}\n:file: {secret}\n~~~",
    "csv-url": "~~~{{csv-table}}\n:url: {server}/csv\n~~~",
    "backtick-include": "```{{include}} {secret}\n```",
    "eval-rst-include": "~~~{{eval-rst}}\n.. include:: {secret}\n~~~",
    "eval-rst-javascript": "~~~{{eval-rst}}\nSee `here <javascript:alert(1)>`_.\n~~~",
    "eval-rst-image": "~~~{{eval-rst}}\n.. image:: {server}/pixel.png\n~~~",
    "markdown-javascript": "Vea [aquí](javascript:alert(1)).",
    "markdown-data": "Vea [aquí](data:text/html;base64,PHNjcmlwdD4=).",
    "image-file": "![x](file://{secret})",
    "download": "Vea {{download}}`esto <{secret}>`.",
}


REFUSED_BY_THE_BUILD = {
    "include", "literalinclude", "backtick-include", "eval-rst-include", "eval-rst-javascript",
    "raw-file", "raw-url", "csv-file", "download",
}  # fmt: skip


@pytest.mark.full  # whole-project Sphinx builds: make test only
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_parser_reads_fetches_and_links_nothing(project, secret, server, tmp_path, case):
    _Recorder.requests.clear()
    with_translation(project, HOSTILE[case].format(secret=secret, server=server))
    out = tmp_path / "es"
    result = sphinx_build(project, out, "es")
    log = result.stdout + result.stderr
    assert "Traceback" not in log
    # Nothing got through, in any file the build wrote, and nothing was fetched.
    written = everything_written(out) if out.exists() else ""
    assert SECRET not in written
    assert (unsafe_addresses(out) if out.exists() else []) == []
    assert _Recorder.requests == []
    if case in REFUSED_BY_THE_BUILD:
        # The parser met it and said where; -W fails the build.
        assert result.returncode != 0, log
        assert "symptoms.md:" in log or "symptoms.po:" in log, log
    # The others never become a link or a directive at all: Sphinx keeps a translated
    # paragraph only if it parses as one paragraph, and markdown-it leaves a link with
    # an unsafe scheme as plain text.


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_a_build_without_network_is_the_same_as_with_it(tmp_path):
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed for this test")
    online, offline = tmp_path / "online" / "en", tmp_path / "offline" / "en"
    assert sphinx_build(ROOT, online).returncode == 0
    command = [
        "unshare", "-n", sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q",
        "-c", str(ROOT), "-d", str(tmp_path / "offline-doctrees"), str(ROOT / "docs"),
        str(offline),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for page in ("symptoms.html", "glossary.html", "searchindex.js"):
        assert (online / page).read_bytes() == (offline / page).read_bytes(), page


TABLE_PROBLEMS = {
    "unknown-key": ('review = "draft"\nlisted_from = 90\n', 'review = "draft"\ncolour = "red"\n',
                    "unknown key 'colour'"),
    "bad-direction": ('direction = "rtl"', 'direction = "up"', "must be ltr or rtl"),
    "bad-type": ('listed_from = 90', 'listed_from = "ninety"', "'listed_from' must be int"),
    "out-of-range": ('listed_from = 90', 'listed_from = 900', "listed_from is a percentage"),
    "bad-code": ('code = "pt_BR"', 'code = "../../x"', "is not like es, kea or pt_BR"),
    "reviewed-without-reviewer": ('review = "draft"', 'review = "reviewed"',
                                  "reviewed needs reviewed_by and reviewed_on"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(TABLE_PROBLEMS))
def test_language_table_problems_name_the_line_without_a_traceback(tmp_path, case):
    project = copy_project(tmp_path / "project")
    table = project / "locale/languages.toml"
    old, new, message = TABLE_PROBLEMS[case]
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new, 1), encoding="utf-8")
    site = sphinx_build(project, tmp_path / "out" / "en")
    script = subprocess.run(
        [sys.executable, "-m", "allguide.site.listed_languages", str(tmp_path / "listed")],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    for result in (site, script):
        assert result.returncode != 0
        assert message in result.stderr
        assert "locale/languages.toml:" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "en" / "index.html").exists()


def test_a_duplicate_language_row_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    table = project / "locale/languages.toml"
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text + '\n[[language]]\ncode = "es"\nname = "Español"\nenglish = "Spanish"\n'
        'direction = "ltr"\nsearch = "es"\nreview = "reviewed"\nreviewed_by = "X"\n'
        'reviewed_on = "2026-01-01"\n',
        encoding="utf-8",
    )
    result = sphinx_build(project, tmp_path / "es", "es")
    assert result.returncode != 0
    assert "'es' is already in the table at" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_table_that_is_not_utf8_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    table = project / "locale/languages.toml"
    table.write_bytes(
        table.read_bytes().replace("Español".encode(), "Espa\xf1ol".encode("latin-1"))
    )
    result = sphinx_build(project, tmp_path / "es", "es")
    assert result.returncode != 0
    assert "languages.toml: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


PROFILE = (
    'name = "Clinic"\nphone = "555 010 0100"\nafter_hours_phone = "555 010 0199"\n'
    'emergency_number = "911"\n'
)
PNG = (ROOT / "tests/data/logo.png").read_bytes()
LOGO_PROBLEMS = {
    "outside-relative": ("../elsewhere/logo.png", None, "in the profile's own folder"),
    "outside-absolute": ("/etc/hostname", None, "in the profile's own folder"),
    "not-a-png": ("logo.png", b"GIF89a not really", "is not a image/png file"),
    "too-large": ("logo.png", PNG + b"\0" * 600_000, "is larger than 512 KB"),
    "svg-link": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/hostname"/></svg>',
                 "an SVG logo may not link to or load anything"),
    "svg-script": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                   "an SVG logo may not link to or load anything"),
    "svg-entity": ("logo.svg", b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]><svg>&x;</svg>',
                   "an SVG logo may not link to or load anything"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(LOGO_PROBLEMS))
def test_a_clinic_logo_must_be_a_plain_image_in_the_profile_folder(tmp_path, case):
    name, content, message = LOGO_PROBLEMS[case]
    folder = tmp_path / "clinic"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "logo.png").write_bytes(PNG)
    if content is not None:
        (folder / name).write_bytes(content)
    profile = folder / "clinic.toml"
    profile.write_text(PROFILE + f'logo = "{name}"\n', encoding="utf-8")
    digest = tmp_path / "profile.digest"
    result = subprocess.run(
        [sys.executable, "-m", "allguide.handouts.clinic_profile", str(profile), str(digest)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"{profile}: field 'logo': " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not digest.exists()


def test_a_clinic_profile_that_is_not_utf8_is_refused(tmp_path):
    profile = tmp_path / "clinic.toml"
    profile.write_bytes(PROFILE.replace("Clinic", "Cl\xednica").encode("latin-1"))
    result = subprocess.run(
        [sys.executable, "-m", "allguide.handouts.clinic_profile", str(profile),
         str(tmp_path / "d")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "the clinic profile is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    make = ["make", "--no-print-directory", "all", "LANGS=en"]
    assert subprocess.run(make, cwd=project, capture_output=True, check=False).returncode == 0
    site = project / "_build/html/en"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    page = project / "docs/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```{no-such-directive}\n```\n")
    result = subprocess.run(make, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "about.md:" in result.stdout + result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert (
        sorted(
            path.name for path in (project / "_build/html").iterdir() if path.name.startswith(".")
        )
        == []
    )
