"""Sphinx configuration for the relapsed ALL family guide.

Build with the Makefile (`make all`); it runs
`sphinx-build -c . docs _build/html/<lang> -D language=<lang>` per language.
"""

from __future__ import annotations

# -- Project information ------------------------------------------------------

project = "When Leukemia Comes Back"
author = "The relapsed ALL family guide project"
# Shown in every language's footer, so it holds no words to translate.
copyright = "2026"
# The guide's edition: the date of its last medical content review. docs/about.md
# states it, and the date of the next review, in words; the tests check they agree.
release = version = "2026-11-27"
today = release

# -- General configuration ----------------------------------------------------

# Our extensions are the installed package `allguide` (make installs it into .venv);
# see README's Layout. allguide.sphinxext.project comes first: it makes this folder
# the project the others read.
extensions = [
    "allguide.sphinxext.project",
    "allguide.sphinxext.accessible_html",
    "allguide.sphinxext.catalog_guard",
    "allguide.sphinxext.escaped_interface",
    "allguide.handouts",
    "allguide.handouts.site_listing",
    "allguide.handouts.with_site",
    "allguide.sphinxext.interface_translations",
    "allguide.sphinxext.labelled_figures",
    "allguide.sphinxext.ltr_runs",
    "myst_parser",
    "allguide.sphinxext.myst_speed",
    "allguide.sphinxext.safe_content",
    "allguide.sphinxext.site_languages",
    "allguide.sphinxext.translation_notices",
    "allguide.sphinxext.translator_comments",
    "allguide.sphinxext.translator_preview",
    "allguide.sphinxext.when_to_call",
    "allguide.sphinxext.search_languages",
]
root_doc = "index"
language = "en"
exclude_patterns: list[str] = []

# -- MyST ---------------------------------------------------------------------

# Raw HTML is shown as text, never passed through: translators' text must not be
# able to inject markup into the site (this also applies to the English pages).
myst_disable_syntax = ["html_inline", "html_block"]

# -- Internationalisation -----------------------------------------------------

# The catalogs are in locale/<lang>/LC_MESSAGES/, but Sphinx reads none of them: the
# catalog_guard extension checks them and points locale_dirs at what it compiled from
# the checked entries, in the build folder. Nothing is compiled into the source tree.
locale_dirs: list[str] = []
gettext_auto_build = False
# One catalog per page, as sphinx-intl and the Python docs translations do.
gettext_compact = False
# No source line numbers or UUIDs in catalogs: a one-line page edit then
# touches only that entry, not every entry below it.
gettext_location = False
gettext_uuid = False
gettext_allow_fuzzy_translations = False
# Mark paragraphs still shown in English, so the site can say so.
translation_progress_classes = "untranslated"

# -- HTML ---------------------------------------------------------------------

html_theme = "furo"
html_title = "When Leukemia Comes Back: A Guide for Families"
html_static_path = ["theme/static"]
templates_path = ["theme/templates"]
html_css_files = ["guide.css"]
# Families do not need the Markdown source next to each page.
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": True,
    # Furo's defaults for these fail WCAG contrast on links in dark mode.
}

# Where the site is published (without the language folder). Canonical links and the
# handouts' QR codes point to <guide_baseurl><lang>/<page>.html; the site_languages
# extension sets html_baseurl per language from it. This is a placeholder: set the real
# address when you publish (make release BASEURL=https://...); builds with it warn.
guide_baseurl = "https://relapsed-all-guide.example.org/"

# -- Handouts -----------------------------------------------------------------

# Three years after the last review (release).
handouts_next_review = "2029-11-27"
# A clinic profile fills in the care team box: make handouts CLINIC=path/to/clinic.toml
handouts_clinic_profile = ""
