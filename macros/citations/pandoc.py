"""Pandoc citation syntax in a page's Markdown: ``[@key]``, ``[see @a; @b, p. 5]``, ``@key``.

One regular-expression pass per page, outside fenced code, code spans, HTML
tags, ``<pre>``/``<code>`` elements and comments. The rules:

- ``[...]`` holding ``@key`` items separated by ``;`` is a parenthetical
  citation. Each item is ``prefix @key, locator`` (prefix and locator
  optional; ``-@key`` drops the author). Any unknown key is an error.
- A bare ``@key`` is a narrative citation, optionally followed by a locator in
  brackets: ``@key [p. 33]``. If the key is not in the bib it is an error only
  when it looks like a citation key (letters then a four-digit year, maybe
  a word: ``smith2020trial``, ``smith2020``); anything else (``@kieran``) is
  left as text.
- Not citations: ``@`` after a letter or digit (``name@example.org``), text in
  code, Markdown links ``[text](url)`` (their text included), and a bracket
  followed by ``(`` or ``[``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..fences import split_fenced
from .errors import CitationError
from .library import Library
from .render import Item, narrative, parenthetical

KEY = r"\w(?:\w|[:./-](?=\w))*"  # letters, digits, _ ; inner : . / -
LOOKS_LIKE_KEY = re.compile(r"[A-Za-z][A-Za-z'_-]*\d{4}\w*")
_ITEM = re.compile(rf"\s*(?P<prefix>[^@;]*?)\s*(?<!\w)(?P<minus>-?)@(?P<key>{KEY})(?P<suffix>[^@;]*)")
# Tags are matched (and kept as they are) only when they hold an '@': a tag without one
# can hold no citation, and skipping them spares a call per tag on figure-heavy HTML.
# Every branch starts with a fixed character (the check that '@' follows no letter comes
# after it), which lets the regex engine jump from one candidate character to the next.
_TOKEN = re.compile(
    r"(?P<code>(?P<ticks>`+)(?:(?!\n[ \t]*\n)[\s\S])+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<html><pre\b[\s\S]*?</pre>|<code\b[\s\S]*?</code>|<!--[\s\S]*?-->|<[A-Za-z/][^>\n@]*@[^>\n]*>"
    r"|\[[^\[\]\n]*\]\([^()\s]*\))"
    r"|(?P<group>\[(?P<inner>[^\[\]\n]*@[^\[\]\n]*)\](?![(\[:]))"
    rf"|@(?<![\w@\\]@)(?P<key>{KEY})(?:[ ](?P<loc>\[[^\[\]@\n]+\])(?![(\[:]))?"
)

Where = Callable[[str], str]


def parse_group(inner: str) -> list[Item] | None:
    """The items of ``[...]``, or None when it is not a citation at all."""
    items = []
    for part in inner.split(";"):
        match = _ITEM.fullmatch(part)
        if not match:
            if re.search(rf"(?<!\w)@{KEY}", inner):
                raise ValueError(part.strip())
            return None
        suffix = match.group("suffix").strip()
        items.append(Item(
            key=match.group("key"),
            prefix=match.group("prefix").strip(),
            locator=suffix[1:].strip() if suffix.startswith(",") else suffix,
            suppress_author=bool(match.group("minus")),
        ))
    return items


class CitationScanner:
    """Turns pandoc citations in one page into linked citations."""

    def __init__(self, library: Library, cited: set[str], where: Where,
                 emit: Callable[[str], str] = str) -> None:
        self.library = library
        self.cited = cited
        self.where = where
        self.emit = emit  # what goes into the text for a citation's HTML

    def replace(self, markdown: str) -> str:
        out = []
        for is_code, chunk in split_fenced(markdown):
            out.append(chunk if is_code or "@" not in chunk else _TOKEN.sub(self._token, chunk))
        return "".join(out)

    def _check(self, key: str) -> None:
        if key not in self.library:
            raise CitationError(self.library.unknown_key_message(key, self.where(key)))
        self.cited.add(key)

    def _token(self, match: re.Match[str]) -> str:
        if match.group("code") or match.group("html"):
            return match.group(0)
        if inner := match.group("inner"):
            return self._group(match.group(0), inner)
        key = match.group("key")
        if key not in self.library and not LOOKS_LIKE_KEY.fullmatch(key):
            return match.group(0)  # a handle or other @word, not a citation
        self._check(key)
        locator = (match.group("loc") or "")[1:-1].strip()
        return self.emit(narrative([Item(key, locator=locator)], self.library))

    def _group(self, text: str, inner: str) -> str:
        try:
            items = parse_group(inner)
        except ValueError as error:
            raise CitationError(
                f"{self.where(text)}: cannot read the citation {text}: the part '{error}' is not "
                "'@key', 'prefix @key' or '@key, locator'. Write e.g. [@a; see @b, p. 5]."
            ) from error
        if items is None:
            return text
        for item in items:
            self._check(item.key)
        return self.emit(parenthetical(items, self.library))
