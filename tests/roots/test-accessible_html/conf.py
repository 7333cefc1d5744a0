extensions = ["myst_parser", "allguide.sphinxext.accessible_html"]
html_theme = "basic"
locale_dirs = ["locale"]
gettext_compact = False
