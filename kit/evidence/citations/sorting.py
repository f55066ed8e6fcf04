"""Sorting: the order of a bibliography (pybtex's ``sorting``).

Both styles list the whole bibliography (the References page) in APA order: authors letter
by letter, then year, then title. A numbered style numbers each page's own list in the order
of first citation instead (see page.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .names import named
from .works import Work

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=8192)  # surnames and initials repeat across a bib
def letters(text: str) -> str:
    """Letter-by-letter sort form: no accents, case, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def year_rank(year: str) -> tuple[int, str]:
    """APA 9.47: works without a date first, then by year, 'in press' last."""
    if year == "n.d.":
        return (0, "")
    if year == "in press":
        return (2, "")
    return (1, year)


def title_sort_form(work: Work) -> str:
    return letters(_LEADING_ARTICLE.sub("", work.plain_title.strip()))


def authors_sort_form(work: Work) -> tuple[tuple[str, str], ...]:
    return tuple((letters(n.surname), letters(n.initials)) for n in named(work.creators))


def author_year_title(work: Work) -> tuple[object, ...]:
    """APA reference-list order (9.44-9.47): authors letter by letter, year, then title."""
    return (authors_sort_form(work), year_rank(work.year), title_sort_form(work), work.key)
