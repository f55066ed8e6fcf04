"""Pandoc citation syntax in a page's Markdown: ``[@key]``, ``[see @a; @b, p. 5]``, ``@key``.

One regular-expression pass per page, outside fenced code, code spans, HTML tags,
``<pre>``/``<code>`` elements and comments. The rules:

- ``[...]`` holding an ``@key`` is a parenthetical citation, also when it runs over a
  line break (not over a blank line) or is followed by punctuation (``[@a; @b]:``). Its
  items are separated by ``;``; each is ``prefix @key, locator`` (prefix and locator
  optional; ``-@key`` drops the author). An item that cannot be read, or an unknown key,
  is an error: a bracket holding a citation is never left half-read.
- A bare ``@key`` is a narrative citation, optionally followed by a locator in brackets
  (``@key [p. 33]``, also on the next line). If the key is not in the bib it is an error
  only when it looks like a citation key (letters then a four-digit year, maybe a word:
  ``smith2020trial``, ``smith2020``); anything else (``@kieran``) is left as text.
- Not citations: ``@`` after a letter or digit (``name@example.org``), text in code, the
  text of Markdown links ``[text](url)`` and ``[text][ref]``, and link definitions
  (``[label]: url`` on a line of its own).

After the pass, :func:`leftovers` finds what would still reach a reader as a broken citation
(a ``[@key`` left in the text, a narrative citation inside brackets): the page fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..pages import stash
from ..pages.fences import split_fenced
from .errors import CitationError
from .library import Library
from .style import Item

KEY = r"\w(?:\w|[:./-](?=\w))*"  # letters, digits, _ ; inner : . / -
LOOKS_LIKE_KEY = re.compile(r"[A-Za-z][A-Za-z'_-]*\d{4}\w*")
# An '@' is a citation's only where a word could start: not after a letter or digit (kim@example.org), a
# backslash (\@key: a literal '@'), or what stands before an '@' in a URL (/@user, ?u=@x, mailto:@x).
_NOT_BEFORE_AT = r"\w@\\/=:?&#%+~"
_AT = rf"@(?<![{_NOT_BEFORE_AT}]@)"
# '@' first (the look-behind after it): the regex engine jumps from one '@' to the next.
_CITED_KEY = re.compile(rf"{_AT}(?P<key>{KEY})")
_SIMPLE_GROUP = re.compile(rf"\s*(?P<minus>-?)@(?P<key>{KEY})\s*")
_ITEM = re.compile(rf"\s*(?P<prefix>[^@;]*?)\s*(?<![{_NOT_BEFORE_AT}])(?P<minus>-?)@(?P<key>{KEY})"
                   r"(?P<suffix>[^@;]*)")
_NO_BLANK_LINE = r"(?:[^\[\]\n]|\n(?![ \t]*\n))"  # in brackets: anything but brackets or a blank line

# What is never a citation, as Python-Markdown reads it (each without its first character, which the
# patterns below put first, outside any group):
# - HTML: <pre> and <code> elements, comments, autolinks (<https://example.org/@key>), and tags with
#   attributes, which may run over lines within a paragraph (<a\n href="x/@key2020">);
_HTML = (r"pre\b[\s\S]*?</pre>|code\b[\s\S]*?</code>|!--[\s\S]*?-->|[A-Za-z][\w+.-]*:[^<>\s]*>"
         r"|/?[A-Za-z][^\s<>@]*\s(?:[^<>\n]|\n(?![ \t]*\n))*>")
# - a link's destination and title ([text](url "title"), ![alt](src), [text](<url with spaces>)), or its
#   reference ([text][ref]);
_DESTINATION = (r"\((?:[ \t]*<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
                r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\)")
_LINK = rf"{_DESTINATION}|\[[^\[\]\n]*\]"
# - a link definition's destination and title ([label]: url "title", a line of its own).
_DEFINITION = r":[ \t]*(?:<[^<>\n]*>|\S+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*(?=\n|$)"
# Every branch starts with a fixed character, outside any group (the check that '@' follows no
# letter comes after it): the regex engine then skips from one candidate character to the next
# instead of trying the whole pattern at every position (about 3x faster on a page).
_TOKEN = re.compile(
    r"`(?P<code>(?P<ticks>`*)(?:(?!\n[ \t]*\n)[\s\S])+?(?<!`)`(?P=ticks)(?!`))"
    rf"|<(?P<html>{_HTML})"
    r"|\\(?P<escaped>[\\@\[\]])"
    rf"|\[(?P<inner>{_NO_BLANK_LINE}*)\](?:(?P<link>{_LINK})|(?P<definition>{_DEFINITION}))?"
    rf"|{_AT}(?P<key>{KEY})(?:[ \t]*\n?[ \t]*(?P<loc>\[[^\[\]@\n]+\])(?![(\[]))?"
)
LITERAL_AT = "&#64;"  # what \@ becomes: an '@' the reader sees, which nothing reads as a citation

Where = Callable[..., str]  # where(*needles): the page and line of the first needle found in its source
Emit = Callable[[tuple[Item, ...], bool], str]  # (items, narrative) -> what goes into the text


def parse_group(inner: str, library: Library) -> tuple[Item, ...] | None:
    """The items of ``[...]``, or None when it holds no citation (``[mail kim@example.org]``,
    ``[thanks @kieran]``). ValueError (naming the part) when a citation cannot be read."""
    simple = _SIMPLE_GROUP.fullmatch(inner)
    if simple:  # the common case: [@key] or [-@key]
        if not _is_citation_key(simple["key"], library):
            return None
        return (Item(simple["key"], suppress_author=bool(simple["minus"])),)
    if not any(_is_citation_key(m["key"], library) for m in _CITED_KEY.finditer(inner)):
        return None
    items = []
    for part in inner.split(";"):
        match = _ITEM.fullmatch(part)
        if not match:
            raise ValueError(" ".join(part.split()))
        suffix = " ".join(match.group("suffix").split())
        items.append(Item(
            key=match.group("key"),
            prefix=" ".join(match.group("prefix").split()),
            locator=suffix[1:].strip() if suffix.startswith(",") else suffix,
            suppress_author=bool(match.group("minus")),
        ))
    return tuple(items)


def _is_citation_key(key: str, library: Library) -> bool:
    return key in library or bool(LOOKS_LIKE_KEY.fullmatch(key))


def context(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with what comes before it on its line (after any kept-HTML token): what the
    page's source holds around a citation, to tell its line from other uses of the same key."""
    line_start = text.rfind("\n", 0, start) + 1
    return stash.TOKEN.split(text[line_start:end])[-1]


