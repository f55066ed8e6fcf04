"""The iterative cycle clinicians described in the MSc interviews (Macphail, 2018b).

Five steps clockwise round a circle, starting at the top, with arrows between
them; after the last step, round again.
"""

from __future__ import annotations

import functools
import math

from alliance.model import CYCLE, CycleStep

from . import frame
from .citekeys import pandoc_cite
from .svg import block_height, el, esc, multiline_text, num, wrap
from .text_equivalent import bullet_list, em, strong

WIDTH = 640.0
MARGIN = 16.0
RADIUS = 200.0
BOX_W = 184.0
NAME_SIZE = 17.0
CHAR_W = 0.55
PAD = 10.0
CENTER_X = WIDTH / 2

HIGHLIGHT_IDS: tuple[str, ...] = tuple(step.id for step in CYCLE)


def _angle(index: float) -> float:
    """Angle in radians of position ``index`` (0 at the top, clockwise)."""
    return math.radians(-90 + 360 * index / len(CYCLE))


def _name_lines(step: CycleStep) -> list[str]:
    return wrap(f"{step.number}. {step.name}", int((BOX_W - 2 * PAD) / (CHAR_W * NAME_SIZE)))


def _box_height() -> float:
    lines = max(len(_name_lines(step)) for step in CYCLE)
    return 2 * PAD + block_height(lines, NAME_SIZE) + 4


def _center_y() -> float:
    return MARGIN + _box_height() / 2 + RADIUS


def _point(index: float) -> tuple[float, float]:
    angle = _angle(index)
    return CENTER_X + RADIUS * math.cos(angle), _center_y() + RADIUS * math.sin(angle)


def _arc(start: float, end: float, css_class: str, arrow: bool) -> str:
    (x1, y1), (x2, y2) = _point(start), _point(end)
    d = f"M{num(x1)},{num(y1)} A{num(RADIUS)},{num(RADIUS)} 0 0 1 {num(x2)},{num(y2)}"
    attrs = {"d": d, "class": css_class, "marker-end": f"url(#{frame.local_id('arrow')})" if arrow else None}
    return el("path", attrs)


def _ring() -> str:
    """The circle as arcs, with an arrowhead midway between each pair of steps."""
    arcs = []
    for index in range(len(CYCLE)):
        again = " fig-again" if index == len(CYCLE) - 1 else ""
        arcs.append(_arc(index, index + 0.5, f"fig-ring{again}", arrow=True))
        arcs.append(_arc(index + 0.5, index + 1, f"fig-ring{again}", arrow=False))
    return el("g", {"class": "fig-ring-group"}, *arcs)


def _step(step: CycleStep, index: int, highlight: str | None) -> str:
    x, y = _point(index)
    height = _box_height()
    rect = el(
        "rect",
        {
            "x": x - BOX_W / 2,
            "y": y - height / 2,
            "width": BOX_W,
            "height": height,
            "rx": 10,
            "class": "fig-box",
        },
    )
    lines = _name_lines(step)
    text_top = y - block_height(len(lines), NAME_SIZE) / 2 + NAME_SIZE - 2
    text = multiline_text(lines, x=x, y=text_top, size=NAME_SIZE, css_class="fig-name", anchor="middle")
    return el("g", frame.item_attrs(step.id, "fig-step", highlight), rect, text)


def _centre() -> str:
    y = _center_y()
    big = multiline_text(
        ["\u21bb Round again"], x=CENTER_X, y=y - 4, size=20, css_class="fig-name", anchor="middle"
    )
    small = multiline_text(
        [f"after step {len(CYCLE)}, back to step 1"],
        x=CENTER_X,
        y=y + 20,
        size=14,
        css_class="fig-minor",
        anchor="middle",
    )
    return el("g", {"class": "fig-centre"}, big, small)


def _arrow_marker() -> str:
    return el(
        "marker",
        {
            "id": frame.local_id("arrow"),
            "viewBox": "0 0 10 10",
            "refX": 5,
            "refY": 5,
            "markerWidth": 6,
            "markerHeight": 6,
            "orient": "auto",
        },
        el("path", {"d": "M0,0 L10,5 L0,10 z", "class": "fig-arrowhead"}),
    )


def _desc() -> str:
    steps = "; ".join(f"{step.number}, {step.name}" for step in CYCLE)
    return f"A cycle of {len(CYCLE)} steps clockwise round a circle: {steps}; then round again to step 1."


def _text_equivalent() -> str:
    items = [
        strong(step.name) + esc(f": {step.summary}") + bullet_list([esc(a) for a in step.aspects])
        for step in CYCLE
    ]
    return bullet_list(items, ordered=True) + el("p", None, em("Then round again, from step 1."))


def _caption() -> str:
    keys = [key for step in CYCLE for key in step.cite]
    return esc(
        "The iterative cycle clinicians described for building the alliance: understand the patient, "
        "build rapport, adapt assessment and treatment, educate and empower, review, and round again "
        f"{pandoc_cite(keys)}."
    )


@functools.cache
def template(highlight: str | None) -> str:
    """The cycle figure with ``highlight`` marked, id left as :data:`frame.ID_TOKEN`."""
    frame.check_highlight("cycle_figure", highlight, HIGHLIGHT_IDS)
    body = [_ring(), _centre()] + [_step(step, i, highlight) for i, step in enumerate(CYCLE)]
    bottom = max(_point(i)[1] for i in range(len(CYCLE))) + _box_height() / 2
    bottom = max(bottom, _center_y() + RADIUS)
    return frame.render(
        frame.FigureParts(
            kind="cycle",
            width=WIDTH,
            height=float(num(bottom + MARGIN)),
            title="The iterative cycle of building the alliance (Macphail, 2018b)",
            desc=_desc(),
            defs=_arrow_marker(),
            body="".join(body),
            caption=_caption(),
            text_equivalent=_text_equivalent(),
        )
    )
