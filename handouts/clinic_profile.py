"""A clinic's contact details for the care team box, read from a TOML profile and checked.

usage: python -m handouts.clinic_profile PROFILE DIGEST_FILE [HANDOUTS] [PAPER]
    check PROFILE and write the digest of everything the clinic's handouts depend on
    (profile, logo, choice of handouts and paper) to DIGEST_FILE, only when it changed,
    so that `make clinic` rebuilds on a change of content, whatever the file dates say.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import HandoutError

# The when-to-call card needs the clinic's phones and its emergency number: a card that
# prints 911 for a clinic abroad, or no number to call, could send a family the wrong way.
REQUIRED = ("name", "phone", "after_hours_phone", "emergency_number")
OPTIONAL = ("email", "website", "logo", "fever_temperature")
PHONE = re.compile(r"^[0-9+()\-. /]+(?:\s*(?:ext\.?|x)\s*\d+)?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
WEBSITE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MAX_TEXT = 120
# "38 °C", "38.0 °C", "100.4 °F": the temperature at which to call, as the clinic writes it.
TEMPERATURE = re.compile(r"^([1-9][0-9]{1,2}(?:[.,][0-9])?) ?° ?([CF])$")
# Fever thresholds in use for children on cancer treatment lie between 37.5 and 39 °C; a
# number outside this range is a typing mistake (10 °C, 999 °F), never a clinic's rule.
FEVER_RANGE_C = (37.5, 39.0)
# Emergency numbers are short codes (911, 112, 999, 000, 15, 190...): one number, ASCII
# digits, never a clinic's ten-digit line.
EMERGENCY = re.compile(r"^[0-9]{2,4}$")
# Phone numbers are printed without breaks (never split across lines): a longer one
# would run off the card.
MAX_PHONE = 40
MAX_LOGO_BYTES = 512 * 1024
# An SVG logo may draw, not fetch or run: no links, external references, scripts or entities.
SVG_FORBIDDEN = re.compile(r"href|url\(|<script|<!doctype|<!entity|@import|<foreignobject", re.I)
LOGO_SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}


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
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise _fail(path, field, f"is longer than {MAX_TEXT} characters")
    return value


def _phone(path: Path, field: str, value: str) -> str:
    if len(value) > MAX_PHONE:
        raise _fail(
            path, field, f"{value!r} is longer than {MAX_PHONE} characters: give one number"
        )
    digits = sum(character.isdigit() for character in value)
    if not PHONE.match(value) or digits < 7:
        raise _fail(path, field, f"{value!r} is not a phone number (digits, spaces, + ( ) - .)")
    return value


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
        raise _fail(path, "logo", f"{value!r} must be a .png, .jpg or .svg file")
    if not logo.is_file():
        raise _fail(path, "logo", f"no file at {logo}")
    data = logo.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise _fail(path, "logo", f"{value!r} is larger than {MAX_LOGO_BYTES // 1024} KB")
    signatures = LOGO_SIGNATURES.get(media_type)
    if signatures and not data.startswith(signatures):
        raise _fail(path, "logo", f"{value!r} is not a {media_type} file")
    if media_type == "image/svg+xml":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _fail(path, "logo", f"{value!r} is not a UTF-8 SVG file") from None
        if "<svg" not in text or SVG_FORBIDDEN.search(text):
            raise _fail(path, "logo", f"{value!r}: an SVG logo may not link to or load anything")
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def load(path: Path) -> ClinicProfile:
    """Read and check a profile; any problem is a HandoutError naming the field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise HandoutError(
            f"{path}: the clinic profile is not UTF-8 text ({error.reason})"
        ) from None
    except OSError as error:
        raise HandoutError(f"{path}: cannot read the clinic profile: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise HandoutError(f"{path}: not valid TOML: {error}") from error
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise _fail(path, unknown[0], f"unknown field; use {', '.join(REQUIRED + OPTIONAL)}")
    values = {field: _text(path, data, field) for field in REQUIRED + OPTIONAL}
    for field in REQUIRED:
        if not values[field]:
            raise _fail(path, field, "is required and missing or empty")
    _phone(path, "phone", values["phone"])
    _phone(path, "after_hours_phone", values["after_hours_phone"])
    if values["email"] and not EMAIL.match(values["email"]):
        raise _fail(path, "email", f"{values['email']!r} is not an e-mail address")
    if values["website"] and not WEBSITE.match(values["website"]):
        raise _fail(path, "website", f"{values['website']!r} must start with https:// or http://")
    if values["fever_temperature"]:
        if not TEMPERATURE.match(values["fever_temperature"]):
            raise _fail(
                path, "fever_temperature", f'{values["fever_temperature"]!r}: write it like "38 °C"'
            )
        low, high = FEVER_RANGE_C
        if not low <= fever_celsius(values["fever_temperature"]) <= high:
            raise _fail(
                path,
                "fever_temperature",
                f"{values['fever_temperature']!r} is not a fever threshold: use a temperature "
                f"from {low} to {high} °C (99.5 to 102.2 °F)",
            )
    if not EMERGENCY.match(values["emergency_number"]):
        raise _fail(
            path,
            "emergency_number",
            f"{values['emergency_number']!r}: one short number, 2 to 4 digits, like 911 or 112",
        )
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
