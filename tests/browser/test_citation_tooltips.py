"""Citation tooltips in a real browser: the full reference on hover and focus, and content on hover
or focus as WCAG 2.1 SC 1.4.13 asks: hoverable, dismissible with Escape, persistent."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGE = "evidence/fuentes-2014.html"
HIDE_DELAY_MS = 300  # docs/assets/js/citations.js
TOOLTIP = "#citation-tooltip"


def open_page(page: Any, site_url: str, path: str = PAGE) -> Any:
    page.goto(site_url + path)
    link = page.locator("article a.citation").first
    link.wait_for()
    return link


def reference_of(page: Any, link: Any) -> str:
    key = link.get_attribute("href").split("#")[-1]
    return " ".join(page.locator(f"[id='{key}']").inner_text().split())


def test_hover_shows_the_reference_and_it_stays_while_the_pointer_is_on_it(page: Any, site_url: str) -> None:
    link = open_page(page, site_url)
    tooltip = page.locator(TOOLTIP)
    link.hover()
    tooltip.wait_for(state="visible", timeout=3000)
    assert " ".join(tooltip.inner_text().split()) == reference_of(page, link)
    assert link.get_attribute("aria-describedby") == "citation-tooltip"
    assert tooltip.get_attribute("role") == "tooltip"
    assert page.locator(".md-tooltip2--active").count() == 0  # no second tooltip from the theme
    box = tooltip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=10)  # onto the tooltip
    page.wait_for_timeout(HIDE_DELAY_MS * 3)
    assert tooltip.is_visible(), "the tooltip must stay while the pointer is on it"
    page.mouse.move(5, 5)  # away from both, onto the header (no citation there)
    tooltip.wait_for(state="hidden", timeout=3000)
    assert link.get_attribute("aria-describedby") is None


def test_escape_closes_it_without_moving_the_pointer_or_the_focus(page: Any, site_url: str) -> None:
    link = open_page(page, site_url)
    tooltip = page.locator(TOOLTIP)
    link.hover()
    tooltip.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=1000)
    box = link.bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + box["height"] / 2, steps=3)  # still on the link
    page.wait_for_timeout(HIDE_DELAY_MS * 2)
    assert not tooltip.is_visible(), "dismissed: it must not come back while the pointer stays"
    page.mouse.move(5, 5)
    link.hover()  # a new hover shows it again
    tooltip.wait_for(state="visible", timeout=3000)

    page.mouse.move(5, 5)
    link.focus()
    tooltip.wait_for(state="visible", timeout=3000)
    assert " ".join(tooltip.inner_text().split()) == reference_of(page, link)
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=1000)
    assert page.evaluate("document.activeElement.matches('article a.citation')")  # the focus did not move
    page.locator("article h1").first.click()  # the focus leaves, then comes back
    link.focus()
    tooltip.wait_for(state="visible", timeout=3000)


def test_it_stays_while_the_link_has_focus_and_goes_with_the_focus(page: Any, site_url: str) -> None:
    link = open_page(page, site_url)
    tooltip = page.locator(TOOLTIP)
    link.focus()
    tooltip.wait_for(state="visible", timeout=3000)
    page.wait_for_timeout(HIDE_DELAY_MS * 3)
    assert tooltip.is_visible()
    page.evaluate("document.activeElement.blur()")
    tooltip.wait_for(state="hidden", timeout=3000)


def test_after_instant_navigation_tooltips_work_on_the_new_page(page: Any, site_url: str) -> None:
    open_page(page, site_url, "evidence/index.html")
    page.locator("article a[href$='stenner-2018.html']").first.click()
    page.wait_for_url("**/stenner-2018.html")
    link = page.locator("article a.citation").first
    link.hover()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=3000)
    assert " ".join(tooltip.inner_text().split()) == reference_of(page, link)
    assert page.locator(TOOLTIP).count() == 1  # one tooltip for the whole site


def test_the_link_still_jumps_to_its_reference(page: Any, site_url: str) -> None:
    link = open_page(page, site_url)
    key = link.get_attribute("href").split("#")[-1]
    link.focus()
    link.press("Enter")
    page.wait_for_function(f"location.hash === '#{key}'", timeout=5000)
    assert page.locator(f"[id='{key}']").is_visible()
