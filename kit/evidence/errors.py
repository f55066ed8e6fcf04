"""The error a macro raises for a problem an author must fix, naming the file.

A :class:`MacroError` is a ``PluginError``: MkDocs prints its one line
(without a traceback) and stops the build, as it does for ``CitationError``.
mkdocs-macros would print a traceback around an error raised while Jinja
renders a page, so a macro wrapped by :func:`reported` keeps its error and
``on_post_page_macros`` raises it once the page's macros have run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
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


@dataclass
class MacroState:
    """What the macros of this package keep for one build: the first error a macro met on the page
    being built, raised once the page's macros have run (outside Jinja, which would print a
    traceback around it)."""

    error: MacroError | None = None
    deferred: bool = False  # True once on_pre_page_macros runs: on_post_page_macros will raise the error


def state(env: Any) -> MacroState:
    """This build's :class:`MacroState` (kept on the mkdocs-macros ``env``)."""
    found = getattr(env, "guide_macro_state", None)
    if found is None:
        found = MacroState()
        env.guide_macro_state = found
    return found


def reported(env: Any, function: Callable[..., str]) -> Callable[..., str]:
    """``function`` as a macro: a :class:`MacroError` is kept for :func:`on_post_page_macros` to raise,
    and the macro writes nothing (in a project that does not run this module's hooks, it is raised
    at once)."""

    @wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        try:
            return function(*args, **kwargs)
        except MacroError as error:
            kept = state(env)
            if not kept.deferred:
                raise
            kept.error = kept.error or error
            return ""

    return macro


def on_pre_page_macros(env: Any) -> None:
    kept = state(env)
    kept.error, kept.deferred = None, True


def on_post_page_macros(env: Any) -> None:
    """Stop the build with the page's first macro error: MkDocs prints its one line."""
    kept = state(env)
    if kept.error is not None:
        error, kept.error = kept.error, None
        raise error
