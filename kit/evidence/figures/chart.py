"""A bar chart from a :class:`~evidence.figures.spec.ChartSpec`, in the kit's figure frame.

One group of bars for each category, one bar in each group for each series, on a value axis
with round ticks that takes in zero (bars grow up from it, or down for negative values). The
series are told apart by shade and by the legend's order, never by colour alone, and every
value is said again in the text equivalent, a table with a row for each category.

The drawing is painted with ``currentColor`` (the page's text colour) as presentation
attributes: it reads in a light or dark scheme and in print without any stylesheet, and a
site's CSS may still colour its classes (``evidence-chart__bar--1`` ...).
"""

from __future__ import annotations

import math
from functools import lru_cache

from . import frame
from .metrics import text_width, wrap_to_width
from .spec import ChartSpec
from .style import MARGIN, MINOR, TEXT, WIDTH
from .svg import el, esc, multiline_text, num
from .text_equivalent import table

__all__ = ["base_id", "chart_template", "format_value"]

PLOT_H = 220.0
MAX_BAR_W = 64.0
SHADES = (0.85, 0.45, 0.15, 0.0)  # fill opacity of each series' bars (the last: an outline)
SWATCH_W, SWATCH_H = 24.0, 16.0
INK = {"fill": "currentColor"}


def format_value(value: float) -> str:
    """A value as written in the spec: 3, 3.5, 0.125 (never in exponent form)."""
    if value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def base_id(spec: ChartSpec) -> str:
    """The figure's id before it is made unique on its page."""
    return f"fig-{spec.id}"


def _ticks(low: float, high: float) -> tuple[float, float, float]:
    """(first tick, last tick, step): round steps (1, 2, 2.5 or 5 times a power of ten), at most 6 of them,
    covering ``low`` to ``high``."""
    if high == low:
        high = low + 1
    span = high - low
    power = 10 ** math.floor(math.log10(span / 6))
    step = next(power * factor for factor in (1, 2, 2.5, 5, 10) if span / (power * factor) <= 6)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _tick_text(value: float, step: float) -> str:
    """A tick's value with as many decimals as the step has (2.5: one)."""
    decimals = len(format_value(step).partition(".")[2])
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _legend(spec: ChartSpec, top: float) -> tuple[str, float]:
    """The series' swatches and names in rows; the markup and the y below it."""
    if len(spec.series) < 2:
        return "", top
    items, x, y = [], MARGIN, top + TEXT
    for index, series in enumerate(spec.series):
        width = SWATCH_W + 8 + text_width(series.name, TEXT) + 24
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = MARGIN, y + TEXT * 1.5
        items.append(_bar_rect(index, x, y - SWATCH_H + 2, SWATCH_W, SWATCH_H))
        items.append(multiline_text([series.name], x=x + SWATCH_W + 8, y=y, size=TEXT, css_class="fig-text",
                                    extra=INK))
        x += width
    return el("g", {"class": "evidence-chart__legend"}, *items), y + TEXT


def _bar_rect(series: int, x: float, y: float, width: float, height: float) -> str:
    return el("rect", {"x": x, "y": y, "width": width, "height": height,
                       "class": f"fig-bar evidence-chart__bar evidence-chart__bar--{series + 1}",
                       "fill": "currentColor", "fill-opacity": str(SHADES[series]), "stroke": "currentColor",
                       "stroke-width": "1.5"})


def _body(spec: ChartSpec) -> tuple[str, float]:
    """The drawing (legend, axis, bars, labels) and its height."""
    parts = []
    legend, y = _legend(spec, MARGIN)
    parts.append(legend)
    if spec.axis:
        y += MINOR
        parts.append(multiline_text([spec.axis], x=MARGIN, y=y, size=MINOR, css_class="fig-minor", extra=INK))
    values = [value for series in spec.series for value in series.values]
    first, last, step = _ticks(min(0.0, *values), max(0.0, *values))
    labels = [_tick_text(first + i * step, step) for i in range(round((last - first) / step) + 1)]
    axis_x = MARGIN + max(text_width(label, MINOR) for label in labels) + 8
    plot_top = y + MINOR + 10  # room for a value label above the highest bar
    plot_bottom = plot_top + PLOT_H

    def y_of(value: float) -> float:
        return plot_bottom - PLOT_H * (value - first) / (last - first)

    for index, label in enumerate(labels):
        tick_y = y_of(first + index * step)
        is_zero = abs(first + index * step) < step / 2
        parts.append(el("line", {"x1": axis_x, "x2": WIDTH - MARGIN, "y1": tick_y, "y2": tick_y,
                                 "class": "fig-axis" if is_zero else "fig-grid", "stroke": "currentColor",
                                 "stroke-opacity": "1" if is_zero else "0.2"}))
        parts.append(multiline_text([label], x=axis_x - 8, y=tick_y + 5, size=MINOR, css_class="fig-minor",
                                    anchor="end", extra=INK))
    group_w = (WIDTH - MARGIN - axis_x) / len(spec.categories)
    bar_w = min(MAX_BAR_W, group_w * 0.8 / len(spec.series))
    label_y = plot_bottom + MINOR + 8 + (MINOR + 6 if first < 0 else 0)  # below a negative bar's value
    lowest = label_y
    for group, category in enumerate(spec.categories):
        centre = axis_x + group_w * (group + 0.5)
        left = centre - bar_w * len(spec.series) / 2
        for index, series in enumerate(spec.series):
            value = series.values[group]
            x = left + index * bar_w
            top, bottom = sorted((y_of(value), y_of(0.0)))
            parts.append(_bar_rect(index, x, top, bar_w, bottom - top))
            text = format_value(value)
            if text_width(text, MINOR) <= bar_w + 4:  # else the text equivalent alone says it
                text_y = top - 6 if value >= 0 else bottom + MINOR + 2
                parts.append(multiline_text([text], x=x + bar_w / 2, y=text_y, size=MINOR,
                                            css_class="fig-minor", anchor="middle", extra=INK))
        lines = wrap_to_width(category, group_w - 6, MINOR)
        parts.append(multiline_text(lines, x=centre, y=label_y, size=MINOR, css_class="fig-text",
                                    anchor="middle", extra=INK))
        lowest = max(lowest, label_y + (len(lines) - 1) * MINOR * 1.25)
    return el("g", {"class": "evidence-chart"}, *parts), lowest + MARGIN


def _text_equivalent(spec: ChartSpec) -> str:
    unit = f" {spec.unit}" if spec.unit else ""
    rows = [[category, *(format_value(series.values[index]) + unit for series in spec.series)]
            for index, category in enumerate(spec.categories)]
    return table([spec.category_label, *(series.name for series in spec.series)], rows, caption=spec.title)


@lru_cache(maxsize=64)  # a figure recurs (the same spec on several pages, or on rebuilds)
def chart_template(spec: ChartSpec) -> str:
    """The chart's figure with its id left as :data:`frame.ID_TOKEN` (see frame.instantiate)."""
    body, height = _body(spec)
    return frame.render(frame.FigureParts(
        kind=spec.chart,
        width=WIDTH,
        height=float(num(height)),
        title=spec.title,
        desc=spec.description,
        defs="",
        body=body,
        caption=esc(spec.caption),
        text_equivalent=_text_equivalent(spec),
    ))
