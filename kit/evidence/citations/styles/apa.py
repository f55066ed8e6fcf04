"""APA 7 author-date (the default style): references by entry type, and in-text citations.

References follow the APA Publication Manual, 7th edition (chapters 9 and 10):
Author. (Date). Title. Source. Every entry type of BibTeX and biblatex maps to one of
these templates:

- periodical (``@article``): Title. *Journal*, *volume*(issue), pages. DOI
- whole book (``@book``, ``@collection``, ``@proceedings``, ``@manual``, ``@booklet``):
  *Title* (2nd ed., Vol. 2). Publisher. DOI
- part of a book (``@incollection``, ``@inbook``, ``@inproceedings``):
  Chapter title. In A. Editor (Ed.), *Book title* (2nd ed., pp. 3–9). Publisher. DOI
- report (``@report``, ``@techreport``): *Title* (NICE Guideline No. NG59). Publisher. URL
- thesis (``@thesis``, ``@phdthesis``, ``@mastersthesis``):
  *Title* [Doctoral dissertation, University]. Archive. URL
- anything else (``@online``, ``@misc``, ``@unpublished``, ...): *Title* [Description]. Site. URL

The publisher is left out when it is the author (APA 9.25); ``note`` is never printed
(APA has no element for it). Titles are in sentence case (titles.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from .. import names
from ..formatting import (
    BOOK_PART,
    PERIODICAL,
    REPORT,
    THESIS,
    WHOLE_BOOK,
    edition_number,
    edition_text,
    end_sentence,
    join_and,
    ordinal,
    thesis_level,
)
from ..intext import Cite, author_runs, dash_ranges, locator_text
from ..labels import dated, names_to_show, year_suffixes
from ..rich import Rich, Span
from ..sorting import letters
from ..style import Cited, InText, Style
from ..titles import capitalise_first, sentence_case, title_case
from ..works import Work

_THESIS_DESCRIPTIONS = {"doctoral": "Doctoral dissertation", "masters": "Master's thesis"}
_DEFAULT_DESCRIPTION = {"unpublished": "Unpublished manuscript"}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class APA7(Style):
    name = "apa"
    title = "APA 7 (author-date)"

    # ------------------------------------------------------------ names and labels

    def in_text(self, works: Collection[Work]) -> dict[str, InText]:
        suffixes = year_suffixes(works)
        shown = names_to_show(works)
        return {
            work.key: InText(
                authors=names.apa_in_text(work, narrative=False, shown=shown.get(work.key, 1)),
                narrative_authors=names.apa_in_text(work, narrative=True, shown=shown.get(work.key, 1)),
                date=dated(work.year, suffixes.get(work.key, "")),
            )
            for work in works
        }

    # ------------------------------------------------------------ in-text citations

    def parenthetical(self, cited: Sequence[Cited]) -> Rich:
        """(see A, 2014; B & C, 2018a, 2018b, p. 5; see also D, 2020): each prefix group in APA order,
        same authors merged (intext.author_runs)."""
        marks = self.marks
        cites = [Cite(c.form.key, c.form.authors, c.form.date, c.form.order, c.item.prefix, c.item.locator,
                      c.item.suppress_author) for c in cited]
        spans = [Span(marks.open)]
        for index, run in enumerate(author_runs(cites)):
            if index:
                spans.append(Span(marks.groups))
            if run.prefix:
                spans.append(Span(run.prefix + " "))
            for position, cite in enumerate(run.cites):
                if position:
                    spans.append(Span(marks.dates))
                first = position == 0 and run.authors
                spans.append(Span(f"{run.authors}{marks.author_date}{cite.date}" if first else cite.date,
                                  key=cite.key))
                if cite.locator:
                    spans.append(Span(marks.locator + locator_text(cite.locator)))
        spans.append(Span(marks.close))
        return tuple(spans)

    def narrative(self, cited: Sequence[Cited]) -> Rich:
        """Fuentes et al. (2014, p. 480); several works joined with 'and'."""
        marks = self.marks
        parts: list[list[Span]] = []
        for c in cited:
            locator = marks.locator + locator_text(c.item.locator) if c.item.locator else ""
            prefix = [Span(c.item.prefix + " ")] if c.item.prefix else []
            text = f"{c.form.narrative_authors} {marks.open}{c.form.date}{locator}{marks.close}"
            parts.append([*prefix, Span(text, key=c.form.key)])
        return join_and(parts)

    # ------------------------------------------------------------ references

    def reference(self, work: Work, in_text: InText) -> Rich:
        spans = [Span(f"{_creator_part(work)} ({in_text.date}).")]
        if work.entry_type in PERIODICAL:
            spans += _periodical(work)
        elif work.entry_type in BOOK_PART and work.booktitle:
            spans += _book_part(work)
        elif work.entry_type in WHOLE_BOOK:
            spans += _whole_book(work)
        else:
            spans += _stand_alone(work)
        spans += _links(work)
        return tuple(span for span in spans if span.text)


# ---------------------------------------------------------------- the parts of a reference


def _creator_part(work: Work) -> str:
    text = names.apa_reference_list(work.creators)
    if not work.authors:
        text += f" ({names.editor_label(work.editors)})"
    return end_sentence(text)


def _links(work: Work) -> list[Span]:
    """The DOI as a URL, else the URL (APA 9.34-9.36); a retrieval date only for undated pages."""
    if doi := work.get("doi"):
        return [Span(" "), Span(f"https://doi.org/{doi}", href=f"https://doi.org/{doi}")]
    if url := work.get("url"):
        retrieved = _long_date(work.get("urldate")) if work.year == "n.d." else ""
        lead = f" Retrieved {retrieved}, from " if retrieved else " "
        return [Span(lead), Span(url, href=url)]
    return []


def _long_date(iso: str) -> str:
    """'2020-12-11' -> 'December 11, 2020' ('' if not an ISO date)."""
    match = _ISO_DATE.fullmatch(iso.strip())
    if not match:
        return ""
    day = date(int(match[1]), int(match[2]), int(match[3]))
    return f"{day:%B} {day.day}, {day.year}"


def publisher_is_author(work: Work, publisher: str) -> bool:
    """Whether ``publisher`` is one of the work's group authors (an author without initials), whom APA
    leaves out as the publisher (9.25)."""
    groups = {letters(n.surname) for n in work.creators if not n.initials and not n.others}
    return letters(publisher) in groups


def _publisher(work: Work, *fields: str) -> list[Span]:
    """' Publisher.' from the first of ``fields`` present, unless it is the author (APA 9.25)."""
    source = work.get(*fields)
    if not source or publisher_is_author(work, source):
        return []
    return [Span(" " + end_sentence(source))]


def _periodical(work: Work) -> list[Span]:
    spans = [Span(" " + end_sentence(sentence_case(work.title))), Span(" "),
             Span(work.get("journal", "journaltitle"), italic=True)]
    volume, number = work.get("volume"), work.get("number", "issue")
    pages, article = work.get("pages"), work.get("eid")
    if volume:
        spans += [Span(", "), Span(volume, italic=True)]
        if number:
            spans.append(Span(f"({number})"))
    if article:
        spans.append(Span(f", Article {article}"))
    elif pages:
        spans.append(Span(f", {dash_ranges(pages)}"))
    spans.append(Span("."))
    return spans


def _edition(text: str) -> str:
    """'2' / '2nd' / 'second edition' -> '2nd ed.'; 'Revised' -> 'Rev. ed.'; a first edition: ''."""
    number = edition_number(text)
    if number:
        return "" if number == 1 else f"{ordinal(number)} ed."
    words = edition_text(text)
    if words.lower() in {"revised", "rev", "rev."}:
        return "Rev. ed."
    return f"{capitalise_first(words)} ed." if words else ""


def _book_details(work: Work, pages: str = "") -> str:
    """' (2nd ed., Vol. 2, pp. 3–9)': what identifies the book and the part of it, or ''."""
    details = [part for part in (_edition(work.get("edition")),
                                 f"Vol. {work.get('volume')}" if work.get("volume") else "") if part]
    if pages:
        pages = dash_ranges(pages)
        details.append(("pp. " if re.search(r"[\u2013,]", pages) else "p. ") + pages)
    return f" ({', '.join(details)})" if details else ""


def _description(work: Work, default: str = "") -> str:
    description = work.get("type") or default
    return f" [{capitalise_first(description)}]" if description else ""


def _italic_title(work: Work, after: str) -> list[Span]:
    """*Title* then ``after`` (' (2nd ed.)', ' [Blog post]'), ending the element with a full stop."""
    title = sentence_case(work.title)
    end = "." if after or not title.endswith((".", "?", "!")) else ""
    return [Span(" "), Span(title, italic=True), Span(after + end)]


def _whole_book(work: Work) -> list[Span]:
    after = _book_details(work)
    if work.authors and work.editors:  # an authored book with an editor: (A. Editor, Ed.; 2nd ed.)
        edited = f"{names.apa_direct_list(work.editors)}, {names.editor_label(work.editors)}"
        after = f" ({edited}{'; ' + after[2:-1] if after else ''})"
    return [*_italic_title(work, after + _description(work)), *_publisher(work, "publisher", "organization")]


def _book_part(work: Work) -> list[Span]:
    """Chapter title. In A. Editor (Ed.), *Book title* (pp. 3–9). Publisher."""
    spans = [Span(" " + end_sentence(sentence_case(work.title))), Span(" In ")]
    if work.editors:
        spans.append(Span(f"{names.apa_direct_list(work.editors)} ({names.editor_label(work.editors)}), "))
    booktitle = sentence_case(work.booktitle)
    details = _book_details(work, work.get("pages"))
    end = "" if booktitle.endswith(("?", "!")) and not details else "."
    spans += [Span(booktitle, italic=True), Span(details + end)]
    return [*spans, *_publisher(work, "publisher", "organization")]


def _stand_alone(work: Work) -> list[Span]:
    """Reports, theses, web pages and other works that stand alone: the title in italics."""
    if work.entry_type in REPORT:
        return [*_italic_title(work, _report_number(work)), *_publisher(work, "institution", "publisher",
                                                                         "organization")]
    if work.entry_type in THESIS:
        return _thesis(work)
    description = _description(work, _DEFAULT_DESCRIPTION.get(work.entry_type, ""))
    source = ("institution", "school", "organization") if work.entry_type == "unpublished" else \
        ("organization", "publisher", "institution", "howpublished")
    return [*_italic_title(work, description), *_publisher(work, *source)]


def _report_number(work: Work) -> str:
    """' (NICE Guideline No. NG59)', ' (Report No. 12)', or ' [Fact sheet]' without a number."""
    kind, number = work.get("type"), work.get("number")
    if number:
        return f" ({title_case(kind or 'Report')} No. {number})"
    return f" [{capitalise_first(kind)}]" if kind else ""


def _thesis(work: Work) -> list[Span]:
    """*Title* [Doctoral dissertation, University]. Archive. URL  (published: it has a DOI, URL or archive)
    *Title* [Unpublished doctoral dissertation]. University.       (unpublished, APA 10.6)"""
    kind = work.get("type")
    level = thesis_level(work)
    if not kind or kind.lower() in {"phdthesis", "phd", "mastersthesis", "mathesis"}:
        kind = _THESIS_DESCRIPTIONS.get(level, "Thesis")
    school = work.get("school", "institution")
    if work.get("doi", "url", "publisher"):
        description = f" [{capitalise_first(kind)}{', ' + school if school else ''}]"
        return [*_italic_title(work, description), *_publisher(work, "publisher")]
    if not kind.lower().startswith("unpublished"):
        kind = "Unpublished " + kind[:1].lower() + kind[1:]
    return [*_italic_title(work, f" [{kind}]"), *([Span(" " + end_sentence(school))] if school else [])]


STYLE = APA7
