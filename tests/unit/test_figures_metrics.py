"""Text width estimates and wrapping used to lay out the figures."""

from __future__ import annotations

import itertools

from evidence.figures.metrics import SAFETY, text_width, wrap_to_width
from hypothesis import given
from hypothesis import strategies as st

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ,.:'\u2019", min_size=1, max_size=14),
                 min_size=1, max_size=12)  # fmt: skip


def test_widths_follow_helvetica_metrics() -> None:
    assert text_width("a", 1000) == 556 * SAFETY
    assert text_width("i", 1000) < text_width("m", 1000)
    assert text_width("Review", 20, bold=True) > text_width("Review", 20)
    assert text_width("\u4e00", 10) == 10 * SAFETY  # unknown glyphs count as wide


@given(words=WORDS, width=st.floats(min_value=40, max_value=400), size=st.sampled_from([16.0, 19.0, 21.0]))
def test_wrapping_keeps_every_word_in_order_within_the_width(
    words: list[str], width: float, size: float
) -> None:
    text = " ".join(words)
    lines = wrap_to_width(text, width, size)
    assert " ".join(lines).split() == words
    for line in lines:
        assert text_width(line, size) <= width or " " not in line, line


def test_wrapping_fills_each_line_greedily() -> None:
    lines = wrap_to_width("Adapt assessment and treatment", 200, 19, bold=True)
    assert lines == ["Adapt assessment", "and treatment"]
    for first, second in itertools.pairwise(lines):
        assert text_width(f"{first} {second.split()[0]}", 19, bold=True) > 200
