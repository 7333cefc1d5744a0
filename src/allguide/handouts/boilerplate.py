"""The fixed words handouts print around their pages' own text: the page counter and the
draft notice, each worded once here.

Used by the page margins (render.py, templates/page.css), the handout template
(templates/handout.html, through the template environment's globals) and the bilingual
sheets (bilingual.py).
"""

from __future__ import annotations

from allguide.sphinxext.interface_nodes import N_

# The interface template (sphinx.pot) lists messages in the order extraction meets them,
# file by file in name order, and every committed catalog follows that order: these come
# first among the handouts' messages (before definitions.py's paper names), as they did
# when the builder marked them.
PAGE_COUNTER = N_("Page %(page)s of %(pages)s")

# A draft translation says so in three wordings, each where it fits:
# the mark, short: every page's top margin (with its English), and after the edition in
# the back matter of a handout with contents;
DRAFT_MARK = N_("Draft translation, not yet reviewed")
# the notice: page 1 of every handout (in the language and in English), and the
# translated column of a bilingual sheet's draft row;
DRAFT_NOTICE = N_(
    "This translation is a draft and has not been checked by a medical translator yet. "
    "If anything is unclear, ask your child's care team for an interpreter or for the "
    "English handout."
)
# and the English column of that row, which speaks of the translation beside it, not of
# itself (English only: it is never translated).
DRAFT_NOTICE_BESIDE = (
    "The translation beside this text is a draft and has not been checked by a medical "
    "translator yet."
)
