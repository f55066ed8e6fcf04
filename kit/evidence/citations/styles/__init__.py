"""The citation styles: one module each in this folder, found by its file name.

A style is a module here that exposes ``STYLE``, a :class:`~macros.citations.style.Style` subclass
whose ``name`` is the module's name: ``harvard.py`` holding ``class Harvard(APA7)`` with
``name = "harvard"`` and ``STYLE = Harvard`` is ``style: harvard`` in mkdocs.yml. Adding a style
is adding its file: nothing else lists the styles (the settings' choices, the caches' keys, the
tools' generated bibliography and the tests over every style all follow). Only the style in use
is imported. (The kit will also take styles from other packages, by entry point.)
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

from ..style import Style

__all__ = ["DEFAULT_STYLE", "get_style", "style_class", "style_names"]

DEFAULT_STYLE = "apa"


@cache
def style_names() -> tuple[str, ...]:
    """The name of every style, sorted: the modules of this folder (without importing them)."""
    return tuple(sorted(module.name for module in pkgutil.iter_modules(__path__)
                        if not module.name.startswith("_") and not module.ispkg))


def style_class(name: str) -> type[Style]:
    """The style class of the module ``name``; ValueError naming the choices, or what the module lacks."""
    if name not in style_names():
        raise ValueError(f"unknown citation style '{name}': choose one of {', '.join(style_names())}")
    module = import_module(f"{__name__}.{name}")
    found = getattr(module, "STYLE", None)
    if not (isinstance(found, type) and issubclass(found, Style) and getattr(found, "name", None) == name):
        raise ValueError(f"citation style module {module.__file__} must set STYLE to its Style subclass, "
                         f"whose name is '{name}'")
    return found


def get_style(name: str = DEFAULT_STYLE) -> Style:
    """An instance of the style called ``name``."""
    return style_class(name)()
