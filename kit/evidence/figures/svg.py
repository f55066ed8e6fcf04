"""A tiny, safe SVG/XHTML string builder: every text and attribute value is escaped.

Output is well-formed XML (no HTML-only entities, no void elements) so it parses
with ``xml.etree`` and survives Markdown as a single raw HTML line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

Attrs = Mapping[str, object]


def esc(text: object) -> str:
    """``text`` escaped for XML character data and attribute values."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing ``.0``."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _attrs(attrs: Attrs | None) -> str:
    if not attrs:
        return ""
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        shown = num(value) if isinstance(value, float) else str(value)
        parts.append(f' {name}="{esc(shown)}"')
    return "".join(parts)


def el(name: str, attrs: Attrs | None = None, *children: str) -> str:
    """An element; ``children`` are already-built markup (use :func:`esc` for text)."""
    inner = "".join(children)
    if not inner and name not in _NEVER_SELF_CLOSED:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{inner}</{name}>"


# HTML elements that must not be written as <x/> when embedded in an HTML page.
_NEVER_SELF_CLOSED = frozenset({
    "div", "span", "p", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "td", "th",
    "figure", "figcaption", "details", "summary", "svg", "g", "text", "tspan", "title", "desc",
})  # fmt: skip


def multiline_text(
    lines: Iterable[str],
    *,
    x: float,
    y: float,
    size: float,
    css_class: str,
    anchor: str = "start",
    line_height: float = 1.25,
    hang: float = 0.0,
    extra: Attrs | None = None,
) -> str:
    """A ``<text>`` whose first baseline is at ``y``, one ``<tspan>`` per line.

    ``hang`` indents every line after the first (a hanging indent, for bullets).
    """
    spans = []
    for index, line in enumerate(lines):
        line_x = float(x) if index == 0 else float(x + hang)
        dy = num(size * line_height) if index else None
        spans.append(el("tspan", {"x": line_x, "dy": dy}, esc(line)))
    attrs: dict[str, object] = {
        "x": float(x),
        "y": float(y),
        "font-size": num(size),
        "text-anchor": anchor if anchor != "start" else None,
        "class": css_class,
    }
    attrs.update(extra or {})
    return el("text", attrs, *spans)


def block_height(line_count: int, size: float, line_height: float = 1.25) -> float:
    """Height taken by ``line_count`` lines of text of ``size`` (first line's ascent included)."""
    return size + (line_count - 1) * size * line_height
