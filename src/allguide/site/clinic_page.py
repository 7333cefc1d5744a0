"""The site's "Make your clinic's handouts" page: a form that fills the published PDFs in
the reader's own browser, for a clinic nurse who cannot run `make clinic`.

Written with the entry page (site_index.py), once every language is built: it lists the
published handouts of the listed languages, read from each language's manifest.json, as
JSON in the page. The page fills the PDFs' fields (form_fields.py: the care team box's,
the plan's emergency number and fever temperature) with
pdf-lib and zips several with fflate; nothing typed leaves the browser. The libraries come
from npm, pinned in package.json and package-lock.json (`make` runs `npm ci`), and are
copied into the site: readers' browsers never fetch from another host.

The page refuses what `make clinic` refuses, in the same words: the limits, the phone
pattern and the message templates are those of clinic_profile.py and profile_text.py,
exported here, never typed again in JavaScript.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import icu

from allguide import project
from allguide.handouts import clinic_profile, definitions, form_fields, manifest
from allguide.languages import Language, profile_text
from allguide.sphinxext import when_to_call

PAGE_NAME = "clinic-handouts.html"
# Where the page's scripts go in the site, and which file of node_modules/ each one is.
STATIC = Path("_static") / "clinic"
LIBRARIES = {
    "pdf-lib.min.js": "pdf-lib/dist/pdf-lib.min.js",
    "fontkit.umd.min.js": "@pdf-lib/fontkit/dist/fontkit.umd.min.js",
    "fflate.js": "fflate/umd/index.js",
}
SCRIPT = "clinic_handouts.js"
# What each field is called on the page, in its order; its name is the clinic profile's
# field, and its kind the check it gets (clinic_profile.py).
LABELS = {
    "name": "Clinic name",
    "phone": "Day phone",
    "after_hours_phone": "After-hours phone",
    "emergency_number": "Emergency number",
    "fever_temperature": "Fever temperature (optional)",
}
KINDS = {
    "name": "text",
    "phone": "phone",
    "after_hours_phone": "phone",
    "emergency_number": "emergency",
    "fever_temperature": "fever",
}
# Under a field: what it is for, and what is printed when it is left as it is.
HINTS = {
    "emergency_number": (
        "The number families call for an ambulance where they live, like 911 or 112. "
        "The handouts print it where they say to call for emergency help."
    ),
    "fever_temperature": (
        "The temperature at which families must call you, like 38.5 °C or 101.3 °F. "
        "The handouts print it in both units where they now say 38.0 °C (100.4 °F); "
        "leave it empty to keep that."
    ),
}
AUTOCOMPLETE = {"name": "organization", "phone": "tel", "after_hours_phone": "tel"}
# The characters profile_text refuses whose name unicodedata knows: the browser has no
# table of names. The others (controls, unassigned, private use) have none in Python
# either, and are said as profile_text.NO_NAME.
_NAMED_INVISIBLE = "[[:Cf:][:Zl:][:Zp:][:Default_Ignorable_Code_Point:]]"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Make your clinic's handouts</title>
<style>
  body {{ font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5;
         max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
  label {{ display: block; font-weight: 600; margin-top: 1rem; }}
  input[type=text], input[type=tel] {{ box-sizing: border-box; width: 100%; font: inherit;
         padding: 0.5rem; border: 2px solid #555; border-radius: 4px; }}
  fieldset {{ margin: 1.5rem 0 0; border: 2px solid #ccc; border-radius: 6px; }}
  fieldset label {{ font-weight: normal; margin: 0.25rem 0; padding: 0.25rem 0; }}
  fieldset input {{ width: 1.25rem; height: 1.25rem; vertical-align: middle; }}
  .hint {{ margin: 0 0 0.25rem; color: #444; }}
  .error {{ color: #a40000; font-weight: 600; margin: 0.25rem 0 0; }}
  .error:empty {{ display: none; }}
  button {{ font: inherit; margin: 1.5rem 0; padding: 0.75rem 1.25rem; border: 0;
           border-radius: 6px; background: #1f4e79; color: #fff; cursor: pointer; }}
  :focus {{ outline: 3px solid #e8a317; outline-offset: 2px; }}
</style>
</head>
<body>
<main>
<h1>Make your clinic's handouts</h1>
<p>Type your clinic's name, phone numbers and emergency number once: they are printed
in every handout you choose, ready to print. Everything happens in this browser; nothing
you type is sent anywhere.</p>
<p>Your logo, if you add one, is printed at the end of the care team box's heading on
the one-language handouts. An SVG logo, or a logo on the bilingual sheets, needs handouts
made with <code>make clinic</code>.</p>
<form id="clinic-form" novalidate>
{fields}
{logo}
<fieldset id="languages" aria-describedby="languages-error">
<legend>Languages</legend>
{languages}
<p class="error" id="languages-error" role="alert"></p>
</fieldset>
<fieldset id="handout" aria-describedby="handout-error">
<legend>Handouts</legend>
{kinds}
<p class="error" id="handout-error" role="alert"></p>
</fieldset>
<fieldset id="paper" aria-describedby="paper-error">
<legend>Paper</legend>
{papers}
<p class="error" id="paper-error" role="alert"></p>
</fieldset>
<button type="submit">Make the handouts</button>
<p id="status" role="status"></p>
</form>
<p><a href="index.html">Back to the guide</a></p>
</main>
<script type="application/json" id="clinic-data">{data}</script>
{scripts}
</body>
</html>
"""


