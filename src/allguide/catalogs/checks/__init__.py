"""The checks of translation catalogs, one module per check (as python-docs-fr's padpo).

language.py checks a language's catalogs as read once, catalog.py one catalog and
translation.py one translated message against its English; every other module is one
check. check_po.py is the command that reports what they find.

Which checks come from where:

- GNU msgfmt: the syntax (syntax.py; the strictest parser, Babel and polib skip over
  some broken lines). polib reads the entries (it knows line numbers), Babel reads them
  too, as Sphinx will (reading.py).
- Babel: plural rules (header.py) and its `num_plurals` checker (plurals.py); its
  `python_format` checker and its PYTHON_FORMAT pattern (how Python reads a `%`
  placeholder) for interface strings (placeholders.py).
- Ours, because no catalog tool does them: the MyST structure (structure.py: no tool
  reads MyST; Translate Toolkit's xmltags check takes role targets such as <fever> for
  tags, so it is not used), numbers in the language's own notation (numbers.py),
  negations (negations.py, urgency.py), invisible and look-alike characters
  (characters.py), length (length.py), identical English (identical.py), URLs
  (urls.py), HTML (markup.py), a lone `%`, a dropped named placeholder and `${...}`
  (placeholders.py: Babel's checker allows or skips them; each breaks a page), entries
  shaped otherwise than the template (shape.py, interface_messages.py), and catalogs
  that are not ours (unknown_files.py).

This file imports nothing, so that catalog_files.py can use syntax.py (msgfmt) while
the checks read files through catalog_files.py, without an import cycle.
"""
