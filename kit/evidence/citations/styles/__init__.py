"""The citation styles: the modules of this folder, and those other packages register.

A style is a module that exposes ``STYLE``, a :class:`~evidence.citations.style.Style` subclass
whose ``name`` is the style's name:

- in this folder, the module's file name: ``harvard.py`` holding ``class Harvard(APA7)`` with
  ``name = "harvard"`` and ``STYLE = Harvard`` is ``citation_style: harvard`` in mkdocs.yml.
  Adding a style is adding its file: nothing else lists the styles (the setting's choices, the
  caches' keys, the tools' generated bibliography and the tests over every style all follow);
- in another installed package, an entry point of the group ``evidence.citation_styles`` whose
  name is the style's and whose value is the module (``harvard = my_styles.harvard``).

Only the style in use is imported, and the installed packages' entry points are read only for a
style this folder does not have. A name registered twice with different modules is an error.
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

from ...errors import ConfigError
from ..style import Style

__all__ = ["DEFAULT_STYLE", "ENTRY_POINT_GROUP", "get_style", "is_style", "style_class", "style_module",
           "style_names"]

DEFAULT_STYLE = "apa"
ENTRY_POINT_GROUP = "evidence.citation_styles"


@cache
def _folder() -> tuple[str, ...]:
    """The styles of this folder, by file name (without importing them)."""
    return tuple(module.name for module in pkgutil.iter_modules(__path__)
                 if not module.name.startswith("_") and not module.ispkg)


@cache
def _registered() -> dict[str, EntryPoint]:
    """The styles installed packages register, by name; a name this folder already has must point to
    this folder's module."""
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        own = f"{__name__}.{point.name}"
        if point.name in _folder() and point.value != own:
            raise ConfigError(f"citation style '{point.name}' is registered twice: by the entry point "
                              f"{point.value} ({_distribution(point)}) and by {own}; rename one")
        if point.name in found and found[point.name].value != point.value:
            raise ConfigError(f"citation style '{point.name}' is registered twice: {found[point.name].value} "
                              f"and {point.value} ({_distribution(point)}); rename one")
        found[point.name] = point
    return found


def _distribution(point: EntryPoint) -> str:
    dist = getattr(point, "dist", None)
    return f"package {dist.name}" if dist is not None else "an installed package"


def is_style(name: object) -> bool:
    """Whether ``name`` is a style's name (this folder's first: reading entry points takes a while)."""
    return name in _folder() or name in _registered()


@cache
def style_names() -> tuple[str, ...]:
    """The name of every style, sorted: this folder's modules and the registered ones."""
    return tuple(sorted({*_folder(), *_registered()}))


def style_module(name: str) -> ModuleType:
    """The module of the style ``name``; ConfigError naming the choices."""
    if name in _folder():
        return import_module(f"{__name__}.{name}")
    point = _registered().get(name)
    if point is None:
        raise ConfigError(f"unknown citation style '{name}': choose one of {', '.join(style_names())}")
    loaded = point.load()
    if not isinstance(loaded, ModuleType):
        raise ConfigError(f"the entry point '{name} = {point.value}' of {ENTRY_POINT_GROUP} must name a "
                          "module (which sets STYLE)")
    return loaded


def style_class(name: str) -> type[Style]:
    """The style class of ``name``; ConfigError naming the choices, or what the module lacks."""
    module = style_module(name)
    found = getattr(module, "STYLE", None)
    if not (isinstance(found, type) and issubclass(found, Style) and getattr(found, "name", None) == name):
        raise ConfigError(f"citation style module {module.__file__} must set STYLE to its Style subclass, "
                          f"whose name is '{name}'")
    return found


def get_style(name: str = DEFAULT_STYLE) -> Style:
    """An instance of the style called ``name``."""
    return style_class(name)()
