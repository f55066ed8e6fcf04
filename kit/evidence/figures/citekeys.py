"""Citation markup in a figure's caption, which the plugin turns into linked citations in the site's style."""

from __future__ import annotations

from collections.abc import Iterable

from .frame import FigureError


def pandoc_cite(keys: Iterable[str]) -> str:
    """``[@a; @b]`` for ``keys`` in first-seen order, each once."""
    unique = list(dict.fromkeys(keys))
    if not unique:
        raise FigureError("pandoc_cite: no citation keys given")
    return "[" + "; ".join(f"@{key}" for key in unique) + "]"
