"""The iterative cycle clinicians described in the MSc interviews (Macphail, 2018b).

Five steps clockwise round a circle, starting at the top, each numbered in a
badge, with arrows between them; after the last step, round again (the
dashed stretch of the ring).
"""

from __future__ import annotations

import functools
import math

from alliance.model import CYCLE, CYCLE_RECONSTRUCTION, CycleStep
from evidence.figures import frame
from evidence.figures.citekeys import pandoc_cite
from evidence.figures.frame import FigureError
from evidence.figures.metrics import text_width, wrap_to_width
from evidence.figures.style import MARGIN, MINOR, NAME, WIDTH
from evidence.figures.svg import block_height, el, esc, multiline_text, num
from evidence.figures.text_equivalent import bullet_list, em, strong

RADIUS_X = 170.0
RADIUS_Y = 190.0
NAME_SIZE = NAME - 2
MAX_TEXT_W = 184.0
PAD = 12.0
BADGE_R = 15.0
CENTER_X = WIDTH / 2
# Where the steps sit round the ring, in degrees clockwise from 3 o'clock: step 1
# top left, step 2 top right (read left to right), wide apart so the arrow over
# the top shows. Any other number of steps is spaced evenly.
FIVE_STEP_DEGREES = (-145.0, -35.0, 25.0, 90.0, 155.0)
ARROW_CLEARANCE = 4.0  # gap between an arrow's ends and the boxes
MIN_ARROW = 16.0  # shortest visible arrow; shorter means the layout is broken
SAMPLES = 240

HIGHLIGHT_IDS: tuple[str, ...] = tuple(step.id for step in CYCLE)

Box = tuple[float, float, float, float]  # left, top, right, bottom


def _step_degrees() -> tuple[float, ...]:
    if len(CYCLE) == len(FIVE_STEP_DEGREES):
        return FIVE_STEP_DEGREES
    return tuple(-90 + 360 * i / len(CYCLE) for i in range(len(CYCLE)))


def _angle(position: float) -> float:
    """Angle in radians of ``position``: step ``k`` at ``k``, between steps in between, clockwise."""
    degrees = _step_degrees()
    index = math.floor(position) % len(CYCLE)
    start = degrees[index]
    end = degrees[(index + 1) % len(CYCLE)]
    if end <= start:
        end += 360
    return math.radians(start + (end - start) * (position - math.floor(position)))


def _name_lines(step: CycleStep) -> list[str]:
    return wrap_to_width(step.name, MAX_TEXT_W, NAME_SIZE, bold=True)


def _box_size(step: CycleStep) -> tuple[float, float]:
    lines = _name_lines(step)
    width = max(text_width(line, NAME_SIZE, bold=True) for line in lines) + 2 * PAD
    return max(width, 110.0), 2 * PAD + block_height(len(lines), NAME_SIZE) + 8


def _center_y() -> float:
    return MARGIN + RADIUS_Y + 8


def _point(position: float) -> tuple[float, float]:
    angle = _angle(position)
    return CENTER_X + RADIUS_X * math.cos(angle), _center_y() + RADIUS_Y * math.sin(angle)