class CitationScanner:
    """Turns the pandoc citations of one page (or of a piece of HTML) into what ``emit`` writes."""

    def __init__(self, library: Library, cited: set[str], where: Where, emit: Emit) -> None:
        self.library = library
        self.cited = cited
        self.where = where
        self.emit = emit

    def replace(self, markdown: str) -> str:
        out = []
        for is_code, chunk in split_fenced(markdown):
            out.append(chunk if is_code or "@" not in chunk else _TOKEN.sub(self._token, chunk))
        return "".join(out)

    def _check(self, key: str, where: str) -> None:
        """``key`` noted as cited; CitationError if the bib lacks it, naming the line of ``where`` (the
        citation with what precedes it on its line)."""
        if key not in self.library:
            raise CitationError(self.library.unknown_key_message(key, self.where(where, f"@{key}")))
        self.cited.add(key)

    def _token(self, match: re.Match[str]) -> str:
        if match.group("code") is not None or match.group("html") is not None:
            return match.group(0)
        escaped = match.group("escaped")
        if escaped is not None:  # \@ is a literal '@'; \[ and \] are Markdown's literal brackets
            return LITERAL_AT if escaped == "@" else match.group(0)
        inner = match.group("inner")
        if inner is not None:
            return self._brackets(match, inner)
        key = match.group("key")
        if key not in self.library and not LOOKS_LIKE_KEY.fullmatch(key):
            return match.group(0)  # a handle or other @word, not a citation
        self._check(key, context(match.string, match.start(), match.end("key")))
        locator = " ".join((match.group("loc") or "[]")[1:-1].split())
        return self.emit((Item(key, locator=locator),), True)

    def _brackets(self, match: re.Match[str], inner: str) -> str:
        """``[...]``: a citation group, or a link's text, or a link definition's label (left as they are:
        a key in them fails later, see leftovers)."""
        text = match.group(0)
        definition = match.group("definition")
        if definition is not None:
            line_start = match.string.rfind("\n", 0, match.start()) + 1
            if re.fullmatch(r"[ ]{0,3}", match.string[line_start:match.start()]):
                return text  # a link definition: its label is no citation, its destination no text
            text = text[: len(text) - len(definition)]  # brackets, then text that happens to look like one
            return self._group(match, text, inner) + _TOKEN.sub(self._token, definition)
        if match.group("link"):
            return text
        return self._group(match, text, inner)

    def _group(self, match: re.Match[str], text: str, inner: str) -> str:
        """``text`` (``[inner]``) as a citation, or as it is if it holds none."""
        if "@" not in inner:
            return text
        try:
            items = parse_group(inner, self.library)
        except ValueError as error:
            shown = " ".join(text.split())
            raise CitationError(
                f"{self.where(context(match.string, match.start(), match.start() + len(text.split(';')[0])))}"
                f": cannot read the citation {shown}: the part "
                f"'{error}' is not '@key', 'prefix @key' or '@key, locator'. Write e.g. [@a; see @b, p. 5]."
            ) from error
        if items is None:
            return text
        cursor = match.start()
        for item in items:  # the group up to each key: the line named is the key's own
            cursor = match.string.find(f"@{item.key}", cursor) + 1 + len(item.key)
            self._check(item.key, context(match.string, match.start(), cursor))
        return self.emit(items, False)


