"""Search synonyms: abbreviations clinicians type (PNE, WAI, LBP, RMDQ, CBT) and the words the guide
spells them out with, from ``macros/data/search-synonyms.json``.

Material's search matches words, so "PNE" finds only sections that write "PNE". After the build,
each section of the search index (``search/search_index.json``) that uses one form of a pair but
not the other gets the pair added at its end, as a short paragraph ("PNE: pain neuroscience
education"): searching either form finds it, and a result shows why. The pages themselves are
not changed. An abbreviation is matched whole and in capitals; a term in any case, with a space
or a hyphen between its words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "search-synonyms.json"
_TAG = re.compile(r"<[^>]+>")


class SynonymError(ValueError):
    """The synonyms file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Synonym:
    abbreviation: str
    terms: tuple[str, ...]

    def _abbreviation(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-]){re.escape(self.abbreviation)}(?![\w-])")

    def _terms(self) -> re.Pattern[str]:
        spelled = "|".join(r"[\s-]+".join(re.escape(word) for word in re.split(r"[\s-]+", term))
                           for term in self.terms)
        return re.compile(rf"\b(?:{spelled})\b", re.IGNORECASE)

    def missing(self, text: str) -> bool:
        """True if ``text`` uses one form of the pair and not the other."""
        return bool(self._abbreviation().search(text)) != bool(self._terms().search(text))

    def said(self) -> str:
        return f"{self.abbreviation}: {self.terms[0]}"


def load(path: Path = DATA) -> list[Synonym]:
    """The pairs in ``path``; ``SynonymError`` naming the entry if one cannot be used."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["synonyms"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SynonymError(f"{path}: not a synonyms file ({error})") from None
    found = []
    for number, entry in enumerate(entries, 1):
        abbreviation = entry.get("abbreviation") if isinstance(entry, dict) else None
        terms = entry.get("terms") if isinstance(entry, dict) else None
        where = f"{path}: entry {number}"
        if not isinstance(abbreviation, str) or not re.fullmatch(r"[A-Z][A-Z0-9]+", abbreviation):
            raise SynonymError(f"{where}: the abbreviation must be capitals ({abbreviation!r})")
        listed = isinstance(terms, list) and bool(terms)
        if not listed or not all(isinstance(term, str) and term.strip() for term in terms):
            raise SynonymError(f"{where} ({abbreviation}): terms must be a list of words")
        found.append(Synonym(abbreviation, tuple(terms)))
    return found


def add_synonyms(index: Path, synonyms: list[Synonym] | None = None) -> int:
    """Add to each section of the search index the pairs it uses one side of; how many sections changed."""
    synonyms = load() if synonyms is None else synonyms
    data = json.loads(index.read_text(encoding="utf-8"))
    changed = 0
    for doc in data["docs"]:
        text = _TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}")
        pairs = [synonym.said() for synonym in synonyms if synonym.missing(text)]
        if pairs:
            doc["text"] = doc.get("text", "") + "".join(f"<p>{escape(pair)}</p>" for pair in pairs)
            changed += 1
    index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return changed
