"""The in-text rules shared by every output of a site: pure functions, standard library only.

Kept free of MkDocs, pybtex and the rest of this package so that any code holding a work's
in-text forms (its authors, its date, its place in the reference list) can cite exactly as the
pages do.

- :func:`prefix_groups` splits a citation where a later work has a prefix of its own (APA
  8.12): ``[@a; see also @b; @c]`` is two groups, "a" and "see also b, c". Each group keeps its
  place; the works inside a group are ordered, and only they are merged.
- :func:`author_runs` orders each group as APA does (8.12: the order of the reference list)
  and merges works by the same authors: (Macphail, 2018a, 2018b; Stenner et al., 2018). A
  prefix written first ("see") stays in front of its group.
- :func:`parenthetical_text` writes such a citation as plain text.
- :func:`locator_text` writes a locator as APA 8.13 wants it: 'p. 480' for '480', 'pp. 3–5' for
  'p. 3--5', 'Chapter 2' for 'chap. 2', what follows the locator (', emphasis added') as written.
- :func:`number_runs` writes the numbers of a numbered style: '1, 3–5'.
- :class:`Marks` is the punctuation of a style's in-text citations, as data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

__all__ = ["AuthorRun", "Cite", "Marks", "author_runs", "dash_ranges", "locator_text", "number_runs",
           "parenthetical_text", "prefix_groups"]


@dataclass(frozen=True)
class Marks:
    """The punctuation of a style's in-text citations: '(A, 2014; B, 2018a, 2018b, p. 5)' or
    '[1, 3–5; see 7, p. 2]'. Data, so that an output outside this package (the tools) can follow it."""

    open: str = "("
    close: str = ")"
    groups: str = "; "  # between authors (author-date), between prefix groups and located works (numbered)
    author_date: str = ", "  # "Fuentes et al., 2014"
    dates: str = ", "  # "2018a, 2018b" (author-date), "1, 3" (numbered)
    locator: str = ", "  # "2014, p. 480", "3, p. 480"
    range: str = "\u2013"  # numbered: "3–7"


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


def prefix_groups[T](items: Sequence[T], prefix: Callable[[T], str]) -> list[list[T]]:
    """``items`` split before every item after the first that has a prefix of its own.

    APA 8.12: '(Stenner et al., 2018; see also Ferreira et al., 2013; Hall et al., 2010)': "see
    also" goes before the works it applies to, which follow it in their own order. The first
    item's prefix ("see") belongs to the first group. The groups keep the order written.
    """
    groups: list[list[T]] = []
    for item in items:
        if not groups or prefix(item):
            groups.append([item])
        else:
            groups[-1].append(item)
    return groups


def author_runs(cites: Sequence[Cite]) -> list[AuthorRun]:
    """The works of one parenthetical citation, each prefix group in APA order, same-author works merged.

    Works merge when they are in the same group, have the same authors, the earlier one has no
    locator, and both show (or both suppress) the author. A group's prefix is written before its
    first run.
    """
    if len(cites) == 1:  # the common case
        cite = cites[0]
        return [AuthorRun(cite.prefix, "" if cite.suppress_author else cite.authors, (cite,))]
    runs: list[AuthorRun] = []
    for group in prefix_groups(cites, lambda cite: cite.prefix):
        group_prefix = group[0].prefix
        ordered = sorted((replace(cite, prefix="") for cite in group), key=lambda cite: cite.order)
        start = len(runs)
        for cite in ordered:
            last = runs[-1] if len(runs) > start else None
            if (last is not None and last.cites[-1].authors == cite.authors and not last.cites[-1].locator
                    and last.cites[-1].suppress_author == cite.suppress_author):
                runs[-1] = replace(last, cites=(*last.cites, cite))
            else:
                runs.append(AuthorRun("", "" if cite.suppress_author else cite.authors, (cite,)))
        runs[start] = replace(runs[start], prefix=group_prefix)
    return runs


def parenthetical_text(cites: Sequence[Cite], marks: Marks = Marks()) -> str:
    """'(see Macphail, 2018a, 2018b; Stenner et al., 2018, p. 5)'."""
    parts = []
    for run in author_runs(cites):
        located = [(cite.date, locator_text(cite.locator)) for cite in run.cites]
        dates = marks.dates.join(date + (marks.locator + where if where else "") for date, where in located)
        named = f"{run.authors}{marks.author_date}{dates}" if run.authors else dates
        parts.append(f"{run.prefix} {named}" if run.prefix else named)
    return marks.open + marks.groups.join(parts) + marks.close


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


# ---------------------------------------------------------------- locators (APA 8.13)

_RANGE = re.compile(r"(?<=\d)\s*(?:-{1,3}|\u2013|\u2014)\s*(?=[A-Za-z]?\d)")  # 3-5, e12--e19, S2-S4


def dash_ranges(text: str) -> str:
    """Number ranges with an en dash: '477-489', '477--489' and '477 - 489' -> '477–489'."""
    return _RANGE.sub("\u2013", text)


# Every spelling of a locator's label -> the label as APA writes it (one, several). APA 8.13 and
# its examples: p./pp., para./paras., Chapter, Section, Table, Figure; the rest by the same rule.
_LABEL_FORMS = {
    ("p", "pp", "page", "pages", "pg", "pgs"): ("p.", "pp."),
    ("para", "paras", "paragraph", "paragraphs", "\u00b6", "\u00b6\u00b6"): ("para.", "paras."),
    ("chap", "chaps", "ch", "chs", "chapter", "chapters"): ("Chapter", "Chapters"),
    ("sec", "secs", "section", "sections"): ("Section", "Sections"),
    ("\u00a7", "\u00a7\u00a7"): ("\u00a7", "\u00a7\u00a7"),
    ("fig", "figs", "figure", "figures"): ("Figure", "Figures"),
    ("tab", "tbl", "table", "tables"): ("Table", "Tables"),
    ("vol", "vols", "volume", "volumes"): ("Vol.", "Vols."),
    ("l", "ll", "line", "lines"): ("line", "lines"),
    ("n", "nn", "note", "notes"): ("note", "notes"),
    ("app", "appx", "appendix", "appendices"): ("Appendix", "Appendices"),
    ("pt", "pts", "part", "parts"): ("Part", "Parts"),
    ("bk", "book", "books"): ("Book", "Books"),
    ("col", "cols", "column", "columns"): ("column", "columns"),
    ("v", "vv", "verse", "verses"): ("verse", "verses"),
    ("eq", "eqs", "equation", "equations"): ("Equation", "Equations"),
    ("slide", "slides"): ("Slide", "Slides"),
}
_LABELS = {spelling: forms for spellings, forms in _LABEL_FORMS.items() for spelling in spellings}
_LABEL = re.compile(r"(?P<label>\u00b6\u00b6?|\u00a7\u00a7?|[A-Za-z]+)(?:\.\s*|\s+|(?=\d))")
_NUMBER = r"[A-Za-z]?\d+(?:[.:]\d+)*[A-Za-z]{0,2}"  # 33, e12, S4, 1.2, 33a, 12ff
_LABELLED = rf"(?:{_NUMBER}|[IVXLCDM]+|[ivxlcdm]+|[A-Z])"  # Table IV, p. xii, Appendix B
_PAGE = r"[A-Za-z]?\d+[A-Za-z]?"  # a locator without a label is a page (pandoc, APA 8.13)
_DASH = r"\s*(?:-{1,3}|\u2013|\u2014)\s*"


def _values(pattern: str) -> re.Pattern[str]:
    """One value or range (``3``, ``3-5``), or several joined by 'and' or '&'."""
    value = rf"{pattern}(?:{_DASH}{pattern})?"
    return re.compile(rf"{value}(?:\s*(?:\band\b|&)\s*{value})*")


_LABELLED_VALUES = _values(_LABELLED)
_PAGE_VALUES = _values(_PAGE)


@dataclass
class _Locator:
    """One labelled locator being read: its label's forms and its values (each a value or range)."""

    forms: tuple[str, str]
    values: list[str]
    joiners: list[str]

    def text(self) -> str:
        several = len(self.values) > 1 or "\u2013" in self.values[0]
        written = self.values[0] + "".join(j + v for j, v in zip(self.joiners, self.values[1:], strict=True))
        return f"{self.forms[several]} {written}"


