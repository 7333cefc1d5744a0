extensions = ["myst_parser", "allguide.sphinxext.when_to_call"]
# Sphinx reads the catalogs itself here (in the guide, catalog_guard checks them first).
locale_dirs = ["locale"]
