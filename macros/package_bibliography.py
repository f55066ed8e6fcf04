"""Writes ``widgets/alliance/bibliography.py``: the works the package cites, as references.bib renders them.

The package is stdlib-only and runs in the browser, where it cannot read the
bib; so its citation labels and references are made here, at development
time, by the site's own citations module (the same APA labels, a/b suffixes
and reference-list order as the pages), for the keys in
``alliance.model.SOURCES`` only. A test fails while the file is stale::

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

from .citations import DEFAULT_BIB, REFERENCES_PAGE, Library
from .citations.render import anchor

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "widgets" / "alliance" / "bibliography.py"
REFERENCES_URL = REFERENCES_PAGE.removesuffix(".md") + ".html"  # mkdocs.yml: use_directory_urls: false
WIDTH = 100

HEADER = '''\
"""The works the package cites, as references.bib renders them in APA 7.

Generated from references.bib by the site's citations module
(`python -m macros.package_bibliography --write`); a test fails while it is
stale. Do not edit: change references.bib or ``model.SOURCES`` and regenerate.
"""

from __future__ import annotations

from typing import NamedTuple


class Work(NamedTuple):
    authors: str  # as in a parenthetical citation: "Lakke & Meerman"
    date: str  # "2018a"
    order: int  # position in the reference list (APA order)
    reference: str  # the full reference, as plain text
    href: str  # the work on the site's references page, from the site root


WORKS: dict[str, Work] = {
'''


def _literal(text: str, indent: str) -> str:
    """``text`` as a Python string literal, split into adjacent pieces that fit the line width."""
    width = WIDTH - len(indent) - 4
    pieces = textwrap.wrap(text, width, drop_whitespace=False, break_on_hyphens=False) or [""]
    if len(pieces) == 1:
        return repr(pieces[0])
    return "(\n" + "".join(f"{indent}    {piece!r}\n" for piece in pieces) + f"{indent})"


def module_text(library: Library, keys: Iterable[str]) -> str:
    """The text of ``bibliography.py`` for ``keys``, in reference-list order."""
    lines = [HEADER]
    for form in sorted((library.formatted(key) for key in keys), key=lambda form: form.order):
        indent = " " * 8
        lines.append(
            f"    {form.key!r}: Work(\n"
            f"        authors={form.authors!r},\n"
            f"        date={form.date!r},\n"
            f"        order={form.order},\n"
            f"        reference={_literal(form.reference_text, indent)},\n"
            f"        href={f'{REFERENCES_URL}#{anchor(form.key)}'!r},\n"
            f"    ),\n"
        )
    lines.append("}\n")
    return "".join(lines)


def current_text(root: Path = ROOT) -> str:
    """What ``bibliography.py`` should hold for the project's bib and ``model.SOURCES``."""
    return module_text(Library.load(root / DEFAULT_BIB), sorted(model.SOURCES))


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
