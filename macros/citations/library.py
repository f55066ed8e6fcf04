"""The parsed bibliography with every formatted form computed once per key."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import apa
from .bibcache import load_works
from .errors import CitationError, did_you_mean
from .rich import Rich, plain
from .works import Work


@dataclass(frozen=True, eq=False)  # one object per key and library: identity is equality, hashing is cheap
class Formatted:
    """The APA forms of one work (computed once, reused on every page)."""

    key: str
    authors: str  # parenthetical authors: "Lakke & Meerman"
    narrative_authors: str  # running text: "Lakke and Meerman"
    date: str  # "2018a"
    reference: Rich
    reference_text: str
    order: int  # position in APA reference-list order

    @property
    def label(self) -> str:
        return f"{self.authors}, {self.date}"

    @property
    def narrative(self) -> str:
        return f"{self.narrative_authors} ({self.date})"


@dataclass
class Library:
    """All works of one .bib file, in APA order, with a/b labels site-wide."""

    path: Path
    works: dict[str, Work]
    mtime: float = 0.0
    _formatted: dict[str, Formatted] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path, cache_dir: Path | None = None) -> Library:
        """Parse ``path`` (or read its parse from ``cache_dir``, see bibcache)."""
        if not path.is_file():
            raise CitationError(f"{path}: the bibliography file does not exist.")
        mtime = path.stat().st_mtime
        return cls(path, load_works(path, cache_dir), mtime)

    def is_stale(self) -> bool:
        return not self.path.is_file() or self.path.stat().st_mtime != self.mtime

    @cached_property
    def ordered_keys(self) -> list[str]:
        return [w.key for w in sorted(self.works.values(), key=apa.sort_key)]

    @cached_property
    def _suffixes(self) -> dict[str, str]:
        return apa.year_suffixes(self.works.values())

    @cached_property
    def _shown(self) -> dict[str, int]:
        return apa.names_to_show(self.works.values())

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {key: index for index, key in enumerate(self.ordered_keys)}

    def __contains__(self, key: str) -> bool:
        return key in self.works

    def unknown_key_message(self, key: str, where: str) -> str:
        return (
            f"{where}: unknown citation key '{key}': it is not in {self.path.name}. "
            f"{did_you_mean(key, self.works)}"
        )

    def formatted(self, key: str) -> Formatted:
        """The formatted forms of ``key`` (KeyError if unknown)."""
        found = self._formatted.get(key)
        if found is None:
            work = self.works[key]
            suffix = self._suffixes.get(key, "")
            reference = apa.reference(work, suffix)
            found = Formatted(
                key=key,
                authors=apa.author_label(work, narrative=False, shown=self._shown.get(key, 1)),
                narrative_authors=apa.author_label(work, narrative=True, shown=self._shown.get(key, 1)),
                date=apa.dated(work.year, suffix),
                reference=reference,
                reference_text=plain(reference),
                order=self._rank[key],
            )
            self._formatted[key] = found
        return found