def _split_values(text: str) -> tuple[list[str], list[str]]:
    """'3-5 and 7' -> (['3–5', '7'], [' and '])."""
    parts = re.split(r"\s*(\band\b|&)\s*", text)
    values = [re.sub(_DASH, "\u2013", part) for part in parts[::2]]
    return values, [f" {joiner} " for joiner in parts[1::2]]


def locator_text(locator: str) -> str:
    """A locator as APA 8.13 writes it.

    - a label, in APA's form, singular for one value and plural for several or a range:
      'p. 5', 'pp. 3–5', 'pp. 33, 35', 'para. 4', 'paras. 2–3', 'Chapter 2' (from 'chap. 2'),
      'Section 1.2', 'Table 2', 'Figure 1'; 'pp. 5' is 'p. 5';
    - a number or range without a label is a page: '480' -> 'p. 480', '477-478' -> 'pp. 477–478';
    - ranges take an en dash; a time stamp (2:12) stays as it is (APA 8.28);
    - what is not a locator stays as written, after it: 'p. 33, emphasis added'; 'Discussion
      section, para. 1'. Later bare numbers join the locator before them: 'p. 33, 35'.
    """
    pieces = re.split(r"\s*,\s*", " ".join(locator.split()))
    out: list[str] = []
    current: _Locator | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            out.append(current.text())
            current = None

    for index, piece in enumerate(pieces):
        labelled = _LABEL.match(piece)
        forms = _LABELS.get(labelled["label"].lower()) if labelled else None
        rest = piece[labelled.end():] if labelled else ""
        if forms and labelled and _LABELLED_VALUES.fullmatch(rest):
            close()
            values, joiners = _split_values(rest)
            current = _Locator(forms, values, joiners)
        elif _PAGE_VALUES.fullmatch(piece) and (current is not None or index == 0):  # 2:12 is not a page
            values, joiners = _split_values(piece)
            if current is None:
                current = _Locator(_LABELS["p"], values, joiners)
            else:
                current.values += values
                current.joiners += [", ", *joiners]
        else:
            close()
            out.append(dash_ranges(piece))
    close()
    return ", ".join(out)
