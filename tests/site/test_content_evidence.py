"""The Evidence section as built: real pages, cited, linked, numbers from the data file, no known errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import Tag

from tests.conftest import ROOT
from tests.site.built_pages import article_of, page_article, page_soup, prose_of

EVIDENCE_PAGES = (
    "index",
    "fuentes-2014",
    "manzoni-2018",
    "stenner-2018",
    "holopainen-2018",
    "traeger-2019",
    "further-evidence",
)
STUDY_PAGES = EVIDENCE_PAGES[1:-1]
FURTHER_EVIDENCE_ANCHORS = (
    "ferreira-2013",
    "hall-2010",
    "kinney-2020",
    "okeeffe-2016",
    "miciak-2018",
    "lakke-2016",
    "babatunde-2017",
    "hill-2011",
)
MIN_WORDS = 250
FUENTES_DATA = ROOT / "macros" / "data" / "fuentes2014.json"
NUMBER = r"\d+(?:\.\d+)?"
PLACEHOLDERS = re.compile(r"\bTODO\b|\bTBD\b|\blorem\b|being written", re.IGNORECASE)
# Errors in the source article that the guide corrects (references-facts.md).
ARTICLE_ERRORS = re.compile(r"Fuentes et al\.?,? \(?2018|\bTrager\b")


def _front_matter(page: str) -> dict[str, object]:
    source = ROOT / "docs" / "evidence" / f"{page}.md"
    match = re.match(r"---\n(.*?)\n---\n", source.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"{source}: no front matter block at the top"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict), f"{source}: front matter is not a YAML mapping"
    return data


def _numbers_before_unit(text: str, unit: str) -> set[float]:
    """Every number written directly before ``unit`` (``1.83 cm``), as floats."""
    return {float(value) for value in re.findall(rf"({NUMBER})\s*{unit}\b", text)}


def _fuentes_arms() -> list[dict[str, object]]:
    arms = json.loads(FUENTES_DATA.read_text(encoding="utf-8"))["arms"]
    assert len(arms) == 4, f"{FUENTES_DATA}: expected four arms, found {len(arms)}"
    return arms


@pytest.mark.parametrize("page", EVIDENCE_PAGES)
def test_evidence_page_has_substance_description_and_citations(built_site: Path, page: str) -> None:
    soup = page_soup(built_site, f"evidence/{page}")
    article = article_of(soup, f"evidence/{page}")
    words = len(prose_of(article).get_text(" ").split())
    assert words >= MIN_WORDS, f"evidence/{page}: only {words} words outside figures and references"

    description = _front_matter(page).get("description")
    assert isinstance(description, str) and description, f"evidence/{page}.md: no description in front matter"
    meta = soup.find("meta", attrs={"name": "description"})
    assert isinstance(meta, Tag), f"evidence/{page}: no <meta name=description>"
    assert meta.get("content") == description, f"evidence/{page}: meta description is not the page's own"

    citations = article.select("a.citation")
    assert citations, f"evidence/{page}: no citation links (a.citation)"


@pytest.mark.parametrize("page", EVIDENCE_PAGES)
def test_evidence_page_has_no_placeholder_or_article_error(built_site: Path, page: str) -> None:
    text = page_soup(built_site, f"evidence/{page}").get_text(" ")
    placeholders = sorted({match.group(0) for match in PLACEHOLDERS.finditer(text)})
    assert not placeholders, f"evidence/{page}: placeholder text {placeholders}"
    errors = sorted({match.group(0) for match in ARTICLE_ERRORS.finditer(text)})
    assert not errors, f"evidence/{page}: repeats the source article's error {errors}"


def test_article_error_pattern_catches_the_known_errors() -> None:
    for wrong in ("Fuentes et al. (2018)", "Fuentes et al., 2018", "Trager et al."):
        assert ARTICLE_ERRORS.search(wrong), wrong
    for right in ("Fuentes et al. (2014)", "Fuentes et al., 2014", "Traeger et al."):
        assert not ARTICLE_ERRORS.search(right), right


def test_overview_tables_link_every_study(built_site: Path) -> None:
    article = page_article(built_site, "evidence/index")
    tables = article.find_all("table")
    assert tables, "evidence/index: no overview table"
    hrefs = {str(link["href"]) for table in tables for link in table.select("a[href]")}
    expected = {f"{page}.html" for page in STUDY_PAGES}
    expected |= {f"further-evidence.html#{anchor}" for anchor in FURTHER_EVIDENCE_ANCHORS}
    missing = sorted(expected - hrefs)
    assert not missing, f"evidence/index: the overview tables do not link to {missing}"


def test_further_evidence_has_an_anchor_per_study(built_site: Path) -> None:
    article = page_article(built_site, "evidence/further-evidence")
    ids = {str(tag["id"]) for tag in article.select("h2[id], h3[id]")}
    missing = sorted(set(FURTHER_EVIDENCE_ANCHORS) - ids)
    assert not missing, f"evidence/further-evidence: no heading with id {missing}"


def test_fuentes_numbers_in_text_and_chart_come_from_the_data_file(built_site: Path) -> None:
    article = page_article(built_site, "evidence/fuentes-2014")
    figure = article.find("figure")
    assert isinstance(figure, Tag), "evidence/fuentes-2014: no chart (<figure>)"
    prose = prose_of(article).get_text(" ")
    prose_pain = _numbers_before_unit(prose, "cm")
    prose_ppt = _numbers_before_unit(prose, "kg")

    rows: dict[str, set[float]] = {}
    for row in figure.select("table tr"):
        header = row.find("th")
        if isinstance(header, Tag):
            cells = " ".join(cell.get_text(" ") for cell in row.find_all("td"))
            rows[header.get_text(" ", strip=True)] = {float(value) for value in re.findall(NUMBER, cells)}

    for arm in _fuentes_arms():
        where = f"arm {arm['id']!r} in {FUENTES_DATA.name}"
        pain, ppt = float(arm["pain_change_cm"]), float(arm["ppt_change_kg"])
        assert pain in prose_pain, f"{where}: pain change {pain} cm is not in the page text"
        assert ppt in prose_ppt, f"{where}: PPT change {ppt} kg is not in the page text"
        chart_row = rows.get(str(arm["label"]))
        assert chart_row is not None, f"{where}: no row headed {arm['label']!r} in the chart's text table"
        assert pain in chart_row, f"{where}: pain change {pain} is not in the chart's text table"
        assert ppt in chart_row, f"{where}: PPT change {ppt} is not in the chart's text table"


def test_number_reader_needs_the_unit() -> None:
    text = "fell by 1.83 cm (95% CI 14.3 to 20.3 mm), a 2 × 2 design, 2.0 kg and 1.2kg"
    assert _numbers_before_unit(text, "cm") == {1.83}
    assert _numbers_before_unit(text, "kg") == {2.0, 1.2}
