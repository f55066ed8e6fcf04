"""The renderers of a view (:mod:`alliance.view`): plain text and Markdown, one each.

They lay out what the view decided and add nothing: the same blocks, lines
and citations as the browser paints. Both end with the reference list, so
every citation label can be looked up (numbered, in a numbered style); in
Markdown the references keep their italics (journal, volume, book title) as
emphasis and their links as autolinks, in plain text they are plain. The
Markdown for the site's own pages (``citations="pandoc"``) writes ``[@key]``
instead and leaves the references to the page. Lines' "why" is for the screen
and the JSON, not the exports.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alliance.contract import BLOCKS
from alliance.view import Line, Reference, View

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~>])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # '&copy;', '&#64;': an '&' Markdown would read as an entity
_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>]+")
Figure = Callable[[str, tuple[str, ...]], str]


def escape_markdown(text: str) -> str:
    """Text made inert in Markdown and HTML: no markup, tags, entities or ``@`` citations.

    An '&' stays as it is ("Lakke & Meerman"), unless what follows it would make an entity.
    """
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "&#64;")


def _markdown_part(text: str, kind: str) -> str:
    """A part of a reference in Markdown: italics as emphasis, a URL as an autolink, the rest escaped."""
    if kind == "link" and _AUTOLINK.fullmatch(text):
        return f"<{text}>"
    if kind == "em" and text.strip():
        inner = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        return f"{lead}*{escape_markdown(inner)}*{trail}"
    return escape_markdown(text)


def _reference_markdown(reference: Reference) -> str:
    parts = reference.parts or ((reference.text, ""),)
    return "".join(_markdown_part(text, kind) for text, kind in parts)


def _reference_lines(view: View, write: Callable[[Reference], str], bullet: str) -> list[str]:
    """The reference list, one line a work: numbered ("1. ") in a numbered style, else ``bullet``."""
    return [f"{reference.label}. " + write(reference) if reference.label else bullet + write(reference)
            for reference in view.references]


def _cite_text(line: Line) -> str:
    return "".join(segment.text for segment in line.cite)


def _line_text(line: Line, strong: Callable[[str], str], quote: Callable[[str], str], cite: str) -> str:
    parts = [strong(quote(line.lead)) if line.lead else "", quote(line.text),
             quote(line.detail) if line.detail else "", cite]
    return " ".join(part for part in parts if part)


# --- plain text ----------------------------------------------------------------------------------


def _underlined(text: str, mark: str) -> list[str]:
    return [text, mark * len(text), ""]


def _text_lines(lines: tuple[Line, ...], ordered: bool, depth: int = 0) -> list[str]:
    out = []
    for number, line in enumerate(lines, 1):
        marker = f"{number}." if ordered else "-"
        out.append("  " * depth + f"{marker} " + _line_text(line, str, str, _cite_text(line)))
        out += _text_lines(line.lines, False, depth + 1)
    return out


def text(view: View) -> str:
    """The view as plain text, citations as author-date labels, references at the end."""
    out = _underlined(view.title, "=")
    for block in view.blocks:
        if block.kind == BLOCKS["FIGURE"]:
            continue
        if block.heading:
            out += _underlined(block.heading, "-")
        if block.kind == BLOCKS["LIST"]:
            out += _text_lines(block.lines, block.ordered)
        else:
            for line in block.lines:
                out += [_line_text(line, str, str, _cite_text(line)), *_text_lines(line.lines, False, 1)]
        out.append("")
    out += [view.footer, ""]
    if view.references:
        out += _underlined(view.references_heading, "-") + _reference_lines(view, lambda r: r.text, "")
    return "\n".join(out).rstrip("\n") + "\n"


# --- Markdown ------------------------------------------------------------------------------------


def _heading(level: int, text: str) -> str:
    return f"{'#' * max(1, min(6, level))} {escape_markdown(text)}"


def _markdown_lines(lines: tuple[Line, ...], ordered: bool, pandoc: bool, depth: int = 0) -> list[str]:
    out = []
    for number, line in enumerate(lines, 1):
        marker = f"{number}." if ordered else "-"
        out.append("    " * depth + f"{marker} " + _markdown_line(line, pandoc))
        out += _markdown_lines(line.lines, False, pandoc, depth + 1)
    return out


def _markdown_line(line: Line, pandoc: bool) -> str:
    if pandoc:
        cite = f"[{'; '.join('@' + key for key in line.keys)}]" if line.keys else ""
    else:
        cite = escape_markdown(_cite_text(line))
    return _line_text(line, lambda lead: f"**{lead}**", escape_markdown, cite)


def markdown(view: View, heading_level: int = 2, citations: str = "labels", figure: Figure | None = None,
             block_class: str = "") -> str:
    """The view as Markdown; every text is escaped (inert).

    ``citations="labels"``: author-date labels and a reference list at the end
    (a document that stands alone). ``citations="pandoc"``: ``[@key]`` for the
    site's citation processor, which links them and lists the page's references.
    ``figure(name, highlight)`` draws a figure block (none without it);
    ``block_class`` (``"case-study__{id}"``) tags each paragraph with a class (the footer's id
    is ``disclaimer``).
    """
    pandoc = citations == "pandoc"
    out = [_heading(heading_level, view.title), ""]
    for block in view.blocks:
        if block.heading:
            out += [_heading(heading_level + 1, block.heading), ""]
        if block.kind == BLOCKS["FIGURE"]:
            out += [figure(block.figure, block.highlight), ""] if figure else []
            continue
        if block.kind == BLOCKS["LIST"]:
            out += [*_markdown_lines(block.lines, block.ordered, pandoc), ""]
            continue
        for line in block.lines:
            out.append(_markdown_line(line, pandoc))
            if block_class:
                out.append(f"{{: .{block_class.format(id=block.id)} }}")
            out.append("")
            if line.lines:
                out += [*_markdown_lines(line.lines, False, pandoc), ""]
    out.append(f"*{escape_markdown(view.footer)}*")
    if block_class:
        out.append(f"{{: .{block_class.format(id='disclaimer')} }}")
    out.append("")
    if view.references and not pandoc:
        out += [_heading(heading_level + 1, view.references_heading), ""]
        out += _reference_lines(view, _reference_markdown, "- ")
    return "\n".join(out).rstrip("\n") + "\n"


def render(view: View, output_format: str) -> str:
    """``text`` or ``markdown`` (labels and a reference list)."""
    return text(view) if output_format == "text" else markdown(view)
