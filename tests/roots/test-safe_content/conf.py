extensions = ["myst_parser", "allguide.sphinxext.safe_content"]
# As the guide's conf.py: raw HTML is shown as text, never passed through.
myst_disable_syntax = ["html_inline", "html_block"]
