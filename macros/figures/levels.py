"""The four levels (Holopainen et al., 2018) as an ascending staircase.

Level 1 sits bottom left, level 4 top right; between two levels, what
distinguishes the step up (the transition's criteria). The step from level 3 to
4 is the source article's reading (``Transition.checked`` is False): it is drawn
dashed and labelled so.
"""

from __future__ import annotations

import functools

from alliance.model import LEVELS, LEVELS_BY_ID, TRANSITIONS, Level, Transition, transition_into
from evidence.figures import frame
from evidence.figures.citekeys import pandoc_cite
from evidence.figures.metrics import SAFETY, text_width, wrap_to_width
from evidence.figures.style import MARGIN, MINOR, NAME, TEXT, WIDTH
from evidence.figures.svg import block_height, el, esc, multiline_text, num
from evidence.figures.text_equivalent import bullet_list, em, strong

BOX_W = 330.0
BOX_H = 70.0
STEP_X = (WIDTH - 2 * MARGIN - BOX_W) / (len(LEVELS) - 1)
CRITERION_SIZE = TEXT
NOTE_SIZE = MINOR
BAND_PAD = 12.0
GAP = 10.0
ARROW_INSET = 20.0  # the step-up arrow, from the upper box's left edge
TEXT_INSET = 40.0  # the criteria, from the upper box's left edge
BULLET = "\u2022 "


def _bullet_width() -> float:
    return text_width(BULLET, CRITERION_SIZE) / SAFETY


HIGHLIGHT_IDS: tuple[str, ...] = tuple(level.id for level in LEVELS) + tuple(t.id for t in TRANSITIONS)


def _box_x(index: int) -> float:
    return MARGIN + index * STEP_X


def _step_note(transition: Transition) -> str:
    source = LEVELS_BY_ID[transition.source].number
    target = LEVELS_BY_ID[transition.target].number
    note = f"Step up {source}\u2192{target}"
    return note if transition.checked else f"{note}: the article's reading"


def _level_box(level: Level, index: int, y: float, highlight: frame.Highlight) -> str:
    x = _box_x(index)
    rect = el("rect", {"x": x, "y": y, "width": BOX_W, "height": BOX_H, "rx": 8, "class": "fig-box"})
    number = multiline_text([f"Level {level.number}"], x=x + 12, y=y + 24, size=MINOR, css_class="fig-minor")
    name = multiline_text([level.name], x=x + 12, y=y + 54, size=NAME, css_class="fig-name")
    return el("g", frame.item_attrs(level.id, "fig-level", highlight), rect, number, name)


def _band_lines(transition: Transition, text_x: float) -> tuple[list[str], list[list[str]]]:
    room = WIDTH - MARGIN - 8 - text_x
    note = wrap_to_width(_step_note(transition), room, NOTE_SIZE)
    criteria = []
    for criterion in transition.criteria:
        lines = wrap_to_width(criterion.label, room - _bullet_width(), CRITERION_SIZE)
        criteria.append([BULLET + lines[0], *lines[1:]])
    return note, criteria


def _band_height(transition: Transition, upper_index: int) -> float:
    note, criteria = _band_lines(transition, _box_x(upper_index) + TEXT_INSET)
    lines = sum(len(c) for c in criteria)
    return 2 * BAND_PAD + block_height(len(note), NOTE_SIZE) + 8 + block_height(lines, CRITERION_SIZE, 1.3)


def _band(
    transition: Transition, upper_index: int, top: float, bottom: float, highlight: frame.Highlight
) -> str:
    """The step up between two boxes: an arrow, and the criteria in a box beside it."""
    arrow_x = _box_x(upper_index) + ARROW_INSET
    text_x = _box_x(upper_index) + TEXT_INSET
    note, criteria = _band_lines(transition, text_x)
    dashed = "" if transition.checked else " fig-unchecked"
    arrow = el(
        "line",
        {
            "x1": arrow_x,
            "y1": bottom - 2,
            "x2": arrow_x,
            "y2": top + 6,
            "class": f"fig-arrow{dashed}",
            "marker-end": f"url(#{frame.local_id('arrow')})",
        },
    )
    frame_rect = el(
        "rect",
        {
            "x": text_x - 8,
            "y": top + GAP / 2,
            "width": WIDTH - MARGIN - text_x + 8,
            "height": bottom - top - GAP,
            "rx": 6,
            "class": f"fig-criteria-box{dashed}",
        },
    )
    y = top + BAND_PAD + NOTE_SIZE
    parts = [multiline_text(note, x=text_x, y=y, size=NOTE_SIZE, css_class="fig-note")]
    y += block_height(len(note), NOTE_SIZE) - NOTE_SIZE + 8 + CRITERION_SIZE
    for criterion, lines in zip(transition.criteria, criteria, strict=True):
        text = multiline_text(
            lines,
            x=text_x,
            y=y,
            size=CRITERION_SIZE,
            css_class="fig-text",
            line_height=1.3,
            hang=_bullet_width(),
        )
        parts.append(el("g", {"class": "fig-criterion", "data-id": criterion.id}, text))
        y += len(lines) * CRITERION_SIZE * 1.3
    attrs = frame.item_attrs(transition.id, "fig-transition", highlight)
    return el("g", attrs, frame_rect, arrow, *parts)



