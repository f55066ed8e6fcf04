"""The parsed bibliography with every formatted form computed once per key."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import apa, formcache
from .bibcache import load as load_bib
from .errors import CitationError, did_you_mean
from .rich import Rich, Span, plain
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

    def to_row(self) -> formcache.Row:
        return {"key": self.key, "authors": self.authors, "narrative_authors": self.narrative_authors,
                "date": self.date, "reference": [[s.text, s.italic, s.href] for s in self.reference],
                "reference_text": self.reference_text, "order": self.order}

    @classmethod
    def from_row(cls, row: formcache.Row) -> Formatted:
        reference = tuple(Span(str(text), bool(italic), str(href)) for text, italic, href in row["reference"])
        return cls(key=row["key"], authors=row["authors"], narrative_authors=row["narrative_authors"],
                   date=row["date"], reference=reference, reference_text=row["reference_text"],
                   order=int(row["order"]))


@dataclass
class Library:
    """All works of one .bib file, in APA order, with a/b labels site-wide."""

    path: Path
    works: dict[str, Work]
    mtime: float = 0.0
    _formatted: dict[str, Formatted] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path, cache_dir: Path | None = None) -> Library:
        """Parse ``path``, or read its parse and every work's forms from ``cache_dir``
        (see bibcache and formcache)."""
        if not path.is_file():
            raise CitationError(f"{path}: the bibliography file does not exist.")
        mtime = path.stat().st_mtime
        works, works_key = load_bib(path, cache_dir)
        library = cls(path, works, mtime)
        if cache_dir is not None:
            library._use_form_cache(formcache.forms_path(cache_dir, works_key))
        return library

    def _use_form_cache(self, cached: Path) -> None:
        """Take every work's forms from ``cached``; or compute them all and store them there."""
        rows = formcache.read(cached, set(self.works))
        if rows is None:
            formcache.write(cached, [self.formatted(key).to_row() for key in self.ordered_keys])
            return
        forms = sorted((Formatted.from_row(row) for row in rows), key=lambda form: form.order)
        self._formatted = {form.key: form for form in forms}
        self.__dict__["ordered_keys"] = [form.key for form in forms]  # cached_property's own slot

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
