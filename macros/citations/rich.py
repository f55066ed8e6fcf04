"""A tiny rich-text model the styles produce, and its two forms: plain text and HTML.

In HTML every text is escaped; a span citing a work (``key``) links to its entry in the page's
reference list (``#ref-<key>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


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


def anchor(key: str) -> str:
    """The id of a work's entry in a reference list."""
    return f"ref-{key}"


def to_html(rich: Rich) -> str:
    out = []
    for span in rich:
        text = escape(span.text, quote=False)
        if span.key:
            text = f'<a class="citation" href="#{escape(anchor(span.key))}">{text}</a>'
        elif span.href:
            text = f'<a href="{escape(span.href)}">{text}</a>'
        if span.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)
