"""The stash: finished HTML goes into a page after Markdown and search have run.

Citation links, reference lists and figures are final HTML: Markdown has nothing to do in
them, MkDocs has no link in them to check, and search needs only a little of them. So the
plugin (or a macro) hands such HTML to :meth:`Stash.keep`, which files it for the page and
writes a short token (two control characters around a number) into the Markdown instead.
Markdown carries the tokens through as text (stash_markdown.py), search reads the page with each
token replaced by its short *search form* (see search_form.py), and only then, just before the theme renders
the page, each token becomes its HTML (:func:`before_search` and :func:`after_search`, which
the plugin runs around Material's search in ``on_page_context``).

So Python-Markdown, MkDocs' link validation and the search indexer never parse the kept HTML.
What they did for it is done here:

- a block (a figure) alone on its line is not wrapped in ``<p>``;
- the ids in kept HTML count for MkDocs' anchor validation of links *to* them;
- links *from* kept HTML to an anchor on the page (``href="#ref-x"``: a citation, which the
  citations ask to check with :meth:`PageHtml.check_links`) are checked against the finished
  page: one that points nowhere is a warning, which fails ``mkdocs build --strict``, naming
  the page and the anchor;
- in a heading, a token becomes the HTML at once (the table of contents and the heading's
  id read its text); in fenced code, the HTML shows as text, as it always did;
- a heading written in kept HTML (a reference list's) is added to the page's table of
  contents (:attr:`PageHtml.toc_entries`).

Everything here belongs to one build (a :class:`Stash`, made by the plugin) or one page (a
:class:`PageHtml`): nothing is kept in the module.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape
from typing import Any

from markdown.util import BLOCK_LEVEL_ELEMENTS
from mkdocs.structure.toc import AnchorLink

from ..errors import StashError
from . import search_form

__all__ = ["CLOSE", "OPEN", "TOKEN", "PageHtml", "Stash", "after_search", "before_search", "local_links"]

log = logging.getLogger("mkdocs.plugins.evidence.stash")

# SHIFT OUT and SHIFT IN: ASCII control characters never in a page's own text (and not line
# breaks to str.splitlines, nor Python-Markdown's own placeholder marks, STX and ETX). In ASCII,
# a page holding tokens stays a 1-byte-per-character string: see ascii_html.
OPEN, CLOSE = "\x0e", "\x0f"
TOKEN = re.compile(f"{OPEN}(\\d+){CLOSE}")
_TAG_WITH_TOKEN = re.compile(f"<[^<>{OPEN}]*{OPEN}[^<>]*>")
_FIRST_TAG = re.compile(r"\s*<([A-Za-z][\w-]*)")
# Both start with a fixed string, so the regex engine jumps from one to the next (the HTML here
# is generated: an attribute follows one space).
_ID = re.compile(r"""[ ]id=(?:"([^"]+)"|'([^']+)')""")
_LOCAL_HREF = re.compile(r"""[ ]href=(?:"#([^"]+)"|'#([^']+)')""")
# What Markdown treats as a block (Python-Markdown's list); a block alone on its line is not put in <p>.
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)


@dataclass
class Piece:
    html: str
    search: str | None = None  # what search reads instead; None: derived from the HTML (search_form)

    @cached_property
    def is_block(self) -> bool:
        tag = _FIRST_TAG.match(self.html)
        return bool(tag) and tag.group(1).lower() in _BLOCK_TAGS


@dataclass
class PageHtml:
    """The HTML one page's tokens stand for, numbered from ``first``."""

    first: int
    pieces: list[Piece] = field(default_factory=list)
    src: str = "(no page)"
    links: set[str] = field(default_factory=set)  # anchors on this page that kept HTML links to
    toc_entries: list[tuple[str, str, int]] = field(default_factory=list)  # headings in kept HTML
    full_content: str | None = None  # the page's content with tokens, while search reads the light one

    def keep(self, html: str, search: str | None = None) -> str:
        return self.keep_index(html, search)[1]

    def keep_index(self, html: str, search: str | None = None) -> tuple[int, str]:
        """Keep ``html``: its number and its token."""
        self.pieces.append(Piece(ascii_html(html), None if search is None else ascii_html(search)))
        index = self.first + len(self.pieces) - 1
        return index, token(index)

    def indexes(self) -> range:
        return range(self.first, self.first + len(self.pieces))

    def piece(self, index: int) -> Piece:
        if not 0 <= index - self.first < len(self.pieces):
            raise StashError(
                f"kept-HTML token {index} is unknown on this page ({self.src}): Markdown holding the kept "
                "HTML's tokens was converted outside the page it was written for (see pages/stash.py)"
            )
        return self.pieces[index - self.first]

    def get(self, index: int) -> str:
        return self.piece(index).html

    def replace(self, index: int, html: str, search: str | None = None) -> None:
        self.piece(index)  # fails clearly on a token of another page
        self.pieces[index - self.first] = Piece(ascii_html(html),
                                                None if search is None else ascii_html(search))

    def ids(self) -> set[str]:
        return {found for piece in self.pieces for found in _ids(piece.html)}

    def _substitute(self, content: str, form: Callable[[Piece], str]) -> str:
        if _token_in_a_tag(content):  # in an attribute (an image's alt text): the text alone
            content = _TAG_WITH_TOKEN.sub(lambda tag: TOKEN.sub(
                lambda m: escape(_text(self.get(int(m[1])))), tag[0]), content)

        out: list[str] = []
        done = 0  # content[:done] is written
        for match in TOKEN.finditer(content):  # a literal start: the engine jumps from token to token
            piece = self.piece(int(match[1]))
            start, end = match.span()
            if (start >= 3 and piece.is_block and content.startswith("<p>", start - 3)
                    and content.startswith("</p>", end)):
                start, end = start - 3, end + 4  # a block alone in its paragraph: no <p> around it
            out += [content[done:start], form(piece)]
            done = end
        out.append(content[done:])
        return "".join(out)

    def expand(self, content: str) -> str:
        """``content`` with every token replaced by its HTML."""
        return self._substitute(content, lambda piece: piece.html)

    def for_search(self, content: str) -> str:
        """``content`` as search should read it: each token by its search form."""
        return self._substitute(content, lambda piece: search_form.for_search(piece.html)
                                if piece.search is None else piece.search)

    def check_links(self, html: str) -> None:
        """Check, once the page is complete, that every ``href="#..."`` of ``html`` has its target."""
        self.links.update(local_links(html))

    def broken_anchors(self, page_html: str) -> list[str]:
        """The anchors checked (:meth:`check_links`) that no element of ``page_html`` has."""
        if not self.links:
            return []
        missing = self.links - self.ids()  # most targets are in kept HTML itself (the reference list)
        return sorted(t for t in missing if f'id="{t}"' not in page_html and f"id='{t}'" not in page_html)


