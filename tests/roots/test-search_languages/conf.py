extensions = ["myst_parser", "allguide.sphinxext.search_languages"]
html_theme = "basic"
