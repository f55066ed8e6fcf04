"""The parsed bibliography with every work's forms in one style, computed once per key.

This is the way in for code outside MkDocs (it imports nothing from MkDocs):

    library = Library.load(Path("references.bib"), cache_dir=Path("build/bibliography"))
    form = library.formatted("fuentes2014enhanced")
    form.label            # "Fuentes et al., 2014"   (parenthetical, APA 7)
    form.narrative        # "Fuentes et al. (2014)"
    form.authors, form.narrative_authors, form.date, form.order
    form.reference_text   # the full reference as plain text; form.reference as rich spans
    library.warnings      # titles that sentence case would spoil (acronyms not braced)

``cache_dir`` is optional (without it the bib is parsed each time); ``style`` defaults to
APA 7. ``intext.author_runs`` orders and merges several works as the pages do.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import formcache
from .bibcache import load as load_bib
from .errors import CitationError, did_you_mean
from .rich import plain
from .style import Formatted, InText, Style
from .styles import DEFAULT_STYLE, get_style
from .titles import spoiled_words
from .works import Work

__all__ = ["Formatted", "Library", "form_row"]


def form_row(form: Formatted) -> formcache.Row:
    """A work's forms as the form cache stores them."""
    return {"key": form.key, "authors": form.authors, "narrative_authors": form.narrative_authors,
            "date": form.date, "reference": [[s.text, s.italic, s.href] for s in form.reference],
            "reference_text": form.reference_text, "reference_html": form.reference_html, "order": form.order}


def _from_row(row: formcache.Row) -> Formatted:
    return Formatted(key=row["key"], authors=row["authors"], narrative_authors=row["narrative_authors"],
                     date=row["date"], spans=row["reference"], reference_text=row["reference_text"],
                     order=int(row["order"]), html=row["reference_html"])


@dataclass
class Library:
    """All works of one .bib file, in the style's order, with labels made unique site-wide."""

    path: Path
    works: Mapping[str, Work]
    mtime: float = 0.0
    style: Style = field(default_factory=get_style)
    _formatted: dict[str, Formatted] = field(default_factory=dict, repr=False)
    _rows: dict[str, formcache.Row] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path, cache_dir: Path | None = None, style: str | Style = DEFAULT_STYLE) -> Library:
        """Parse ``path``, or read its parse and every work's forms from ``cache_dir``
        (see bibcache and formcache). ``style``: a Style or its name (a module of styles/)."""
        if not path.is_file():
            raise CitationError(f"{path}: the bibliography file does not exist.")
        chosen = get_style(style) if isinstance(style, str) else style
        mtime = path.stat().st_mtime
        works, works_key = load_bib(path, cache_dir)
        library = cls(path, works, mtime, chosen)
        if cache_dir is not None:
            library._use_form_cache(formcache.forms_path(cache_dir, works_key, chosen))
        return library

    def _use_form_cache(self, cached: Path) -> None:
        """Take every work's forms and the warnings from ``cached``; or compute them and store them there."""
        found = formcache.read(cached, set(self.works))
        if found is None:
            rows = [form_row(self.formatted(key)) for key in self.ordered_keys]
            formcache.write(cached, rows, self.warnings)
            return
        rows, warnings = found
        rows.sort(key=lambda row: row["order"])
        self._rows = {row["key"]: row for row in rows}  # made into Formatted when first asked for
        self.__dict__["ordered_keys"] = list(self._rows)  # cached_property's own slot
        self.__dict__["warnings"] = warnings

    @classmethod
    def empty(cls, path: Path, style: str | Style = DEFAULT_STYLE) -> Library:
        """No works: the library of a site whose default bib ``path`` does not exist (yet)."""
        return cls(path, {}, 0.0, get_style(style) if isinstance(style, str) else style)

    def is_stale(self) -> bool:
        """Whether the file changed, went, or (for :meth:`empty`) came since it was read."""
        try:
            return os.stat(self.path).st_mtime != self.mtime
        except OSError:
            return self.mtime != 0.0

    @cached_property
    def ordered_keys(self) -> list[str]:
        """Every key in the order of the bibliography (the References page)."""
        return [w.key for w in sorted(self.works.values(), key=self.style.sort_key)]

    @cached_property
    def _in_text(self) -> dict[str, InText]:
        return self.style.in_text(list(self.works.values()))

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {key: index for index, key in enumerate(self.ordered_keys)}

    @cached_property
    def warnings(self) -> list[str]:
        """One message per entry whose title has words sentence case would lowercase (MRI, UK, STarT)."""
        messages = []
        for work in self.works.values():
            words = spoiled_words(work.title + work.booktitle)
            if words:
                quoted = ", ".join(f"'{word}'" for word in words)
                braced = ", ".join("{" + word + "}" for word in words)
                messages.append(
                    f"{self.path.name}:{work.line}: entry '{work.key}': sentence case would lowercase "
                    f"{quoted} in its title. Brace {'it' if len(words) == 1 else 'them'} to keep the "
                    f"capitals: {braced}."
                )
        return messages

    def __contains__(self, key: str) -> bool:
        return key in self.works

    def unknown_key_message(self, key: str, where: str) -> str:
        if not self.works and not self.path.is_file():
            return (f"{where}: unknown citation key '{key}': there is no bibliography ({self.path.name} does "
                    "not exist): add it, or name the file in the evidence plugin's 'bibliography' setting.")
        return (
            f"{where}: unknown citation key '{key}': it is not in {self.path.name}. "
            f"{did_you_mean(key, self.works)}"
        )

    def formatted(self, key: str) -> Formatted:
        """The formatted forms of ``key`` (KeyError if unknown)."""
        found = self._formatted.get(key)
        if found is None and key in self._rows:
            found = self._formatted[key] = _from_row(self._rows[key])
        if found is None:
            work = self.works[key]
            in_text = self._in_text[key]
            reference = self.style.reference(work, in_text)
            found = Formatted(
                key=key,
                authors=in_text.authors,
                narrative_authors=in_text.narrative_authors,
                date=in_text.date,
                spans=reference,
                reference_text=plain(reference),
                order=self._rank[key],
            )
            self._formatted[key] = found
        return found
