"""The 2x2 result of Fuentes et al. (2014) as two bar panels, drawn from the data file.

Pain reduction (cm) and pressure-pain-threshold rise (kg) for the four arms,
grouped by alliance (limited, enhanced); active current solid, sham hatched;
95% confidence intervals as whiskers.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evidence.figures import frame
from evidence.figures.frame import FigureError
from evidence.figures.style import MARGIN, MINOR, NAME, TEXT, WIDTH
from evidence.figures.svg import el, multiline_text, num

from .fuentes_data import fuentes, pain_ci_cm
from .fuentes_words import caption, cm, description, kg, text_equivalent

AXIS_X = 50.0
PLOT_H = 200.0
BAR_W = 74.0
BAR_GAP = 14.0
TICK_SIZE = MINOR
LABEL_SIZE = TEXT
ALLIANCES = ("limited", "enhanced")


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    unit: str
    value: Callable[[dict[str, Any]], float]
    ci: Callable[[dict[str, Any]], tuple[float, float]]
    fmt: Callable[[float], str]


PANELS = (
    Panel(
        "pain", "Pain reduced (cm on a 10 cm scale)", "cm", lambda arm: arm["pain_change_cm"], pain_ci_cm, cm
    ),
    Panel(
        "ppt",
        "Pressure pain threshold raised (kg)",
        "kg",
        lambda arm: arm["ppt_change_kg"],
        lambda arm: tuple(arm["ppt_ci_kg"]),
        kg,
    ),
)


def _fmt(value: float) -> str:
    """An axis tick."""
    return f"{value:g}"


def _scale(highest: float) -> tuple[float, float]:
    """Axis maximum and tick step for data up to ``highest`` (room left for labels)."""
    target = highest * 1.15
    for step in (0.5, 1.0, 2.0, 5.0):
        if target / step <= 6:
            return math.ceil(target / step) * step, step
    raise FigureError(f"fuentes_chart: value {highest} is beyond the chart's scales")


def _legend(y: float) -> str:
    items = []
    x = AXIS_X
    for current, label in (("active", "Active current"), ("sham", "Sham current")):
        fill = f"url(#{frame.local_id('hatch')})" if current == "sham" else None
        swatch = el(
            "rect",
            {
                "x": x,
                "y": y - 14,
                "width": 26,
                "height": 18,
                "class": f"fig-bar fig-bar--{current}",
                "fill": fill,
            },
        )
        text = multiline_text([label], x=x + 34, y=y, size=LABEL_SIZE, css_class="fig-text")
        items.append(swatch + text)
        x += 180
    mid = y - 5
    whisker = el(
        "path",
        {
            "d": f"M{num(x + 13)},{num(mid - 10)} V{num(mid + 10)} M{num(x + 5)},{num(mid - 10)} "
            f"H{num(x + 21)} M{num(x + 5)},{num(mid + 10)} H{num(x + 21)}",
            "class": "fig-whisker",
        },
    )
    label = multiline_text(["95% CI"], x=x + 34, y=y, size=LABEL_SIZE, css_class="fig-text")
    return el("g", {"class": "fig-legend"}, *items, whisker, label)


def _panel(panel: Panel, arms: list[dict[str, Any]], top: float) -> tuple[str, float]:
    title = multiline_text([panel.title], x=AXIS_X, y=top + 20, size=NAME - 1, css_class="fig-name")
    plot_top = top + 44
    plot_bottom = plot_top + PLOT_H
    highest = max(panel.ci(arm)[1] for arm in arms)
    maximum, step = _scale(highest)

    def y_of(value: float) -> float:
        return plot_bottom - PLOT_H * value / maximum

    parts = [title]
    ticks = round(maximum / step)
    for i in range(ticks + 1):
        value = i * step
        y = y_of(value)
        parts.append(
            el(
                "line",
                {
                    "x1": AXIS_X,
                    "x2": WIDTH - MARGIN,
                    "y1": y,
                    "y2": y,
                    "class": "fig-axis" if i == 0 else "fig-grid",
                },
            )
        )
        parts.append(
            multiline_text(
                [_fmt(value)], x=AXIS_X - 8, y=y + 5, size=TICK_SIZE, css_class="fig-minor", anchor="end"
            )
        )
    group_w = (WIDTH - MARGIN - AXIS_X) / len(ALLIANCES)
    for g, alliance in enumerate(ALLIANCES):
        centre = AXIS_X + group_w * (g + 0.5)
        group_arms = [arm for arm in arms if arm["alliance"] == alliance]
        first_x = centre - (len(group_arms) * BAR_W + (len(group_arms) - 1) * BAR_GAP) / 2
        for b, arm in enumerate(group_arms):
            x = first_x + b * (BAR_W + BAR_GAP)
            parts.append(_bar(panel, arm, x, y_of))
            labels = [arm["current"].capitalize(), f"n = {arm['n']}"]
            parts.append(
                multiline_text(
                    labels,
                    x=x + BAR_W / 2,
                    y=plot_bottom + 22,
                    size=TICK_SIZE,
                    css_class="fig-minor",
                    anchor="middle",
                )
            )
        parts.append(
            multiline_text(
                [f"{alliance.capitalize()} alliance"],
                x=centre,
                y=plot_bottom + 70,
                size=LABEL_SIZE,
                css_class="fig-name",
                anchor="middle",
            )
        )
    return el("g", {"class": "fig-panel", "data-id": panel.key}, *parts), plot_bottom + 78


def _bar(panel: Panel, arm: dict[str, Any], x: float, y_of: Callable[[float], float]) -> str:
    value = panel.value(arm)
    low, high = panel.ci(arm)
    current = arm["current"]
    fill = f"url(#{frame.local_id('hatch')})" if current == "sham" else None
    bar = el(
        "rect",
        {
            "x": x,
            "y": y_of(value),
            "width": BAR_W,
            "height": y_of(0) - y_of(value),
            "class": f"fig-bar fig-bar--{current}",
            "fill": fill,
        },
    )
    mid = x + BAR_W / 2
    cap = 10.0
    whisker = el(
        "path",
        {
            "d": f"M{num(mid)},{num(y_of(low))} V{num(y_of(high))} "
            f"M{num(mid - cap)},{num(y_of(low))} H{num(mid + cap)} "
            f"M{num(mid - cap)},{num(y_of(high))} H{num(mid + cap)}",
            "class": "fig-whisker",
        },
    )
    label = multiline_text(
        [panel.fmt(value)], x=mid, y=y_of(high) - 7, size=LABEL_SIZE, css_class="fig-name", anchor="middle"
    )
    return el("g", {"class": "fig-arm", "data-id": f"{panel.key}-{arm['id']}"}, bar, whisker, label)


def _hatch() -> str:
    return el(
        "pattern",
        {
            "id": frame.local_id("hatch"),
            "patternUnits": "userSpaceOnUse",
            "width": 10,
            "height": 10,
            "patternTransform": "rotate(45)",
        },
        el("rect", {"width": 10, "height": 10, "class": "fig-hatch-bg"}),
        el("line", {"x1": 0, "y1": 0, "x2": 0, "y2": 10, "class": "fig-hatch-line"}),
    )


@functools.cache
def template() -> str:
    """The chart, id left as :data:`frame.ID_TOKEN`."""
    data = fuentes()
    arms = list(data["arms"])
    body = [_legend(MARGIN + 18)]
    top = MARGIN + 36
    for panel in PANELS:
        markup, top = _panel(panel, arms, top + 8)
        body.append(markup)
    return frame.render(
        frame.FigureParts(
            kind="fuentes",
            width=WIDTH,
            height=float(num(top + MARGIN)),
            title="Fuentes et al. (2014): change in pain and pressure pain threshold in the four arms",
            desc=description(data),
            defs=_hatch(),
            body="".join(body),
            caption=caption(data),
            text_equivalent=text_equivalent(data),
        )
    )
