"""Every work's forms in a style kept in build/ between builds (evidence/citations/formcache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence.citations import formcache, sorting
from evidence.citations.library import Library, form_row
from evidence.citations.styles import apa

from tests.conftest import ROOT


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "references.bib"
    path.write_text((ROOT / "references.bib").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _rows(library: Library) -> list[dict[str, object]]:
    return [form_row(library.formatted(key)) for key in library.ordered_keys]


def test_a_second_load_takes_every_form_from_the_cache(bib: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    computed = Library.load(bib)  # no cache: formatted on demand
    expected, warnings = _rows(computed), computed.warnings
    Library.load(bib, cache)  # fills the cache
    assert len(list(cache.glob("forms-*.json"))) == 1

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("formatted again although the cache holds this bib's forms")

    monkeypatch.setattr(apa.APA7, "reference", not_again)
    monkeypatch.setattr(apa.APA7, "in_text", not_again)
    monkeypatch.setattr(sorting, "author_year_title", not_again)
    monkeypatch.setattr("evidence.citations.library.spoiled_words", not_again)
    cached = Library.load(bib, cache)
    assert cached.ordered_keys == computed.ordered_keys
    assert _rows(cached) == expected
    assert cached.warnings == warnings
    assert cached.formatted(expected[0]["key"]).label == computed.formatted(expected[0]["key"]).label  # type: ignore[arg-type]


def test_a_damaged_or_stale_cache_is_ignored_and_written_again(bib: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _rows(Library.load(bib, cache))
    (cached,) = cache.glob("forms-*.json")
    for damage in ('[{"key": "half', '[{"key": "not-a-key-of-this-bib"}]', "{}"):
        cached.write_text(damage, encoding="utf-8")
        assert _rows(Library.load(bib, cache)) == expected
        assert formcache.read(cached, set(Library.load(bib).works)) is not None  # rewritten


def test_an_edited_bib_gets_its_own_forms(bib: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    Library.load(bib, cache)
    bib.write_text(bib.read_text(encoding="utf-8").replace("{2014}", "{2015}", 1), encoding="utf-8")
    edited = Library.load(bib, cache)
    assert _rows(edited) == _rows(Library.load(bib))
    assert len(list(cache.glob("forms-*.json"))) == 2


def test_each_style_has_its_own_forms_and_the_warnings_come_back(bib: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@article{scan2020,\n  author = {A, B.},\n"
                   "  title = {MRI Scans},\n  journal = {J},\n  year = {2020},\n}\n", encoding="utf-8")
    apa_forms = _rows(Library.load(bib, cache))
    vancouver_forms = _rows(Library.load(bib, cache, style="vancouver"))
    assert len(list(cache.glob("forms-*.json"))) == 2
    assert apa_forms != vancouver_forms
    assert _rows(Library.load(bib, cache, style="vancouver")) == vancouver_forms
    again = Library.load(bib, cache)
    assert _rows(again) == apa_forms
    assert len(again.warnings) == 1 and "'scan2020'" in again.warnings[0]
