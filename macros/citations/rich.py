"""A tiny rich-text model the styles produce and the backends (HTML, plain text) render."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A run of text: plain, in italics, a link (``href``; the text is what is shown), or a
    citation of the work ``key`` (a link to its entry in the page's reference list)."""

    text: str
    italic: bool = False
    href: str = ""
    key: str = ""


Rich = tuple[Span, ...]


def plain(rich: Rich) -> str:
    return "".join(span.text for span in rich)
