extensions = ["myst_parser", "allguide.sphinxext.translator_comments"]
# As the guide's conf.py: one catalog template per page, no source lines in it.
gettext_compact = False
gettext_location = False
gettext_uuid = False
