extensions = ["myst_parser", "allguide.sphinxext.labelled_figures"]
html_theme = "basic"
locale_dirs = ["locale"]
gettext_compact = False
