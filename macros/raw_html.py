"""Keep the macros' finished HTML out of Python-Markdown's parsers.

Citation links, reference lists and figures are final HTML: Markdown has
nothing to do in them, yet MkDocs' anchor scan and Python-Markdown's raw-HTML
block parser would each read every tag of them again (on a page with twenty
citations and two figures, most of the time Markdown spends). So a macro
hands its HTML to :func:`keep`, which files it and writes a short token into
the page instead; the Markdown extension registered by :func:`define_env`
turns each token into one of Python-Markdown's own raw-HTML placeholders
before any parser runs, and Python-Markdown puts the HTML back at the very end,
exactly as it does for HTML written in a page.

What stays the same: a figure on a line of its own is a block (no ``<p>``
around it); the ids in kept HTML still count for MkDocs' anchor validation;
a macro called inside a fenced code block shows its HTML as text, as before.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .fences import split_fenced

__all__ = ["KeptHtml", "define_env", "keep", "kept", "on_pre_page_macros"]

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in a page's own text
TOKEN = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_ALONE = re.compile(f"([ \\t]*){_OPEN}(\\d+){_CLOSE}[ \\t]*")
_FIRST_TAG = re.compile(r"\s*<([A-Za-z][\w-]*)")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


class KeptHtml:
    """The HTML kept for the page being built: its pieces are those since :meth:`start_page`.

    MkDocs converts a page's Markdown before it renders the next page's macros,
    so a new page drops the pieces of the one before (the numbering goes on, so
    a token left over from an earlier page fails clearly instead of standing
    for other HTML).
    """

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._page_start = 0  # the number of the page's first piece

    def keep(self, html: str) -> str:
        self._pieces.append(html)
        return f"{_OPEN}{self._page_start + len(self._pieces) - 1}{_CLOSE}"

    def start_page(self) -> None:
        self._page_start += len(self._pieces)
        self._pieces = []

    def page_indexes(self) -> range:
        return range(self._page_start, self._page_start + len(self._pieces))

    def get(self, index: int) -> str:
        if index not in self.page_indexes():
            raise ValueError(
                f"kept-HTML token {index} is unknown on this page: Markdown holding the macros' "
                "tokens was converted outside the page it was rendered for (see macros/raw_html.py)"
            )
        return self._pieces[index - self._page_start]

    def replace(self, index: int, html: str) -> None:
        self.get(index)
        self._pieces[index - self._page_start] = html

    def clear(self) -> None:
        self._pieces = []
        self._page_start = 0


kept = KeptHtml()


def keep(html: str) -> str:
    """A token that stands for ``html`` in the page's Markdown until Markdown is done."""
    return kept.keep(html)


def expand(text: str) -> str:
    """``text`` with every token replaced by its HTML (for Markdown that is not converted)."""
    return TOKEN.sub(lambda match: kept.get(int(match.group(1))), text)


class _TokensToPlaceholders(Preprocessor):
    """Before any parser: tokens become Python-Markdown placeholders (in fenced code: the HTML as text)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.anchor_ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if _OPEN not in text:
            return lines
        self.anchor_ids = set()
        out: list[str] = []
        for is_code, chunk in split_fenced(text):
            if is_code:
                out.extend(expand(chunk).split("\n"))
            else:
                for line in chunk.split("\n"):
                    out.extend(self._line(line))
        return out

    def _line(self, line: str) -> list[str]:
        """A line with its tokens replaced; a block alone on its line gets blank lines around it."""
        if _OPEN not in line:
            return [line]
        alone = _ALONE.fullmatch(line)
        if alone and self._is_block(kept.get(int(alone.group(2)))):
            # As Python-Markdown does for HTML blocks: a paragraph of its own, which it then unwraps.
            return ["", alone.group(1) + self._store(int(alone.group(2)), block=True), ""]
        return [TOKEN.sub(lambda match: self._store(int(match.group(1))), line)]

    def _is_block(self, html: str) -> bool:
        tag = _FIRST_TAG.match(html)
        return bool(tag) and self.md.is_block_level(tag.group(1))

    def _store(self, index: int, block: bool = False) -> str:
        html = kept.get(index)
        if "id=" in html:  # most kept HTML (a citation link) has no id
            self.anchor_ids.update(_ID.findall(html))
        # Python-Markdown unwraps a block from its <p> only if the HTML starts with its tag.
        return self.md.htmlStash.store(html.strip() if block else html)


class _AnchorIds(Preprocessor):
    """Right after MkDocs' anchor scan: add the ids of the kept HTML it did not see.

    MkDocs (1.6) records the ids of a page's raw HTML with a preprocessor named
    ``mkdocs_raw_html``; without it, links to these ids would fail ``--strict``
    loudly, never silently.
    """

    def __init__(self, md: Markdown, tokens: _TokensToPlaceholders) -> None:
        super().__init__(md)
        self.tokens = tokens

    def run(self, lines: list[str]) -> list[str]:
        if self.tokens.anchor_ids and "mkdocs_raw_html" in self.md.preprocessors:
            scan = self.md.preprocessors["mkdocs_raw_html"]
            getattr(scan, "present_anchor_ids", set()).update(self.tokens.anchor_ids)
        return lines


class KeptHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        tokens = _TokensToPlaceholders(md)
        # After whitespace normalisation (30), before fenced code (25) and MkDocs' anchor scan (21).
        md.preprocessors.register(tokens, "guide_kept_html", 28)
        md.preprocessors.register(_AnchorIds(md, tokens), "guide_kept_html_ids", 20.5)


def define_env(env: Any) -> None:
    """Register the Markdown extension for this build (once) and start empty."""
    kept.clear()
    extensions = env.conf["markdown_extensions"]
    if not any(isinstance(extension, KeptHtmlExtension) for extension in extensions):
        extensions.append(KeptHtmlExtension())


def on_pre_page_macros(env: Any) -> None:
    kept.start_page()
