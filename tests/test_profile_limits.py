"""Hostile clinic profiles and language tables: bounded work, and a clear error, never a crash."""

from __future__ import annotations

import io
import resource
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from test_handout_input import LOGO, PROFILE, build_handouts, summary_only

from allguide import languages
from allguide.handouts import clinic_profile
from allguide.handouts.builder import WITHDRAWN
from allguide.handouts.errors import HandoutError

from conftest import ROOT, comparable, copy_project, laid_out_lines, sphinx_build

# Every command here runs under this address-space limit: the 12000 x 12000 PNG of the
# issue took 1.25 GB before logos were limited.
MEMORY_LIMIT = 768 * 1024 * 1024


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(command: list[str], cwd: Path, timeout: float = 60) -> tuple[int, str, float]:
    """Run `command` under the memory limit: (exit status, output, seconds taken)."""
    start = time.monotonic()
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
        preexec_fn=_limit_memory, check=False,
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr, time.monotonic() - start


def check_profile(profile: Path) -> tuple[int, str, float]:
    """The check `make clinic` runs first (python -m handouts.clinic_profile)."""
    digest = profile.parent / "profile.digest"
    status, output, seconds = run(
        [sys.executable, "-m", "allguide.handouts.clinic_profile", str(profile), str(digest)], ROOT
    )
    assert status != 0 or digest.exists()
    return status, output, seconds


def assert_refused(status: int, output: str, path: Path, message: str) -> None:
    assert status != 0, output
    assert str(path) in output
    assert message in output, output
    assert "Traceback" not in output


def bilevel_png(width: int, height: int) -> bytes:
    """A valid black-and-white PNG, compressed row by row: tiny file, huge image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )  # fmt: skip


def image_file(width: int, height: int, image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, image_format)
    return buffer.getvalue()


def write_profile(folder: Path, text: str = PROFILE, logo: tuple[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.svg").write_text(LOGO, encoding="utf-8")
    if logo is not None:
        name, content = logo
        (folder / name).write_bytes(content)
        text = text.replace('logo = "logo.svg"', f'logo = "{name}"')
    profile = folder / "clinic.toml"
    profile.write_text(text, encoding="utf-8")
    return profile


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the project for `make clinic` and builds with a broken language table."""
    copy = copy_project(tmp_path_factory.mktemp("limits") / "project")
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


@pytest.fixture
def table(project):
    """The copy's language table, put back after the test."""
    path = project / "locale" / "languages.toml"
    original = path.read_text(encoding="utf-8")
    yield path
    path.write_text(original, encoding="utf-8")


# -- 1. Logos: bounded work -------------------------------------------------------------


def test_huge_png_logo_is_refused_in_seconds_by_make_clinic(tmp_path, project):
    # The attack: 12000 x 12000 pixels in a file of a few KB.
    content = bilevel_png(12000, 12000)
    assert len(content) < 40_000
    profile = write_profile(tmp_path / "clinic", logo=("logo.png", content))
    status, output, seconds = run(
        ["make", "--no-print-directory", "clinic", f"CLINIC={profile}", "LANGS=en"], project
    )
    assert_refused(status, output, profile, "'logo.png' is 12000 x 12000 pixels")
    assert "resize it to at most 4 megapixels" in output
    assert seconds < 15
    assert not (project / "_build" / "clinic" / "clinic").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", bilevel_png(2001, 2000), "is 2001 x 2000 pixels"),
        ("logo.png", bilevel_png(4001, 10), "is 4001 x 10 pixels"),
        # Beyond Pillow's own bomb guard (about 179 megapixels): refused at its header too.
        ("logo.png", bilevel_png(15000, 15000), "has far too many pixels"),
        ("logo.jpg", image_file(2100, 2100, "JPEG"), "is 2100 x 2100 pixels"),
        ("logo.png", bilevel_png(300, 200)[:60], "cannot be read as PNG"),
    ],
    ids=["png-over-4-megapixels", "png-too-wide", "png-bomb", "jpeg-too-large", "png-truncated"],
)
def test_raster_logo_over_the_limits_is_refused(tmp_path, name, content, message):
    profile = write_profile(tmp_path / "clinic", logo=(name, content))
    status, output, seconds = check_profile(profile)
    assert_refused(status, output, profile, f"field 'logo': '{name}' {message}")
    assert seconds < 10


