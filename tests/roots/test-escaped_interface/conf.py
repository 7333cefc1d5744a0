extensions = ["myst_parser", "allguide.sphinxext.escaped_interface"]
html_theme = "basic"
# Sphinx reads this catalog unchecked (no catalog_guard): escaping must hold on its own.
locale_dirs = ["locale"]
