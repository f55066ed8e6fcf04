"""What Material's search indexes of kept HTML (see stash.py: search reads each piece of kept HTML in
this form, and the page gets the HTML itself afterwards).

- a figure's drawing (its ``<svg>``) is left out: its labels are said again, in sentences,
  in the figure's text equivalent, which is indexed with the caption. The rest of the
  figure reaches search with only the tags search keeps (paragraphs, lists): the text it
  indexes is the same, but the parser no longer walks every ``<strong>`` of every text
  equivalent on every page;
- a page's own reference list is left out: otherwise every page citing a work would come up
  when searching for its author. The References page, with the whole bibliography, is indexed;
- a citation link is reduced to its text: search indexes the text of a link, not the link.
"""

from __future__ import annotations

import re
from functools import lru_cache

NOT_INDEXED = re.compile(  # every branch starts with "<": the regex engine skips from one to the next
    r'<(?:figure class="evidence-figure[^"]*"[^>]*>.*?</figure>'
    r'|svg\b.*?</svg>'
    r'|h2 class="references-heading"[^>]*>.*?</h2>\s*<div class="references[" ].*?</div>'
    r'|(?:div|ol) class="references(?: numbered)?">.*?</(?:div|ol)>'
    r'|a class="citation"[^>]*>(?P<citation>[^<]*)</a>)',
    re.DOTALL,
)
_MARKERS = ("<svg", "<figure", 'class="references', 'class="citation"')
_DRAWING = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
# The tags Material's search parser writes into the indexed text (its Parser.keep); it
# skips every other tag. A figure holds no heading, so those can go before it reads them.
KEPT_BY_SEARCH = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
# The parser turns each run of text between two tags into one piece, and a piece of only
# white space into " " unless the piece before it was white space too. Where two runs
# would merge and one of them is only white space, a void tag (which the parser ignores)
# keeps them apart, so the indexed text stays exactly the same.
_SEPARATOR = "<wbr>"


@lru_cache(maxsize=64)  # the same figures recur from page to page
def figure_for_search(figure: str) -> str:
    """A figure as search reads it: no drawing, and only the tags search keeps.

    The figure's own tags stay (bare), so its text never merges with the page's.
    """
    parts = _TAG_SPLIT.split(_DRAWING.sub("", figure))
    out: list[str] = []
    previous_text = ""  # the text run written last, since the last tag written
    separate = False  # a tag was dropped since then
    for index, part in enumerate(parts):
        if index % 2 == 0:  # text
            if not part:
                continue
            if separate and previous_text and (previous_text.isspace() or part.isspace()):
                out.append(_SEPARATOR)
                previous_text = ""
            out.append(part)
            previous_text += part
            separate = False
            continue
        name = _TAG_NAME.match(part)
        outer = index in (1, len(parts) - 2)  # <figure ...> and </figure>
        if name and (outer or name[2].lower() in KEPT_BY_SEARCH):
            out.append(f"<{name[1]}{name[2].lower()}>")
            previous_text, separate = "", False
        else:
            separate = True
    return "".join(out)


def _lighter(match: re.Match[str]) -> str:
    if match[0].startswith("<figure"):
        return figure_for_search(match[0])
    return match["citation"] or ""


@lru_cache(maxsize=256)  # the same pieces (figures, forms) recur from page to page
def for_search(html: str) -> str:
    """``html`` as the search index should see it."""
    if not any(marker in html for marker in _MARKERS):
        return html
    return NOT_INDEXED.sub(_lighter, html)