def test_logos_within_the_limits_are_accepted(tmp_path):
    for name, content in [
        ("logo.png", image_file(2000, 2000, "PNG")),
        ("logo.jpg", image_file(4000, 1000, "JPEG")),
    ]:
        profile = write_profile(tmp_path / name, logo=(name, content))
        assert clinic_profile.load(profile).logo_data_url.startswith("data:image/")


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"{attributes}>{body}</svg>'


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (SVG.format(attributes="", body="<rect width='1' height='1'/>" * 2001),
         "has more than 2000 elements or 32 levels of groups"),
        (SVG.format(attributes="", body="<g>" * 40 + "<rect/>" + "</g>" * 40),
         "has more than 2000 elements or 32 levels of groups"),
        (SVG.format(attributes="", body="").replace('width="40"', 'width="1e308"'),
         "width='1e308' must be a size above 0"),
        (SVG.format(attributes=' viewBox="0 0 0 20"', body=""),
         "viewBox='0 0 0 20' must be four numbers"),
        (SVG.format(attributes=' viewBox="0 0 nan 20"', body=""),
         "viewBox='0 0 nan 20' must be four numbers"),
        (SVG.format(attributes="", body="<svg height='-5'/>"),
         "height='-5' must be a size above 0"),
        # Billion laughs: entities are refused before any parser sees them.
        ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
         + SVG.format(attributes="", body="<text>&b;</text>"),
         "an SVG logo may not link to or load anything"),
        (SVG.format(attributes="", body="<text>&undefined;</text>"), "is not a valid SVG file"),
    ],
    ids=["elements", "depth", "huge-width", "empty-viewbox", "nan-viewbox", "nested-svg",
         "entities", "undefined-entity"],
)  # fmt: skip
def test_svg_logo_over_the_limits_is_refused(tmp_path, svg, message):
    profile = write_profile(tmp_path / "clinic", logo=("mark.svg", svg.encode()))
    status, output, _ = check_profile(profile)
    assert_refused(status, output, profile, "field 'logo': 'mark.svg'")
    assert message in output, output


# -- 2. TOML nesting and size -----------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("a = " + "[" * 5000 + "1" + "]" * 5000, "nested more than 16 deep (at line 10)"),
        ("a = " + "{b = " * 2000 + "1" + "}" * 2000, "nested more than 16 deep (at line 10)"),
        # The 100000 levels: refused by size before anything is parsed.
        ("a = " + "[" * 100_000 + "]" * 100_000, "the clinic profile is larger than 16 KB"),
    ],
    ids=["arrays", "inline-tables", "100000-deep"],
)
def test_deeply_nested_profile_is_refused_naming_file_and_line(tmp_path, extra, message):
    profile = write_profile(tmp_path / "clinic", PROFILE + extra + "\n")
    status, output, seconds = check_profile(profile)
    assert_refused(status, output, profile, message)
    assert "RecursionError" not in output and seconds < 10


def test_brackets_inside_strings_and_comments_are_not_nesting(tmp_path):
    text = PROFILE.replace(
        "Riverside Children's Cancer Clinic", "Riverside [[[[[[[[[[[[[[[[[[[[ Clinic"
    )
    profile = write_profile(tmp_path / "clinic", text + "# " + "{" * 40 + "\n")
    assert clinic_profile.load(profile).name == "Riverside [[[[[[[[[[[[[[[[[[[[ Clinic"


def test_deeply_nested_language_table_fails_the_build_naming_file_and_line(
    tmp_path, project, table
):
    lines = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join([*lines, "x = " + "[" * 50_000 + "]" * 50_000]) + "\n")
    result = sphinx_build(project, tmp_path / "en", "en")
    output = result.stdout + result.stderr
    assert_refused(
        result.returncode, output, table, f"nested more than 16 deep (at line {len(lines) + 1})"
    )


# -- 3. Invisible characters ------------------------------------------------------------

INVISIBLE = {
    "rlo": "\\u202E",
    "lri": "\\u2066",
    "lrm": "\\u200E",
    "alm": "\\u061C",
    "zwsp": "\\u200B",
    "bell": "\\u0007",
    "line-separator": "\\u2028",
    "variation-selector": "\\uFE0F",
    "hangul-filler": "\\u3164",
    "tag": "\\U000E0041",
    "lone-joiner": "\\u200D",
}


