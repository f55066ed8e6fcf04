"""The model's figures as accessible inline SVG, and the Fuentes et al. (2014) data.

Macros for pages::

    {{ levels_figure() }}   {{ levels_figure(highlight="seeking-support") }}
    {{ pyramid_figure() }}  {{ cycle_figure(highlight="review") }}
    {{ fuentes_chart() }}   {{ fuentes_arm("active-enhanced").pain_change_cm }}

and the variable ``fuentes`` (the whole data file). Each figure is a
``<figure class="alliance-figure">`` holding an SVG (``role="img"``, title,
desc), a visible caption with pandoc citations and a text equivalent in a
``<details>``. Every model element carries ``data-id``; the highlighted one
also has the class ``is-highlighted`` and ``aria-current="true"``.
Write each figure macro on a line of its own, not indented.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from .. import raw_html
from ..errors import one_line, page_file, reported
from . import cycle, frame, fuentes_figure, levels, pyramid
from .frame import FigureError
from .fuentes_data import fuentes, fuentes_arm

__all__ = [
    "FigureError",
    "cycle_figure",
    "define_env",
    "fuentes",
    "fuentes_arm",
    "fuentes_chart",
    "levels_figure",
    "on_pre_page_macros",
    "pyramid_figure",
]


def levels_figure(highlight: frame.Highlight | list[str] = None) -> str:
    """The four levels as a staircase; ``highlight`` is a level or transition id (or several)."""
    return frame.instantiate(levels.template(frame.highlighted_ids(highlight) or None), "fig-levels")


def pyramid_figure(highlight: frame.Highlight | list[str] = None) -> str:
    """The layered pyramid; ``highlight`` is a layer or unhealthy-autonomy id (or several)."""
    return frame.instantiate(pyramid.template(frame.highlighted_ids(highlight) or None), "fig-pyramid")


def cycle_figure(highlight: frame.Highlight | list[str] = None) -> str:
    """The iterative cycle; ``highlight`` is a step id (or several)."""
    return frame.instantiate(cycle.template(frame.highlighted_ids(highlight) or None), "fig-cycle")


def fuentes_chart() -> str:
    """The 2x2 result of Fuentes et al. (2014), captioned and cited."""
    return frame.instantiate(fuentes_figure.template(), "fig-fuentes")


def _in_page(env: Any, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a macro: a problem becomes a :class:`FigureError` naming the page."""

    @wraps(function)
    def macro(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ValueError as error:
            raise FigureError(f"{page_file(env)}: {one_line(error)}") from None

    return macro


def _kept(figure: Callable[..., str]) -> Callable[..., str]:
    """The figure macro as pages call it: its HTML kept out of Markdown's way (see raw_html)."""

    @wraps(figure)
    def macro(*args: Any, **kwargs: Any) -> str:
        return raw_html.keep(figure(*args, **kwargs))

    return macro


def define_env(env: Any) -> None:
    """Register the figure macros and the ``fuentes`` variable."""
    for figure in (levels_figure, pyramid_figure, cycle_figure, fuentes_chart):
        env.macro(reported(env, _in_page(env, _kept(figure))), figure.__name__)
    env.macro(reported(env, _in_page(env, fuentes_arm)), "fuentes_arm")
    env.variables["fuentes"] = fuentes()


def on_pre_page_macros(env: Any) -> None:
    """Each page starts its figure ids afresh (``fig-levels``, then ``fig-levels-2``...)."""
    frame.PAGE_IDS.reset()
