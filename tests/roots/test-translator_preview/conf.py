# The names the catalog check reads from conf.py (catalog headers, the edition).
project = "When Leukemia Comes Back"
author = "The relapsed ALL family guide project"
copyright = "2026"
release = "2026-11-27"

extensions = [
    "myst_parser",
    "allguide.sphinxext.catalog_guard",
    "allguide.sphinxext.when_to_call",
    "allguide.sphinxext.translator_preview",
]
# As the guide's conf.py: Sphinx reads only what catalog_guard checked and compiled.
locale_dirs: list[str] = []
gettext_auto_build = False
gettext_compact = False
