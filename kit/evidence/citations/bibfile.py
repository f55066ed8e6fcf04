"""Parse references.bib into ``Work`` objects (the parse step; no formatting).

pybtex does the parsing. Around it, a light scan of the file finds where each
entry starts, so that duplicate keys, malformed entries and missing fields are
reported with the file and line an author can go to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CitationError
from .works import Name, TitlePiece, Work

if TYPE_CHECKING:
    from pybtex.backends.plaintext import Backend
    from pybtex.database import BibliographyData, Entry, Person

# pybtex is imported where it is used: a build that reads the parse from the
# cache (bibcache) never needs it, and importing it takes a tenth of a second.

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])")
_KEY = re.compile(r"\s*([^\s,{}()\"#%'=]+)\s*,")
_NOT_ENTRIES = {"comment", "preamble", "string"}
_RAW_FIELDS = {"doi", "url", "pmid", "eprint", "urldate"}
_YEAR = re.compile(r"\d{4}|n\.d\.|in press")
# Values with these need the full LaTeX decoder; the rest (plain text, braces,
# dashes) take a fast path: latexcodec costs about 1 ms a call, a lot for a
# 1,000-entry bib.
_NEEDS_DECODER = re.compile(r"[\\~`$]|''")


@lru_cache(maxsize=1)
def _plain() -> Backend:
    """One backend instance: Text.render_as() looks the backend up through package
    entry points on every call, which costs ~30 ms each."""
    from pybtex.backends.plaintext import Backend

    return Backend()


@dataclass(frozen=True)
class EntrySpan:
    """Where one entry sits in the file."""

    key: str
    line: int
    text: str


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _closing(text: str, start: int, opener: str) -> int:
    """Index of the delimiter closing the entry opened at ``start``, or -1."""
    closer = "}" if opener == "{" else ")"
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if opener == "(" and char == ")" and depth == 0:
            return index
        if opener == "{" and depth == 0 and char == closer:
            return index
    return -1


def scan_entries(text: str, path: str) -> list[EntrySpan]:
    """Find every entry's key, line and text; fail on malformed or duplicate entries."""
    spans: list[EntrySpan] = []
    seen: dict[str, EntrySpan] = {}
    position = 0
    while match := _ENTRY_START.search(text, position):
        line = line_of(text, match.start())
        entry_type, opener = match.group(1), match.group(2)
        end = _closing(text, match.end() - 1, opener)
        if end < 0:
            raise CitationError(
                f"{path}:{line}: malformed entry @{entry_type}: its braces are never closed "
                "(look for a missing '}' in this entry or the next ones)."
            )
        position = end + 1
        if entry_type.lower() in _NOT_ENTRIES:
            continue
        key_match = _KEY.match(text, match.end())
        if not key_match or key_match.start(1) > end:
            raise CitationError(
                f"{path}:{line}: malformed entry @{entry_type}: expected a citation key and a comma "
                f"after '@{entry_type}{opener}', like '@{entry_type}{{fuentes2014enhanced,'."
            )
        span = EntrySpan(key_match.group(1), line, text[match.start() : end + 1])
        folded = span.key.casefold()
        if folded in seen:
            raise CitationError(
                f"{path}:{line}: duplicate key '{span.key}': it is already used at line "
                f"{seen[folded].line}. Keys must be unique (BibTeX ignores case); rename or merge one."
            )
        seen[folded] = span
        spans.append(span)
    return spans


def _dashes(value: str) -> str:
    return value.replace("---", "\u2014").replace("--", "\u2013")


def _brace_pieces(value: str) -> list[TitlePiece]:
    """Split on top-level braces: {...} is protected, braces themselves dropped."""
    pieces: list[TitlePiece] = []
    depth, current = 0, []
    for char in value:
        if char in "{}":
            if (char == "{" and depth == 0) or (char == "}" and depth == 1):
                if current:
                    pieces.append(TitlePiece(_dashes("".join(current)), protected=depth == 1))
                current = []
            depth += 1 if char == "{" else -1
            continue
        current.append(char)
    if current:
        pieces.append(TitlePiece(_dashes("".join(current)), protected=depth > 0))
    return pieces


@lru_cache(maxsize=4096)  # names and journals repeat across a bib: decode each once
def latex_to_text(value: str) -> str:
    """LaTeX to Unicode: accents, braces dropped, '--' to an en dash."""
    if not _NEEDS_DECODER.search(value):
        return _dashes(value.replace("{", "").replace("}", ""))
    from pybtex.richtext import Text

    return Text.from_latex(value).render(_plain())


