"""A clinic's contact details for the care team box, read from a TOML profile and checked.

usage: python -m handouts.clinic_profile PROFILE DIGEST_FILE [HANDOUTS] [PAPER]
    check PROFILE and write the digest of everything the clinic's handouts depend on
    (profile, logo, choice of handouts and paper) to DIGEST_FILE, only when it changed,
    so that `make clinic` rebuilds on a change of content, whatever the file dates say.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image

from allguide.languages import profile_text, toml_input

from .errors import HandoutError

# The when-to-call card needs the clinic's phones and its emergency number: a card that
# prints 911 for a clinic abroad, or no number to call, could send a family the wrong way.
REQUIRED = ("name", "phone", "after_hours_phone", "emergency_number")
OPTIONAL = ("email", "website", "logo", "fever_temperature")
# ASCII digits and the separators people write (a slash too: "030/123 456" in Germany), a
# + only in front, and an optional extension; re.ASCII, or \d would let in look-alike
# digits from other scripts.
PHONE = re.compile(r"^\+?[0-9(][0-9()\-. /]*[0-9](?: ?(?:ext\.?|x) ?[0-9]{1,6})?$", re.ASCII | re.I)
# An address as printed and linked: no quotes, angle brackets or other characters a URL
# or a mail address never needs (they are escaped in any case, but a value that holds
# them is a mistake or an attempt, and is said so).
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
WEBSITE = re.compile(r"^https?://[^\s/$.?#\"'<>\\^`{|}][^\s\"'<>\\^`{|}]*$")
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
# Longest text per field. The care team box wraps a name with no spaces (print.css), so a
# limit is about fitting one-page handouts, not about lines running off the paper.
MAX_TEXT = 120
# A profile is eight short fields: 16 KB is room for them and for comments, and bounds
# the work of reading one.
MAX_PROFILE_BYTES = 16 * 1024
# "38 °C", "38.0 °C", "100.4 °F": the temperature at which to call, as the clinic writes it.
# The degree sign, or the ordinal indicator "º" that Spanish and Portuguese keyboards
# type in its place and that looks the same.
TEMPERATURE = re.compile(r"^([1-9][0-9]{1,2}(?:[.,][0-9])?) ?[°º] ?([CF])$", re.ASCII)
# A number alone, or a number and another unit: said apart, since the fix differs.
NUMBER_ONLY = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$", re.ASCII)
OTHER_UNIT = re.compile(r"^[0-9]+(?:[.,][0-9]+)? ?[°º]? ?[^0-9 .,°ºCF]", re.ASCII)
# Fever thresholds in use for children on cancer treatment lie between 37.5 and 39 °C; a
# number outside this range is a typing mistake (10 °C, 999 °F), never a clinic's rule.
FEVER_RANGE_C = (37.5, 39.0)
# Emergency numbers are short codes (911, 112, 999, 000, 15, 190...): one number, ASCII
# digits, never a clinic's ten-digit line.
EMERGENCY = re.compile(r"^[0-9]{2,4}$", re.ASCII)
# Phone numbers are printed without breaks (never split across lines): a longer one
# would run off the card.
MAX_PHONE = 40
# The problems of the care team box's fields, as templates (str.format) rather than
# f-strings: the site's clinic handouts page (allguide.site.clinic_page) says the same
# words for the same input, in the browser, from these very templates.
MISSING = "is required and missing or empty"
FEVER_NO_UNIT = '{value!r} has no unit: write it like "38 °C" or "100.4 °F"'
FEVER_UNIT = '{value!r}: the unit must be °C or °F; write it like "38 °C"'
FEVER_FORM = '{value!r}: write it like "38 °C" or "100.4 °F"'
FEVER_RANGE = (
    "{value!r} is not a fever threshold: use a temperature "
    f"from {FEVER_RANGE_C[0]} to {FEVER_RANGE_C[1]} °C (99.5 to 102.2 °F)"
)
NOT_EMERGENCY = "{value!r}: one short number, 2 to 4 digits, like 911 or 112"
TEXT_TOO_LONG = "is longer than {limit} characters; shorten it"
PHONE_TOO_LONG = "{value!r} is longer than {limit} characters: give one number"
NOT_A_PHONE = (
    "{value!r} is not a phone number: write it with the digits 0-9, spaces and "
    '( ) - . /, a + only in front, and an extension as "ext 12"'
)
# A phone number has at least this many digits (a short code is the emergency number).
MIN_PHONE_DIGITS = 7
MAX_LOGO_BYTES = 512 * 1024
# A logo prints at most 30 mm wide and 18 mm high (print.css): 2000 pixels across is
# over 1600 dpi there, so 4 megapixels (2000 x 2000, or 4000 x 1000 for a wide one) is
# more than any printer uses. Without a limit a 17 KB PNG of 12000 x 12000 pixels took
# 53 s and 1.25 GB to print, and put a 432 MB image in the PDF.
MAX_LOGO_PIXELS = 4_000_000
MAX_LOGO_SIDE = 4000
# The logo's problems, as templates: the clinic page says them too.
LOGO_TYPE = "{value!r} must be a .png, .jpg or .svg file"
LOGO_TOO_LARGE = f"{{value!r}} is larger than {MAX_LOGO_BYTES // 1024} KB"
LOGO_NOT_TYPE = "{value!r} is not a {media_type} file"
LOGO_PIXELS = (
    "{value!r} is {width} x {height} pixels; a logo prints at most 30 mm wide, so "
    f"resize it to at most {MAX_LOGO_PIXELS // 1_000_000} megapixels (2000 x 2000, "
    f"at most {MAX_LOGO_SIDE} on a side)"
)
# An SVG logo is drawn by WeasyPrint element by element: a traced logo has hundreds of
# shapes, not thousands, and a few levels of groups.
MAX_SVG_ELEMENTS = 2000
MAX_SVG_DEPTH = 32
# Its width, height and viewBox numbers, in any unit: finite, positive sizes below this.
MAX_SVG_NUMBER = 100_000
SVG_LENGTH = re.compile(
    r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?:px|pt|pc|mm|cm|in|em|ex|%)?\s*$"
)
# An SVG logo may draw, not fetch or run: no links, external references, scripts or entities.
SVG_FORBIDDEN = re.compile(r"href|url\(|<script|<!doctype|<!entity|@import|<foreignobject", re.I)
LOGO_SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}
PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}


@dataclass(frozen=True)
class ClinicProfile:
    name: str
    phone: str
    after_hours_phone: str
    email: str = ""
    website: str = ""
    fever_temperature: str = ""
    emergency_number: str = ""
    # The logo as a data: URL, so WeasyPrint never reads outside the build tree.
    logo_data_url: str = ""

    @property
    def fever(self) -> tuple[float, str] | None:
        """The fever temperature as (number, "C" or "F"), or None."""
        return fever_value(self.fever_temperature)


def fever_value(text: str) -> tuple[float, str] | None:
    match = TEMPERATURE.match(text)
    if match is None:
        return None
    number, unit = match.groups()
    return float(number.replace(",", ".")), unit


def fever_celsius(text: str) -> float:
    value, unit = fever_value(text)  # only called on a value TEMPERATURE matched
    return round((value - 32) * 5 / 9, 1) if unit == "F" else value


def _fail(path: Path, field: str, problem: str) -> HandoutError:
    return HandoutError(f"{path}: field {field!r}: {problem}")


def _text(path: Path, data: dict, field: str) -> str:
    value = data.get(field, "")
    if not isinstance(value, str):
        raise _fail(path, field, f"must be text in quotes, not {type(value).__name__}")
    # Before stripping: strip() would quietly drop a line separator at either end.
    problem = profile_text.invisible_character_problem(value)
    if problem:
        raise _fail(path, field, problem)
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise _fail(path, field, TEXT_TOO_LONG.format(limit=MAX_TEXT))
    return value


def _phone(path: Path, field: str, value: str) -> str:
    if len(value) > MAX_PHONE:
        raise _fail(path, field, PHONE_TOO_LONG.format(value=value, limit=MAX_PHONE))
    digits = sum(character in "0123456789" for character in value)
    if not PHONE.match(value) or digits < MIN_PHONE_DIGITS:
        raise _fail(path, field, NOT_A_PHONE.format(value=value))
    return value


def _fever_temperature(path: Path, value: str) -> None:
    field = "fever_temperature"
    if not TEMPERATURE.match(value):
        if NUMBER_ONLY.match(value):
            template = FEVER_NO_UNIT
        elif OTHER_UNIT.match(value):
            template = FEVER_UNIT
        else:
            template = FEVER_FORM
        raise _fail(path, field, template.format(value=value))
    low, high = FEVER_RANGE_C
    if not low <= fever_celsius(value) <= high:
        raise _fail(path, field, FEVER_RANGE.format(value=value))


def _logo_file(path: Path, value: str) -> Path:
    folder = path.parent.resolve()
    logo = (folder / value).resolve()
    if not logo.is_relative_to(folder):
        raise _fail(path, "logo", f"{value!r} must be a file in the profile's own folder")
    return logo


def _logo(path: Path, value: str) -> str:
    logo = _logo_file(path, value)
    media_type = LOGO_TYPES.get(logo.suffix.lower())
    if media_type is None:
        raise _fail(path, "logo", LOGO_TYPE.format(value=value))
    if not logo.is_file():
        raise _fail(path, "logo", f"no file at {logo}")
    data = logo.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise _fail(path, "logo", LOGO_TOO_LARGE.format(value=value))
    signatures = LOGO_SIGNATURES.get(media_type)
    if signatures and not data.startswith(signatures):
        raise _fail(path, "logo", LOGO_NOT_TYPE.format(value=value, media_type=media_type))
    if media_type == "image/svg+xml":
        _check_svg(path, value, data)
    else:
        _check_raster(path, value, data, PILLOW_FORMATS[media_type])
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _too_many_pixels(path: Path, value: str, width: int, height: int) -> HandoutError:
    return _fail(path, "logo", LOGO_PIXELS.format(value=value, width=width, height=height))


def _check_raster(path: Path, value: str, data: bytes, pillow_format: str) -> None:
    """Refuse a PNG or JPEG whose header promises too many pixels, before decoding it."""
    try:
        # Pillow reads only the header on open. Its own bomb guard stays a backstop: it
        # refuses above twice MAX_IMAGE_PIXELS (about 179 megapixels) and only warns
        # above that, where our far lower limit, checked next, gives the better message.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS or max(width, height) > MAX_LOGO_SIDE:
                    raise _too_many_pixels(path, value, width, height)
                # Decoded here, at most 4 megapixels: a broken file is refused naming the
                # profile, not by WeasyPrint halfway through a handout.
                image.load()
    except Image.DecompressionBombError:
        raise _fail(
            path, "logo", f"{value!r} has far too many pixels; resize it to 2000 x 2000 at most"
        ) from None
    except (OSError, SyntaxError, ValueError, MemoryError) as error:
        raise _fail(
            path, "logo", f"{value!r} cannot be read as {pillow_format} ({error}); export it again"
        ) from None


def _svg_size_problem(element: ElementTree.Element) -> str | None:
    """What is wrong with an <svg> element's width, height or viewBox, if anything."""
    for name in ("width", "height"):
        value = element.get(name)
        if value is None:
            continue
        match = SVG_LENGTH.match(value)
        if not match or not 0 < float(match.group(1)) <= MAX_SVG_NUMBER:
            return f"{name}={value!r} must be a size above 0 and at most {MAX_SVG_NUMBER}"
    box = element.get("viewBox")
    if box is not None:
        try:
            numbers = [float(number) for number in box.replace(",", " ").split()]
        except ValueError:
            numbers = []
        if (
            len(numbers) != 4
            or not all(
                math.isfinite(number) and abs(number) <= MAX_SVG_NUMBER for number in numbers
            )
            or min(numbers[2:]) <= 0
        ):
            return (
                f"viewBox={box!r} must be four numbers (x, y, width, height), "
                f"the width and height above 0, all at most {MAX_SVG_NUMBER}"
            )
    return None