def _field(name: str) -> str:
    kind = {"phone": "tel", "emergency": "tel"}.get(KINDS[name], "text")
    autocomplete = AUTOCOMPLETE.get(name, "off")
    described = f"{name}-error"
    hint = ""
    if name in HINTS:
        hint = f'<p class="hint" id="{name}-hint">{html.escape(HINTS[name])}</p>\n'
        described = f"{name}-hint {described}"
    return (
        f'<label for="{name}">{LABELS[name]}</label>\n{hint}'
        f'<input type="{kind}" id="{name}" name="{name}" autocomplete="{autocomplete}" '
        f'aria-describedby="{described}">\n'
        f'<p class="error" id="{name}-error" role="alert"></p>'
    )


# The logo: a PNG or JPEG (pdf-lib draws no SVG), checked as clinic_profile._logo checks.
LOGO_FIELD = """<label for="logo">Logo (optional)</label>
<p class="hint" id="logo-hint">A PNG or JPEG file, at most {kilobytes} KB. It is printed
at most {width} mm wide and {height} mm high.</p>
<input type="file" id="logo" name="logo" accept=".png,.jpg,.jpeg,image/png,image/jpeg"
 aria-describedby="logo-hint logo-error">
<p class="error" id="logo-error" role="alert"></p>"""
# Said of an SVG logo, which make clinic prints and the page cannot.
LOGO_SVG = "{value!r} is an SVG file: give a .png or .jpg file here, or ask for make clinic"
# Said of a PNG or JPEG the browser cannot decode (Pillow's own words are not at hand).
LOGO_UNREADABLE = "{value!r} cannot be read as an image; export it again"


def logo_rules() -> dict[str, Any]:
    return {
        "types": clinic_profile.LOGO_TYPES,
        "signatures": {
            media_type: list(signatures[0])
            for media_type, signatures in clinic_profile.LOGO_SIGNATURES.items()
        },
        "max_bytes": clinic_profile.MAX_LOGO_BYTES,
        "max_pixels": clinic_profile.MAX_LOGO_PIXELS,
        "max_side": clinic_profile.MAX_LOGO_SIDE,
        "slot": form_fields.LOGO_SLOT,
        "slot_mm": list(form_fields.LOGO_SLOT_MM),
        "messages": {
            "type": clinic_profile.LOGO_TYPE,
            "too_large": clinic_profile.LOGO_TOO_LARGE,
            "not_type": clinic_profile.LOGO_NOT_TYPE,
            "pixels": clinic_profile.LOGO_PIXELS,
            "svg": LOGO_SVG,
            "unreadable": LOGO_UNREADABLE,
        },
    }


