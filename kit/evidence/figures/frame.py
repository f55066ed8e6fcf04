"""What every figure shares: the ``<figure>`` wrapper, per-page unique ids, highlighting.

A figure is a ``<figure class="evidence-figure evidence-figure--<kind>">`` holding an SVG
(``role="img"``, its title and description), a visible caption and a text equivalent in a
``<details>``. It is built once per (figure, highlight) as a template holding :data:`ID_TOKEN`
wherever its HTML id goes; each use swaps in a fresh id from the page's :class:`FigureIds`, so
the same figure can appear twice on one page with unique ids (``fig-levels``, ``fig-levels-2``...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import MacroError
from .svg import el, esc, num

ID_TOKEN = "@@FIGID@@"
SVG_NS = "http://www.w3.org/2000/svg"


class FigureIds:
    """The figure ids handed out on one page (the plugin makes one for each page)."""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def next(self, base: str) -> str:
        count = self._used.get(base, 0) + 1
        self._used[base] = count
        return base if count == 1 else f"{base}-{count}"


# What a figure highlights: one model id, several, or none.
Highlight = str | tuple[str, ...] | None


class FigureError(MacroError):
    """A figure macro called with something it cannot draw (an unknown id, a broken data file)."""


def highlighted_ids(highlight: Highlight | list[str]) -> tuple[str, ...]:
    """The ids ``highlight`` names, as a tuple (the figures' templates are cached by it)."""
    if highlight is None:
        return ()
    return (highlight,) if isinstance(highlight, str) else tuple(highlight)


def check_highlight(figure: str, highlight: Highlight, valid: Iterable[str]) -> None:
    """Raise :class:`FigureError` naming the figure and the valid ids if ``highlight`` names an unknown id."""
    valid = tuple(valid)
    unknown = [model_id for model_id in highlighted_ids(highlight) if model_id not in valid]
    if unknown:
        raise FigureError(f"{figure}(highlight={highlight!r}): unknown id {', '.join(map(repr, unknown))}; "
                          f"valid ids: {', '.join(valid)}")


def highlight_sentence(highlight: Highlight, names: dict[str, str]) -> str:
    """`` Highlighted: <name>.`` for the figure's description (empty without a highlight)."""
    ids = highlighted_ids(highlight)
    return f" Highlighted: {'; '.join(names[model_id] for model_id in ids)}." if ids else ""


def item_attrs(model_id: str, css_class: str, highlight: Highlight) -> dict[str, object]:
    """Attributes of a model element's ``<g>``: ``data-id`` always, the highlight if asked."""
    highlighted = model_id in highlighted_ids(highlight)
    return {
        "class": f"{css_class} is-highlighted" if highlighted else css_class,
        "data-id": model_id,
        "aria-current": "true" if highlighted else None,
    }


def local_id(name: str) -> str:
    """An id inside a figure (marker, pattern...), unique with the figure's own id."""
    return f"{ID_TOKEN}-{name}"


@dataclass(frozen=True)
class FigureParts:
    kind: str  # what the figure is (a class of the figure: evidence-figure--<kind>)
    width: float
    height: float
    title: str
    desc: str
    defs: str
    body: str
    caption: str  # already-built markup
    text_equivalent: str  # already-built markup


def render(parts: FigureParts) -> str:
    """The figure as one line of HTML with :data:`ID_TOKEN` in place of its id."""
    svg = el(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "evidence-figure__svg",
            "role": "img",
            "aria-labelledby": f"{ID_TOKEN}-title {ID_TOKEN}-desc",
            "viewBox": f"0 0 {num(parts.width)} {num(parts.height)}",
            "preserveAspectRatio": "xMidYMid meet",
            "focusable": "false",
        },
        el("title", {"id": f"{ID_TOKEN}-title"}, esc(parts.title)),
        el("desc", {"id": f"{ID_TOKEN}-desc"}, esc(parts.desc)),
        el("defs", None, parts.defs) if parts.defs else "",
        parts.body,
    )
    details = el(
        "details",
        {"class": "evidence-figure__text"},
        el("summary", None, "Text description"),
        parts.text_equivalent,
    )
    html = el(
        "figure",
        {"class": f"evidence-figure evidence-figure--{parts.kind}", "id": ID_TOKEN},
        svg,
        el("figcaption", None, parts.caption),
        details,
    )
    if "\n" in html:
        raise AssertionError(f"figure {parts.kind!r} must be one line for Markdown")
    return html


def instantiate(template: str, base_id: str, ids: FigureIds | None = None) -> str:
    """``template`` with a fresh id based on ``base_id``, unique among the page's ``ids`` (without
    them, ``base_id`` itself: a figure drawn outside a page)."""
    return template.replace(ID_TOKEN, base_id if ids is None else ids.next(base_id))


def arrow_marker(orient: str) -> str:
    """The arrowhead ``<marker>`` the figures share (``orient``: SVG's ``orient`` value)."""
    return el(
        "marker",
        {
            "id": local_id("arrow"),
            "viewBox": "0 0 10 10",
            "refX": 8,
            "refY": 5,
            "markerWidth": 5,
            "markerHeight": 5,
            "orient": orient,
        },
        el("path", {"d": "M0,0 L10,5 L0,10 z", "class": "fig-arrowhead"}),
    )
