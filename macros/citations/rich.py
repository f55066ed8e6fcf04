"""A tiny rich-text model the APA style produces and the backends render."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A run of text: plain, in italics, or a link (text is the URL shown)."""

    text: str
    italic: bool = False
    href: str = ""


Rich = tuple[Span, ...]


def plain(rich: Rich) -> str:
    return "".join(span.text for span in rich)