def _choice(kind: str, name: str, value: str, text: str, checked: bool = False) -> str:
    ticked = " checked" if checked else ""
    return (
        f'<label><input type="{kind}" name="{name}" value="{html.escape(value)}"{ticked}> '
        f"{text}</label>"
    )


def _language_label(language: Language) -> str:
    native = (
        f'<span lang="{language.html_lang}" dir="{language.direction}">'
        f"{html.escape(language.name)}</span>"
    )
    return native if language.code == "en" else f"{native} ({html.escape(language.english)})"


def _kinds(handouts: list[dict]) -> dict[str, str]:
    """Each handout offered (its id: a bilingual sheet's is its handout's with "-en"),
    with its English name for the page: the English handout's title; a bilingual sheet is
    its handout's title, beside English."""
    english = {entry["handout"]: entry["title"] for entry in handouts if entry["language"] == "en"}
    kinds: dict[str, str] = {}
    for entry in handouts:
        kind = entry["handout"]
        if entry["bilingual"]:
            title = english.get(kind.removesuffix("-en"), kind)
            title = f"{title}, in English and the language side by side"
        else:
            title = english.get(kind, kind)
        kinds.setdefault(kind, title)
    return kinds


def published_handouts(html_dir: Path, handouts_dir: Path, listed: list[Language]) -> list[dict]:
    """The published PDFs of the listed languages, as the page offers them: only those
    the site holds (a withdrawn language's manifest lists none)."""
    offered = []
    for language in listed:
        record = manifest.read(handouts_dir / language.code)
        if record is None:
            continue
        for entry in record.handouts:
            url = f"{language.code}/handouts/{entry['file']}"
            if (html_dir / url).is_file():
                offered.append(
                    {
                        "language": language.code,
                        "language_name": language.english,
                        "handout": entry["handout"],
                        "bilingual": entry["bilingual"],
                        "title": entry["title"],
                        "paper": entry["paper"],
                        "file": entry["file"],
                        "url": url,
                    }
                )
    return offered


def _javascript_flags(pattern: re.Pattern) -> str:
    """The flags of `pattern` for JavaScript's RegExp. Without its "u" flag, JavaScript's
    classes and case folding are ASCII-only, as re.ASCII makes Python's."""
    if not pattern.flags & re.ASCII or pattern.flags & ~(re.ASCII | re.IGNORECASE):
        raise ValueError(f"no JavaScript flags for {pattern!r}: only re.ASCII and re.I")
    return "i" if pattern.flags & re.IGNORECASE else ""


@cache
def _invisible_names() -> dict[int, str]:
    names = {}
    for code in icu.UnicodeSet(_NAMED_INVISIBLE):
        name = unicodedata.name(code, "")
        if name:
            names[ord(code)] = name
    return names


def _pattern(pattern: re.Pattern) -> dict[str, str]:
    return {"source": pattern.pattern, "flags": _javascript_flags(pattern)}


