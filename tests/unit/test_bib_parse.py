"""Parsing references.bib: LaTeX to Unicode, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence.citations.bibfile import latex_to_text, parse_bibliography, read_bibliography
from evidence.citations.errors import CitationError

DATA = Path(__file__).parent / "data" / "citations"

GOOD = """\
@article{first2020,
  author = {First, A.},
  title = {One},
  journal = {J},
  year = {2020},
}
"""


def _error(text: str) -> str:
    with pytest.raises(CitationError) as caught:
        parse_bibliography(text, "refs.bib")
    return str(caught.value)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('H{\\"u}bscher', "Hübscher"),
        ("{{MRI}} scans", "MRI scans"),
        ("477--489", "477–489"),
        ("Caf\\'e \\& bar", "Café & bar"),
        ("``quoted''", "“quoted”"),
    ],
)
def test_latex_becomes_unicode(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_names_are_decoded_and_initialled() -> None:
    works = read_bibliography(DATA / "golden.bib")
    solo, duo = works["solo2020single"], works["duo2019pair"]
    assert [(n.surname, n.initials) for n in solo.authors] == [("Solo", "A. M.")]
    assert [(n.surname, n.initials) for n in duo.authors] == [("Duo", "B."), ("Müller", "J.-P.")]


def test_doi_prefix_is_removed_and_bibtex_kept_verbatim() -> None:
    work = read_bibliography(DATA / "golden.bib")["solo2020single"]
    assert work.get("doi") == "10.1000/xyz.1"
    assert work.bibtex.startswith("@article{solo2020single,")
    assert work.bibtex.rstrip().endswith("}")
    assert work.line == 3


def test_duplicate_key_names_file_and_both_lines() -> None:
    message = _error(GOOD + "\n" + GOOD.replace("First", "Second"))
    assert "refs.bib:8" in message
    assert "duplicate key 'first2020'" in message
    assert "line 1" in message


def test_duplicate_key_ignores_case_like_bibtex() -> None:
    assert "duplicate key 'First2020'" in _error(GOOD + GOOD.replace("first2020", "First2020"))


def test_unclosed_entry_names_file_and_line() -> None:
    message = _error(GOOD + "\n@article{broken2021,\n  title = {Open,\n  year = {2021},\n")
    assert message.startswith("refs.bib:8: malformed entry @article")


def test_entry_without_key_names_file_and_line() -> None:
    message = _error(GOOD + "@article{title = {No key}, year = {2020}}\n")
    assert message.startswith("refs.bib:7: malformed entry @article")
    assert "citation key" in message


def test_pybtex_syntax_error_names_file_and_line() -> None:
    message = _error(GOOD + "@article{bad2020,\n  title = {x} year = {2020},\n}\n")
    assert message.startswith("refs.bib:8: malformed entry")


@pytest.mark.parametrize(
    ("drop", "field"),
    [("  author = {First, A.},\n", "author or editor"), ("  title = {One},\n", "title"),
     ("  year = {2020},\n", "year"), ("  journal = {J},\n", "journal")],
)
def test_missing_required_field_is_named(drop: str, field: str) -> None:
    message = _error(GOOD.replace(drop, ""))
    assert message.startswith("refs.bib:1: entry 'first2020' has no " + field)


def test_year_must_be_a_year_or_explicitly_no_date() -> None:
    assert "has year 'soon'" in _error(GOOD.replace("{2020}", "{soon}"))
    works = parse_bibliography(GOOD.replace("{2020}", "{n.d.}"), "refs.bib")
    assert works["first2020"].year == "n.d."


def test_project_bib_has_the_agreed_keys() -> None:
    from tests.conftest import ROOT

    works = read_bibliography(ROOT / "references.bib")
    agreed = {
        "fuentes2014enhanced", "holopainen2018nonencounters", "manzoni2018role", "stenner2018matters",
        "traeger2019effect", "macphail2018therapeutic", "macphail2018why", "ferreira2013therapeutic",
        "hall2010influence", "kinney2020impact", "babatunde2017characteristics", "okeeffe2016influences",
        "hill2011comparison", "miciak2018necessary", "lakke2016working", "brinjikji2015systematic",
        "nice2016low", "roland1983study",
    }
    assert set(works) == agreed


def test_project_bib_follows_the_checked_facts() -> None:
    from alliance import model

    from tests.conftest import ROOT

    raw = (ROOT / "references.bib").read_text(encoding="utf-8")
    works = read_bibliography(ROOT / "references.bib")
    assert 'H{\\"u}bscher' in raw
    assert "Hübscher" in [n.surname for n in works["traeger2019effect"].authors]
    assert works["fuentes2014enhanced"].year == "2014"
    assert works["traeger2019effect"].year == "2019"
    assert "pmid" not in works["fuentes2014enhanced"].fields  # believed, not checked
    assert "doi" not in works["holopainen2018nonencounters"].fields  # no DOI found
    assert len(works["traeger2019effect"].authors) == 13
    assert len(works["hill2011comparison"].authors) == 13
    assert works["macphail2018therapeutic"].entry_type == "online"
    assert works["macphail2018why"].entry_type == "unpublished"
    assert model.all_citation_keys() <= set(works)


@pytest.mark.parametrize(
    "value", ["A {MRI} Study of {{STarT Back}}: x--y", "plain", "{Whole}", "a {b {c} d} e---f"]
)
def test_fast_path_decodes_like_pybtex(value: str) -> None:
    from evidence.citations.bibfile import _title_pieces
    from pybtex.richtext import Protected, Text

    expected = [
        (part, False) if isinstance(part, str) else (part.render_as("text"), isinstance(part, Protected))
        for part in Text.from_latex(value).parts
    ]
    assert [(piece.text, piece.protected) for piece in _title_pieces(value)] == expected
    assert latex_to_text(value) == Text.from_latex(value).render_as("text")
