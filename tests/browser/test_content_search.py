"""Material's own search, in Chromium: "pain neuroscience" leads to the Traeger page's section on it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_searching_pain_neuroscience_puts_the_traeger_section_first(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    # The index is built once the reader goes to search; type when it is ready, as a reader would.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !/initiali[sz]ing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=30_000,
    )
    assert "initializ" not in meta.inner_text().lower()
    page.locator("input.md-search__input").press_sequentially("pain neuroscience", delay=20)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=20_000)
    links = [link.get_attribute("href") or "" for link in first.locator("a").all()]
    assert links and "evidence/traeger-2019.html" in links[0], links
    assert any(link.endswith("#pain-neuroscience-education") for link in links), links
    assert "pain neuroscience" in first.inner_text().lower()


def _first_results(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "(q) => document.querySelector('.md-search-result__meta').textContent && "
        "document.querySelector('input.md-search__input').value === q", arg=query)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=20_000)
    items = page.locator(".md-search-result__item").all()[:2]  # the first pages found, with their sections
    links = [link.get_attribute("href") or "" for item in items for link in item.locator("a").all()]
    return [re.sub(r"\?h=[^#]*", "", link) for link in links]


@pytest.mark.parametrize(("query", "where"), [
    ("PNE", "evidence/traeger-2019.html#pain-neuroscience-education"),
    ("pne", "evidence/traeger-2019.html#pain-neuroscience-education"),
    ("RMDQ", "evidence/"),
    ("WAI", ""),
    ("LBP", ""),
])
def test_an_abbreviation_finds_what_the_guide_spells_out(page, site_url: str, query: str, where: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.wait_for_function(
        "() => !/initiali[sz]ing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=30_000,
    )
    found = _first_results(page, query)
    assert found, f"{query} finds nothing"
    assert any(where in link for link in found), (query, found)
