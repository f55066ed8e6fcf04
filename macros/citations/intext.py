"""The in-text rules shared by every output of the guide: pure functions, standard library only.

Kept free of MkDocs, pybtex and the rest of this package so that any code holding a work's
in-text forms (its authors, its date, its place in the reference list) can cite exactly as the
pages do: the ``alliance`` package's text, Markdown and CLI output included.

- :func:`author_runs` orders a parenthetical citation as APA does (8.12: the order of the
  reference list) and merges works by the same authors: (Macphail, 2018a, 2018b; Stenner et
  al., 2018). A prefix written first ("see") stays in front of the whole group.
- :func:`parenthetical_text` writes such a citation as plain text.
- :func:`locator_text` writes a locator as APA wants it: 'pp. 3–5' for 'p. 3--5'.
- :func:`number_runs` writes the numbers of a numbered style: '1, 3–5'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

__all__ = ["AuthorRun", "Cite", "author_runs", "dash_ranges", "locator_text", "number_runs",
           "parenthetical_text"]


@dataclass(frozen=True)
class Cite:
    """One work in a citation, with what the writer added to it."""

    key: str
    authors: str  # in-text authors: "Macphail", "Lakke & Meerman", "Fuentes et al."
    date: str  # "2018a", "n.d."
    order: int  # the work's place in the reference list (APA order)
    prefix: str = ""  # "see"
    locator: str = ""  # "p. 5"
    suppress_author: bool = False  # pandoc's [-@key]: "(2014)"


@dataclass(frozen=True)
class AuthorRun:
    """Works by the same authors cited side by side: 'see Macphail, 2018a, 2018b, p. 5'."""

    prefix: str
    authors: str  # "" when the author is suppressed
    cites: tuple[Cite, ...]


def author_runs(cites: Sequence[Cite]) -> list[AuthorRun]:
    """The works of one parenthetical citation in APA order, same-author works merged.

    Works merge when they have the same authors, the earlier one has no locator, the later
    one no prefix of its own, and both show (or both suppress) the author.
    """
    if len(cites) == 1:  # the common case
        cite = cites[0]
        return [AuthorRun(cite.prefix, "" if cite.suppress_author else cite.authors, (cite,))]
    if not cites:
        return []
    group_prefix = cites[0].prefix
    ordered = sorted([replace(cites[0], prefix=""), *cites[1:]], key=lambda cite: cite.order)
    first_prefix = " ".join(p for p in (group_prefix, ordered[0].prefix) if p)
    ordered[0] = replace(ordered[0], prefix=first_prefix)
    runs: list[AuthorRun] = []
    for cite in ordered:
        last = runs[-1] if runs else None
        if (last is not None and last.cites[-1].authors == cite.authors and not last.cites[-1].locator
                and not cite.prefix and last.cites[-1].suppress_author == cite.suppress_author):
            runs[-1] = replace(last, cites=(*last.cites, cite))
        else:
            runs.append(AuthorRun(cite.prefix, "" if cite.suppress_author else cite.authors, (cite,)))
    return runs


def parenthetical_text(cites: Sequence[Cite]) -> str:
    """'(see Macphail, 2018a, 2018b; Stenner et al., 2018, p. 5)'."""
    parts = []
    for run in author_runs(cites):
        dates = ", ".join(cite.date + (f", {locator_text(cite.locator)}" if cite.locator else "")
                          for cite in run.cites)
        named = f"{run.authors}, {dates}" if run.authors else dates
        parts.append(f"{run.prefix} {named}" if run.prefix else named)
    return "(" + "; ".join(parts) + ")"


_RANGE = re.compile(r"(?<=\d)\s*(?:-{1,3}|\u2013|\u2014)\s*(?=[A-Za-z]?\d)")  # 3-5, e12--e19, S2-S4
_SINGLE_PAGE = re.compile(r"^p\.\s*(?=\S*(?:\u2013|,))")


def dash_ranges(text: str) -> str:
    """Number ranges with an en dash: '477-489', '477--489' and '477 - 489' -> '477–489'."""
    return _RANGE.sub("\u2013", text)


def locator_text(locator: str) -> str:
    """A locator as APA writes it: ranges with an en dash, 'pp.' for more than one page.

    'p. 3--5' -> 'pp. 3–5'; 'pp. 477-478' -> 'pp. 477–478'; 'chap. 2' stays.
    """
    return _SINGLE_PAGE.sub("pp. ", dash_ranges(" ".join(locator.split())))


def number_runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last) runs; three or more in a row make a range: 1, 3–5."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    split: list[tuple[int, int]] = []
    for first, last in runs:  # two in a row stay apart: "1, 2", not "1–2"
        split += [(first, first), (last, last)] if last == first + 1 else [(first, last)]
    return split