def rules(languages: list[str]) -> dict[str, Any]:
    """The checks of the page's fields, as clinic_profile.py makes them, and how the
    handouts of `languages` write a temperature."""
    return {
        "fields": {
            name: {
                "max": clinic_profile.MAX_TEXT,
                "kind": KINDS[name],
                "required": name in clinic_profile.REQUIRED,
            }
            for name in LABELS
        },
        # The fields in the page's order (the JSON's keys are sorted): the first problem
        # is the one the reader's focus goes to.
        "order": list(LABELS),
        "max_phone": clinic_profile.MAX_PHONE,
        "min_phone_digits": clinic_profile.MIN_PHONE_DIGITS,
        "patterns": {
            "phone": _pattern(clinic_profile.PHONE),
            "emergency": _pattern(clinic_profile.EMERGENCY),
            "temperature": _pattern(clinic_profile.TEMPERATURE),
            "number_only": _pattern(clinic_profile.NUMBER_ONLY),
            "other_unit": _pattern(clinic_profile.OTHER_UNIT),
        },
        "fever_range_c": list(clinic_profile.FEVER_RANGE_C),
        "fever_fields": list(when_to_call.FEVER_FIELDS),
        "english_side": form_fields.ENGLISH_SIDE,
        "plan_fields": sorted(form_fields.OVER_PRINTED_TEXT),
        "logo": logo_rules(),
        "decimal_signs": {code: when_to_call.decimal_sign(code) for code in {"en", *languages}},
        "messages": {
            "missing": clinic_profile.MISSING,
            "text_too_long": clinic_profile.TEXT_TOO_LONG,
            "phone_too_long": clinic_profile.PHONE_TOO_LONG,
            "not_a_phone": clinic_profile.NOT_A_PHONE,
            "not_emergency": clinic_profile.NOT_EMERGENCY,
            "fever_no_unit": clinic_profile.FEVER_NO_UNIT,
            "fever_unit": clinic_profile.FEVER_UNIT,
            "fever_form": clinic_profile.FEVER_FORM,
            "fever_range": clinic_profile.FEVER_RANGE,
            "invisible": profile_text.INVISIBLE,
            "no_name": profile_text.NO_NAME,
        },
        "invisible": {
            "categories": sorted(profile_text.REFUSED_CATEGORIES),
            "joiners": sorted(profile_text.JOINERS),
            "names": _invisible_names(),
        },
    }


def page(html_dir: Path, handouts_dir: Path, listed: list[Language]) -> str:
    handouts = published_handouts(html_dir, handouts_dir, listed)
    offered = {entry["language"] for entry in handouts}
    languages = "\n".join(
        _choice("checkbox", "language", language.code, _language_label(language))
        for language in listed
        if language.code in offered
    )
    # Every handout is ticked at first: a clinic that wants only the card unticks the rest.
    kinds = "\n".join(
        _choice("checkbox", "handout", kind, html.escape(title), checked=True)
        for kind, title in _kinds(handouts).items()
    )
    paper_names = {entry["paper"]: entry for entry in handouts}
    papers = "\n".join(
        _choice("radio", "paper", paper, html.escape(definitions.PAPERS[paper]))
        for paper in definitions.PAPERS
        if paper in paper_names
    )
    data = {"handouts": handouts, "rules": rules(sorted(offered))}
    data["rules"]["right_to_left"] = sorted(
        language.code for language in listed if language.direction == "rtl"
    )
    # In a <script> element only "</" could end it early: JSON escapes it harmlessly.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    scripts = "\n".join(
        f'<script src="{(STATIC / name).as_posix()}"></script>' for name in [*LIBRARIES, SCRIPT]
    )
    return PAGE.format(
        fields="\n".join(_field(name) for name in LABELS),
        logo=LOGO_FIELD.format(
            kilobytes=clinic_profile.MAX_LOGO_BYTES // 1024,
            width=form_fields.LOGO_SLOT_MM[0],
            height=form_fields.LOGO_SLOT_MM[1],
        ),
        languages=languages,
        kinds=kinds,
        papers=papers,
        data=text,
        scripts=scripts,
    )


def write_if_changed(path: Path, content: bytes) -> None:
    """Rewrite only a changed file: `make` runs this after every build."""
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def write(html_dir: Path, handouts_dir: Path, listed: list[Language]) -> None:
    """Write the page and copy its scripts into the site."""
    modules = project.current().root / "node_modules"
    for name, source in LIBRARIES.items():
        library = modules / source
        if not library.is_file():
            raise FileNotFoundError(f"{library} is missing: run `npm ci` (make does)")
        write_if_changed(html_dir / STATIC / name, library.read_bytes())
    script = resources.files(__package__).joinpath(SCRIPT).read_bytes()
    write_if_changed(html_dir / STATIC / SCRIPT, script)
    text = page(html_dir, handouts_dir, listed)
    write_if_changed(html_dir / PAGE_NAME, text.encode("utf-8"))
