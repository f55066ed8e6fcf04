"""Citations for the guide: references.bib in, APA 7 author-date out.

Layers, as in pybtex: ``bibfile`` parses (once per build, again only when the
file changes; ``bibcache`` keeps the parse in build/ between builds), ``apa``
is the style, ``render`` the HTML backend, ``pandoc`` the ``[@key]`` syntax.
This module wires them to mkdocs-macros:

- macros ``cite(*keys, locator=, prefix=)``, ``citet(*keys, locator=)`` and
  ``bibliography()`` (the References page);
- ``on_post_page_macros``: pandoc citations, then the page's reference list;
- ``on_post_build``: ``assets/data/references.json`` for the browser widgets.

Set ``extra: {bibliography: path}`` in mkdocs.yml to use another .bib file
(relative to the project directory); the default is ``references.bib``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import raw_html
from .bibcache import CACHE_SUBDIR
from .errors import CitationError
from .library import Library
from .pandoc import CitationScanner
from .render import Item, bibliography, narrative, parenthetical, reference_list

__all__ = ["CitationError", "citation_data", "define_env", "get_library", "on_post_build",
           "on_post_page_macros", "on_pre_page_macros"]

DEFAULT_BIB = "references.bib"
REFERENCES_PAGE = "references.md"
JSON_PATH = Path("assets") / "data" / "references.json"


@dataclass
class _State:
    library: Library | None = None
    cited: dict[str, set[str]] = field(default_factory=dict)  # page src path -> keys
    full_bibliography_pages: set[str] = field(default_factory=set)
    data: dict[str, dict[str, str]] | None = None
    # Kept HTML (a figure) -> the same with its citations linked, and the keys it cites.
    linked_html: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)


def _state(env: Any) -> _State:
    state = getattr(env, "_guide_citations", None)
    if state is None:
        state = _State()
        env._guide_citations = state
    return state


def _bib_path(env: Any) -> Path:
    extra = env.conf.get("extra") or {}
    return Path(env.project_dir) / str(extra.get("bibliography") or DEFAULT_BIB)


def get_library(env: Any) -> Library:
    """The bibliography, parsed once per build (again if the file changed)."""
    state = _state(env)
    path = _bib_path(env)
    if state.library is None or state.library.path != path or state.library.is_stale():
        state.library = Library.load(path, Path(env.project_dir) / CACHE_SUBDIR)
        state.data = None
        state.linked_html.clear()
    return state.library


def _page_library(env: Any) -> Library:
    """The bibliography for the current page: checked for changes once a page
    (``on_pre_page_macros``), not on each of its citations."""
    library = _state(env).library
    return library if library is not None else get_library(env)


def citation_data(env: Any) -> dict[str, dict[str, str]]:
    """For every bib key: in-text label, narrative form, plain reference, link."""
    state = _state(env)
    lib = get_library(env)
    if state.data is None:
        state.data = {}
        page_url = REFERENCES_PAGE.removesuffix(".md")
        page_url += "/" if env.conf.get("use_directory_urls") else ".html"
        for key in lib.ordered_keys:
            formatted = lib.formatted(key)
            state.data[key] = {
                "label": formatted.label,
                "narrative": formatted.narrative,
                "reference": formatted.reference_text,
                "href": f"{page_url}#ref-{key}",  # relative to the site root
            }
    return state.data


# ------------------------------------------------------------ where in the page


def _page_src(env: Any) -> str:
    page = getattr(env, "page", None)
    return page.file.src_path if page is not None else "(no page)"


def _where(env: Any, needle: str) -> str:
    """'docs/x.md, line 12': where ``needle`` (a key or citation text) is written."""
    src = _page_src(env)
    docs_dir = Path(env.conf["docs_dir"])
    shown = f"{docs_dir.name}/{src}"
    try:
        lines = (docs_dir / src).read_text(encoding="utf-8").splitlines()
    except OSError:
        return shown
    escaped = re.escape(needle)
    patterns = [rf"@{escaped}(?![\w])", rf"[\"']{escaped}[\"']", escaped]
    for pattern in patterns:
        for number, line in enumerate(lines, start=1):
            if re.search(pattern, line):
                return f"{shown}, line {number}"
    return f"{shown} (written by a macro, not in the page's text)"


# ------------------------------------------------------------ macros


def _items(env: Any, keys: tuple[str, ...], locator: str, prefix: str, name: str) -> list[Item]:
    lib = _page_library(env)
    if not keys:
        raise CitationError(f"{_where(env, name + '(')}: {name}() needs at least one key, "
                            f'like {name}("fuentes2014enhanced").')
    if locator and len(keys) > 1:
        raise CitationError(f"{_where(env, keys[-1])}: {name}() with several keys cannot take a locator: "
                            f'write [@a; @b, p. 5] to give a locator to one work.')
    for key in keys:
        if key not in lib:
            raise CitationError(lib.unknown_key_message(key, _where(env, key)))
        _state(env).cited.setdefault(_page_src(env), set()).add(key)
    # The prefix ("see") belongs to the whole group: it goes on the work cited first in APA order.
    ordered = sorted(keys, key=lambda key: lib.formatted(key).order)
    return [Item(key, prefix=prefix if index == 0 else "", locator=locator)
            for index, key in enumerate(ordered)]


def define_env(env: Any) -> None:
    get_library(env)  # fail early on a broken bib

    @env.macro
    def cite(*keys: str, locator: str = "", prefix: str = "") -> str:
        """Parenthetical citation: (Fuentes et al., 2014)."""
        return raw_html.keep(parenthetical(_items(env, keys, locator, prefix, "cite"), _page_library(env)))

    @env.macro
    def citet(*keys: str, locator: str = "", prefix: str = "") -> str:
        """Narrative citation: Fuentes et al. (2014)."""
        return raw_html.keep(narrative(_items(env, keys, locator, prefix, "citet"), _page_library(env)))

    def bibliography_macro() -> str:
        """Every work of the bib in APA order, with DOI/PubMed links and BibTeX."""
        _state(env).full_bibliography_pages.add(_page_src(env))
        return raw_html.keep(bibliography(get_library(env)))

    env.macro(bibliography_macro, "bibliography")


# ------------------------------------------------------------ hooks


def on_pre_page_macros(env: Any) -> None:
    state = _state(env)
    get_library(env)
    src = _page_src(env)
    state.cited[src] = set()
    state.full_bibliography_pages.discard(src)


def on_post_page_macros(env: Any) -> None:
    """Turn pandoc citations into links; add the page's reference list."""
    state = _state(env)
    src = _page_src(env)
    cited = state.cited.setdefault(src, set())
    library = _page_library(env)  # checked for changes in on_pre_page_macros
    where = lambda needle: _where(env, needle)  # noqa: E731
    markdown = CitationScanner(library, cited, where, emit=raw_html.keep).replace(env.markdown)
    for index in raw_html.kept.page_indexes():  # citations in the macros' HTML (figure captions)
        html = raw_html.kept.get(index)
        if "@" in html:
            if html not in state.linked_html:  # the same figure recurs across pages: link it once
                keys: set[str] = set()
                state.linked_html[html] = CitationScanner(library, keys, where).replace(html), frozenset(keys)
            linked, keys_in_html = state.linked_html[html]
            raw_html.kept.replace(index, linked)
            cited.update(keys_in_html)
    if cited and src not in state.full_bibliography_pages:
        markdown = markdown.rstrip("\n") + reference_list(cited, library, raw_html.keep)
    env.markdown = markdown


def on_post_build(env: Any) -> None:
    """Write assets/data/references.json for the browser widgets."""
    target = Path(env.conf["site_dir"]) / JSON_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(citation_data(env), ensure_ascii=False, indent=1), encoding="utf-8")
