"""Text equivalents of figures: lists and tables as escaped XHTML."""

from __future__ import annotations

from collections.abc import Sequence

from .svg import el, esc


def bullet_list(items: Sequence[str], ordered: bool = False) -> str:
    """A list of already-built items."""
    return el("ol" if ordered else "ul", None, *(el("li", None, item) for item in items))


def strong(text: str) -> str:
    return el("strong", None, esc(text))


def em(text: str) -> str:
    return el("em", None, esc(text))


def table(header: Sequence[str], rows: Sequence[Sequence[str]], caption: str = "") -> str:
    """A table of escaped cells; the first cell of each row is a row header."""
    head = el("thead", None, el("tr", None, *(el("th", {"scope": "col"}, esc(h)) for h in header)))
    body_rows = []
    for row in rows:
        first, *rest = row
        cells = [el("th", {"scope": "row"}, esc(first))] + [el("td", None, esc(cell)) for cell in rest]
        body_rows.append(el("tr", None, *cells))
    parts = [el("caption", None, esc(caption))] if caption else []
    return el("table", None, *parts, head, el("tbody", None, *body_rows))