# ---------------------------------------------------------------- what must not reach a reader

# What a reader never sees as text: code, HTML, escapes, links' destinations, link definitions' tails.
_NOT_TEXT = re.compile(r"`(`*)(?:(?!\n[ \t]*\n)[\s\S])+?(?<!`)`\1(?!`)"
                       rf"|<(?:{_HTML})|\\[\\@\[\]]|(?<=\])(?:{_DESTINATION})")
_DEFINITION_LINE = re.compile(rf"^(?P<label>[ ]{{0,3}}\[[^\[\]\n]+\])(?P<tail>{_DEFINITION})", re.MULTILINE)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])  # same length, same lines


def _text_only(chunk: str) -> str:
    """``chunk`` with what is not text blanked out (same length and lines: positions still match)."""
    if any(mark in chunk for mark in "<`\\]"):
        chunk = _NOT_TEXT.sub(_blank, chunk)
    if "]:" in chunk:
        chunk = _DEFINITION_LINE.sub(lambda m: m["label"] + re.sub(r"[^\n]", " ", m["tail"]), chunk)
    return chunk


def leftovers(markdown: str, library: Library,
              narrative_tokens: dict[str, str]) -> list[tuple[tuple[str, ...], str]]:
    """What a page still holds, after the pass, that a reader would see as a broken citation:
    a citation key still in the text (in a link's text, a link definition's label, brackets not
    read as a citation), or a narrative citation (``narrative_tokens``: its token -> its key) inside
    brackets. Each as (texts to find its line by, best first; what is wrong). Code, comments, HTML,
    escapes and links' destinations are not text."""
    found: list[tuple[tuple[str, ...], str]] = []
    for is_code, chunk in split_fenced(markdown):
        if is_code or ("@" not in chunk and not narrative_tokens):
            continue
        text = _text_only(chunk)
        for match in _CITED_KEY.finditer(text):
            if _is_citation_key(match["key"], library):
                line = _line_around(text, match.start())
                found.append(((context(chunk, match.start(), match.end()), f"@{match['key']}"),
                              f"the citation @{match['key']} was not read, in '{line}': a citation cannot be "
                              "a link's text or a link definition, nor hold brackets or a blank line"))
        if narrative_tokens and "[" in text:
            for token, key in narrative_tokens.items():
                at = text.find(token)
                if at < 0 or not _inside_brackets(text, at):
                    continue
                opened = text.rfind("[", 0, at)
                before = " ".join(text[opened + 1:at].split())
                needles = (context(chunk, opened, at), f"@{key}")
                if before in ("", "-"):  # '[@key' read as a narrative citation: the group never closed
                    found.append((needles, f"the citation [{before}@{key} was not read: its closing ']' is "
                                  "missing, or after a blank line (a citation stays within its paragraph)"))
                else:
                    found.append((needles, f"the narrative citation @{key} stands inside brackets "
                                  f"('[{before} @{key}'): write [@{key}] for a parenthetical citation, or "
                                  "take the brackets away"))
    return found


def _line_around(text: str, at: int) -> str:
    """The line of ``text`` holding position ``at``, its spaces collapsed (80 characters at most)."""
    end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1: end if end >= 0 else len(text)]
    return " ".join(line.split())[:80]


_BRACKET = re.compile(r"[\[\]]|\n[ \t]*\n")


def _inside_brackets(text: str, start: int) -> bool:
    """Whether a '[' before ``start`` in its paragraph is still open (its ']' after, later, or missing)."""
    depth = 0
    for match in reversed(list(_BRACKET.finditer(text, 0, start))):
        if match[0] == "]":
            depth += 1
        elif match[0] == "[":
            if depth == 0:
                return True
            depth -= 1
        else:  # a blank line: the paragraph starts after it
            return False
    return False
