"""Writes ``widgets/alliance/bibliography.py``: the works the package cites, as the site renders them.

The package is stdlib-only and runs in the browser, where it cannot read the
bib; so its citation labels and references are made here, at development
time, by the evidence kit's citations, for the keys in
``alliance.model.SOURCES`` only, in the style and from the bib that mkdocs.yml
sets: the same labels, a/b suffixes, reference-list order
and references as the pages, and the style's in-text punctuation (``STYLE``),
which ``alliance.citations`` follows (numbers in order of first citation for a
numbered style). The style and the bib are the evidence plugin's settings in mkdocs.yml
(``citation_style``, ``bibliography``), read as the build reads them (``evidence.config``). A test
fails while the file is stale, and so does a build whose settings it does not match::

    .venv/bin/python -m macros.package_bibliography           # print
    .venv/bin/python -m macros.package_bibliography --write   # rewrite the file
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

from alliance import model
from evidence.citations import Library
from evidence.citations.render import anchor
from evidence.citations.rich import Span
from evidence.config import Settings, read_settings

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "widgets" / "alliance" / "bibliography.py"
WIDTH = 100

HEADER = '''\
"""The works the package cites, as references.bib renders them in the site's style: {title}.

Generated from references.bib by the site's citations module, in the style and
from the bib that mkdocs.yml sets (`python -m macros.package_bibliography
--write`); a test fails while it is stale. Do not edit: change references.bib,
the settings or ``model.SOURCES`` and regenerate.
"""

from __future__ import annotations

from typing import NamedTuple


class Style(NamedTuple):
    """The site's citation style: its name, whether it numbers works, and its in-text punctuation."""

    name: str
    numbered: bool  # [1, 3–5], numbered in the order of first citation; else (Author, 2018a, 2018b)
    open: str
    close: str
    groups: str  # between authors, or between located works
    author_date: str  # between the authors and the date
    dates: str  # between dates of the same authors, or between numbers
    range: str  # between the ends of a range of numbers


class Work(NamedTuple):
    authors: str  # as in a parenthetical citation: "Lakke & Meerman"
    date: str  # "2018a"
    order: int  # position in the site's bibliography (the References page)
    parts: tuple[tuple[str, str], ...]  # the reference: (text, "" | "em" (italics) | "link" (a URL))
    href: str  # the work on the site's references page, from the site root

    @property
    def reference(self) -> str:
        """The full reference, as plain text."""
        return "".join(text for text, _ in self.parts)


STYLE = {style}

WORKS: dict[str, Work] = {{
'''


def _literal(text: str, indent: str) -> str:
    """``text`` as a Python string literal, split into adjacent pieces that fit the line width."""
    width = WIDTH - len(indent) - 4
    pieces = textwrap.wrap(text, width, drop_whitespace=False, break_on_hyphens=False) or [""]
    if len(pieces) == 1:
        return repr(pieces[0])
    return "(\n" + "".join(f"{indent}    {piece!r}\n" for piece in pieces) + f"{indent})"


def _kind(span: Span) -> str:
    return "em" if span.italic else "link" if span.href else ""


def parts(reference: Iterable[Span]) -> list[tuple[str, str]]:
    """A reference's rich text as (text, kind) parts, neighbours of the same kind joined."""
    out: list[tuple[str, str]] = []
    for span in reference:
        kind = _kind(span)
        if out and out[-1][1] == kind and kind != "link":
            out[-1] = (out[-1][0] + span.text, kind)
        else:
            out.append((span.text, kind))
    return out


def _parts_literal(reference: Iterable[Span]) -> str:
    indent = " " * 12
    lines = "".join(f"{indent}({_literal(text, indent)}, {kind!r}),\n" for text, kind in parts(reference))
    return f"(\n{lines}{' ' * 8})"


def _style_literal(library: Library) -> str:
    style, marks = library.style, library.style.marks
    return (f"Style(name={style.name!r}, numbered={style.numbered!r}, open={marks.open!r}, "
            f"close={marks.close!r},\n              groups={marks.groups!r}, "
            f"author_date={marks.author_date!r}, dates={marks.dates!r}, range={marks.range!r})")


def references_url(page: str) -> str:
    """The address of the references page ``page`` (mkdocs.yml: ``use_directory_urls: false``)."""
    return page.removesuffix(".md") + ".html"


def module_text(library: Library, keys: Iterable[str], references_page: str = "references.md") -> str:
    """The text of ``bibliography.py`` for ``keys``, in reference-list order."""
    lines = [HEADER.format(title=library.style.title, style=_style_literal(library))]
    for form in sorted((library.formatted(key) for key in keys), key=lambda form: form.order):
        lines.append(
            f"    {form.key!r}: Work(\n"
            f"        authors={form.authors!r},\n"
            f"        date={form.date!r},\n"
            f"        order={form.order},\n"
            f"        parts={_parts_literal(form.reference)},\n"
            f"        href={f'{references_url(references_page)}#{anchor(form.key)}'!r},\n"
            f"    ),\n"
        )
    lines.append("}\n")
    return "".join(lines)


def site_settings(root: Path = ROOT) -> Settings:
    """The evidence plugin's settings in ``root``'s mkdocs.yml, checked as the build checks them."""
    return read_settings(root / "mkdocs.yml")


def current_text(root: Path = ROOT) -> str:
    """What ``bibliography.py`` should hold for the project's settings, bib and ``model.SOURCES``."""
    chosen = site_settings(root)
    library = Library.load(root / chosen.bibliography, style=chosen.citation_style)
    return module_text(library, sorted(model.SOURCES), chosen.references_page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the alliance package's bibliography module.")
    parser.add_argument("--write", action="store_true", help=f"rewrite {TARGET.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    text = current_text()
    if args.write:
        TARGET.write_text(text, encoding="utf-8")
        print(TARGET.relative_to(ROOT))
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
