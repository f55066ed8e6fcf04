"""What a clinician typed about past treatments ("another treatment that made things worse", "what
helped before"), read against the known techniques and their usual names (the tables of
:mod:`alliance.rules.techniques`).

:func:`recognise` splits the text into clauses (at commas, semicolons, full stops, "but"...). A clause
that says something made things worse ("worse", "hurt", "flared"...) or something did not help ("did not
help") is read as harm; one that says something helped ("helped", "eased"), without a "not", as help;
any other clause as what the field is about (harm, or help). In each clause it finds the names of
techniques: what they name for certain, what they may mean (a word that may mean several techniques, a
misspelling), and other treatments the plan never proposes. A clause of harm that names nothing leaves
unclear what harmed, so whatever the text says helped may be it too.

It also says which words it could not read. A text is read whole when every word is known (a name, an
ordinary word, a word of harm or help) and it names a treatment; otherwise the plan proposes no hands-on
technique until the clinician has checked (``rules.terms.HANDS_ON_OFFERED``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from alliance.rules.techniques import (
    CLAUSE_BREAKS,
    HARM_WORDS,
    HELP_WORDS,
    NAMES,
    NEGATIONS,
    OTHER_TREATMENTS,
    WORD_LISTS,
    Name,
)

Pattern = tuple[str, ...]  # normalised words; a word ending in "*" matches any word that begins so
HARM, HELP = "harm", "help"
NOTHING_NAMED = "(no treatment named)"  # what is unread in a text that names no treatment
# Word endings tried when a typed word is compared with a name for a near miss.
_ENDINGS = ("", "s", "e", "es", "ed", "ing", "ion", "ions", "ation", "ations", "ist", "ists", "ic", "y")
# Counts and spinal levels: 2, 2x, x2, 3rd, 1990s; L4, S1, T12, C7.
_COUNT = re.compile(r"^(?:x?\d+(?:x|st|nd|rd|th|s)?|[lstc]\d{1,2})$")
_CLAUSE = re.compile(r"[,;:!?()\[\]\n]+|(?<=[^\W\d_]{2})\.(?=\s|$)")
KNOWN_WORDS: frozenset[str] = frozenset().union(*WORD_LISTS.values())


class Recognised(NamedTuple):
    """What a text says: ``certain``, the technique ids it names for certain as having made things
    worse; ``uncertain``, (the words typed, the technique ids they may mean) as having made things
    worse, none of them in ``certain``; ``helped``, the technique ids it says helped (and nothing says
    made things worse); ``other``, treatments the plan never proposes; ``unread``, the words it could not
    read (or ``NOTHING_NAMED``)."""

    certain: tuple[str, ...]
    uncertain: tuple[tuple[str, tuple[str, ...]], ...]
    helped: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()

    @property
    def maybe(self) -> tuple[str, ...]:
        """Every technique the text may mean as having made things worse (and does not certainly name)."""
        return tuple(dict.fromkeys(t for _words, ids in self.uncertain for t in ids))

    @property
    def anything(self) -> bool:
        """Whether any technique was recognised (as harm or help)."""
        return bool(self.certain or self.uncertain or self.helped)

    @property
    def whole(self) -> bool:
        """Whether every word was read and a treatment named (an empty text is read whole)."""
        return not self.unread


def _spelling(word: str) -> str:
    """British spelling for the few American forms that matter here."""
    word = re.sub(r"iz(e|es|ed|ing|ation|ations|er|ers)$", r"is\1", word)
    return re.sub(r"^program(s?)$", r"programme\1", word)


def _plain(text: str) -> str:
    """The text without accents, case, apostrophes or invisible format characters (a soft hyphen, a
    zero-width joiner: they join, they do not split)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return plain.casefold().replace("'", "").replace("\u2019", "")


def words(text: str) -> list[str]:
    """The text as lower-case words without accents or punctuation; dots dropped (``S.T.M.`` -> ``stm``).
    A word in another script, and a symbol such as an emoji, are words too (which the tables do not know)."""
    found = []
    for match in re.finditer(r"[^\W_]+|\S", _plain(text).replace(".", "")):
        token = match.group()
        if token[0].isalnum() or unicodedata.category(token[0]).startswith("S"):
            found.append(_spelling(token))
    return found


def clauses(text: str) -> list[list[str]]:
    """The text's clauses, each as its words: split at punctuation, at a full stop after a word, and at
    words such as "but"."""
    found: list[list[str]] = []
    for part in _CLAUSE.split(_plain(text)):
        current: list[str] = []
        for word in words(part):
            if word in CLAUSE_BREAKS:
                found.append(current)
                current = []
            else:
                current.append(word)
        found.append(current)
    return [clause for clause in found if clause]


@cache
def _pattern(name: str) -> Pattern:
    star = name.endswith("*")
    found = words(name.rstrip("*"))
    return (*found[:-1], found[-1] + "*") if star else tuple(found)