@pytest.mark.parametrize("character", sorted(INVISIBLE))
@pytest.mark.parametrize(
    ("field", "before", "after"),
    [
        ("name", "Riverside Children", "Riverside {c} Children"),
        ("phone", '"+1 555 010 0100"', '"+1 555 010 0100{c}"'),
        ("email", "care-team@riverside", "care-team{c}@riverside"),
        ("website", "https://riverside", "https://{c}riverside"),
    ],
)
def test_invisible_characters_are_refused_in_every_field(tmp_path, field, before, after, character):
    text = PROFILE.replace(before, after.format(c=INVISIBLE[character]))
    profile = write_profile(tmp_path / "clinic", text)
    with pytest.raises(HandoutError) as raised:
        clinic_profile.load(profile)
    message = str(raised.value)
    assert message.startswith(f"{profile}: field {field!r}: character ")
    assert "prints as nothing or reorders the text" in message


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_right_to_left_override_in_a_name_stops_the_handout(tmp_path):
    # The attack printed "Riverside 555 010 0100 llaC" and reversed the dates.
    text = PROFILE.replace("Riverside Children's Cancer Clinic", "Riverside \\u202ECall")
    profile = write_profile(tmp_path / "clinic", text)
    out = tmp_path / "es"
    result = build_handouts(
        ROOT,
        out,
        "es",
        handouts_definitions=summary_only(tmp_path),
        handouts_clinic_profile=profile,
    )
    assert result.returncode == WITHDRAWN
    assert f"{profile}: field 'name': character 11 is U+202E (RIGHT-TO-LEFT OVERRIDE)" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert list(out.glob("*.pdf")) == []


def test_joiners_inside_a_word_are_allowed(tmp_path):
    # Persian spells "می‌شود" with a zero width non-joiner between two letters.
    text = PROFILE.replace("Riverside Children's Cancer Clinic", "درمانگاه می\u200cشود")
    assert (
        clinic_profile.load(write_profile(tmp_path / "clinic", text)).name == "درمانگاه می\u200cشود"
    )


def test_bidi_control_in_a_language_name_fails_naming_the_table_line(tmp_path, project, table):
    text = table.read_text(encoding="utf-8")
    line = text.splitlines().index('name = "Español"') + 1
    table.write_text(text.replace('name = "Español"', 'name = "Espa\\u202Eñol"'))
    result = sphinx_build(project, tmp_path / "en", "en")
    output = result.stdout + result.stderr
    header = line - 2  # the row's [[language]] line
    assert_refused(result.returncode, output, table, f"languages.toml:{header}: name ")
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in output


# -- 4. Phones --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    ["+1 555 O1O 0100", "+1 555 ٠١٠ 0100", "+1 555 010 0100 ext ١٢", "1+555 010 0100",
     "+1 555 010 0100 call", "+1 555 ０１０ 0100", "(555) 010-0100 -"],
    ids=["letter-o", "arabic-indic", "arabic-indic-ext", "plus-inside", "words", "full-width",
         "trailing-dash"],
)  # fmt: skip
def test_phone_is_ascii_digits_and_separators(tmp_path, phone):
    profile = write_profile(tmp_path / "clinic", PROFILE.replace("+1 555 010 0100", phone))
    with pytest.raises(HandoutError, match="field 'phone': .* is not a phone number: write it"):
        clinic_profile.load(profile)


@pytest.mark.parametrize(
    "phone",
    ["+1 (555) 010-0100 ext. 12", "030/123 4567", "+44 (0)20 7946 0000", "555.010.0100 x12"],
)
def test_real_phone_numbers_are_accepted(tmp_path, phone):
    profile = write_profile(tmp_path / "clinic", PROFILE.replace("+1 555 010 0100", phone))
    assert clinic_profile.load(profile).phone == phone


# -- 5. Fever temperature ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("38", "'38' has no unit"),
        ("38.5", "'38.5' has no unit"),
        ("311 K", "'311 K': the unit must be °C or °F"),
        ("38.05 °C", "'38.05 °C': write it like"),
        ("37.4 °C", "'37.4 °C' is not a fever threshold"),
        ("39.1 °C", "'39.1 °C' is not a fever threshold"),
        ("99.4 °F", "'99.4 °F' is not a fever threshold"),
        ("102.3 °F", "'102.3 °F' is not a fever threshold"),
        ("38 °F", "'38 °F' is not a fever threshold"),
    ],
)
def test_fever_temperature_needs_a_unit_and_a_range_for_it(tmp_path, value, message):
    profile = write_profile(tmp_path / "clinic", PROFILE.replace("38 °C", value))
    with pytest.raises(HandoutError) as raised:
        clinic_profile.load(profile)
    assert str(raised.value).startswith(f"{profile}: field 'fever_temperature': {message}")


# "38,5 ºC": the ordinal indicator Spanish and Portuguese keyboards type for the degree
# sign, which looks the same; the handouts print the degree sign.
@pytest.mark.parametrize(
    "value", ["37.5 °C", "39 °C", "99.5 °F", "102.2 °F", "38,5 °C", "38,5 \u00baC"]
)
def test_fever_thresholds_at_the_ends_of_the_range_are_accepted(tmp_path, value):
    profile = write_profile(tmp_path / "clinic", PROFILE.replace("38 °C", value))
    clinic = clinic_profile.load(profile)
    assert clinic.fever_temperature == value
    from allguide.sphinxext import when_to_call

    printed = when_to_call.plan_values(clinic, "es").temperature
    assert "\u00ba" not in printed and printed.count("°") == 2


