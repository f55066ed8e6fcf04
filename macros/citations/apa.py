"""APA 7 author-date style: in-text labels, reference-list order, references.

Pure functions of ``Work`` objects: no HTML here (see ``render``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from .rich import Rich, Span
from .works import Name, TitlePiece, Work

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"([:.?!]\s+)")
_MAX_LISTED_AUTHORS = 20


# ---------------------------------------------------------------- ordering


@lru_cache(maxsize=8192)  # surnames and initials repeat across a bib
def _letters(text: str) -> str:
    """Letter-by-letter sort form: no accents, case, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def _year_rank(year: str) -> tuple[int, str]:
    # APA: works without a date first, then by year, "in press" last.
    if year == "n.d.":
        return (0, "")
    if year == "in press":
        return (2, "")
    return (1, year)


def title_sort_form(work: Work) -> str:
    return _letters(_LEADING_ARTICLE.sub("", work.plain_title.strip()))


def authors_sort_form(work: Work) -> tuple[tuple[str, str], ...]:
    return tuple((_letters(n.surname), _letters(n.initials)) for n in work.creators if not n.others)


def sort_key(work: Work) -> tuple[object, ...]:
    """APA reference-list order: authors (letter by letter), year, then title."""
    return (authors_sort_form(work), _year_rank(work.year), title_sort_form(work), work.key)


def year_suffixes(works: Iterable[Work]) -> dict[str, str]:
    """'a', 'b', ... for works with the same authors and year, by title (APA 8.19)."""
    groups: dict[tuple[object, ...], list[Work]] = defaultdict(list)
    for work in works:
        same_authors = tuple((n.surname, n.initials, n.others) for n in work.creators)
        groups[(same_authors, work.year)].append(work)
    suffixes: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for index, work in enumerate(sorted(group, key=sort_key)):
            suffixes[work.key] = _letter_label(index)
    return suffixes


