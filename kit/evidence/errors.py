"""The errors of a build: one class per area, all :class:`EvidenceError`, a ``PluginError``.

MkDocs prints a ``PluginError``'s message as one line, without a traceback, and stops the
build. Every message starts with where the problem is (``docs/page.md, line 12``,
``references.bib:40``, ``mkdocs.yml: plugins.evidence.citation_style``) and says what to do.

An error met inside mkdocs-macros' Jinja (a macro's) would be printed inside a traceback, so the
plugin keeps it for the page and raises it once the page's macros have run (see build.py).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

__all__ = ["ConfigError", "EvidenceError", "MacroError", "StashError", "one_line"]


class EvidenceError(PluginError):
    """A problem an author must fix; the message is one line that starts with where it is."""


class ConfigError(EvidenceError):
    """A setting of the plugin (``plugins: - evidence:`` or the older ``extra.citations``) is wrong."""


class MacroError(EvidenceError, ValueError):
    """A macro (the kit's or a guide's) called with something it cannot use.

    Also a ``ValueError``, as the macros' errors were before they reached MkDocs this way.
    """


class StashError(EvidenceError, ValueError):
    """Kept HTML asked for on a page it does not belong to: Markdown holding the tokens of one page
    was converted as another's."""


def one_line(text: object) -> str:
    """``text`` on one line (problems joined with '; ')."""
    return "; ".join(part.strip() for part in str(text).splitlines() if part.strip())
