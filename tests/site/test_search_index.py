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
