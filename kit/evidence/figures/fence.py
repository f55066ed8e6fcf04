"""The ```figure block: a fenced block of a page's Markdown whose info string is ``figure`` holds a
chart's spec (spec.py); the plugin draws it (chart.py) in its place, with or without mkdocs-macros.

    ```figure
    title: Pain at 12 weeks, by arm
    ...
    ```

A block inside another fenced block (a page showing the syntax in a ````markdown fence) is code
and stays as written; so does a block whose info string says anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..pages.fences import split_fenced
from .frame import FigureError

__all__ = ["FigureBlock", "replace_blocks"]

_OPENING = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*figure[ \t]*\n?")


@dataclass(frozen=True)
class FigureBlock:
    """One ```figure block: its spec's text (without the fence's indent) and where it starts."""

    text: str
    line: int  # the line of the opening fence in the Markdown given, 1-based
    source: str  # the block as written, fences included (to find it in the page's source file)
    closed: bool = True  # False: no closing fence (the block runs to the end of the page)


def replace_blocks(markdown: str, draw: Callable[[FigureBlock], str]) -> str:
    """``markdown`` with each ```figure block replaced by ``draw(block)`` (on a line of its own, at the
    block's indent). An unclosed block is drawn too (``closed=False``): ``draw`` says what is wrong."""
    if "figure" not in markdown:
        return markdown
    out: list[str] = []
    line = 1
    for is_code, chunk in split_fenced(markdown):
        opening = _OPENING.match(chunk) if is_code else None
        if opening is None:
            out.append(chunk)
            line += chunk.count("\n")
            continue
        lines = chunk.split("\n")
        closing = _closing_index(lines, opening["fence"])
        if closing is None:
            draw(FigureBlock("", line, lines[0], closed=False))
            raise FigureError(f"line {line}: the ```figure block opened here is never closed")
        indent = len(opening["indent"])
        body = "\n".join(text[indent:] if not text[:indent].strip() else text.lstrip()
                         for text in lines[1:closing])  # the block's own indent taken off
        block = FigureBlock(body + "\n", line, "\n".join(lines[:closing + 1]))
        out.append(opening["indent"] + draw(block) + "\n" + "\n".join(lines[closing + 1:]))
        line += chunk.count("\n")
    return "".join(out)


def _closing_index(lines: list[str], fence: str) -> int | None:
    """The index of the line closing a block opened by ``fence`` (split_fenced ends a block with it)."""
    for index in range(len(lines) - 1, 0, -1):
        stripped = lines[index].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return index
        if stripped:
            return None
    return None
