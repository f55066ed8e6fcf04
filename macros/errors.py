"""The error a macro raises for a problem an author must fix, naming the file.

A :class:`MacroError` is a ``PluginError``: MkDocs prints its one line
(without a traceback) and stops the build, as it does for ``CitationError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError


class MacroError(PluginError, ValueError):
    """A problem an author must fix; the message is one line that starts with the file.

    Also a ``ValueError``, as the macros' errors were before they reached MkDocs this way.
    """


def page_file(env: Any) -> str:
    """The page being built, as ``docs/<path>`` ("a page" outside a build)."""
    page = getattr(env, "page", None)
    if page is None:
        return "a page"
    docs_dir = Path((getattr(env, "conf", None) or {}).get("docs_dir", "docs")).name
    return f"{docs_dir}/{page.file.src_path}"


def one_line(text: object) -> str:
    """``text`` on one line (problems joined with '; ')."""
    return "; ".join(part.strip() for part in str(text).splitlines() if part.strip())
