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
from .rich import anchor
from .style import Formatted

REFERENCES_HEADING_ID = "references"


@lru_cache(maxsize=4096)  # the same works are listed on many pages
def _entry(formatted: Formatted, tag: str) -> str:
    return f'<{tag} class="reference" id="{escape(anchor(formatted.key))}">{formatted.reference_html}</{tag}>'


def reference_list(forms: Sequence[Formatted], numbered: bool) -> str:
    """A page's list of the works it cites, in the order given: a numbered list for a numbered style."""
    if numbered:
        body = "\n".join(_entry(f, "li") for f in forms)
        return f'<ol class="references numbered">\n{body}\n</ol>'
    body = "\n".join(_entry(f, "p") for f in forms)
    return f'<div class="references">\n{body}\n</div>'


def reference_heading(permalink: str = "&para;", permalink_class: str = "headerlink",
                      permalink_title: str = "Permanent link") -> str:
    """The heading above a page's reference list, as Python-Markdown's toc extension writes a heading
    (``permalink``: the HTML of its permanent link, '' for none). It is kept HTML, not Markdown:
    Markdown has nothing to do in it, and the hook adds it to the page's table of contents."""
    link = (f'<a class="{escape(permalink_class)}" href="#{REFERENCES_HEADING_ID}" '
            f'title="{escape(permalink_title)}">{permalink}</a>') if permalink else ""
    return f'<h2 class="references-heading" id="{REFERENCES_HEADING_ID}">References{link}</h2>'


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
            f'<p class="reference">{formatted.reference_html}</p>\n'
            f"{link_line}"
            f'<details class="bibtex"><summary>BibTeX</summary>\n'
            f"<pre><code>{escape(work.bibtex, quote=False)}</code></pre>\n"
            f"</details>\n</{tag}>"
        )
    if numbered:
        return '<ol class="references bibliography numbered">\n' + "\n".join(blocks) + "\n</ol>"
    return '<div class="references bibliography">\n' + "\n".join(blocks) + "\n</div>"
