"""A range of numbers in a numbered style ([1–3]) in a real browser: every number in it is a link to
its entry with its tooltip, the numbers between the ends shown when the range has the pointer or the
focus, and hidden from sight (not from screen readers) otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.unit.citation_pages import make_env, render

pytestmark = pytest.mark.browser

ASSETS = ROOT / "docs" / "assets"


def range_page(tmp_path: Path) -> str:
    """A page written by the citations hooks in the numbered style, with the site's CSS and tooltip script."""
    env = make_env(tmp_path, style="vancouver")
    body = render(env, "Four works [@solo2020single; @duo2019pair; @trio2017three; @blog2018post] cited.\n")
    css = (ASSETS / "css" / "citations.css").read_text(encoding="utf-8")
    script = (ASSETS / "js" / "citations.js").read_text(encoding="utf-8")
    return (f"<!doctype html><html><head><style>{css}</style></head><body>"
            f'<article class="md-typeset"><p>{body}</p></article>'
            f'<script type="module">{script}</script></body></html>')


SHOWN_TEXT = """(() => {
  const copy = document.querySelector("article p").cloneNode(true);
  copy.querySelectorAll(".citation-range-between").forEach((hidden) => hidden.remove());
  return copy.textContent.replace(/\\s+/g, " ").trim();
})()"""


def between_width(page: Any) -> float:
    return page.locator(".citation-range-between").bounding_box()["width"]


def test_every_number_of_a_range_links_to_its_entry_with_its_tooltip(page: Any, tmp_path: Path) -> None:
    page.set_content(range_page(tmp_path))
    assert page.evaluate(SHOWN_TEXT) == "Four works [1–4] cited."
    links = page.locator(".citation-range a.citation")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#ref-solo2020single", "#ref-duo2019pair", "#ref-trio2017three", "#ref-blog2018post"]
    assert between_width(page) <= 1  # the numbers between the ends: out of sight until hovered or focused
    tooltip = page.locator("#citation-tooltip")
    for index, href in enumerate(hrefs):
        links.nth(index).focus()  # the keyboard reaches each number; the focus shows those between
        assert between_width(page) > 5
        tooltip.wait_for(state="visible", timeout=3000)
        entry = page.locator(f"[id='{href[1:]}']")
        assert " ".join(tooltip.inner_text().split()) == " ".join(entry.inner_text().split())
    page.evaluate("document.activeElement.blur()")
    page.mouse.move(1, 1)
    assert between_width(page) <= 1
    links.first.hover()  # the pointer on the range shows them too, each with its tooltip
    assert between_width(page) > 5
    links.nth(2).hover()
    tooltip.wait_for(state="visible", timeout=3000)
    assert " ".join(tooltip.inner_text().split()).startswith("Trio C, Quattro D, Cinque E.")
