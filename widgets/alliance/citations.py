"""Citations in the tools' output, in the site's citation style, labels from references.bib.

The labels, references and the style's in-text punctuation come from
:mod:`alliance.bibliography`, generated from references.bib by the site's
citations module in the style mkdocs.yml sets, so the tools cite exactly as the
pages do: author-date ``(Macphail, 2018a, 2018b; Stenner et al., 2018)``, works
in reference-list order and the same authors merged; or numbered ``[1, 3–5]``,
each document (a view) numbering its works in the order it first cites them,
as each page does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from alliance.bibliography import STYLE, WORKS, Work


@dataclass(eq=False, repr=False)
class Segment:
    """A piece of an in-text citation: a work's label (``key`` set, a link) or punctuation."""

    text: str
    key: str = ""


def in_list_order(keys: Iterable[str]) -> list[str]:
    """The keys once each, in the order of the site's bibliography (APA order for both styles)."""
    return sorted(dict.fromkeys(keys), key=lambda key: WORKS[key].order)


def parenthetical(keys: Iterable[str]) -> tuple[Segment, ...]:
    """Author-date: ``(A, 2014; B & C, 2018a, 2018b)``, the works in reference-list order, consecutive
    works by the same authors merged under one author list. Empty for no keys."""
    segments: list[Segment] = []
    previous: Work | None = None
    for key in in_list_order(keys):
        work = WORKS[key]
        if previous is not None and previous.authors == work.authors:
            segments += [Segment(STYLE.dates), Segment(work.date, key)]
        else:
            segments += [Segment(STYLE.groups if previous else STYLE.open),
                         Segment(f"{work.authors}{STYLE.author_date}{work.date}", key)]
        previous = work
    return (*segments, Segment(STYLE.close)) if segments else ()


def numbered(numbers: dict[str, int], keys: Iterable[str]) -> tuple[Segment, ...]:
    """Numbered: ``[1, 3–5]``, the numbers ascending, three or more in a row a range (its ends linked)."""
    by_number = {numbers[key]: key for key in keys}
    segments: list[Segment] = []
    for first, last in _runs(sorted(by_number)):
        segments.append(Segment(STYLE.dates if segments else STYLE.open))
        segments.append(Segment(str(first), by_number[first]))
        if last != first:
            segments += [Segment(STYLE.range), Segment(str(last), by_number[last])]
    return (*segments, Segment(STYLE.close)) if segments else ()


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last); three or more in a row make a range, two stay apart."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return [pair for first, last in runs
            for pair in ([(first, first), (last, last)] if last == first + 1 else [(first, last)])]


@dataclass(eq=False, repr=False)
class Citations:
    """The citations of one document, in the order it shows them: :meth:`cite` each line's keys, then
    :meth:`references` lists the works cited (numbered styles: numbered in order of first citation)."""

    numbers: dict[str, int] = field(default_factory=dict)  # key -> number (numbered styles)

    def cite(self, keys: Iterable[str]) -> tuple[Segment, ...]:
        ordered = in_list_order(keys)
        for key in ordered:
            self.numbers.setdefault(key, len(self.numbers) + 1)
        return numbered(self.numbers, ordered) if STYLE.numbered else parenthetical(ordered)

    def references(self) -> list[tuple[str, str, Work]]:
        """``(key, label, work)`` for each work cited, in the list's order; the label is its number
        in a numbered style, '' otherwise."""
        if STYLE.numbered:
            return [(key, str(number), WORKS[key]) for key, number in self.numbers.items()]
        return [(key, "", WORKS[key]) for key in in_list_order(self.numbers)]


def reference_list(keys: Iterable[str]) -> list[tuple[str, Work]]:
    """``(key, work)`` for each key once, in reference-list order."""
    return [(key, WORKS[key]) for key in in_list_order(keys)]
