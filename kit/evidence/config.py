"""The citation settings in mkdocs.yml, read and checked once per build::

    extra:
      citations:
        style: apa                    # a module of styles/: apa (APA 7, the default), vancouver (numbered)
        bibliography: references.bib  # relative to mkdocs.yml

MkDocs' own config options check the types and values; a wrong value or an unknown name
fails the build with a message naming it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import DEFAULT_BIB
from .errors import CitationError
from .styles import DEFAULT_STYLE, style_names

SECTION = "citations"


class CitationSettings(base.Config):
    style = c.Choice(style_names(), default=DEFAULT_STYLE)
    bibliography = c.Type(str, default=DEFAULT_BIB)


def read(extra: dict[str, Any] | None) -> CitationSettings:
    """The ``extra.citations`` section of mkdocs.yml, checked; CitationError naming what is wrong."""
    raw = (extra or {}).get(SECTION) or {}
    if not isinstance(raw, dict):
        raise CitationError(f"mkdocs.yml: extra.{SECTION} must be a mapping, "
                            f"like '{SECTION}: {{style: apa}}'.")
    settings = CitationSettings()
    settings.load_dict(raw)
    errors, warnings = settings.validate()
    problems = [f"extra.{SECTION}.{name}: {error}" for name, error in [*errors, *warnings]]
    if problems:
        raise CitationError("mkdocs.yml: " + "; ".join(problems))
    return settings
