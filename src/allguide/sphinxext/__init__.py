"""The Sphinx extensions, one per feature; conf.py lists them."""
