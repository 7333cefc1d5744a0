extensions = ["myst_parser", "allguide.sphinxext.myst_speed"]
html_theme = "basic"
locale_dirs = ["locale"]
gettext_compact = False
