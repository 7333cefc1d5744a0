extensions = ["myst_parser", "allguide.sphinxext.ltr_runs"]
