"""A clinic's contact details for the care team box, read from a TOML profile and checked."""

from __future__ import annotations

import base64
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import HandoutError

REQUIRED = ("name", "phone", "after_hours_phone")
OPTIONAL = ("email", "website", "logo")
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


@dataclass(frozen=True)
class ClinicProfile:
    name: str
    phone: str
    after_hours_phone: str
    email: str = ""
    website: str = ""
    # The logo as a data: URL, so WeasyPrint never reads outside the build tree.
    logo_data_url: str = ""


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
    digits = sum(character.isdigit() for character in value)
    if not PHONE.match(value) or digits < 7:
        raise _fail(path, field, f"{value!r} is not a phone number (digits, spaces, + ( ) - .)")
    return value


def _logo(path: Path, value: str) -> str:
    logo = (path.parent / value).resolve()
    media_type = LOGO_TYPES.get(logo.suffix.lower())
    if media_type is None:
        raise _fail(path, "logo", f"{value!r} must be a .png, .jpg or .svg file")
    if not logo.is_file():
        raise _fail(path, "logo", f"no file at {logo}")
    return f"data:{media_type};base64,{base64.b64encode(logo.read_bytes()).decode('ascii')}"


def load(path: Path) -> ClinicProfile:
    """Read and check a profile; any problem is a HandoutError naming the field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
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
    return ClinicProfile(
        name=values["name"],
        phone=values["phone"],
        after_hours_phone=values["after_hours_phone"],
        email=values["email"],
        website=values["website"],
        logo_data_url=_logo(path, values["logo"]) if values["logo"] else "",
    )
