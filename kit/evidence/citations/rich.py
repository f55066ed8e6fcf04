"""A tiny rich-text model the styles produce, and its two forms: plain text and HTML.

In HTML every text is escaped; a span citing a work (``key``) links to its entry in the page's
reference list (``#ref-<key>``).

A range of numbers ([3–7]) shows its ends, yet every number in it is a link to its work's entry
with its tooltip: the spans between the ends (``role=RANGE_BETWEEN``: ', 4, 5, 6, ') are left out of
the plain text, and in HTML they are hidden until the range has the pointer or the focus
(citations.css), while screen readers read them and not the dash: "3, 4, 5, 6, 7".
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
    role: str = ""  # in a range of numbers: one of the RANGE_* below


RANGE_START, RANGE_DASH, RANGE_BETWEEN, RANGE_END = "range-start", "range-dash", "range-between", "range-end"

Rich = tuple[Span, ...]


def plain(rich: Rich) -> str:
    """The text a reader sees: a range's ends and dash, not the numbers between them."""
    return "".join(span.text for span in rich if span.role != RANGE_BETWEEN)


def anchor(key: str) -> str:
    """The id of a work's entry in a reference list."""
    return f"ref-{key}"


def to_html(rich: Rich) -> str:
    out = []
    for index, span in enumerate(rich):
        text = escape(span.text, quote=False)
        if span.key:
            text = f'<a class="citation" href="#{escape(anchor(span.key))}">{text}</a>'
        elif span.href:
            text = f'<a href="{escape(span.href)}">{text}</a>'
        if span.italic:
            text = f"<em>{text}</em>"
        if span.role:
            text = _in_range(text, span.role, rich[index - 1].role if index else "",
                             rich[index + 1].role if index + 1 < len(rich) else "")
        out.append(text)
    return "".join(out)


def _in_range(html: str, role: str, before: str, after: str) -> str:
    """A piece of a range of numbers, with the markup that opens or closes around it."""
    if role == RANGE_START:
        return f'<span class="citation-range">{html}'
    if role == RANGE_DASH:
        return f'<span class="citation-range-dash" aria-hidden="true">{html}</span>'
    if role == RANGE_END:
        return f"{html}</span>"
    opened = "" if before == RANGE_BETWEEN else '<span class="citation-range-between">'
    return opened + html + ("" if after == RANGE_BETWEEN else "</span>")