def _box(index: int) -> Box:
    x, y = _point(index)
    width, height = _box_size(CYCLE[index])
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def _inside(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    left, top, right, bottom = box
    c = ARROW_CLEARANCE
    return left - c <= x <= right + c and top - c <= y <= bottom + c


def _visible_stretch(index: int) -> tuple[float, float]:
    """Where the ring from step ``index`` to the next runs clear of both boxes (positions)."""
    boxes = (_box(index), _box((index + 1) % len(CYCLE)))
    clear = [
        index + i / SAMPLES
        for i in range(SAMPLES + 1)
        if not any(_inside(_point(index + i / SAMPLES), box) for box in boxes)
    ]
    if not clear:
        raise FigureError(f"cycle_figure: steps {index + 1} and {index + 2} overlap; no room for the arrow")
    (x1, y1), (x2, y2) = _point(clear[0]), _point(clear[-1])
    if math.hypot(x2 - x1, y2 - y1) < MIN_ARROW:
        raise FigureError(f"cycle_figure: the arrow after step {index + 1} is too short to see")
    return clear[0], clear[-1]


def _arrow(index: int) -> str:
    start, end = _visible_stretch(index)
    (x1, y1), (x2, y2) = _point(start), _point(end)
    d = f"M{num(x1)},{num(y1)} A{num(RADIUS_X)},{num(RADIUS_Y)} 0 0 1 {num(x2)},{num(y2)}"
    again = index == len(CYCLE) - 1
    return el(
        "path",
        {
            "d": d,
            "class": "fig-ring fig-again" if again else "fig-ring",
            "marker-end": f"url(#{frame.local_id('arrow')})",
        },
    )


def _ring() -> str:
    """An arrow along the ring from each step to the next; the last one (round again) dashed."""
    return el("g", {"class": "fig-ring-group"}, *(_arrow(index) for index in range(len(CYCLE))))


def _step(step: CycleStep, index: int, highlight: frame.Highlight) -> str:
    x, y = _point(index)
    left, top, right, bottom = _box(index)
    width, height = right - left, bottom - top
    rect = el("rect", {"x": left, "y": top, "width": width, "height": height, "rx": 10, "class": "fig-box"})
    badge = el("circle", {"cx": left + 4, "cy": top + 4, "r": BADGE_R, "class": "fig-badge"})
    number = multiline_text(
        [str(step.number)], x=left + 4, y=top + 10, size=MINOR, css_class="fig-badge-text", anchor="middle"
    )
    lines = _name_lines(step)
    text_x = x
    text_top = y - block_height(len(lines), NAME_SIZE) / 2 + NAME_SIZE - 1
    text = multiline_text(lines, x=text_x, y=text_top, size=NAME_SIZE, css_class="fig-name", anchor="middle")
    return el("g", frame.item_attrs(step.id, "fig-step", highlight), rect, text, badge, number)


def _centre() -> str:
    y = _center_y()
    big = multiline_text(
        ["\u21bb Round again"], x=CENTER_X, y=y - 10, size=NAME, css_class="fig-name", anchor="middle"
    )
    small = multiline_text(
        [f"after step {len(CYCLE)}, back to 1"],
        x=CENTER_X,
        y=y + 24,
        size=MINOR,
        css_class="fig-minor",
        anchor="middle",
    )
    return el("g", {"class": "fig-centre"}, big, small)



def _desc() -> str:
    steps = "; ".join(f"{step.number}, {step.name}" for step in CYCLE)
    return (f"A cycle of {len(CYCLE)} steps clockwise round a ring, in this guide\u2019s reconstruction: "
            f"{steps}; then round again to step 1.")


def _text_equivalent() -> str:
    items = [
        strong(step.name) + esc(f": {step.summary}") + bullet_list([esc(a) for a in step.aspects])
        for step in CYCLE
    ]
    return (bullet_list(items, ordered=True) + el("p", None, em("Then round again, from step 1."))
            + el("p", None, em(CYCLE_RECONSTRUCTION)))


def _caption() -> str:
    keys = [key for step in CYCLE for key in step.cite]
    names = ", ".join(step.name[0].lower() + step.name[1:] for step in CYCLE)
    return esc(
        f"The iterative cycle clinicians described for building the alliance, in five steps that are this "
        f"guide\u2019s reconstruction of the source article\u2019s account of the interviews: {names}, "
        "and round "
        f"again {pandoc_cite(keys)}."
    )


@functools.cache
def template(highlight: frame.Highlight) -> str:
    """The cycle figure with ``highlight`` marked, id left as :data:`frame.ID_TOKEN`."""
    frame.check_highlight("cycle_figure", highlight, HIGHLIGHT_IDS)
    body = [_ring(), _centre()] + [_step(step, i, highlight) for i, step in enumerate(CYCLE)]
    bottom = max(_box(i)[3] for i in range(len(CYCLE)))
    bottom = max(bottom, _center_y() + RADIUS_Y)
    return frame.render(
        frame.FigureParts(
            kind="cycle",
            width=WIDTH,
            height=float(num(bottom + MARGIN)),
            title="The iterative cycle of building the alliance (Macphail, 2018b)",
            desc=_desc()
            + frame.highlight_sentence(highlight, {s.id: f"step {s.number}, {s.name}" for s in CYCLE}),
            defs=frame.arrow_marker("auto"),
            body="".join(body),
            caption=_caption(),
            text_equivalent=_text_equivalent(),
        )
    )
