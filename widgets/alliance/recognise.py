"""What a clinician typed as "another treatment that made things worse", read against the known
techniques and their usual names (the table :mod:`alliance.rules.techniques`).

:func:`recognise` returns the techniques the words certainly name, those they may name (a word that
may mean several techniques, or a near-miss spelling), and whether anything was recognised at all.
The plan never proposes either kind; it says which techniques it read and where it is unsure.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from alliance.rules.techniques import MAYBE, TECHNIQUES

Pattern = tuple[str, ...]  # normalised words; a word ending in "*" matches any word that begins so
# Word endings tried when a typed word is compared with a name for a near miss.
_ENDINGS = ("", "s", "e", "es", "ed", "ing", "ion", "ions", "ation", "ations", "ist", "ists", "ic", "y")


class Recognised(NamedTuple):
    """``certain``: technique ids the text names; ``uncertain``: (the words typed, the technique ids
    they may mean), none of them in ``certain``; ``anything``: whether any word was recognised."""

    certain: tuple[str, ...]
    uncertain: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def maybe(self) -> tuple[str, ...]:
        """Every technique the text may mean (and does not certainly name), once each."""
        return tuple(dict.fromkeys(t for _words, ids in self.uncertain for t in ids))

    @property
    def anything(self) -> bool:
        return bool(self.certain or self.uncertain)


def _spelling(word: str) -> str:
    """British spelling for the few American forms that matter here."""
    word = re.sub(r"iz(e|es|ed|ing|ation|ations|er|ers)$", r"is\1", word)
    return re.sub(r"^program(s?)$", r"programme\1", word)


def words(text: str) -> list[str]:
    """The text as lower-case words without accents or punctuation; dots dropped (``S.T.M.`` -> ``stm``)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = plain.casefold().replace(".", "").replace("'", "").replace("\u2019", "")
    return [_spelling(word) for word in re.split(r"[^a-z0-9]+", plain) if word]


@cache
def _pattern(name: str) -> Pattern:
    star = name.endswith("*")
    found = words(name.rstrip("*"))
    return (*found[:-1], found[-1] + "*") if star else tuple(found)


def _word_matches(word: str, part: str) -> bool:
    return word.startswith(part[:-1]) if part.endswith("*") else word == part


def _find(pattern: Pattern, typed: list[str], at: dict[str, list[int]]) -> list[int]:
    """Where in ``typed`` the pattern starts (``at``: where each typed word is)."""
    first, size = pattern[0], len(pattern)
    starts = (
        [i for i, word in enumerate(typed) if word.startswith(first[:-1])]
        if first.endswith("*")
        else at.get(first, [])
    )
    return [
        start
        for start in starts
        if start + size <= len(typed)
        and all(_word_matches(typed[start + i], part) for i, part in enumerate(pattern))
    ]


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (Damerau-Levenshtein, optimal string alignment), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def _near_miss(word: str, part: str) -> bool:
    """A typed word one letter (two, for long words) away from a one-word name or its usual forms."""
    if len(word) < 5:
        return False
    limit = 1 if len(word) < 8 else 2
    forms = [part[:-1] + ending for ending in _ENDINGS] if part.endswith("*") else [part]
    return any(len(form) >= 5 and _distance(word, form, limit) <= limit for form in forms)


@lru_cache(maxsize=512)
def recognise(text: str, near_misses: bool = True) -> Recognised:
    """The techniques ``text`` names for certain, and those it may name (see the module docstring);
    ``near_misses=False`` leaves out the misspellings (to scan a plan's own texts)."""
    typed = words(text)
    at: dict[str, list[int]] = {}
    for index, word in enumerate(typed):
        at.setdefault(word, []).append(index)
    certain: list[str] = []
    used: set[int] = set()
    for technique in TECHNIQUES:
        for name in technique.names:
            pattern = _pattern(name)
            for start in _find(pattern, typed, at):
                used.update(range(start, start + len(pattern)))
                if technique.id not in certain:
                    certain.append(technique.id)
    uncertain: list[tuple[str, tuple[str, ...]]] = []
    maybe_used: set[int] = set()
    for name, ids in sorted(MAYBE, key=lambda entry: -len(_pattern(entry[0]))):  # longest first
        pattern = _pattern(name)
        for start in _find(pattern, typed, at):
            span = range(start, start + len(pattern))
            if maybe_used.intersection(span):
                continue
            maybe_used.update(span)
            used.update(span)
            ids_left = tuple(t for t in ids if t not in certain)
            if ids_left:
                uncertain.append((" ".join(typed[start : start + len(pattern)]), ids_left))
    for index, word in enumerate(typed):
        if index in used or not near_misses:
            continue
        near = tuple(
            technique.id
            for technique in TECHNIQUES
            if technique.id not in certain
            and any(
                len(_pattern(name)) == 1 and _near_miss(word, _pattern(name)[0]) for name in technique.names
            )
        )
        if near:
            uncertain.append((word, near))
    merged: dict[str, tuple[str, ...]] = {}
    for said, ids in uncertain:
        merged[said] = tuple(dict.fromkeys((*merged.get(said, ()), *ids)))
    return Recognised(tuple(certain), tuple(merged.items()))
