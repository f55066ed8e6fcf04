"""HTML output (the backend): citations, a page's reference list, the bibliography.

Everything here is finished HTML, with all text escaped, so nothing from the bib is read
as Markdown or markup. A citation links to its work's entry on the same page
(``#ref-<key>``); docs/assets/js/citations.js shows that entry's reference as a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape

from .library import Library
from .rich import Rich
from .style import Formatted

REFERENCES_HEADING_ID = "references"


def anchor(key: str) -> str:
    return f"ref-{key}"


def rich_html(rich: Rich) -> str:
    out = []
    for span in rich:
        text = escape(span.text, quote=False)
        if span.key:
            text = f'<a class="citation" href="#{escape(anchor(span.key))}">{text}</a>'
        elif span.href:
            text = f'<a href="{escape(span.href)}">{text}</a>'
        if span.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


@lru_cache(maxsize=4096)  # the same works are listed on many pages
def _entry(formatted: Formatted, tag: str) -> str:
    key = escape(anchor(formatted.key))
    return f'<{tag} class="reference" id="{key}">{rich_html(formatted.reference)}</{tag}>'


def reference_list(forms: Sequence[Formatted], numbered: bool) -> str:
    """A page's list of the works it cites, in the order given: a numbered list for a numbered style."""
    if numbered:
        body = "\n".join(_entry(f, "li") for f in forms)
        return f'<ol class="references numbered">\n{body}\n</ol>'
    body = "\n".join(_entry(f, "p") for f in forms)
    return f'<div class="references">\n{body}\n</div>'


def reference_heading() -> str:
    """The Markdown heading above a page's reference list (in the table of contents, not in search)."""
    return f"## References {{#{REFERENCES_HEADING_ID} .references-heading}}"


def bibliography(library: Library) -> str:
    """The whole bib in its order: reference (with its DOI link), PubMed link, copyable BibTeX."""
    numbered = library.style.numbered
    tag = "li" if numbered else "div"
    blocks = []
    for key in library.ordered_keys:
        formatted = library.formatted(key)
        work = library.works[key]
        links = []  # the DOI link is already part of the reference
        if pmid := work.get("pmid"):
            pubmed = f"https://pubmed.ncbi.nlm.nih.gov/{escape(pmid)}/"
            links.append(f'<a href="{pubmed}">PubMed {escape(pmid)}</a>')
        link_line = f'<p class="reference-links">{" · ".join(links)}</p>\n' if links else ""
        blocks.append(
            f'<{tag} class="reference-entry" id="{escape(anchor(key))}">\n'
            f'<p class="reference">{rich_html(formatted.reference)}</p>\n'
            f"{link_line}"
            f'<details class="bibtex"><summary>BibTeX</summary>\n'
            f"<pre><code>{escape(work.bibtex, quote=False)}</code></pre>\n"
            f"</details>\n</{tag}>"
        )
    if numbered:
        return '<ol class="references bibliography numbered">\n' + "\n".join(blocks) + "\n</ol>"
    return '<div class="references bibliography">\n' + "\n".join(blocks) + "\n</div>"
