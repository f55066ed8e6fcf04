"""Labels: what identifies a work in the text (pybtex's ``labels``).

Author-date styles label a work with its authors and year, made unique across the whole
bibliography: 2018a/2018b for the same authors in the same year (APA 8.19), and more
surnames before 'et al.' where two works would otherwise read alike (APA 8.18). Numbered
styles label a work with its number on the page (see page.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .names import is_et_al, named
from .sorting import author_year_title
from .works import Work


def year_suffixes(works: Iterable[Work]) -> dict[str, str]:
    """'a', 'b', ... for works with the same authors and year, ordered by title (APA 8.19)."""
    groups: dict[tuple[object, ...], list[Work]] = defaultdict(list)
    for work in works:
        same_authors = tuple((n.surname, n.initials, n.others) for n in work.creators)
        groups[(same_authors, work.year)].append(work)
    suffixes: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for index, work in enumerate(sorted(group, key=author_year_title)):
            suffixes[work.key] = letter_label(index)
    return suffixes


def letter_label(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def dated(year: str, suffix: str) -> str:
    """The date as cited: 2018a, n.d.-a, in press-a."""
    if not suffix:
        return year
    return f"{year}-{suffix}" if not year[-1].isdigit() else f"{year}{suffix}"


def names_to_show(works: Iterable[Work]) -> dict[str, int]:
    """How many surnames a citation needs before 'et al.' (APA 8.18).

    Usually one. When two works with different authors would both read
    'Smith et al., 2020', each shows as many surnames as it takes to tell them apart.
    """
    groups: dict[tuple[str, str], list[Work]] = defaultdict(list)
    for work in works:
        if is_et_al(work):
            groups[(work.creators[0].surname, work.year)].append(work)
    shown: dict[str, int] = {}
    for group in groups.values():
        surnames = {w.key: tuple(n.surname for n in named(w.creators)) for w in group}
        if len(set(surnames.values())) < 2:
            continue  # same authors: the year letters (2018a, 2018b) tell them apart
        for work in group:
            mine = surnames[work.key]
            others = [s for s in surnames.values() if s != mine]
            count = 1
            # Names in full (no "et al.") already differ from any longer list.
            while count < len(mine) and any(o[:count] == mine[:count] and len(o) > count for o in others):
                count += 1
            shown[work.key] = count
    return shown
