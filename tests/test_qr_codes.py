"""With the real address (BASEURL), every complete language's handouts carry a QR code
and the address beside it, and the code, read back from the printed page, opens that
language's own page. (Without BASEURL they carry neither: test_handouts.py.)

The PDFs are rendered with Poppler's pdftoppm and read with zxing-cpp, a decoder that has
nothing to do with segno, which drew the codes.
"""

from __future__ import annotations

import subprocess

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import COMPLETE, ROOT, sphinx_build

# Only in make test, not make test-fast: the handouts of every language, built with a real address.
pytestmark = pytest.mark.full

BASEURL = "https://leukemia-guide.test/"
# One-page handouts: the card and the summary, and their bilingual sheets.
CARDS = ROOT / "tests" / "data" / "cards-only.toml"
TITLE_PAGES = {"relapsed-all-when-to-call": "when-to-call", "relapsed-all-at-a-glance": "summary"}


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> dict[str, list]:
    """Each complete language's card and summary (the others' are held back), built with
    BASEURL set."""
    top = tmp_path_factory.mktemp("qr")
    built = {}
    for code in COMPLETE:
        out = top / code
        settings = {"guide_baseurl": BASEURL, "handouts_definitions": str(CARDS)}
        result = sphinx_build(ROOT, out, code, "handouts", settings)
        assert result.returncode == 0, result.stderr
        built[code] = sorted(out.glob("*.pdf"))
    return built


def decoded(path, tmp_path) -> list[str]:
    target = tmp_path / path.stem
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "200", "-gray", "-png", str(path), str(target)],
        check=True,
    )
    image = Image.open(next(tmp_path.glob(f"{path.stem}*.png")))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("code", COMPLETE)
def test_every_qr_code_opens_its_own_language_page(released, code, tmp_path):
    assert released[code], code
    for path in released[code]:
        handout = next(name for name in TITLE_PAGES if path.name.startswith(name))
        expected = f"{BASEURL}{code}/{TITLE_PAGES[handout]}.html"
        assert decoded(path, tmp_path) == [expected], path.name
        text = "".join(PdfReader(path).pages[0].extract_text().split())
        assert expected.replace("/", "") in text.replace("/", ""), path.name


def test_the_qr_code_is_drawn_not_pasted(released):
    for path in released["en"]:
        page = PdfReader(path).pages[0]
        images = [
            xobject for xobject in page["/Resources"].get("/XObject", {}).values()
            if xobject.get_object().get("/Subtype") == "/Image"
        ]  # fmt: skip
        assert images == [], f"{path.name}: the QR code should be vector, not an image"
