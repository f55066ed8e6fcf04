"""Vancouver (ICMJE/NLM), the numbered style of clinical journals.

In the text a work is a number in square brackets, [1] or [1, 3–5], numbered in the order of
first citation on each page (page.py); a narrative citation names the authors: Fuentes et
al. [1]. Each page lists its works in that order; the References page, a bibliography of
every work, lists them alphabetically (as Citing Medicine does for bibliographies).

References (Citing Medicine, 2nd ed.): six authors, then "et al."; titles in sentence case;
no italics; page ranges shortened (477-89); the DOI last.

- article: Authors. Title. Journal. Year;Volume(Issue):Pages. doi:10...
- book: Authors. Title. 2nd ed. Place: Publisher; Year.
- part of a book: Authors. Title. In: Editor A, editor. Book. Place: Publisher; Year. p. 3-9.
- report: Authors. Title. Publisher; Year. (Type; NG59).
- thesis: Author. Title [dissertation]. School; Year.
- other works: Authors. Title [Internet or description]. Publisher; Year. Available from: URL

A book, report or thesis with a URL is one read on the Internet: "[Internet]" (a thesis:
"[dissertation on the Internet]") after its title, and "[cited 2023 May 4]" after its year when
the bib gives the date it was read (urldate). The publisher is named even when it is the group
author (Citing Medicine: "National Library of Medicine (US); 2007"), unlike APA 9.25. Subtitles
after a colon start in lower case. The place of publication is printed when the bib has it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

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
from ..intext import Marks, dash_ranges, locator_text, number_runs, prefix_groups
from ..rich import RANGE_BETWEEN, RANGE_DASH, RANGE_END, RANGE_START, Rich, Span
from ..style import Cited, InText, Style
from ..titles import sentence_case
from ..works import TitlePiece, Work


class Vancouver(Style):
    name = "vancouver"
    title = "Vancouver (numbered)"
    numbered = True
    marks = Marks(open="[", close="]")

    def in_text(self, works: Collection[Work]) -> dict[str, InText]:
        """Narrative citations name the authors as APA does (Fuentes et al.); no year letters."""
        return {
            work.key: InText(
                authors=names.apa_in_text(work, narrative=False),
                narrative_authors=names.apa_in_text(work, narrative=True),
                date=work.year,
            )
            for work in works
        }

    def parenthetical(self, cited: Sequence[Cited]) -> Rich:
        """[1, 3–5], [see 2], [1; see also 4, 5], [1, p. 5; 4]: each prefix group (intext.prefix_groups) in
        the order written, its numbers ascending, three or more in a row a range; a located work apart."""
        marks = self.marks
        spans = [Span(marks.open)]
        for index, group in enumerate(prefix_groups(cited, lambda c: c.item.prefix)):
            if index:
                spans.append(Span(marks.groups))
            if group[0].item.prefix:
                spans.append(Span(group[0].item.prefix + " "))
            spans += self._numbers(sorted(group, key=lambda c: c.number))
        spans.append(Span(marks.close))
        return tuple(spans)

    def _numbers(self, group: Sequence[Cited]) -> list[Span]:
        """'1, 3–5' (every number of a range linked, rich.RANGE), or '1, p. 5; 4' when a work is located."""
        marks = self.marks
        spans: list[Span] = []
        if any(c.item.locator for c in group):
            for index, c in enumerate(group):
                spans += [Span(marks.groups)] if index else []
                spans.append(Span(str(c.number), key=c.form.key))
                if c.item.locator:
                    spans.append(Span(marks.locator + locator_text(c.item.locator)))
            return spans
        by_number = {c.number: c.form.key for c in group}
        for index, (first, last) in enumerate(number_runs(list(by_number))):
            spans += [Span(marks.dates)] if index else []
            if first == last:
                spans.append(Span(str(first), key=by_number[first]))
                continue
            spans += [Span(str(first), key=by_number[first], role=RANGE_START),
                      Span(marks.range, role=RANGE_DASH)]
            for number in range(first + 1, last + 1):  # those between: on hover or focus, for screen readers
                role = RANGE_END if number == last else RANGE_BETWEEN
                spans += [Span(marks.dates, role=RANGE_BETWEEN),
                          Span(str(number), key=by_number[number], role=role)]
        return spans

    def narrative(self, cited: Sequence[Cited]) -> Rich:
        """Fuentes et al. [1], Lakke and Meerman [2, p. 5]."""
        marks = self.marks
        parts = []
        for c in cited:
            locator = marks.locator + locator_text(c.item.locator) if c.item.locator else ""
            prefix = [Span(c.item.prefix + " ")] if c.item.prefix else []
            text = f"{c.form.narrative_authors} {marks.open}{c.number}{locator}{marks.close}"
            parts.append([*prefix, Span(text, key=c.form.key)])
        return join_and(parts)

    def reference(self, work: Work, in_text: InText) -> Rich:
        authors = names.vancouver_list(work.creators)
        if not work.authors:
            authors += ", editor" if len(work.editors) == 1 else ", editors"
        online = bool(work.get("url"))  # Citing Medicine: a work read on the Internet says so, and when
        cited = work.get("urldate") if online else ""
        year, title = work.year, _title(work.title)
        tail: list[Span] = []
        if work.entry_type in PERIODICAL:
            tail.append(Span(" " + _journal_part(work)))
        elif work.entry_type in BOOK_PART and work.booktitle:
            editors = names.vancouver_list(work.editors)
            label = "editor" if len(work.editors) == 1 else "editors"
            tail.append(Span(f" In: {editors}, {label}." if editors else " In:"))
            tail.append(Span(" " + end_sentence(_title(work.booktitle) + _medium(online))))
            tail.append(Span(_edition(work) + _publication(work, year, cited, "publisher", "organization")))
            if pages := work.get("pages"):
                tail.append(Span(f" p. {_short_range(pages)}."))
        elif work.entry_type in WHOLE_BOOK:
            title += _medium(online)
            tail.append(Span(_edition(work) + _publication(work, year, cited, "publisher", "organization")))
        elif work.entry_type in REPORT:
            kind, number = work.get("type"), work.get("number")
            title += _medium(online, "" if number else kind)
            tail.append(Span(_publication(work, year, cited, "institution", "publisher", "organization")))
            if number:
                tail.append(Span(f" ({kind}; {number})." if kind else f" Report No.: {number}."))
        elif work.entry_type in THESIS:
            title += _medium(online, "master's thesis" if thesis_level(work) == "masters" else "dissertation")
            tail.append(Span(_publication(work, year, cited, "school", "institution")))
        else:
            kind = work.get("type") or ("Internet" if online else "")
            title += f" [{kind}]" if kind else ""
            tail.append(Span(_publication(work, year, cited, "organization", "publisher", "institution")))
        spans = [Span(end_sentence(authors) + " " + end_sentence(title)), *tail, *_links(work)]
        return tuple(span for span in spans if span.text)


def _title(pieces: tuple[TitlePiece, ...]) -> str:
    """Sentence case as Citing Medicine has it: a subtitle after a colon starts in lower case."""
    return sentence_case(pieces, capital_after_colon=False)


def _medium(online: bool, kind: str = "") -> str:
    """' [Internet]', ' [dissertation on the Internet]', ' [dissertation]' or '' (Citing Medicine's
    content type and type of medium, after the title)."""
    if kind:
        return f" [{kind} on the Internet]" if online else f" [{kind}]"
    return " [Internet]" if online else ""


def _short_range(pages: str) -> str:
    """NLM page ranges: '477–489' -> '477-89' (the digits that repeat are dropped)."""
    match = re.fullmatch(r"(\w*?)(\d+)\s*\u2013\s*(\w*?)(\d+)", dash_ranges(pages))
    if not match:
        return dash_ranges(pages).replace("\u2013", "-")
    first, last = match[2], match[4]
    if len(first) == len(last):
        common = len(next((first[:i] for i in range(len(first), 0, -1) if last.startswith(first[:i])), ""))
        last = last[common:] or last[-1:]
    return f"{match[1]}{first}-{match[3] if match[3] != match[1] else ''}{last}"


def _journal_part(work: Work) -> str:
    """'Phys Ther. 2014;94(4):477-89.' with the journal as written in the bib."""
    text = end_sentence(work.get("journal", "journaltitle")) + " " + work.year
    volume, number = work.get("volume"), work.get("number", "issue")
    if volume:
        text += f";{volume}" + (f"({number})" if number else "")
    if article := work.get("eid"):
        text += f":{article}"
    elif pages := work.get("pages"):
        text += f":{_short_range(pages)}"
    return text + "."


def _edition(work: Work) -> str:
    """' 2nd ed.' (nothing for a first edition)."""
    edition = work.get("edition")
    number = edition_number(edition)
    if number:
        return "" if number == 1 else f" {ordinal(number)} ed."
    return f" {end_sentence(edition_text(edition))}" if edition else ""


def _publication(work: Work, year: str, cited: str, *fields: str) -> str:
    """' Place: Publisher; 2016 [cited 2023 May 4].' The publisher is named even when it is the group
    author (Citing Medicine repeats it); the place only when the bib gives it (address, location)."""
    source = work.get(*fields)
    if place := work.get("location", "address"):
        source = f"{place}: {source}" if source else place
    when = year + (f" [cited {_nlm_date(cited)}]" if cited and _nlm_date(cited) else "")
    return f" {source}; {end_sentence(when)}" if source else f" {end_sentence(when)}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _nlm_date(iso: str) -> str:
    """'2023-05-04' -> '2023 May 4' ('' if not an ISO date)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso.strip())
    if not match:
        return ""
    month = _MONTHS[int(match[2]) - 1]
    return f"{match[1]} {month} {int(match[3])}"


def _links(work: Work) -> list[Span]:
    if doi := work.get("doi"):
        return [Span(" doi:"), Span(doi, href=f"https://doi.org/{doi}")]
    if url := work.get("url"):
        return [Span(" Available from: "), Span(url, href=url)]
    return []


STYLE = Vancouver
