"""Figures as accessible inline SVG, in one frame: a ``<figure>`` holding the drawing (``role="img"``,
its title and description), a visible caption (``[@key]`` citations work in it) and a text
equivalent; ids unique on their page.

- frame.py: the frame, page-unique ids (:class:`FigureIds`), highlighting of a model's elements;
- svg.py, metrics.py, text_equivalent.py, style.py: the safe markup builder, text widths, lists
  and tables, shared sizes;
- spec.py, chart.py, fence.py: a bar chart from a small YAML or JSON spec, written as a ```figure
  block or the ``figure()`` macro;
- citekeys.py: ``[@a; @b]`` for a caption.
"""

from .frame import FigureError, FigureIds, FigureParts, instantiate, render

__all__ = ["FigureError", "FigureIds", "FigureParts", "instantiate", "render"]
