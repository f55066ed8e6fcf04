"""The ``Style`` interface: what a citation style decides, in four parts as pybtex splits them.

- **names** (names.py): how authors and editors are written;
- **labels** (labels.py): what identifies a work in the text (authors and year, or a number);
- **sorting** (sorting.py): the order of a bibliography;
- **reference format** (one module per style): the reference of each entry type, and the
  in-text citation built from the labels.

A style turns ``Work`` objects into rich text (rich.py), never HTML: the backend (render.py)
writes HTML, ``rich.plain`` plain text. The styles are the modules of ``styles/`` (``apa``, APA 7
author-date, the default; ``vancouver``, numbered, as clinical journals use), found by their file
names, and those other packages register by entry point (styles/__init__.py); mkdocs.yml chooses
one (the plugin's ``citation_style``, config.py).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, NamedTuple

from .intext import Marks
from .rich import Rich, Span, to_html
from .sorting import author_year_title
from .works import Work


class Item(NamedTuple):  # a tuple: hashed and compared fast (citations are cached by their items)
    """One work as the writer cites it, with an optional prefix ('see') and locator ('p. 5')."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False  # pandoc's [-@key]: "(2014)"


@dataclass(frozen=True)
class InText:
    """What a style writes for a work in the text, whatever page it is on."""

    authors: str  # parenthetical: "Lakke & Meerman"
    narrative_authors: str  # running text: "Lakke and Meerman"
    date: str  # "2018a"


@dataclass(frozen=True, eq=False)  # one object per key and library: identity is equality, hashing is cheap
class Formatted:
    """Every form of one work in one style (computed once per bib, reused on every page).

    ``label`` and ``narrative`` are the author-date forms ("Lakke & Meerman, 2016",
    "Lakke and Meerman (2016)"), whatever the style: they name a work outside a page.
    ``reference`` is the reference as rich text; ``reference_html`` and ``reference_text``
    its two forms. (From the form cache, the spans are made only when first asked for.)
    """

    key: str
    authors: str
    narrative_authors: str
    date: str
    spans: Sequence[Span | Sequence[object]]  # the reference: Spans, or [text, italic, href] from the cache
    reference_text: str
    order: int  # position in the bibliography (the References page)
    html: str = ""  # the reference as HTML, if known

    @cached_property
    def reference(self) -> Rich:
        return tuple(span if isinstance(span, Span) else Span(str(span[0]), bool(span[1]), str(span[2]))
                     for span in self.spans)

    @cached_property
    def reference_html(self) -> str:
        return self.html or to_html(self.reference)

    @property
    def label(self) -> str:
        return f"{self.authors}, {self.date}"

    @property
    def narrative(self) -> str:
        return f"{self.narrative_authors} ({self.date})"


@dataclass(frozen=True)
class Cited:
    """A work at one place in a page: the writer's item, the work's forms, and its number on
    the page (numbered styles; 0 otherwise)."""

    item: Item
    form: Formatted
    number: int = 0


class Style(ABC):
    """One citation style. Subclasses set the class attributes and write the four parts."""

    name: ClassVar[str]  # the value of the mkdocs.yml setting: the name of the style's module
    title: ClassVar[str]  # what readers are told: "APA 7 (author-date)"
    numbered: ClassVar[bool] = False  # in-text numbers in the order of first citation on each page
    marks: ClassVar[Marks] = Marks()  # the punctuation of in-text citations (the tools follow it too)

    def sort_key(self, work: Work) -> tuple[object, ...]:
        """Sorting: the order of the whole bibliography."""
        return author_year_title(work)

    @abstractmethod
    def in_text(self, works: Collection[Work]) -> dict[str, InText]:
        """Names and labels: every work's in-text forms (they may depend on the whole bib)."""

    @abstractmethod
    def reference(self, work: Work, in_text: InText) -> Rich:
        """The reference format: a work's entry in a reference list."""

    @abstractmethod
    def parenthetical(self, cited: Sequence[Cited]) -> Rich:
        """A parenthetical citation of one or more works (citation spans carry ``key``)."""

    @abstractmethod
    def narrative(self, cited: Sequence[Cited]) -> Rich:
        """A narrative citation: the authors are part of the sentence."""
