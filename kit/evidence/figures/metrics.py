"""Text widths from Helvetica's published glyph metrics (Arial and Liberation Sans match them).

The site uses system fonts (Helvetica, Arial, San Francisco, Liberation...);
:data:`SAFETY` widens every estimate so the wider of them still fits.
"""

from __future__ import annotations

import string

SAFETY = 1.08

# Advance widths in 1/1000 em: Helvetica (regular) and Helvetica-Bold.
# fmt: off
_PUNCT_REGULAR = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191, "(": 333, ")": 333,
    "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278, "<": 584, "=": 584,
    ">": 584, "?": 556, "@": 1015, "[": 278, "]": 278, "_": 556,
}
_PUNCT_BOLD = {
    " ": 278, "!": 333, '"': 474, "#": 556, "$": 556, "%": 889, "&": 722, "'": 238, "(": 333, ")": 333,
    "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 333, ";": 333, "<": 584, "=": 584,
    ">": 584, "?": 611, "@": 975, "[": 333, "]": 333, "_": 556,
}
_UPPER = dict(zip(string.ascii_uppercase, (
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
), strict=True))
_UPPER_BOLD = {**_UPPER, "A": 722, "B": 722, "J": 556, "K": 722, "L": 611}
_LOWER = dict(zip(string.ascii_lowercase, (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
), strict=True))
_LOWER_BOLD = dict(zip(string.ascii_lowercase, (
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
    611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
), strict=True))
_OTHER = {
    "\u2019": 222, "\u2018": 222, "\u2013": 556, "\u2014": 1000, "\u2022": 350, "\u2192": 1000,
    "\u21bb": 1000,
}
# fmt: on
_DIGIT = 556
_UNKNOWN = 1000  # anything else: assume a wide glyph

_REGULAR = {**_PUNCT_REGULAR, **_UPPER, **_LOWER, **dict.fromkeys(string.digits, _DIGIT), **_OTHER}
_BOLD = {**_PUNCT_BOLD, **_UPPER_BOLD, **_LOWER_BOLD, **dict.fromkeys(string.digits, _DIGIT), **_OTHER}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` at ``size`` user units, with :data:`SAFETY`."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(char, _UNKNOWN) for char in text) * size / 1000 * SAFETY


def wrap_to_width(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a single long word stays whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines
