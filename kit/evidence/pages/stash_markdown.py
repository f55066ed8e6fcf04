"""The stash inside Python-Markdown: a page's tokens carried through as text, its ids counted.

Before any parser, in fenced code a token becomes its HTML as text (as HTML written in a code block
shows); in a heading, the HTML itself (through Python-Markdown's own stash: the table of contents and
the heading's id read its text); a block alone on its line is set apart by blank lines so that it
makes a paragraph of its own (unwrapped after Markdown, stash.py). Right after MkDocs' anchor scan,
the ids of the page's kept HTML are added to those links may point to.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .fences import split_fenced
from .stash import CLOSE, OPEN, TOKEN, Stash

__all__ = ["StashExtension"]

_ALONE = re.compile(f"([ \\t]*){OPEN}(\\d+){CLOSE}[ \\t]*")
_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")


class _Tokens(Preprocessor):
    """Before any parser: in fenced code, tokens become their HTML as text; in a heading, the HTML
    (through Python-Markdown's stash, as HTML written in a page). Elsewhere they stay as text, a
    block alone on its line set apart by blank lines so that it makes a paragraph of its own."""

    def __init__(self, md: Markdown, stash: Stash) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        if not any(OPEN in line for line in lines):
            return lines
        page = self.stash.page
        out: list[str] = []
        for is_code, chunk in split_fenced("\n".join(lines)):
            if is_code:
                out.extend(TOKEN.sub(lambda m: page.get(int(m[1])), chunk).split("\n"))
                continue
            chunk_lines = chunk.split("\n")
            for index, line in enumerate(chunk_lines):
                if OPEN not in line:
                    out.append(line)
                elif self._is_heading(chunk_lines, index):
                    out.append(TOKEN.sub(lambda m: self.md.htmlStash.store(page.get(int(m[1]))), line))
                elif (alone := _ALONE.fullmatch(line)) and page.piece(int(alone[2])).is_block:
                    # As Python-Markdown does for an HTML block: a paragraph of its own (unwrapped later).
                    out += ["", line, ""]
                else:
                    out.append(line)
        return out

    @staticmethod
    def _is_heading(lines: list[str], index: int) -> bool:
        if _ATX_HEADING.match(lines[index]):
            return True
        return index + 1 < len(lines) and bool(lines[index].strip()) \
            and bool(_SETEXT_UNDERLINE.match(lines[index + 1]))


class _AnchorIds(Preprocessor):
    """Right after MkDocs' anchor scan: add the ids of the page's kept HTML, which it never sees.

    MkDocs (1.6) records the ids of a page's raw HTML with a preprocessor named
    ``mkdocs_raw_html``; without this, links to these ids would fail ``--strict``
    loudly, never silently.
    """

    def __init__(self, md: Markdown, stash: Stash) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        page = self.stash.page
        if "mkdocs_raw_html" in self.md.preprocessors and page.pieces:
            ids = page.ids()
            if ids:
                scan = self.md.preprocessors["mkdocs_raw_html"]
                getattr(scan, "present_anchor_ids", set()).update(ids)
        return lines


class StashExtension(Extension):
    """Python-Markdown's side of one build's :class:`Stash` (the plugin adds it to the build's
    ``markdown_extensions``)."""

    def __init__(self, stash: Stash) -> None:
        super().__init__()
        self.stash = stash

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before fenced code (25) and MkDocs' anchor scan (21).
        md.preprocessors.register(_Tokens(md, self.stash), "evidence_stash", 28)
        md.preprocessors.register(_AnchorIds(md, self.stash), "evidence_stash_ids", 20.5)
