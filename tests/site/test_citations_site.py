"""Citations in the built guide: every link resolves, the References page is complete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.citations.bibfile import read_bibliography
from tests.conftest import ROOT
from tests.reference_checks import assert_reference_entry_links


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_citation_links_to_an_entry_on_its_page(built_site: Path) -> None:
    cited_pages = 0
    for path in _pages(built_site):
        html = _soup(path)
        citations = html.select("article a.citation")
        if not citations:
            continue
        cited_pages += 1
        ids = {tag["id"] for tag in html.find_all(id=True)}
        for link in citations:
            target = link["href"]
            assert target.startswith("#ref-"), (path.name, target)
            assert target[1:] in ids, f"{path.relative_to(built_site)}: {target} has no entry"
            entry = html.find(id=target[1:])
            reference = entry.select_one("p.reference") or entry
            assert link["title"] == reference.get_text(), (path.name, target)
    assert cited_pages > 0


def test_only_pages_that_cite_have_a_reference_list(built_site: Path) -> None:
    for path in _pages(built_site):
        if path.name == "references.html" and path.parent == built_site:
            continue
        html = _soup(path)
        cites = bool(html.select("article a.citation"))
        has_list = bool(html.select("article .references"))
        assert cites == has_list, path.relative_to(built_site)


def test_references_page_lists_every_work_with_doi_and_pubmed_links(built_site: Path) -> None:
    works = read_bibliography(ROOT / "references.bib")
    html = _soup(built_site / "references.html")
    entries = html.select("article .reference-entry")
    assert [e["id"].removeprefix("ref-") for e in entries] == list(json.loads(
        (built_site / "assets" / "data" / "references.json").read_text(encoding="utf-8")))
    assert {e["id"].removeprefix("ref-") for e in entries} == set(works)
    for entry in entries:
        work = works[entry["id"].removeprefix("ref-")]
        assert_reference_entry_links(entry, work)


@pytest.mark.browser
def test_citation_shows_full_reference_on_focus_and_jumps_to_it(page: Any, site_url: str) -> None:
    page.goto(site_url + "evidence/fuentes-2014.html")
    link = page.locator("article a.citation").first
    key = link.get_attribute("href").split("#ref-")[1]
    reference = page.locator(f"#ref-{key}").inner_text()
    link.focus()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip() == reference.strip()
    link.press("Enter")
    page.wait_for_function(f"location.hash === '#ref-{key}'", timeout=5000)
    assert page.locator(f"#ref-{key}").is_visible()