def _letter_label(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


# ---------------------------------------------------------------- in text


def dated(year: str, suffix: str) -> str:
    """The date as cited: 2018a, n.d.-a, in press-a."""
    if not suffix:
        return year
    return f"{year}-{suffix}" if not year[-1].isdigit() else f"{year}{suffix}"


def _is_et_al(work: Work) -> bool:
    names = [n for n in work.creators if not n.others]
    return len(names) >= 3 or (len(names) < len(work.creators) and bool(names))


def names_to_show(works: Iterable[Work]) -> dict[str, int]:
    """How many surnames a citation needs before 'et al.' (APA 8.18).

    Usually one. When two works with different authors would both read
    'Smith et al., 2020', each shows as many surnames as it takes to tell them apart.
    """
    groups: dict[tuple[str, str], list[Work]] = defaultdict(list)
    for work in works:
        if _is_et_al(work):
            groups[(work.creators[0].surname, work.year)].append(work)
    shown: dict[str, int] = {}
    for group in groups.values():
        surnames = {w.key: tuple(n.surname for n in w.creators if not n.others) for w in group}
        if len(set(surnames.values())) < 2:
            continue  # same authors: the year letters (2018a, 2018b) tell them apart
        for work in group:
            mine = surnames[work.key]
            others = [s for k, s in surnames.items() if s != mine]
            count = 1
            # Names in full (no "et al.") already differ from any longer list.
            while count < len(mine) and any(o[:count] == mine[:count] and len(o) > count for o in others):
                count += 1
            shown[work.key] = count
    return shown


def author_label(work: Work, narrative: bool, shown: int = 1) -> str:
    """APA 7 in-text authors: 'A', 'A & B' ('A and B' in running text), 'A et al.'."""
    names = [n.surname for n in work.creators if not n.others]
    has_others = len(names) < len(work.creators)
    joiner = " and " if narrative else " & "
    if _is_et_al(work):
        if shown >= len(names) and not has_others:
            return ", ".join(names[:-1]) + "," + joiner + names[-1]
        return ", ".join([*names[:shown], "et al."]) if shown > 1 else f"{names[0]} et al."
    if len(names) == 2:
        return names[0] + joiner + names[1]
    return names[0]


# ---------------------------------------------------------------- reference


def _reference_name(name: Name) -> str:
    return f"{name.surname}, {name.initials}" if name.initials else name.surname


def reference_authors(names: tuple[Name, ...]) -> str:
    """'Surname, I. I., Other, I., & Last, I.': up to 20 names (APA 9.8)."""
    named = [_reference_name(n) for n in names if not n.others]
    if len(named) < len(names):
        return ", ".join(named) + ", et al."
    if len(named) == 1:
        return named[0]
    if len(named) == 2:
        return f"{named[0]}, & {named[1]}"
    if len(named) > _MAX_LISTED_AUTHORS:
        return ", ".join(named[: _MAX_LISTED_AUTHORS - 1]) + ", . . . " + named[-1]
    return ", ".join(named[:-1]) + ", & " + named[-1]


def sentence_case(pieces: tuple[TitlePiece, ...]) -> str:
    """APA title case for works: first word and first word after a colon capitalised.

    Protected pieces ({MRI}, {STarT Back}) are kept as written.
    """
    out: list[str] = []
    capitalise_next = True
    for piece in pieces:
        if piece.protected:
            out.append(piece.text)
            capitalise_next = False
            continue
        for chunk in _SENTENCE_END.split(piece.text):
            if _SENTENCE_END.fullmatch(chunk):
                out.append(chunk)
                capitalise_next = True
                continue
            lowered = chunk.lower()
            if capitalise_next:
                index = next((i for i, c in enumerate(lowered) if c.isalpha()), None)
                if index is not None:
                    lowered = lowered[:index] + lowered[index].upper() + lowered[index + 1 :]
                    capitalise_next = False
            out.append(lowered)
    return "".join(out)


def _end_sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _creator_part(work: Work) -> str:
    text = reference_authors(work.creators)
    if not work.authors:
        text += " (Ed.)" if len(work.editors) == 1 else " (Eds.)"
    return _end_sentence(text)


def _links(work: Work) -> list[Span]:
    if doi := work.get("doi"):
        return [Span(" "), Span(f"https://doi.org/{doi}", href=f"https://doi.org/{doi}")]
    if url := work.get("url"):
        return [Span(" "), Span(url, href=url)]
    return []


def _article_source(work: Work) -> list[Span]:
    spans = [Span(" "), Span(work.get("journal"), italic=True)]
    volume, number = work.get("volume"), work.get("number")
    pages, article = work.get("pages"), work.get("eid")
    if volume:
        spans += [Span(", "), Span(volume, italic=True)]
        if number:
            spans.append(Span(f"({number})"))
    if article:
        spans.append(Span(f", Article {article}"))
    elif pages:
        spans.append(Span(f", {pages}"))
    spans.append(Span("."))
    return spans


def _description(work: Work) -> str:
    default = {"unpublished": "Unpublished manuscript", "mastersthesis": "Master's thesis"}
    return work.get("type") or default.get(work.entry_type, "")


def reference(work: Work, suffix: str) -> Rich:
    """The full APA 7 reference of a work."""
    spans = [Span(f"{_creator_part(work)} ({dated(work.year, suffix)}).")]
    title = sentence_case(work.title)
    if work.entry_type == "article":
        spans.append(Span(" " + _end_sentence(title)))
        spans += _article_source(work)
    else:
        # Stand-alone works (web pages, reports, manuscripts): title in italics,
        # then a description in square brackets.
        spans.append(Span(" "))
        spans.append(Span(title, italic=True))
        description = _description(work)
        spans.append(Span(f" [{description}]." if description else ("" if title[-1] in ".?!" else ".")))
        for field in ("organization", "institution", "school", "publisher"):
            if source := work.get(field):
                spans.append(Span(" " + _end_sentence(source)))
                break
    if note := work.get("note"):
        spans.append(Span(" " + _end_sentence(note)))
    spans += _links(work)
    return tuple(span for span in spans if span.text)