def _names() -> dict[str, str]:
    names = {level.id: f"level {level.number}, {level.name}" for level in LEVELS}
    for t in TRANSITIONS:
        source, target = LEVELS_BY_ID[t.source].number, LEVELS_BY_ID[t.target].number
        names[t.id] = f"the step up from level {source} to level {target}"
    return names


def _desc() -> str:
    steps = []
    for level in LEVELS:
        into = transition_into(level.id)
        if into:
            reading = "" if into.checked else " (the source article's reading)"
            criteria = "; ".join(c.label for c in into.criteria)
            steps.append(f"Stepping up to level {level.number}{reading} takes: {criteria}.")
        steps.append(f"Level {level.number}: {level.name}.")
    return "A staircase of four levels rising from left to right. " + " ".join(steps)


def _text_equivalent() -> str:
    """Each level as the paper describes it (cited in the caption), then the reading that is not the
    paper's, marked as this guide's or the source article's, and the step up into it. The criteria's
    descriptions are this guide's reading of their labels."""
    items = []
    for level in LEVELS:
        reading = level.reading_words()
        if level.reading_cite:
            reading = reading.rstrip(".") + f" {pandoc_cite(level.reading_cite)}."
        parts = [strong(f"Level {level.number}: {level.name}."), " ", esc(level.summary), " ", em(reading)]
        into = transition_into(level.id)
        if into:
            source = LEVELS_BY_ID[into.source]
            heading = f"What distinguishes the step up from level {source.number}"
            heading += ":" if into.checked else " (the source article's reading, not the paper's wording):"
            criteria = [strong(c.label) + esc(f": {c.description}") for c in into.criteria]
            parts += [" ", em(heading), bullet_list(criteria),
                      el("p", None, em("After each criterion, its description is this guide's reading."))]
        items.append("".join(parts))
    return bullet_list(items, ordered=True)


def _caption() -> str:
    checked_keys = [key for t in TRANSITIONS if t.checked for key in t.cite]
    checked = pandoc_cite(checked_keys or [key for level in LEVELS for key in level.cite])
    unchecked = [t for t in TRANSITIONS if not t.checked]
    text = (
        "The four levels of patients\u2019 encounters with care for low back pain, "
        f"and what distinguishes each step up {checked}. What each level looks like beyond the paper\u2019s "
        "words is this guide\u2019s reading, and for level 4 the source article\u2019s, marked as such in "
        "the "
        "text description."
    )
    for transition in unchecked:
        source = LEVELS_BY_ID[transition.source].number
        target = LEVELS_BY_ID[transition.target].number
        text += (
            f" The step from level {source} to {target} (dashed) is the source article\u2019s reading "
            f"{pandoc_cite(transition.cite)}, not checked against the paper\u2019s wording."
        )
    return esc(text)


@functools.cache
def template(highlight: frame.Highlight) -> str:
    """The levels figure with ``highlight`` marked, id left as :data:`frame.ID_TOKEN`."""
    frame.check_highlight("levels_figure", highlight, HIGHLIGHT_IDS)
    y = MARGIN
    body: list[str] = []
    for index in range(len(LEVELS) - 1, -1, -1):
        level = LEVELS[index]
        body.append(_level_box(level, index, y, highlight))
        y += BOX_H
        below = transition_into(level.id)
        if below:
            height = _band_height(below, index)
            body.append(_band(below, index, y, y + height, highlight))
            y += height
    height = y + MARGIN
    return frame.render(
        frame.FigureParts(
            kind="levels",
            width=WIDTH,
            height=float(num(height)),
            title="The four levels, from non-encounters to autonomic agency (Holopainen et al., 2018)",
            desc=_desc() + frame.highlight_sentence(highlight, _names()),
            defs=frame.arrow_marker("auto-start-reverse"),
            body="".join(body),
            caption=_caption(),
            text_equivalent=_text_equivalent(),
        )
    )