# -- 6. Long names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "field"),
    [
        ("Riverside Children's Cancer Clinic", "R" * 200, "name"),
        ("https://riverside.example.org/oncology", "https://riverside.example.org/" + "a" * 270,
         "website"),
    ],
    ids=["200-character-name", "300-character-url"],
)  # fmt: skip
def test_overlong_fields_are_refused(tmp_path, before, after, field):
    profile = write_profile(tmp_path / "clinic", PROFILE.replace(before, after))
    with pytest.raises(HandoutError, match=f"field '{field}': is longer than 120 characters"):
        clinic_profile.load(profile)


@pytest.mark.full  # whole-project Sphinx builds: make test only
def test_a_long_name_without_spaces_wraps_on_the_paper_and_prints_whole(tmp_path):
    name = "Riverside" + "W" * 100 + "Clinic"  # 115 characters, no place to break a line
    website = "https://riverside.example.org/" + "oncology" * 11  # 118 characters
    text = PROFILE.replace("Riverside Children's Cancer Clinic", name).replace(
        "https://riverside.example.org/oncology", website
    )
    profile = write_profile(tmp_path / "clinic", text)
    out = tmp_path / "en"
    result = build_handouts(
        ROOT, out, handouts_definitions=summary_only(tmp_path), handouts_clinic_profile=profile,
        handouts_keep_html="1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = out / "relapsed-all-at-a-glance-en-a4.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    whole = comparable(reader.pages[0].extract_text())
    assert name in whole and website in whole
    # And inside the paper: every line of the box ends before the page's right edge.
    page_width = float(reader.pages[0].mediabox.width)
    lines = [line for line in laid_out_lines(pdf.with_suffix(".html")) if "WWW" in line[5]]
    assert len(lines) >= 2  # wrapped
    assert all(right < page_width - 10 for _, _, _, right, _, _ in lines), lines


# -- 7. Fonts that are not installed ----------------------------------------------------


@pytest.mark.full  # whole-project updates or builds: make test only
@pytest.mark.parametrize(
    ("font", "hint"),
    [
        ("No Such Font", "correct the name (`fc-list : family` lists the installed ones)"),
        ("Noto Sans CJK XX", "sudo apt-get install fonts-noto-cjk"),
    ],
)
def test_font_not_installed_fails_naming_the_table_line_and_package(
    tmp_path, project, table, font, hint
):
    text = table.read_text(encoding="utf-8")
    row = text.index('code = "es"')
    line = text[:row].count("\n")  # the [[language]] line just above
    table.write_text(
        text[:row] + text[row:].replace('fonts = ["Noto Sans"]', f'fonts = ["{font}"]', 1)
    )
    result = sphinx_build(project, tmp_path / "es", "es")
    output = result.stdout + result.stderr
    assert_refused(
        result.returncode, output, table,
        f"languages.toml:{line}: font {font!r} of Spanish is not installed",
    )  # fmt: skip
    assert hint in output
    assert "sphinx-err" not in output  # no crash report
    if font == "No Such Font":
        # That language only: the table still loads, English still builds.
        assert languages._load.__wrapped__(table)[1].fonts == (font,)
        assert sphinx_build(project, tmp_path / "en", "en").returncode == 0


def test_language_table_loads_with_every_font_installed():
    assert languages._load.__wrapped__(ROOT / "locale" / "languages.toml")[0].code == "en"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", 'care"team@riverside.example.org', "is not an e-mail address"),
        ("email", "<care-team@riverside.example.org>", "is not an e-mail address"),
        ("website", 'https://riverside.example.org/"><script>', "must start with https://"),
        ("website", "https://riverside.example.org/a`b", "must start with https://"),
    ],
    ids=["email-quote", "email-brackets", "website-quote-tag", "website-backtick"],
)
def test_addresses_hold_no_quotes_or_brackets(tmp_path, field, value, message):
    """Escaped in any case (test_escaping.py); a value holding them is refused by name."""
    original = {
        "email": "care-team@riverside.example.org",
        "website": "https://riverside.example.org/oncology",
    }[field]
    toml_value = value.replace('"', '\\"')  # a basic TOML string
    profile = write_profile(tmp_path / "clinic", PROFILE.replace(original, toml_value))
    with pytest.raises(HandoutError, match=f"field '{field}': .*{message}"):
        clinic_profile.load(profile)
