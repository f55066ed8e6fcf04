"""The citations of one page: tokens while the page is written, HTML once it is complete.

A citation (from a macro, the pandoc syntax, or a figure's caption) goes into the page as a
kept-HTML token (pages/stash.py). An author-date citation does not depend on the page, so its HTML
is written at once (and made once per build for each distinct citation). A numbered style
numbers works in the order of first citation on the page, so :meth:`PageCitations.finish`
writes those citations when the whole page is known. ``finish`` also checks that nothing was
left half-read (pandoc.leftovers) and adds the page's reference list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

from ..pages.stash import TOKEN, PageHtml, local_links
from .errors import CitationError
from .library import Library
from .pandoc import CitationScanner, Where, leftovers
from .render import REFERENCES_HEADING_ID, reference_heading, reference_list
from .rich import plain, to_html
from .style import Cited, Item


class Citation(NamedTuple):
    """One citation as written: its works, and whether the authors are part of the sentence."""

    items: tuple[Item, ...]
    narrative: bool


Part = str | Citation  # a piece of kept HTML split around the citations it holds


class Written(NamedTuple):
    """A citation written out: its HTML, what search reads instead, the anchors it links to."""

    html: str
    search: str
    anchors: frozenset[str]


@dataclass
class CitationCache:
    """What the pages of one build share: author-date citations as HTML, and kept HTML
    (figures) split around its citations. Dropped when the bib or the style changes."""

    library: Library
    html: dict[Citation, Written] = field(default_factory=dict)
    split_html: dict[str, tuple[Part, ...]] = field(default_factory=dict)
    linked_html: dict[str, str] = field(default_factory=dict)  # author-date: a figure, its citations written
    heading: str = field(default_factory=reference_heading)  # above a page's reference list


class PageCitations:
    """The citations of the page being built."""

    def __init__(self, cache: CitationCache, html: PageHtml, where: Where) -> None:
        self.cache = cache
        self.html = html  # the page's kept HTML, where its citations go
        self.library = cache.library
        self.numbered = cache.library.style.numbered
        self.where = where
        self.cited: set[str] = set()
        self.has_bibliography = False  # the References page lists every work itself
        self.citation_indexes: set[int] = set()  # the kept pieces that are citations
        self.pending: dict[int, Citation] = {}  # numbered styles: written in finish()
        self.narrative_tokens: dict[str, str] = {}  # token -> key, to find one left in brackets

    def cite(self, items: tuple[Item, ...], narrative: bool) -> str:
        """The token standing for a citation of ``items``."""
        self.cited.update(item.key for item in items)
        citation = Citation(items, narrative)
        page = self.html
        if self.numbered:
            index, token = page.keep_index("")
            self.pending[index] = citation
        else:
            written = self._html(citation, {})
            index, token = page.keep_index(written.html, written.search)
            page.links.update(written.anchors)
        self.citation_indexes.add(index)
        if narrative:
            self.narrative_tokens[token] = items[0].key
        return token

    def scanner(self) -> CitationScanner:
        return CitationScanner(self.library, self.cited, self.where, self.cite)

    def finish(self, markdown: str) -> str:
        """``markdown`` with its pandoc citations read, every citation written, and the reference list."""
        markdown = self.scanner().replace(markdown)
        nested = self._cite_in_kept_html()
        problems = leftovers(markdown, self.library, self.narrative_tokens)
        if problems:
            needles, message = problems[0]
            raise CitationError(f"{self.where(*needles)}: {message}.")
        numbers = self._numbers(markdown, nested) if self.numbered else {}
        if self.pending:
            page = self.html
            for index, citation in self.pending.items():
                written = self._html(citation, numbers)
                page.replace(index, written.html, written.search)
                page.links.update(written.anchors)
            for index in nested:  # figures: their citations' tokens become the citations' HTML
                page.replace(index, TOKEN.sub(lambda m: page.get(int(m[1])), page.get(index)))
        if self.cited and not self.has_bibliography:
            markdown = markdown.rstrip("\n") + self._reference_list(numbers)
        return markdown

    def _cite_in_kept_html(self) -> list[int]:
        """Read the pandoc citations in kept HTML (a figure's caption). Author-date: the piece gets
        its citations' HTML; numbered: their tokens, written in finish() (the pieces returned)."""
        nested = []
        page = self.html
        for index in page.indexes():
            if index in self.citation_indexes:
                continue
            html = page.get(index)
            parts = self.cache.split_html.get(html)
            if parts is None:  # the same figure recurs across pages: read it once
                parts = _split(html, self.library, self.where) if "@" in html else (html,)
                self.cache.split_html[html] = parts
            if len(parts) == 1 and isinstance(parts[0], str):
                continue
            if self.numbered:
                written = (part if isinstance(part, str) else self.cite(*part) for part in parts)
                page.replace(index, "".join(written))
                nested.append(index)
                continue
            linked = self.cache.linked_html.get(html)
            if linked is None:
                linked = "".join(part if isinstance(part, str) else self._html(part, {}).html
                                 for part in parts)
                self.cache.linked_html[html] = linked
            page.replace(index, linked)
            page.check_links(linked)
            self.cited.update(item.key for part in parts if isinstance(part, Citation) for item in part.items)
        return nested

    def _numbers(self, markdown: str, nested: list[int]) -> dict[str, int]:
        """Numbered styles: each work's number, in the order of first citation on the page
        (on the References page: its place in the bibliography)."""
        if self.has_bibliography:
            return {key: index + 1 for index, key in enumerate(self.library.ordered_keys)}
        numbers: dict[str, int] = {}

        def walk(text: str) -> None:
            for match in TOKEN.finditer(text):
                index = int(match[1])
                if index in self.pending:
                    for item in self.pending[index].items:
                        numbers.setdefault(item.key, len(numbers) + 1)
                elif index in nested:
                    walk(self.html.get(index))

        walk(markdown)
        return numbers

    def _html(self, citation: Citation, numbers: dict[str, int]) -> Written:
        """The citation written out in the style (numbered styles: with the page's ``numbers``)."""
        if not numbers:
            found = self.cache.html.get(citation)
            if found is not None:
                return found
        formatted = self.library.formatted
        cited = [Cited(item, formatted(item.key), numbers.get(item.key, 0)) for item in citation.items]
        style = self.library.style
        rich = style.narrative(cited) if citation.narrative else style.parenthetical(cited)
        html = to_html(rich)
        written = Written(html, escape(plain(rich), quote=False), local_links(html))
        if not numbers:
            self.cache.html[citation] = written
        return written

    def _reference_list(self, numbers: dict[str, int]) -> str:
        forms = [self.library.formatted(key) for key in self.cited]
        if numbers:
            forms.sort(key=lambda form: numbers[form.key])
        else:
            forms.sort(key=lambda form: form.order)
        page = self.html
        page.toc_entries.append(("References", REFERENCES_HEADING_ID, 2))
        html = f"{self.cache.heading}\n{reference_list(forms, self.numbered)}"
        return f"\n\n{page.keep(html, search='')}\n"


def _split(html: str, library: Library, where: Where) -> tuple[Part, ...]:
    """``html`` split around its pandoc citations."""
    marker = "\x10"  # an ASCII control character (DATA LINK ESCAPE), never in a page, as the kept-HTML tokens
    found: list[Citation] = []

    def emit(items: tuple[Item, ...], narrative: bool) -> str:
        found.append(Citation(items, narrative))
        return marker

    pieces = CitationScanner(library, set(), where, emit).replace(html).split(marker)
    out: list[Part] = []
    for index, piece in enumerate(pieces):
        if piece:
            out.append(piece)
        if index < len(found):
            out.append(found[index])
    return tuple(out) or ("",)
