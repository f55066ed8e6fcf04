"""The layered pyramid (the source article's reading of Holopainen et al., 2018).

Education on the condition, prognosis and options is the foundation at the
bottom; the layers rise through the levels to positive autonomy at the top.
Below, set apart in a dashed "versus" box: unhealthy autonomy in its two forms.
"""

from __future__ import annotations

import functools

from alliance.model import LEVELS_BY_ID, PYRAMID, UNHEALTHY_AUTONOMY, PyramidLayer, UnhealthyAutonomy
from evidence.figures import frame
from evidence.figures.citekeys import pandoc_cite
from evidence.figures.metrics import wrap_to_width
from evidence.figures.style import MARGIN, MINOR, NAME, WIDTH
from evidence.figures.svg import block_height, el, esc, multiline_text, num
from evidence.figures.text_equivalent import bullet_list, em, strong

LAYER_H = 90.0
BASE_W = WIDTH - 2 * MARGIN
TOP_W = 250.0
NAME_SIZE = NAME
MINOR_SIZE = MINOR
VERSUS_GAP = 40.0
BAD_PAD = 12.0

HIGHLIGHT_IDS: tuple[str, ...] = tuple(layer.id for layer in PYRAMID) + tuple(
    u.id for u in UNHEALTHY_AUTONOMY
)


def _layer_width(edge: float) -> float:
    """Width of the pyramid at ``edge`` layers up from the base (0 = bottom edge)."""
    return BASE_W - (BASE_W - TOP_W) * edge / len(PYRAMID)


def _level_note(layer: PyramidLayer) -> str:
    if layer.level is None:
        return "The foundation"
    level = LEVELS_BY_ID[layer.level]
    return f"Level {level.number}: {level.name}"


def _layer(layer: PyramidLayer, index: int, top_y: float, highlight: frame.Highlight) -> str:
    bottom_y = top_y + LAYER_H
    low_w, high_w = _layer_width(index), _layer_width(index + 1)
    cx = WIDTH / 2
    points = " ".join(
        f"{num(x)},{num(y)}"
        for x, y in (
            (cx - low_w / 2, bottom_y),
            (cx + low_w / 2, bottom_y),
            (cx + high_w / 2, top_y),
            (cx - high_w / 2, top_y),
        )
    )
    shape = el("polygon", {"points": points, "class": f"fig-layer-shape fig-layer-{index + 1}"})
    name_lines = wrap_to_width(layer.name, (low_w + high_w) / 2 - 40, NAME_SIZE, bold=True)
    block = block_height(len(name_lines), NAME_SIZE) + 6 + MINOR_SIZE
    y = top_y + (LAYER_H - block) / 2 + NAME_SIZE
    name = multiline_text(name_lines, x=cx, y=y, size=NAME_SIZE, css_class="fig-name", anchor="middle")
    y += block_height(len(name_lines), NAME_SIZE) - NAME_SIZE + 6 + MINOR_SIZE
    note = multiline_text(
        [_level_note(layer)], x=cx, y=y, size=MINOR_SIZE, css_class="fig-minor", anchor="middle"
    )
    return el("g", frame.item_attrs(layer.id, "fig-layer", highlight), shape, name, note)


def _unhealthy_box(
    item: UnhealthyAutonomy, x: float, y: float, width: float, height: float, highlight: frame.Highlight
) -> str:
    rect = el("rect", {"x": x, "y": y, "width": width, "height": height, "rx": 8, "class": "fig-box fig-bad"})
    lines = wrap_to_width(item.name, width - 2 * BAD_PAD, NAME_SIZE, bold=True)
    text = multiline_text(
        lines, x=x + BAD_PAD, y=y + BAD_PAD + NAME_SIZE, size=NAME_SIZE, css_class="fig-name"
    )
    return el("g", frame.item_attrs(item.id, "fig-unhealthy", highlight), rect, text)


