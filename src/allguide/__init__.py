"""The relapsed ALL family guide's build: its languages, catalogs, Sphinx extensions,
handouts and site. The project it builds (pages, catalogs, language table) is a folder
of its own, named by `allguide.project`; see README's Layout and CONTRIBUTING.md."""
