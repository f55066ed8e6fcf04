"""The parsed bibliography, kept on disk between builds.

pybtex takes about half a second to parse a 1,000-entry bib, on every build
(every ``mkdocs build``, every test build, every restart of ``mkdocs serve``).
What it yields depends only on the file's text and on the parsing code, so
the result is stored as JSON in ``build/bibliography/works-<key>.json``, the key a
hash of the text, of this package's code (fingerprint.py) and of pybtex's version,
and read back (a few milliseconds) while none of them changes.

A bib with errors is never stored: the parse raises first. A damaged or
unreadable cache file is ignored and written again. Deleting ``build/``
drops the cache; nothing else needs it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..pages.files import store
from .fingerprint import code_digest
from .works import Name, TitlePiece, Work

CACHE_SUBDIR = Path("build") / "bibliography"
KEEP = 4  # cache files kept (the most recent)


def cache_key(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8"))
    digest.update(code_digest().encode())
    digest.update(version("pybtex").encode())
    return digest.hexdigest()[:32]


def _to_json(works: Mapping[str, Work]) -> str:
    return json.dumps([asdict(work) for work in works.values()], ensure_ascii=False)


def _work(item: dict[str, Any]) -> Work:
    return Work(
        **{
            **item,
            "authors": tuple(Name(**name) for name in item["authors"]),
            "editors": tuple(Name(**name) for name in item["editors"]),
            "title": tuple(TitlePiece(**piece) for piece in item["title"]),
            "booktitle": tuple(TitlePiece(**piece) for piece in item["booktitle"]),
        }
    )


class CachedWorks(Mapping[str, Work]):
    """The works read back from the cache, each made a ``Work`` when first asked for: a build
    whose forms come from the form cache needs few of them (the References page's BibTeX)."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self._items = {item["key"]: item for item in items}
        self._made: dict[str, Work] = {}

    def __getitem__(self, key: str) -> Work:
        work = self._made.get(key)
        if work is None:
            work = self._made[key] = _work(self._items[key])
        return work

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def _from_json(data: str) -> Mapping[str, Work]:
    return CachedWorks(json.loads(data))


def _read(cached: Path) -> Mapping[str, Work] | None:
    try:
        return _from_json(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing or damaged: parse again


def load(path: Path, cache_dir: Path | None) -> tuple[Mapping[str, Work], str]:
    """The works of the .bib at ``path`` (from the cache in ``cache_dir`` if it holds them),
    and the cache key of its text (which other caches of this bib build on)."""
    from .bibfile import parse_bibliography  # here: a build that finds its parse in the cache never needs it

    text = path.read_text(encoding="utf-8")
    key = cache_key(text)
    if cache_dir is None:
        return parse_bibliography(text, str(path)), key
    cached = cache_dir / f"works-{key}.json"
    works: Mapping[str, Work] | None = _read(cached) if cached.is_file() else None
    if works is None:
        works = parse_bibliography(text, str(path))
        store(cached, _to_json(works).encode("utf-8"), "works-*.json", KEEP)
    return works, key
