"""Titles: sentence case (APA 6.17, also used by the numbered style) and the words it would spoil.

A title is a sequence of pieces; a protected piece (``{MRI}`` in BibTeX) keeps its case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .works import TitlePiece

# The first word after a colon, an em dash or end punctuation starts with a capital (APA 6.17).
_SENTENCE_END = re.compile(r"([:.?!]\s+|\s*\u2014\s*)")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "off", "on",
                          "or", "per", "so", "the", "to", "up", "via", "yet"})


def sentence_case(pieces: Iterable[TitlePiece], capital_after_colon: bool = True) -> str:
    """Only the first word, and the first word after a colon, em dash or full stop, capitalised (APA 6.17).

    ``capital_after_colon=False``: a subtitle after a colon or em dash starts in lower case, as
    Citing Medicine writes titles ('Low back pain: assessment and management'); after a full stop,
    question or exclamation mark a capital still starts the sentence. Protected pieces ({MRI},
    {STarT Back}) are kept as written.
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
                capitalise_next = capital_after_colon or not re.search("[:\u2014]", chunk)
                continue
            lowered = chunk.lower()
            if capitalise_next:
                index = next((i for i, c in enumerate(lowered) if c.isalpha()), None)
                if index is not None:
                    lowered = lowered[:index] + lowered[index].upper() + lowered[index + 1 :]
                    capitalise_next = False
            out.append(lowered)
    return "".join(out)


def spoiled_words(pieces: Iterable[TitlePiece]) -> list[str]:
    """Words that sentence case would lowercase although they hold a capital after their first
    letter: acronyms (MRI, UK, COVID-19) and words like STarT or mHealth. Braced, they keep their case.
    """
    found: list[str] = []
    for piece in pieces:
        text = piece.text
        if piece.protected or text.lower() == text:
            continue
        for word in _WORD.findall(text):
            rest = word[1:]
            if rest.lower() != rest and word not in found:
                found.append(word)
    return found


def capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def title_case(text: str) -> str:
    """Title case for a short label (a report series: 'NICE guideline' -> 'NICE Guideline').

    Words already holding capitals keep them; minor words stay lower case except first.
    """
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in _MINOR_WORDS:
            out.append(word.lower() if word.islower() else word)
        else:
            out.append(capitalise_first(word))
    return " ".join(out)
