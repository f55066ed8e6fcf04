"""Sizes shared by the figures, in SVG user units.

Every figure is 560 units wide; a phone's 343 px content column shows it at
0.61 px per unit, so 18 units is about 11 px: no label is smaller than
:data:`MINOR`. Text is wrapped by estimated width (:mod:`.metrics`).
"""

from __future__ import annotations

WIDTH = 560.0
MARGIN = 12.0
NAME = 21.0  # names of levels, layers, steps (bold)
TEXT = 19.0  # criteria, legends
MINOR = 18.0  # level numbers, notes, axis ticks
