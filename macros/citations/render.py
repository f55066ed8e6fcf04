"""HTML output (the backend): citations, a page's reference list, the bibliography.

Everything here is raw HTML that Python-Markdown passes through untouched, with
all text escaped, so nothing from the bib is read as Markdown or markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape

from .library import Formatted, Library
from .rich import Rich

REFERENCES_HEADING_ID = "references"


@dataclass(frozen=True)
class Item:
    """One cited work with its optional prefix ('see') and locator ('p. 5')."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False  # pandoc's [-@key]: "(2014)"


def anchor(key: str) -> str:
    return f"ref-{key}"


def rich_html(rich: Rich) -> str:
    out = []
    for span in rich:
        text = escape(span.text, quote=False)
        if span.href:
            text = f'<a href="{escape(span.href)}">{text}</a>'
        if span.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def _link(formatted: Formatted, text: str, href_prefix: str = "") -> str:
    return (
        f'<a class="citation" href="{href_prefix}#{anchor(formatted.key)}" '
        f'title="{escape(formatted.reference_text)}">{escape(text, quote=False)}</a>'
    )


def parenthetical(items: list[Item], library: Library) -> str:
    """(A, 2014; B & C, 2018a, 2018b, p. 5): items in APA order, same authors merged.

    A prefix on the first item written ("see") introduces the whole group, so it
    stays in front after sorting; prefixes on later items travel with them.
    """
    group_prefix = items[0].prefix
    items = [replace(items[0], prefix=""), *items[1:]]
    ordered = sorted(items, key=lambda item: library.formatted(item.key).order)
    ordered[0] = replace(ordered[0], prefix=" ".join(p for p in (group_prefix, ordered[0].prefix) if p))
    parts: list[str] = []
    previous: tuple[Item, Formatted] | None = None
    for item in ordered:
        formatted = library.formatted(item.key)
        locator = f", {escape(item.locator, quote=False)}" if item.locator else ""
        same_authors = (
            previous is not None
            and previous[1].authors == formatted.authors
            and not previous[0].locator
            and not item.prefix
            and previous[0].suppress_author == item.suppress_author
        )
        if same_authors:
            parts[-1] += ", " + _link(formatted, formatted.date) + locator
        else:
            text = formatted.date if item.suppress_author else formatted.label
            prefix = f"{escape(item.prefix, quote=False)} " if item.prefix else ""
            parts.append(prefix + _link(formatted, text) + locator)
        previous = (item, formatted)
    return "(" + "; ".join(parts) + ")"


def narrative(items: list[Item], library: Library) -> str:
    """Fuentes et al. (2014, p. 480); several works joined with 'and'."""
    texts = []
    for item in items:
        formatted = library.formatted(item.key)
        locator = f", {item.locator}" if item.locator else ""
        prefix = f"{item.prefix} " if item.prefix else ""
        texts.append(prefix + _link(formatted, f"{formatted.narrative_authors} ({formatted.date}{locator})"))
    if len(texts) <= 2:
        return " and ".join(texts)
    return ", ".join(texts[:-1]) + ", and " + texts[-1]


@lru_cache(maxsize=4096)  # the same works are listed on many pages
def _entry(formatted: Formatted) -> str:
    return f'<p class="reference" id="{anchor(formatted.key)}">{rich_html(formatted.reference)}</p>'


def reference_list(keys: set[str], library: Library, emit: Callable[[str], str] = str) -> str:
    """A page's 'References' section: a Markdown heading, then ``emit`` of the HTML list."""
    entries = sorted((library.formatted(k) for k in keys), key=lambda f: f.order)
    body = "\n".join(_entry(f) for f in entries)
    html = emit(f'<div class="references">\n{body}\n</div>')
    return f"\n\n## References {{#{REFERENCES_HEADING_ID} .references-heading}}\n\n{html}\n"


def bibliography(library: Library) -> str:
    """The whole bib in APA order: reference (with its DOI link), PubMed link, copyable BibTeX."""
    blocks = []
    for key in library.ordered_keys:
        formatted = library.formatted(key)
        work = library.works[key]
        links = []  # the DOI link is already part of the APA reference
        if pmid := work.get("pmid"):
            pubmed = f"https://pubmed.ncbi.nlm.nih.gov/{escape(pmid)}/"
            links.append(f'<a href="{pubmed}">PubMed {escape(pmid)}</a>')
        link_line = f'<p class="reference-links">{" · ".join(links)}</p>\n' if links else ""
        blocks.append(
            f'<div class="reference-entry" id="{anchor(key)}">\n'
            f'<p class="reference">{rich_html(formatted.reference)}</p>\n'
            f"{link_line}"
            f'<details class="bibtex"><summary>BibTeX</summary>\n'
            f"<pre><code>{escape(work.bibtex, quote=False)}</code></pre>\n"
            "</details>\n</div>"
        )
    return '\n\n<div class="references bibliography">\n' + "\n".join(blocks) + "\n</div>\n\n"
