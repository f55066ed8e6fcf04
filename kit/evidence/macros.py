"""The kit's macros, for sites that also list mkdocs-macros (the authors' template language):

- ``cite(*keys, locator=, prefix=)``: a parenthetical citation, (Fuentes et al., 2014) or [1];
- ``citet(*keys, locator=, prefix=)``: a narrative one, Fuentes et al. (2014) or Fuentes et al. [1];
- ``bibliography()``: every work of the bib, in the style's order (the references page);
- ``figure(title=..., description=..., caption=..., categories=[...], series=[...], ...)``: a bar
  chart, the same as a ```figure block (figures/spec.py).

The plugin registers them through mkdocs-macros' ``register_macros`` once both are configured. An
error of theirs is kept for the page and raised once its macros have run, as one line naming the
page and the line (Build.reported), never inside a Jinja traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .build import Build
from .citations.errors import CitationError
from .citations.library import Library
from .citations.style import Item
from .figures import spec

__all__ = ["check_keys", "kit_macros"]


def check_keys(library: Library, keys: tuple[object, ...], locator: str, prefix: str, name: str,
               where: Callable[..., str]) -> tuple[Item, ...]:
    """The items of a ``cite``/``citet`` call; CitationError naming the page and the line."""
    if not keys:
        raise CitationError(f"{where(name + '(')}: {name}() needs at least one key, "
                            f'like {name}("smith2020trial").')
    if locator and len(keys) > 1:
        raise CitationError(f"{where(str(keys[-1]))}: {name}() with several keys cannot take a locator: "
                            "write [@a; @b, p. 5] to give a locator to one work.")
    for key in keys:
        if not isinstance(key, str) or key not in library:
            raise CitationError(library.unknown_key_message(str(key), where(str(key))))
    # The prefix belongs to the whole group: it is written before the first work, whatever the order.
    return tuple(Item(str(key), prefix=prefix if index == 0 else "", locator=locator)
                 for index, key in enumerate(keys))


def kit_macros(build: Build) -> dict[str, Callable[..., str]]:
    """The kit's macros for ``build``, by name, each with its errors kept for the page."""

    def library() -> Library:
        """The page's bibliography (checked for changes once a page, not on each citation)."""
        return build.current_page().citations.library if build.page is not None else build.library

    def cite(*keys: str, locator: str = "", prefix: str = "") -> str:
        """Parenthetical citation: (Fuentes et al., 2014), or [1] in a numbered style."""
        items = check_keys(library(), keys, locator, prefix, "cite", build.where)
        return build.cite(items, narrative=False)

    def citet(*keys: str, locator: str = "", prefix: str = "") -> str:
        """Narrative citation: Fuentes et al. (2014), or Fuentes et al. [1]."""
        items = check_keys(library(), keys, locator, prefix, "citet", build.where)
        return build.cite(items, narrative=True)

    def bibliography() -> str:
        """Every work of the bib in the style's order, with DOI/PubMed links and BibTeX."""
        return build.bibliography()

    def figure(**keys: Any) -> str:
        """A bar chart from its spec's keys (as a ```figure block holds them)."""
        where = build.where("figure(")
        return build.chart(spec.from_mapping(keys, lambda path: f"{where}, figure() key '{path}'" if path
                                             else f"{where}, figure()"))

    return {macro.__name__: build.reported(macro) for macro in (cite, citet, bibliography, figure)}
