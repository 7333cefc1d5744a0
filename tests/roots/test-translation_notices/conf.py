# The guide's theme (its templates show the notice) is given by the tests: templates_path.
extensions = [
    "myst_parser",
    "allguide.sphinxext.site_languages",
    "allguide.sphinxext.translation_notices",
]
html_theme = "furo"
locale_dirs = ["locale"]
gettext_compact = False
site_listed_languages = ["en", "es"]
