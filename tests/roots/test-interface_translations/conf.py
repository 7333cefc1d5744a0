from pathlib import Path

extensions = ["myst_parser", "allguide.sphinxext.interface_translations"]
html_theme = "basic"
# The catalog as catalog_guard would publish it, here read from the root directly. An
# absolute path, as catalog_guard sets it: the extension reads the folder as it is given.
locale_dirs = [str(Path(__file__).parent / "locale")]
