"""The citations, wired to mkdocs-macros.

- macros ``cite(*keys, locator=, prefix=)``, ``citet(*keys, locator=, prefix=)`` and
  ``bibliography()`` (the References page);
- ``on_post_page_macros``: the page's pandoc citations are read, every citation written in
  the chosen style, and the page's reference list added (page.py).

The tools' citations come from ``alliance.bibliography``, generated from the same bib and in
the same style by ``python -m macros.package_bibliography --write`` (a test keeps it current).

The style and the bib file are set in mkdocs.yml (settings.py). A title word that sentence
case would lowercase (an acronym not braced) is a warning, which fails ``--strict``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import raw_html
from . import settings
from .bibcache import CACHE_SUBDIR
from .errors import CitationError
from .library import Library
from .page import CitationCache, PageCitations
from .render import bibliography, reference_heading
from .style import Item

__all__ = ["CitationError", "define_env", "get_library", "on_post_page_macros", "on_pre_page_macros"]

log = logging.getLogger("mkdocs.plugins.guide.citations")


@dataclass
class _State:
    settings: settings.CitationSettings
    bib: Path
    cache: CitationCache | None = None
    page: PageCitations | None = None


def _state(env: Any) -> _State:
    state = getattr(env, "_guide_citations", None)
    if state is None:
        chosen = settings.read(env.conf.get("extra"))
        state = _State(chosen, Path(env.project_dir) / chosen.bibliography)
        env._guide_citations = state
    return state


def get_library(env: Any) -> Library:
    """The bibliography in the chosen style, parsed once per build (again if the file changed)."""
    state = _state(env)
    library = state.cache.library if state.cache else None
    if library is None or library.is_stale():
        library = Library.load(state.bib, Path(env.project_dir) / CACHE_SUBDIR, state.settings.style)
        for warning in library.warnings:
            log.warning(warning)
        state.cache = CitationCache(library, heading=_heading(env))
    return library


def _heading(env: Any) -> str:
    """The reference list's heading, with the permanent link the toc extension gives headings."""
    toc = (env.conf.get("mdx_configs") or {}).get("toc") or {}
    permalink = toc.get("permalink", False)
    return reference_heading("&para;" if permalink is True else str(permalink or ""),
                             str(toc.get("permalink_class", "headerlink")),
                             str(toc.get("permalink_title", "Permanent link")))


# ------------------------------------------------------------ where in the page


def _page_src(env: Any) -> str:
    page = getattr(env, "page", None)
    return page.file.src_path if page is not None else "(no page)"


def _where(env: Any, *needles: str) -> str:
    """'docs/x.md, line 12': where the first of ``needles`` found is written in the page (the line where
    it ends). A needle is a key, or a citation with what precedes it from the start of its line or group
    (which tells it from other uses of the same key, and names the line of a key inside a group)."""
    src = _page_src(env)
    docs_dir = Path(env.conf["docs_dir"])
    shown = f"{docs_dir.name}/{src}"
    try:
        text = (docs_dir / src).read_text(encoding="utf-8")
    except OSError:
        return shown
    for needle in needles:
        words = [re.escape(word) for word in needle.split()]
        if not words:
            continue
        loose = r"\s+".join(words)  # a citation may run over a line break
        key = needle.lstrip("@")
        patterns = [rf"@{re.escape(key)}(?![\w])", rf"[\"']{re.escape(key)}[\"']", loose]
        for pattern in patterns:
            match = re.search(pattern, text)
            if match:
                return f"{shown}, line {text.count(chr(10), 0, max(match.end() - 1, 0)) + 1}"
    return f"{shown} (written by a macro, not in the page's text)"


def _page(env: Any) -> PageCitations:
    state = _state(env)
    if state.page is None:
        on_pre_page_macros(env)
    assert state.page is not None
    return state.page


# ------------------------------------------------------------ macros


def _items(env: Any, keys: tuple[str, ...], locator: str, prefix: str, name: str) -> tuple[Item, ...]:
    lib = _page(env).library
    if not keys:
        raise CitationError(f"{_where(env, name + '(')}: {name}() needs at least one key, "
                            f'like {name}("fuentes2014enhanced").')
    if locator and len(keys) > 1:
        raise CitationError(f"{_where(env, keys[-1])}: {name}() with several keys cannot take a locator: "
                            f'write [@a; @b, p. 5] to give a locator to one work.')
    for key in keys:
        if not isinstance(key, str) or key not in lib:
            raise CitationError(lib.unknown_key_message(str(key), _where(env, str(key))))
    # The prefix belongs to the whole group: it is written before the first work, whatever the order.
    return tuple(Item(key, prefix=prefix if index == 0 else "", locator=locator)
                 for index, key in enumerate(keys))


def define_env(env: Any) -> None:
    _state(env)  # fail early on wrong settings
    get_library(env)  # and on a broken bib

    @env.macro
    def cite(*keys: str, locator: str = "", prefix: str = "") -> str:
        """Parenthetical citation: (Fuentes et al., 2014), or [1] in a numbered style."""
        return _page(env).cite(_items(env, keys, locator, prefix, "cite"), narrative=False)

    @env.macro
    def citet(*keys: str, locator: str = "", prefix: str = "") -> str:
        """Narrative citation: Fuentes et al. (2014), or Fuentes et al. [1]."""
        return _page(env).cite(_items(env, keys, locator, prefix, "citet"), narrative=True)

    def bibliography_macro() -> str:
        """Every work of the bib in the style's order, with DOI/PubMed links and BibTeX."""
        _page(env).has_bibliography = True
        return raw_html.keep(bibliography(get_library(env)))

    env.macro(bibliography_macro, "bibliography")


# ------------------------------------------------------------ hooks


def on_pre_page_macros(env: Any) -> None:
    state = _state(env)
    get_library(env)  # checked for changes once a page, not on each of its citations
    assert state.cache is not None
    state.page = PageCitations(state.cache, lambda *needles: _where(env, *needles))


def on_post_page_macros(env: Any) -> None:
    """Read the page's pandoc citations, write every citation, add the page's reference list."""
    env.markdown = _page(env).finish(env.markdown)
    _state(env).page = None
