"""Gettext for Jinja templates that never trusts a catalog: translations come back escaped.

Used by the site's templates (allguide/sphinxext/escaped_interface.py) and the handouts'
(allguide/handouts/builder.py). The English messages come from our own templates and stay as
they are (some hold entities such as &#169;).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from allguide import upstream


def escaping(translate: Callable[..., str]) -> Callable[..., Markup]:
    """A gettext function whose translations are escaped; our own English is kept as it is."""

    def translate_escaped(*arguments: Any) -> Markup:
        text = translate(*arguments)
        if any(text == argument for argument in arguments if isinstance(argument, str)):
            return Markup(text)
        return Markup.escape(text)

    return translate_escaped


def install(environment: Environment, newstyle: bool = False) -> None:
    """Give `environment` the interface catalog's gettext functions, escaping."""
    translator = upstream.sphinx_translator("sphinx")
    environment.install_gettext_callables(
        gettext=escaping(translator.gettext),
        ngettext=escaping(translator.ngettext),
        pgettext=escaping(translator.pgettext),
        npgettext=escaping(translator.npgettext),
        newstyle=newstyle,
    )