def _title_pieces(value: str) -> tuple[TitlePiece, ...]:
    if not _NEEDS_DECODER.search(value):
        return tuple(_brace_pieces(value))
    from pybtex.richtext import Protected, Text

    pieces = []
    for part in Text.from_latex(value).parts:
        if isinstance(part, str):
            pieces.append(TitlePiece(part))
        else:
            pieces.append(TitlePiece(part.render(_plain()), protected=isinstance(part, Protected)))
    return tuple(pieces)


def _initials(given: list[str]) -> str:
    initials = []
    for name in given:
        parts = [p for p in latex_to_text(name).split("-") if p]
        letters = [next((c for c in p if c.isalpha()), "") for p in parts]
        initials.append("-".join(f"{letter}." for letter in letters if letter))
    return " ".join(i for i in initials if i)


def to_name(person: Person) -> Name:
    if str(person) == "others":
        return Name("", others=True)
    surname = latex_to_text(" ".join(person.prelast_names + person.last_names))
    return Name(surname, _initials(person.first_names + person.middle_names))


def _require(key: str, entry: Entry, field: str, where: str) -> str:
    value = entry.fields.get(field, "").strip()
    if not value:
        raise CitationError(f"{where}: entry '{key}' has no {field}: add a '{field} = {{...}}' field.")
    return value


def _year(key: str, entry: Entry, where: str) -> str:
    """The year: ``year``, or the year of biblatex's ``date`` (2016-11-30)."""
    year = entry.fields.get("year", "").strip()
    date = entry.fields.get("date", "").strip()
    if not year and date:
        year = date[:4] if re.match(r"\d{4}(-|$)", date) else date
    if not year:
        raise CitationError(f"{where}: entry '{key}' has no year: add a 'year = {{...}}' field.")
    if not _YEAR.fullmatch(year):
        raise CitationError(
            f"{where}: entry '{key}' has year '{year}': write four digits, 'n.d.' (no date) "
            "or 'in press'."
        )
    return year


def to_work(span: EntrySpan, entry: Entry, path: str) -> Work:
    """Check one entry's required fields and decode it."""
    where = f"{path}:{span.line}"
    authors = tuple(to_name(p) for p in entry.persons.get("author", []))
    editors = tuple(to_name(p) for p in entry.persons.get("editor", []))
    if not authors and not editors:
        raise CitationError(f"{where}: entry '{span.key}' has no author or editor: add 'author = {{...}}'.")
    title = _require(span.key, entry, "title", where)
    year = _year(span.key, entry, where)
    if entry.type.lower() == "article" and not entry.fields.get("journaltitle", "").strip():
        _require(span.key, entry, "journal", where)
    fields = {}
    for name, value in entry.fields.items():
        name = name.lower()
        if name in {"title", "year", "booktitle"}:
            continue
        fields[name] = value.strip() if name in _RAW_FIELDS else latex_to_text(value)
    if "doi" in fields:
        fields["doi"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", fields["doi"], flags=re.I)
    return Work(
        key=span.key,
        entry_type=entry.type.lower(),
        authors=authors,
        editors=editors,
        year=year,
        title=_title_pieces(title),
        booktitle=_title_pieces(entry.fields["booktitle"]) if entry.fields.get("booktitle") else (),
        fields=fields,
        line=span.line,
        bibtex=span.text,
    )


def parse_bibliography(text: str, path: str) -> dict[str, Work]:
    """All works of a .bib text, by key, in file order."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexSyntaxError

    spans = scan_entries(text, path)
    try:
        data: BibliographyData = parse_string(text, "bibtex")
    except PybtexSyntaxError as error:
        lineno = getattr(error, "lineno", None)
        raise CitationError(f"{path}:{lineno}: malformed entry: {error}.") from error
    except Exception as error:  # pybtex reports some problems with its own exception types
        raise CitationError(f"{path}: could not be read: {error}") from error
    works = {}
    for span in spans:
        entry = data.entries.get(span.key)
        if entry is None:
            raise CitationError(f"{path}:{span.line}: malformed entry '{span.key}': pybtex cannot read it.")
        works[span.key] = to_work(span, entry, path)
    return works


def read_bibliography(path: Path) -> dict[str, Work]:
    return parse_bibliography(path.read_text(encoding="utf-8"), str(path))