def _versus(top_y: float, highlight: frame.Highlight) -> tuple[str, float]:
    """The dashed "versus" panel of unhealthy autonomy; returns markup and its bottom."""
    heading_y = top_y + 30
    heading = multiline_text(
        ["Versus: unhealthy autonomy"], x=MARGIN + BAD_PAD, y=heading_y, size=NAME_SIZE, css_class="fig-name"
    )
    count = len(UNHEALTHY_AUTONOMY)
    gap = 12.0
    box_w = (BASE_W - 2 * BAD_PAD - gap * (count - 1)) / count
    line_counts = [
        len(wrap_to_width(u.name, box_w - 2 * BAD_PAD, NAME_SIZE, bold=True)) for u in UNHEALTHY_AUTONOMY
    ]
    box_h = 2 * BAD_PAD + block_height(max(line_counts), NAME_SIZE) + 6
    box_y = heading_y + 14
    boxes = [
        _unhealthy_box(item, MARGIN + BAD_PAD + i * (box_w + gap), box_y, box_w, box_h, highlight)
        for i, item in enumerate(UNHEALTHY_AUTONOMY)
    ]
    bottom = box_y + box_h + BAD_PAD
    panel = el(
        "rect",
        {"x": MARGIN, "y": top_y, "width": BASE_W, "height": bottom - top_y, "rx": 10, "class": "fig-versus"},
    )
    return el("g", {"class": "fig-versus-group"}, panel, heading, *boxes), bottom


def _names() -> dict[str, str]:
    return {item.id: item.name for item in (*PYRAMID, *UNHEALTHY_AUTONOMY)}


def _desc() -> str:
    layers = "; ".join(f"{layer.name} ({_level_note(layer)})" for layer in PYRAMID)
    unhealthy = "; ".join(u.name for u in UNHEALTHY_AUTONOMY)
    return (
        f"A pyramid of {len(PYRAMID)} layers, from the foundation at the bottom to the top: {layers}. "
        f"Set apart below it, versus unhealthy autonomy in two forms: {unhealthy}."
    )


def _text_equivalent() -> str:
    layers = [strong(f"{layer.name}") + esc(f" ({_level_note(layer)}). {layer.summary}") for layer in PYRAMID]
    unhealthy = [strong(u.name) + esc(f". {u.summary}") for u in UNHEALTHY_AUTONOMY]
    return "".join(
        [
            el("p", None, em("The pyramid, from the foundation up:")),
            bullet_list(layers, ordered=True),
            el("p", None, em("Set against it, unhealthy autonomy:")),
            bullet_list(unhealthy),
        ]
    )


def _caption() -> str:
    keys = [key for layer in PYRAMID for key in layer.cite] + [k for u in UNHEALTHY_AUTONOMY for k in u.cite]
    return esc(
        "The layered pyramid: education on the condition, prognosis and options is the foundation, "
        "rising through the levels to positive autonomy; set against it, unhealthy autonomy. "
        f"The source article\u2019s reading of Holopainen et al. (2018) {pandoc_cite(keys)}."
    )


@functools.cache
def template(highlight: frame.Highlight) -> str:
    """The pyramid figure with ``highlight`` marked, id left as :data:`frame.ID_TOKEN`."""
    frame.check_highlight("pyramid_figure", highlight, HIGHLIGHT_IDS)
    body = []
    for index, layer in enumerate(PYRAMID):
        top_y = MARGIN + (len(PYRAMID) - 1 - index) * LAYER_H
        body.append(_layer(layer, index, top_y, highlight))
    pyramid_bottom = MARGIN + len(PYRAMID) * LAYER_H
    versus, bottom = _versus(pyramid_bottom + VERSUS_GAP / 2, highlight)
    body.append(versus)
    return frame.render(
        frame.FigureParts(
            kind="pyramid",
            width=WIDTH,
            height=float(num(bottom + MARGIN)),
            title="The layered pyramid: from education to positive autonomy, versus unhealthy autonomy",
            desc=_desc() + frame.highlight_sentence(highlight, _names()),
            defs="",
            body="".join(body),
            caption=_caption(),
            text_equivalent=_text_equivalent(),
        )
    )