def _check_svg(path: Path, value: str, data: bytes) -> None:
    """Refuse an SVG logo that loads anything, or that is too large or too deep to draw."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _fail(path, "logo", f"{value!r} is not a UTF-8 SVG file") from None
    # Checked before parsing: no DOCTYPE means no entities for the parser to expand.
    if "<svg" not in text or SVG_FORBIDDEN.search(text):
        raise _fail(path, "logo", f"{value!r}: an SVG logo may not link to or load anything")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise _fail(path, "logo", f"{value!r} is not a valid SVG file ({error})") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise _fail(path, "logo", f"{value!r} is not an SVG file (no <svg> at its root)")
    count = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > MAX_SVG_ELEMENTS or depth > MAX_SVG_DEPTH:
            raise _fail(
                path,
                "logo",
                f"{value!r} has more than {MAX_SVG_ELEMENTS} elements or {MAX_SVG_DEPTH} "
                "levels of groups; simplify it, or export it as a PNG of at most 2000 x 2000",
            )
        problem = _svg_size_problem(element) if element.tag.rsplit("}", 1)[-1] == "svg" else None
        if problem:
            raise _fail(path, "logo", f"{value!r}: {problem}")
        stack.extend((child, depth + 1) for child in element)


def load(path: Path) -> ClinicProfile:
    """Read and check a profile; any problem is a HandoutError naming the field."""
    data = toml_input.load(
        path, max_bytes=MAX_PROFILE_BYTES, error=HandoutError, what="the clinic profile"
    )
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise _fail(path, unknown[0], f"unknown field; use {', '.join(REQUIRED + OPTIONAL)}")
    values = {field: _text(path, data, field) for field in REQUIRED + OPTIONAL}
    for field in REQUIRED:
        if not values[field]:
            raise _fail(path, field, MISSING)
    _phone(path, "phone", values["phone"])
    _phone(path, "after_hours_phone", values["after_hours_phone"])
    if values["email"] and not EMAIL.match(values["email"]):
        raise _fail(
            path, "email", f"{values['email']!r} is not an e-mail address (name@clinic.org)"
        )
    if values["website"] and not WEBSITE.match(values["website"]):
        raise _fail(
            path,
            "website",
            f"{values['website']!r} must start with https:// or http:// and hold no "
            "spaces, quotes or brackets",
        )
    if values["fever_temperature"]:
        _fever_temperature(path, values["fever_temperature"])
    if not EMERGENCY.match(values["emergency_number"]):
        problem = NOT_EMERGENCY.format(value=values["emergency_number"])
        raise _fail(path, "emergency_number", problem)
    return ClinicProfile(
        name=values["name"],
        phone=values["phone"],
        after_hours_phone=values["after_hours_phone"],
        email=values["email"],
        website=values["website"],
        fever_temperature=values["fever_temperature"],
        emergency_number=values["emergency_number"],
        logo_data_url=_logo(path, values["logo"]) if values["logo"] else "",
    )


def digest(path: Path, *choices: str) -> str:
    """What the clinic's handouts depend on, besides the guide: profile, logo, choices."""
    profile = load(path)
    hashed = hashlib.sha256(path.read_bytes())
    hashed.update(profile.logo_data_url.encode("ascii"))
    for choice in choices:
        hashed.update(b"\0" + " ".join(choice.split()).encode("utf-8"))
    return hashed.hexdigest() + "\n"


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    profile, digest_file = Path(argv[1]), Path(argv[2])
    if not profile.is_file():
        print(f"{profile}: no such clinic profile (check the CLINIC= path)", file=sys.stderr)
        return 2
    try:
        text = digest(profile, *argv[3:])
    except HandoutError as error:
        print(error, file=sys.stderr)
        return 2
    if not digest_file.exists() or digest_file.read_text(encoding="utf-8") != text:
        digest_file.parent.mkdir(parents=True, exist_ok=True)
        digest_file.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
