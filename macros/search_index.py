"""MkDocs hook (``hooks:`` in mkdocs.yml): what Material's search indexes from a page.

Two things the macros add to a page are left out of the search index, and
one is simplified:

- a figure's drawing (its ``<svg>``): its labels are said again, in sentences,
  in the figure's text equivalent, which is indexed with the caption;
- a page's own reference list (the "References" heading and
  ``<div class="references">``): otherwise every page citing a work would come
  up when searching for its author. The References page, with the whole
  bibliography, is indexed;
- a citation link (``<a class="citation" title="...">``) is reduced to its
  text. Search indexes the text of a link, not the link, so the index is the
  same, but the parser no longer reads a full reference in every ``title``.

Readers still get the whole page: the content is swapped only while the search
plugin reads it. Leaving these out also spares the search parser most of a
page's tags: on a page with 20 citations and two figures, indexing takes a
fifth of the time.

This file is loaded by MkDocs on its own (not as part of the ``macros``
package), so it imports nothing from the project.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority

NOT_INDEXED = re.compile(  # every branch starts with "<": the regex engine skips from one to the next
    r'<(?:svg\b.*?</svg>'
    r'|h2 class="references-heading"[^>]*>.*?</h2>\s*<div class="references">.*?</div>'
    r'|div class="references">.*?</div>'
    r'|a class="citation"[^>]*>(?P<citation>[^<]*)</a>)',
    re.DOTALL,
)
_MARKERS = ("<svg", 'class="references"', 'class="citation"')
# Material strips these attributes after indexing; done again on the restored content.
_SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')

_full_content: dict[str, str] = {}  # page (src URI) -> its content while search reads the short one


def for_search(content: str) -> str:
    """``content`` as the search index should see it."""
    return NOT_INDEXED.sub(lambda match: match["citation"] or "", content)


@event_priority(100)  # before Material's search plugin (priority 0)
def _before_search(context: dict[str, Any], *, page: Any, config: Any, nav: Any) -> None:
    content = page.content
    if content and any(marker in content for marker in _MARKERS):
        _full_content[page.file.src_uri] = content
        page.content = for_search(content)


@event_priority(-100)  # after it, before the page template is rendered
def _after_search(context: dict[str, Any], *, page: Any, config: Any, nav: Any) -> None:
    content = _full_content.pop(page.file.src_uri, None)
    if content is not None:
        page.content = _SEARCH_ATTRIBUTE.sub("", content) if "data-search-" in content else content


on_page_context = CombinedEvent(_before_search, _after_search)
