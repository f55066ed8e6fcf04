"""The model's figures as accessible inline SVG, and the Fuentes et al. (2014) data.

Macros for pages::

    {{ levels_figure() }}   {{ levels_figure(highlight="seeking-support") }}
    {{ pyramid_figure() }}  {{ cycle_figure(highlight="review") }}
    {{ fuentes_chart() }}   {{ fuentes_arm("active-enhanced").pain_change_cm }}

and the variable ``fuentes`` (the whole data file). Each figure is drawn in the evidence kit's
figure frame (``evidence.figures.frame``): a ``<figure class="evidence-figure">`` holding an SVG
(``role="img"``, title, desc), a visible caption with pandoc citations and a text equivalent in a
``<details>``. Every model element carries ``data-id``; the highlighted one also has the class
``is-highlighted`` and ``aria-current="true"``. Write each figure macro on a line of its own, not
indented.

The functions below draw a figure with its id unique among ``ids`` (a page's
:class:`~evidence.figures.frame.FigureIds`); the macros pass the page's, and put the HTML into the
page after Markdown and search (the kit's stash).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from evidence.api import build_of, find_build, page_file, reported
from evidence.errors import one_line
from evidence.figures.frame import FigureError, FigureIds, Highlight, highlighted_ids, instantiate

from . import cycle, fuentes_figure, levels, pyramid
from .fuentes_data import fuentes, fuentes_arm

__all__ = [
    "FIGURES",
    "FigureError",
    "cycle_figure",
    "define_env",
    "fuentes",
    "fuentes_arm",
    "fuentes_chart",
    "levels_figure",
    "page_ids",
    "pyramid_figure",
]


def levels_figure(highlight: Highlight | list[str] = None, ids: FigureIds | None = None) -> str:
    """The four levels as a staircase; ``highlight`` is a level or transition id (or several)."""
    return instantiate(levels.template(highlighted_ids(highlight) or None), "fig-levels", ids)


def pyramid_figure(highlight: Highlight | list[str] = None, ids: FigureIds | None = None) -> str:
    """The layered pyramid; ``highlight`` is a layer or unhealthy-autonomy id (or several)."""
    return instantiate(pyramid.template(highlighted_ids(highlight) or None), "fig-pyramid", ids)


def cycle_figure(highlight: Highlight | list[str] = None, ids: FigureIds | None = None) -> str:
    """The iterative cycle; ``highlight`` is a step id (or several)."""
    return instantiate(cycle.template(highlighted_ids(highlight) or None), "fig-cycle", ids)


def fuentes_chart(ids: FigureIds | None = None) -> str:
    """The 2x2 result of Fuentes et al. (2014), captioned and cited."""
    return instantiate(fuentes_figure.template(), "fig-fuentes", ids)


FIGURES: dict[str, Callable[..., str]] = {figure.__name__: figure for figure in (
    levels_figure, pyramid_figure, cycle_figure, fuentes_chart)}


def _in_page(env: Any, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a macro: a problem becomes a :class:`FigureError` naming the page."""

    @wraps(function)
    def macro(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ValueError as error:
            raise FigureError(f"{page_file(env)}: {one_line(error)}") from None

    return macro


def _kept(env: Any, figure: Callable[..., str]) -> Callable[..., str]:
    """The figure macro as pages call it: drawn with the page's figure ids, its HTML kept out of
    Markdown's way (the kit's stash)."""

    @wraps(figure)
    def macro(*args: Any, **kwargs: Any) -> str:
        build = find_build(env)
        ids = build.current_page().figure_ids if build is not None and build.page is not None else None
        drawn = figure(*args, **kwargs, ids=ids)
        return (build or build_of(env)).keep(drawn)  # without the plugin: build_of says so

    return macro


def page_ids(env: Any) -> FigureIds | None:
    """The figure ids of the page being built (None without the evidence plugin: each figure gets its
    base id)."""
    build = find_build(env)
    return build.current_page().figure_ids if build is not None and build.page is not None else None


def define_env(env: Any) -> None:
    """Register the figure macros and the ``fuentes`` variable."""
    for name, figure in FIGURES.items():
        env.macro(reported(env, _in_page(env, _kept(env, figure))), name)
    env.macro(reported(env, _in_page(env, fuentes_arm)), "fuentes_arm")
    env.variables["fuentes"] = fuentes()
