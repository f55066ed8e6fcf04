"""Citations in the tools' output: APA order, same authors merged, labels from references.bib.

The labels and references come from :mod:`alliance.bibliography`, generated
from references.bib by the site's citations module, so the tools cite exactly
as the pages do: ``(Macphail, 2018a, 2018b; Stenner et al., 2018)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from alliance.bibliography import WORKS, Work


@dataclass(eq=False, repr=False)
class Segment:
    """A piece of an in-text citation: a work's label (``key`` set, a link) or punctuation."""

    text: str
    key: str = ""


def in_apa_order(keys: Iterable[str]) -> list[str]:
    """The keys once each, in reference-list (APA) order."""
    return sorted(dict.fromkeys(keys), key=lambda key: WORKS[key].order)


def parenthetical(keys: Iterable[str]) -> tuple[Segment, ...]:
    """``(A, 2014; B & C, 2018a, 2018b)``: the works in APA order, consecutive works by the same
    authors merged under one author list. Empty for no keys."""
    segments: list[Segment] = []
    previous: Work | None = None
    for key in in_apa_order(keys):
        work = WORKS[key]
        if previous is not None and previous.authors == work.authors:
            segments += [Segment(", "), Segment(work.date, key)]
        else:
            segments += [Segment("; " if previous else "("), Segment(f"{work.authors}, {work.date}", key)]
        previous = work
    return (*segments, Segment(")")) if segments else ()


def reference_list(keys: Iterable[str]) -> list[tuple[str, Work]]:
    """``(key, work)`` for each key once, in APA order."""
    return [(key, WORKS[key]) for key in in_apa_order(keys)]
