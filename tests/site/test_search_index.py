"""What Material's search indexes from the built guide (see evidence/pages/search_form.py)."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup


def _index(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _page_text(site: Path, page: str) -> str:
    html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(html.select_one("article").get_text(" ").split())


def test_reference_lists_are_indexed_only_on_the_references_page(built_site: Path) -> None:
    docs = _index(built_site)
    outside = [d for d in docs if not d["location"].startswith("references.html")]
    assert outside
    assert not [d["location"] for d in outside if d["title"] == "References"]
    assert not [d["location"] for d in outside if "doi.org" in d["text"]]
    references_text = " ".join(d["text"] for d in docs if d["location"].startswith("references.html"))
    assert references_text.count("https://doi.org/") >= 10
    # The pages themselves still show their reference lists.
    assert "https://doi.org/" in _page_text(built_site, "evidence/fuentes-2014.html")


def test_figures_are_indexed_by_caption_and_text_equivalent_not_drawing(built_site: Path) -> None:
    html = BeautifulSoup((built_site / "frameworks/four-levels.html").read_text(encoding="utf-8"),
                         "html.parser")
    figure = html.select_one("figure.evidence-figure")
    assert figure is not None and figure.find("svg") is not None  # readers get the drawing
    caption = " ".join(figure.find("figcaption").get_text(" ").split())
    equivalent = " ".join(figure.find("details").get_text(" ").split())
    svg_only = " ".join(figure.find("svg").find("title").get_text().split())
    indexed = " ".join(" ".join(d["text"] for d in _index(built_site)
                                if d["location"].startswith("frameworks/four-levels.html")).split())
    assert caption[:60] in indexed
    assert equivalent[-60:] in indexed
    assert svg_only and svg_only not in indexed


def test_every_section_using_an_abbreviation_or_its_words_is_found_by_both(built_site: Path) -> None:
    """macros/data/search-synonyms.json: PNE, WAI, LBP, RMDQ, CBT and the words they stand for."""
    import re

    from macros.search_synonyms import load

    synonyms = load()
    assert {s.abbreviation for s in synonyms} >= {"PNE", "WAI", "LBP", "RMDQ", "CBT"}
    docs = _index(built_site)
    for synonym in synonyms:
        words = re.compile("|".join(r"[\s-]+".join(map(re.escape, t.split())) for t in synonym.terms), re.I)
        for doc in docs:
            text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
            has_abbreviation = re.search(rf"(?<![\w-]){synonym.abbreviation}(?![\w-])", text) is not None
            assert has_abbreviation == bool(words.search(text)), (synonym.abbreviation, doc["location"])
    pne = [doc for doc in docs if doc["location"].endswith("traeger-2019.html#pain-neuroscience-education")]
    assert pne and "PNE" in pne[0]["text"]
    # Words are split at punctuation, so "(PNE)" and "LBP." are found as PNE and LBP.
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert re.split(config["separator"], "education (PNE) in LBP.") == ["education", "PNE", "in", "LBP", ""]


def test_a_synonyms_file_that_cannot_be_used_names_the_entry(tmp_path: Path) -> None:
    import pytest

    from macros.search_synonyms import SynonymError, load

    bad = tmp_path / "synonyms.json"
    cases = [([{"abbreviation": "pne", "terms": ["x"]}], r"entry 1: the abbreviation must be capitals"),
             ([{"abbreviation": "PNE", "terms": ["a"]}, {"abbreviation": "WAI", "terms": []}],
              r"entry 2 \(WAI\)")]
    for entries, named in cases:
        bad.write_text(json.dumps({"synonyms": entries}), encoding="utf-8")
        with pytest.raises(SynonymError, match=named):
            load(bad)
