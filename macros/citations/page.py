"""The citations of one page: tokens while the page is written, HTML once it is complete.

A citation (from a macro, the pandoc syntax, or a figure's caption) goes into the page as a
kept-HTML token (raw_html) and is recorded here. When the whole page is known, :meth:`finish`
numbers the works in the order of first citation (numbered styles), writes each citation's
HTML, and adds the page's reference list. Author-date citations do not depend on the page, so
their HTML is made once per build and reused (:class:`CitationCache`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .. import raw_html
from .errors import CitationError
from .library import Library
from .pandoc import CitationScanner, Where, leftovers
from .render import reference_heading, reference_list, rich_html
from .rich import plain
from .style import Cited, Item


@dataclass(frozen=True)
class Citation:
    """One citation as written: its works, and whether the authors are part of the sentence."""

    items: tuple[Item, ...]
    narrative: bool

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


Part = str | Citation  # a piece of kept HTML split around the citations it holds


@dataclass
class CitationCache:
    """What the pages of one build share: author-date citations as HTML, and kept HTML
    (figures) split around its citations. Dropped when the bib or the style changes."""

    library: Library
    html: dict[Citation, tuple[str, str]] = field(default_factory=dict)  # -> (HTML, search text)
    split_html: dict[str, tuple[Part, ...]] = field(default_factory=dict)


class PageCitations:
    """The citations of the page being built."""

    def __init__(self, cache: CitationCache, where: Where) -> None:
        self.cache = cache
        self.library = cache.library
        self.where = where
        self.citations: dict[int, Citation] = {}  # kept-HTML index -> citation
        self.cited: set[str] = set()
        self.has_bibliography = False  # the References page lists every work itself

    def cite(self, items: tuple[Item, ...], narrative: bool) -> str:
        """The token standing for a citation of ``items`` (written out in :meth:`finish`)."""
        token = raw_html.keep("")
        self.citations[raw_html.index_of(token)] = Citation(items, narrative)
        self.cited.update(item.key for item in items)
        return token

    def scanner(self, where: Where | None = None) -> CitationScanner:
        return CitationScanner(self.library, self.cited, where or self.where, self.cite)

    def finish(self, markdown: str) -> str:
        """``markdown`` with its pandoc citations read, every citation written, and the reference list."""
        markdown = self.scanner().replace(markdown)
        nested = self._cite_in_kept_html()
        self._check(markdown)
        numbers = self._numbers(markdown, nested) if self.library.style.numbered else {}
        page_html = raw_html.kept.page
        for index, citation in self.citations.items():
            html, search = self._html(citation, numbers)
            page_html.replace(index, html, search)
            page_html.check_links(html)
        for index in nested:  # figures: their citations' tokens become the citations' HTML
            raw_html.kept.replace(index, raw_html.TOKEN.sub(lambda m: raw_html.kept.get(int(m[1])),
                                                            raw_html.kept.get(index)))
        if self.cited and not self.has_bibliography:
            markdown = markdown.rstrip("\n") + self._reference_list(numbers)
        return markdown

    def _cite_in_kept_html(self) -> list[int]:
        """Read the pandoc citations in kept HTML (a figure's caption); the pieces that had any."""
        nested = []
        for index in raw_html.kept.page_indexes():
            if index in self.citations:
                continue
            html = raw_html.kept.get(index)
            if "@" not in html:
                continue
            parts = self.cache.split_html.get(html)
            if parts is None:  # the same figure recurs across pages: read it once
                parts = _split(html, self.library, self.where)
                self.cache.split_html[html] = parts
            if len(parts) > 1 or isinstance(parts[0], Citation):
                written = [part if isinstance(part, str) else self.cite(part.items, part.narrative)
                           for part in parts]
                raw_html.kept.replace(index, "".join(written))
                nested.append(index)
        return nested

    def _check(self, markdown: str) -> None:
        narrative = {raw_html.token(index): citation.items[0].key
                     for index, citation in self.citations.items() if citation.narrative}
        problems = leftovers(markdown, self.library, narrative)
        if problems:
            needle, message = problems[0]
            raise CitationError(f"{self.where(needle)}: {message}.")

    def _numbers(self, markdown: str, nested: list[int]) -> dict[str, int]:
        """Numbered styles: each work's number, in the order of first citation on the page
        (on the References page: its place in the bibliography)."""
        if self.has_bibliography:
            return {key: index + 1 for index, key in enumerate(self.library.ordered_keys)}
        numbers: dict[str, int] = {}

        def walk(text: str) -> None:
            for match in raw_html.TOKEN.finditer(text):
                index = int(match[1])
                if index in self.citations:
                    for key in self.citations[index].keys:
                        numbers.setdefault(key, len(numbers) + 1)
                elif index in nested:
                    walk(raw_html.kept.get(index))

        walk(markdown)
        return numbers

    def _html(self, citation: Citation, numbers: dict[str, int]) -> tuple[str, str]:
        """The citation's HTML and what search reads in its place (its text)."""
        if not numbers and citation in self.cache.html:
            return self.cache.html[citation]
        style = self.library.style
        formatted = self.library.formatted
        cited = [Cited(item, formatted(item.key), numbers.get(item.key, 0)) for item in citation.items]
        rich = style.narrative(cited) if citation.narrative else style.parenthetical(cited)
        result = rich_html(rich), _escape_text(plain(rich))
        if not numbers:
            self.cache.html[citation] = result
        return result

    def _reference_list(self, numbers: dict[str, int]) -> str:
        forms = [self.library.formatted(key) for key in self.cited]
        if numbers:
            forms.sort(key=lambda form: numbers[form.key])
        else:
            forms.sort(key=lambda form: form.order)
        html = reference_list(forms, self.library.style.numbered)
        return f"\n\n{reference_heading()}\n\n{raw_html.keep(html, search='')}\n"


def _escape_text(text: str) -> str:
    return escape(text, quote=False)


def _split(html: str, library: Library, where: Where) -> tuple[Part, ...]:
    """``html`` split around its pandoc citations."""
    parts: list[Part] = []
    marker = "\ue002"

    def emit(items: tuple[Item, ...], narrative: bool) -> str:
        parts.append(Citation(items, narrative))
        return marker

    text = CitationScanner(library, set(), where, emit).replace(html)
    pieces = text.split(marker)
    out: list[Part] = []
    for index, piece in enumerate(pieces):
        if piece:
            out.append(piece)
        if index < len(parts):
            out.append(parts[index])
    return tuple(out) or ("",)

