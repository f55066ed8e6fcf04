"""The parsed bibliography kept in build/ between builds (evidence/citations/bibcache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence.citations import bibcache
from evidence.citations.bibfile import parse_bibliography
from evidence.citations.errors import CitationError
from evidence.citations.works import Work

from tests.conftest import ROOT


def _bib(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "references.bib"
    path.write_text(text if text is not None else (ROOT / "references.bib").read_text(encoding="utf-8"),
                    encoding="utf-8")
    return path


def _works(bib: Path, cache: Path) -> dict[str, Work]:
    return bibcache.load(bib, cache)[0]


def _no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str, path: str) -> None:
        raise AssertionError("parsed although the cache holds this bib")

    monkeypatch.setattr("evidence.citations.bibfile.parse_bibliography", fail)


def test_second_load_reads_the_cache_and_equals_the_parse(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    bib, cache = _bib(tmp_path), tmp_path / "cache"
    parsed = parse_bibliography(bib.read_text(encoding="utf-8"), str(bib))
    assert _works(bib, cache) == parsed
    assert len(list(cache.glob("*.json"))) == 1
    _no_parse(monkeypatch)
    cached = _works(bib, cache)
    assert cached == parsed and list(cached) == list(parsed)  # same works, same file order


def test_an_edited_bib_is_parsed_again(tmp_path: Path) -> None:
    bib, cache = _bib(tmp_path), tmp_path / "cache"
    _works(bib, cache)
    bib.write_text(bib.read_text(encoding="utf-8").replace("{2014}", "{2015}", 1), encoding="utf-8")
    works = _works(bib, cache)
    assert works == parse_bibliography(bib.read_text(encoding="utf-8"), str(bib))
    assert len(list(cache.glob("*.json"))) == 2


def test_a_damaged_cache_file_is_ignored_and_written_again(tmp_path: Path) -> None:
    bib, cache = _bib(tmp_path), tmp_path / "cache"
    expected = _works(bib, cache)
    (cached,) = cache.glob("*.json")
    cached.write_text('[{"key": "half', encoding="utf-8")
    assert _works(bib, cache) == expected
    assert bibcache._read(cached) == expected


def test_a_broken_bib_fails_and_is_never_cached(tmp_path: Path) -> None:
    bib, cache = _bib(tmp_path, "@article{nokey2020,\n  title = {T},\n  year = {2020},\n}\n"), tmp_path / "c"
    with pytest.raises(CitationError, match=r"references\.bib:1"):
        _works(bib, cache)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_only_the_most_recent_files_are_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for year in range(2000, 2000 + bibcache.KEEP + 3):
        bib = _bib(tmp_path, f"@article{{a{year},\n  author = {{A, B.}},\n  title = {{T}},\n"
                             f"  journal = {{J}},\n  year = {{{year}}},\n}}\n")
        _works(bib, cache)
    assert len(list(cache.glob("*.json"))) == bibcache.KEEP


def test_the_key_changes_with_the_text() -> None:
    assert bibcache.cache_key("@article{a,}") != bibcache.cache_key("@article{b,}")
    assert bibcache.cache_key("x") == bibcache.cache_key("x")
