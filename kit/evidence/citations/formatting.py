"""What the reference formats of every style share: families of entry types, and punctuation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .rich import Rich, Span
from .works import Work

# BibTeX and biblatex entry types, by the template that formats them.
PERIODICAL = frozenset({"article"})
WHOLE_BOOK = frozenset({"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
                        "manual", "booklet", "reference"})
BOOK_PART = frozenset({"incollection", "inbook", "inproceedings", "conference", "inreference", "bookinbook"})
REPORT = frozenset({"report", "techreport"})
THESIS = frozenset({"thesis", "phdthesis", "mastersthesis"})
# Anything else (online, misc, unpublished, electronic, www, ...) is formatted as a work that stands alone.


def end_sentence(text: str) -> str:
    """``text`` ending with a full stop (unless it already ends with . ? or !)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def join_and(parts: Sequence[Sequence[Span]]) -> Rich:
    """'A and B', 'A, B, and C' (serial comma, APA 6.3)."""
    out: list[Span] = []
    for index, part in enumerate(parts):
        if index:
            last = index == len(parts) - 1
            out.append(Span((", and " if len(parts) > 2 else " and ") if last else ", "))
        out += part
    return tuple(out)


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10}
_EDITION_WORD = re.compile(r"\s*\b(edition|edn\.?|ed\.?)\s*$", re.IGNORECASE)


def edition_number(edition: str) -> int:
    """'2', '2nd', 'Second', '2nd edition' -> 2; 0 when the edition is not a number ('Revised')."""
    word = _EDITION_WORD.sub("", edition.strip()).strip().lower()
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    match = re.fullmatch(r"(\d+)\s*(st|nd|rd|th)?", word)
    return int(match[1]) if match else 0


def edition_text(edition: str) -> str:
    """The edition without the word 'edition': 'Revised edition' -> 'Revised'."""
    return _EDITION_WORD.sub("", edition.strip()).strip()


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_THESIS_KINDS = {"phdthesis": "doctoral", "phd": "doctoral",
                 "mastersthesis": "masters", "mathesis": "masters"}


def thesis_level(work: Work) -> str:
    """'doctoral', 'masters' or '' for a thesis entry (its biblatex type, else its BibTeX type)."""
    kind = work.get("type").lower()
    if kind in _THESIS_KINDS:
        return _THESIS_KINDS[kind]
    if "master" in kind or kind.startswith(("msc", "ma ")):
        return "masters"
    if "doctor" in kind or "phd" in kind or "dissertation" in kind:
        return "doctoral"
    return _THESIS_KINDS.get(work.entry_type, "")
