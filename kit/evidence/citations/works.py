"""What a bibliography entry is, once parsed: plain data, no formatting."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Name:
    """One author or editor: surname as printed, and APA initials ("D. J.")."""

    surname: str
    initials: str = ""
    others: bool = False  # BibTeX "and others": further authors not named


@dataclass(frozen=True)
class TitlePiece:
    """Part of a title; protected pieces ({MRI} in BibTeX) keep their case."""

    text: str
    protected: bool = False


@dataclass(frozen=True)
class Work:
    """One entry of references.bib, decoded from LaTeX to Unicode."""

    key: str
    entry_type: str
    authors: tuple[Name, ...]
    editors: tuple[Name, ...]
    year: str  # four digits, "n.d." or "in press"
    title: tuple[TitlePiece, ...]
    fields: dict[str, str] = field(default_factory=dict)  # other fields, decoded
    booktitle: tuple[TitlePiece, ...] = ()  # the book a chapter or paper is in
    line: int = 0
    bibtex: str = ""  # the entry exactly as written in the file

    @property
    def creators(self) -> tuple[Name, ...]:
        """Authors, or the editors of an edited work without authors."""
        return self.authors or self.editors

    @property
    def plain_title(self) -> str:
        return "".join(piece.text for piece in self.title)

    def get(self, name: str, *alternatives: str) -> str:
        """The field ``name`` (or the first of ``alternatives`` present), or ''."""
        for field_name in (name, *alternatives):
            if value := self.fields.get(field_name):
                return value
        return ""
