# The guide's theme (its templates write lang, dir and the links) is given by the tests.
extensions = ["myst_parser", "allguide.sphinxext.site_languages"]
html_theme = "furo"
# The languages to link to, as make passes them (worked out from the catalogs otherwise).
site_listed_languages = ["en", "ar"]
