"""One build's state: the settings, the bibliography in the chosen style, the stash, and the page
being read. The plugin makes a :class:`Build` in ``on_config`` (so ``mkdocs serve`` starts afresh on
every rebuild) and a :class:`PageState` for each page; nothing is kept in a module.

A page goes through the build in two steps around the page's macros (if mkdocs-macros is listed):

- :meth:`Build.start_page`: the page's kept HTML, figure ids and citations start empty;
- (mkdocs-macros renders the page: the kit's macros and the site's own write into it; an error of
  a macro is kept on the page, :meth:`Build.reported`);
- :meth:`Build.finish_page`: the page's first kept error is raised, as one line; its ```figure
  blocks are drawn; on the references page, the whole bibliography goes where the page writes
  ``<!-- bibliography -->`` (or at its end); its ``[@key]`` and ``@key`` citations are read, every
  citation written in the style, and the page's reference list added (citations/page.py).

A title word that sentence case would lowercase (an acronym not braced) is a warning, which fails
``--strict``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from .citations.bibcache import CACHE_SUBDIR
from .citations.library import Library
from .citations.page import CitationCache, PageCitations
from .citations.render import bibliography, reference_heading
from .citations.style import Item
from .config import Settings
from .errors import EvidenceError, MacroError
from .figures import chart, fence, spec
from .figures.frame import FigureError, FigureIds, instantiate
from .pages.fences import split_fenced
from .pages.stash import PageHtml, Stash
from .pages.templates_cache import CACHE_SUBDIR as TEMPLATES_SUBDIR
from .pages.templates_cache import CompiledPages

__all__ = ["BIBLIOGRAPHY_MARK", "Build", "PageState"]

log = logging.getLogger("mkdocs.plugins.evidence")

BIBLIOGRAPHY_MARK = "<!-- bibliography -->"  # where the references page wants the whole bibliography
Macro = TypeVar("Macro", bound=Callable[..., Any])


@dataclass
class PageState:
    """What the build keeps for one page, from its Markdown to its finished HTML."""

    src_path: str  # relative to docs_dir, as MkDocs' File has it
    shown: str  # as errors name it: docs/<src_path>
    source: Path | None  # the page's file, to find the line of a problem
    html: PageHtml
    citations: PageCitations
    figure_ids: FigureIds = field(default_factory=FigureIds)
    error: EvidenceError | None = None  # the first error of a macro, raised when the page's macros are done
    rendering: bool = True  # between start_page and finish_page: a macro's error is kept, not raised


class Build:
    """The state of one build (see the module's docstring)."""

    def __init__(self, settings: Settings, project_dir: Path, docs_dir: Path,
                 mdx_configs: Mapping[str, Any] | None = None) -> None:
        self.settings = settings
        self.project_dir = project_dir
        self.docs_dir = docs_dir
        self.bib = project_dir / settings.bibliography
        self.stash = Stash()
        self.heading = _heading(mdx_configs or {})
        self.pages: dict[str, PageState] = {}  # by src_uri, from start_page until the page is written
        self.page: PageState | None = None  # the page whose Markdown is being read
        self.templates: CompiledPages | None = None  # mkdocs-macros' compiled pages, when it is listed
        self._cache: CitationCache | None = None

    # ------------------------------------------------------------ the bibliography

    @property
    def library(self) -> Library:
        """The bibliography in the chosen style, parsed once per build (again if the file changed)."""
        cache = self._cache
        if cache is None or cache.library.is_stale():
            if not self.settings.bibliography_given and not self.bib.is_file():
                library = Library.empty(self.bib, self.settings.citation_style)  # a site that cites nothing
            else:
                library = Library.load(self.bib, self.project_dir / CACHE_SUBDIR,
                                       self.settings.citation_style)
            for warning in library.warnings:
                log.warning(warning)
            cache = self._cache = CitationCache(library, heading=self.heading)
        return cache.library

    # ------------------------------------------------------------ pages

    def start_page(self, src_uri: str, src_path: str | None = None, source: Path | None = None) -> PageState:
        """Start the page ``src_uri``: its kept HTML, figure ids and citations start empty."""
        library = self.library  # checked for changes once a page, not on each of its citations
        assert self._cache is not None and self._cache.library is library
        src_path = src_path or src_uri
        html = self.stash.start_page(src_uri)
        page = PageState(src_path, f"{self.docs_dir.name}/{src_path}", source or self.docs_dir / src_path,
                         html, PageCitations(self._cache, html, self.where))
        self.pages[src_uri] = self.page = page
        return page

    def finish_page(self, markdown: str) -> str:
        """The page's Markdown once its macros have run: see the module's docstring."""
        page = self.current_page()
        page.rendering = False
        if page.error is not None:
            raise page.error
        markdown = fence.replace_blocks(markdown, self._figure_block)
        if page.src_path.replace("\\", "/") == self.settings.references_page:
            markdown = self._with_bibliography(markdown)
        return page.citations.finish(markdown)

    def current_page(self) -> PageState:
        """The page whose Markdown is being read."""
        if self.page is None:
            raise MacroError("the evidence plugin was asked for the page being built outside a page")
        return self.page

    def page_html(self, src_uri: str) -> PageHtml | None:
        page = self.pages.get(src_uri)
        return page.html if page is not None else None

    def drop_page(self, src_uri: str) -> None:
        """The page is written: its kept HTML is no longer needed."""
        self.pages.pop(src_uri, None)

    # ------------------------------------------------------------ what macros and blocks write

    def keep(self, html: str, search: str | None = None) -> str:
        """A token standing for ``html`` in the page being read, until Markdown and search are done
        (pages/stash.py). ``search``: what search reads in its place (by default, the HTML without
        drawings, citation titles or reference lists)."""
        return self.stash.keep(html, search)

    def figure(self, template: str, base_id: str) -> str:
        """A token for the figure ``template`` (see figures/frame.py) with an id unique on the page."""
        return self.keep(instantiate(template, base_id, self.current_page().figure_ids))

    def chart(self, figure: spec.ChartSpec) -> str:
        """A token for the bar chart of ``figure``."""
        return self.figure(chart.chart_template(figure), chart.base_id(figure))

    def cite(self, items: tuple[Item, ...], narrative: bool) -> str:
        """A token for a citation of ``items`` on the page being read."""
        return self.current_page().citations.cite(items, narrative)

    def bibliography(self) -> str:
        """A token for the whole bibliography; the page gets no reference list of its own."""
        self.current_page().citations.has_bibliography = True
        return self.keep(bibliography(self.library))

    def _with_bibliography(self, markdown: str) -> str:
        citations = self.current_page().citations
        if citations.has_bibliography:  # the bibliography() macro wrote it
            return markdown
        chunks = list(split_fenced(markdown))
        if any(not is_code and BIBLIOGRAPHY_MARK in chunk for is_code, chunk in chunks):
            token = self.bibliography()
            return "".join(chunk if is_code else chunk.replace(BIBLIOGRAPHY_MARK, f"\n\n{token}\n\n")
                           for is_code, chunk in chunks)
        return f"{markdown.rstrip()}\n\n{self.bibliography()}\n"

    def _figure_block(self, block: fence.FigureBlock) -> str:
        page = self.current_page()
        first = self._block_line(page, block)

        def where(path: str, line: int | None) -> str:
            at = f"{page.shown}, line {first + (line or 0)}" if first else f"{page.shown} (a ```figure block)"
            return f"{at}, figure key '{path}'" if path else at

        if not block.closed:
            fence_mark = block.source.strip()[:3]
            raise FigureError(f"{where('', None)}: the ```figure block opened here is never closed (end it "
                              f"with a line {fence_mark})")
        try:
            return self.chart(spec.from_text(block.text, where))
        except FigureError:
            raise
        except ValueError as error:  # a problem found while drawing
            raise FigureError(f"{where('', None)}: {error}") from None

    def _block_line(self, page: PageState, block: fence.FigureBlock) -> int:
        """The line of ``block``'s opening fence in the page's file (0 if it is not written there)."""
        text = _read(page.source)
        at = text.find(block.source) if text else -1
        return text.count("\n", 0, at) + 1 if at >= 0 else 0

    # ------------------------------------------------------------ errors

    def reported(self, function: Macro) -> Macro:
        """``function`` as a macro: while a page is being read, an :class:`EvidenceError` it raises is
        kept for :meth:`finish_page` to raise (outside Jinja, which would print a traceback around it)
        and the macro writes nothing; outside a page it is raised at once."""

        @wraps(function)
        def macro(*args: Any, **kwargs: Any) -> Any:
            return self.call_reported(function, *args, **kwargs)

        return macro  # type: ignore[return-value]

    def call_reported(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)``, its EvidenceError kept for the page as :meth:`reported` says."""
        try:
            return function(*args, **kwargs)
        except EvidenceError as error:
            page = self.page
            if page is None or not page.rendering:
                raise
            page.error = page.error or error
            return ""

    def where(self, *needles: str) -> str:
        """'docs/x.md, line 12': where the first of ``needles`` found is written in the page being read
        (the line where it ends). A needle is a key, or a citation with what precedes it from the start
        of its line or group (which tells it from other uses of the same key, and names the line of a key
        inside a group)."""
        page = self.page
        if page is None:
            return "(no page)"
        text = _read(page.source)
        if text is None:
            return page.shown
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
                    return f"{page.shown}, line {text.count(chr(10), 0, max(match.end() - 1, 0)) + 1}"
        return f"{page.shown} (written by a macro, not in the page's text)"

    # ------------------------------------------------------------ mkdocs-macros' compiled pages

    def compile_pages_with_cache(self, environment: Any) -> None:
        """Route mkdocs-macros' page compilation through the cache of compiled pages in ``build/``."""
        self.templates = CompiledPages.install(environment, self.project_dir / TEMPLATES_SUBDIR)

    def save(self) -> None:
        """After the build: keep the compiled pages for the next one."""
        if self.templates is not None:
            self.templates.save()


def _read(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _heading(mdx_configs: Mapping[str, Any]) -> str:
    """The reference list's heading, with the permanent link the toc extension gives headings."""
    toc = mdx_configs.get("toc") or {}
    permalink = toc.get("permalink", False)
    return reference_heading("&para;" if permalink is True else str(permalink or ""),
                             str(toc.get("permalink_class", "headerlink")),
                             str(toc.get("permalink_title", "Permanent link")))