@lru_cache(maxsize=4096)  # citations and figures recur
def local_links(html: str) -> frozenset[str]:
    """The anchors ``html`` links to on its own page (``href="#x"``)."""
    return frozenset(double or single for double, single in _LOCAL_HREF.findall(html))


@lru_cache(maxsize=1024)  # figures and reference lists recur from page to page
def _ids(html: str) -> frozenset[str]:
    return frozenset(double or single for double, single in _ID.findall(html))


@lru_cache(maxsize=256)  # a figure recurs from page to page: written once, and the same object
# each time after, whose hash Python keeps (the caches keyed by it then cost nothing)
def ascii_html(html: str) -> str:
    """``html`` with every character outside ASCII written as a character reference (``&#8211;``).

    The same HTML to a browser and to search's parser, but a page holding it stays a 1-byte
    string (str's compact form) through search, the theme and the file write: one en dash in a
    reference would otherwise make Python handle the whole page at two bytes a character. Not
    done where character references are not read: inside ``<script>`` or ``<style>``.
    """
    if html.isascii() or "<script" in html or "<style" in html:
        return html  # (for an ASCII piece, the lookup above already was the one hash)
    return html.encode("ascii", "xmlcharrefreplace").decode("ascii")


def token(index: int) -> str:
    """The token standing for kept piece ``index``."""
    return f"{OPEN}{index}{CLOSE}"


def _token_in_a_tag(content: str) -> bool:
    """Whether a token stands inside a tag (``<img alt="TOKEN">``): the last '<' before it
    comes after the last '>'."""
    at = content.find(OPEN)
    while at >= 0:
        if content.rfind("<", 0, at) > content.rfind(">", 0, at):
            return True
        at = content.find(OPEN, at + 1)
    return False


def _text(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


class Stash:
    """The kept HTML of one build. :attr:`page` is the page being converted; the numbering runs on
    across pages, so a token left over from an earlier page fails clearly instead of standing for
    other HTML."""

    def __init__(self) -> None:
        self.page = PageHtml(0)

    def start_page(self, src: str = "(no page)") -> PageHtml:
        """A new page: its kept HTML starts empty, numbered after the last page's."""
        self.page = PageHtml(self.page.first + len(self.page.pieces), src=src)
        return self.page

    def keep(self, html: str, search: str | None = None) -> str:
        """A token that stands for ``html`` in the current page's Markdown until Markdown and search
        are done. ``search``: what search indexes in its place ('' for nothing); by default the HTML
        without figure drawings, citation titles or the page's reference list (search_form)."""
        return self.page.keep(html, search)


# ---------------------------------------------------------------- after Markdown: around search

# Material strips these attributes after indexing; done again on the restored content.
_SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')


def before_search(page: Any, html: PageHtml) -> bool:
    """Before Material's search reads ``page``: its kept headings join its table of contents, and its
    content holds each piece's search form. False if the page needs nothing after search."""
    for title, anchor, level in html.toc_entries:
        _add_to_toc(page.toc, title, anchor, level)
    if not html.pieces or not page.content or OPEN not in page.content:
        return False
    html.full_content = page.content
    page.content = html.for_search(page.content)
    return True


def after_search(page: Any, html: PageHtml) -> None:
    """After search, before the theme: the page's content with every token replaced by its HTML,
    and a warning (which fails ``--strict``) for each link in kept HTML to an anchor the page lacks."""
    content = html.full_content
    if content is None:
        return
    if "data-search-" in content:
        content = _SEARCH_ATTRIBUTE.sub("", content)
    page.content = html.expand(content)
    for anchor in html.broken_anchors(page.content):
        log.warning(f"Doc file '{page.file.src_uri}' links to '#{anchor}' (macro-generated HTML), but there "
                    "is no such anchor on this page.")


def _add_to_toc(toc: Any, title: str, anchor: str, level: int) -> None:
    """Add a heading of kept HTML at the end of the page's table of contents, nested as Markdown
    nests headings (under the last one of a lower level)."""
    items = toc.items
    while items and items[-1].level < level:
        items = items[-1].children
    items.append(AnchorLink(title, anchor, level))