@cache
def _ordered_names() -> tuple[tuple[Pattern, Name], ...]:
    """The names, longest first (more words, then more letters), so "massage gun" beats "massage"."""
    rows = [(_pattern(name.spelling), name) for name in NAMES]
    return tuple(sorted(rows, key=lambda row: (-len(row[0]), -len(row[1].spelling))))


def _word_matches(word: str, part: str) -> bool:
    return word.startswith(part[:-1]) if part.endswith("*") else word == part


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


class _Clause(NamedTuple):
    mood: str
    certain: list[str]
    uncertain: list[tuple[str, tuple[str, ...]]]
    other: list[str]
    unread: list[str]


def _mood(typed: list[str], default: str) -> str:
    said = set(typed)
    if said & HARM_WORDS:
        return HARM
    if said & HELP_WORDS:
        return HARM if said & NEGATIONS else HELP
    return HARM if said & NEGATIONS else default


def _starts(pattern: Pattern, typed: list[str], at: dict[str, list[int]]) -> list[int]:
    """Where in ``typed`` the pattern may start (its first word matches; ``at``: where each word is)."""
    first = pattern[0]
    if not first.endswith("*"):
        return at.get(first, [])
    return [i for i, word in enumerate(typed) if word.startswith(first[:-1])]


def _read_clause(typed: list[str], default: str, near_misses: bool) -> _Clause:
    used: set[int] = set()
    certain: list[str] = []
    uncertain: list[tuple[str, tuple[str, ...]]] = []
    at: dict[str, list[int]] = {}
    for index, word in enumerate(typed):
        at.setdefault(word, []).append(index)
    for pattern, name in _ordered_names():
        size = len(pattern)
        for start in _starts(pattern, typed, at):
            span = range(start, start + size)
            if start + size > len(typed) or used.intersection(span) or not all(
                _word_matches(typed[start + i], part) for i, part in enumerate(pattern)
            ):
                continue
            used.update(span)
            certain += [t for t in name.certain if t not in certain]
            if name.maybe:
                uncertain.append((" ".join(typed[start:start + size]), name.maybe))
    other: list[str] = []
    unread: list[str] = []
    for index, word in enumerate(typed):
        if index in used:
            continue
        if word in OTHER_TREATMENTS:
            other.append(word)
        elif word in KNOWN_WORDS or _COUNT.match(word):
            continue
        else:
            near = tuple(dict.fromkeys(
                t for pattern, name in _ordered_names() if len(pattern) == 1 and near_misses
                and _near_miss(word, pattern[0]) for t in name.certain
            ))
            if near:
                uncertain.append((word, near))
            else:
                unread.append(word)
    uncertain = [(said, tuple(t for t in ids if t not in certain)) for said, ids in uncertain]
    return _Clause(_mood(typed, default), certain, [(s, ids) for s, ids in uncertain if ids], other, unread)


@lru_cache(maxsize=512)
def recognise(text: str, about: str = HARM, near_misses: bool = True) -> Recognised:
    """What ``text`` says about past treatments (see the module docstring). ``about``: what a clause
    that says neither is about (``HARM`` for "made things worse", ``HELP`` for "what helped");
    ``near_misses=False`` leaves out the misspellings."""
    read = [_read_clause(typed, about, near_misses) for typed in clauses(text)]
    certain: list[str] = []
    uncertain: list[tuple[str, tuple[str, ...]]] = []
    helped: list[str] = []
    for clause in read:
        if clause.mood == HARM:
            certain += [t for t in clause.certain if t not in certain]
            uncertain += clause.uncertain
        else:
            helped += [t for t in clause.certain if t not in helped]
    if any(clause.mood == HARM and not (clause.certain or clause.uncertain or clause.other)
           for clause in read):
        # A clause of harm that names nothing: what helped may be what harmed.
        uncertain += [(" ".join(w for w in typed), tuple(c.certain)) for typed, c in zip(clauses(text), read,
                                                                                        strict=True)
                      if c.mood == HELP and c.certain]
    merged: dict[str, tuple[str, ...]] = {}
    for said, ids in uncertain:
        left = tuple(t for t in ids if t not in certain)
        if left:
            merged[said] = tuple(dict.fromkeys((*merged.get(said, ()), *left)))
    maybe = {t for ids in merged.values() for t in ids}
    other = tuple(dict.fromkeys(word for clause in read for word in clause.other))
    unread = [word for clause in read for word in clause.unread]
    named = any(clause.certain or clause.uncertain or clause.other for clause in read)
    if read and not named and not unread:
        unread.append(NOTHING_NAMED)
    return Recognised(
        tuple(certain),
        tuple(merged.items()),
        tuple(t for t in helped if t not in certain and t not in maybe),
        other,
        tuple(dict.fromkeys(unread)),
    )


def names_in(text: str) -> set[str]:
    """Every technique a text (a plan's own) names for certain, whatever it says about it."""
    found = recognise(text, near_misses=False)
    return {*found.certain, *found.helped}
