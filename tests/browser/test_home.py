"""The home page in a real Chromium: where to start is in view without scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

# Where a reader starts: the evidence summary, the frameworks and both tools. Material
# rewrites links to absolute URLs once the page runs, so links are matched by their ending.
START_LINKS = {
    "evidence summary": "evidence/index.html",
    "frameworks": "frameworks/index.html",
    "stage classifier": "tools/classifier.html",
    "session-plan builder": "tools/plan-builder.html",
}
# A phone (the size of a common current handset) and a small laptop.
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1366, "height": 768}},
}


@pytest.fixture(params=sorted(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: object) -> Iterator[tuple[str, object]]:
    context = browser.new_context(**VIEWPORTS[request.param])  # type: ignore[attr-defined]
    page = context.new_page()
    yield request.param, page
    context.close()


def test_home_page_title_in_chromium(page, site_url: str) -> None:
    page.goto(site_url)
    assert "The Therapeutic Alliance in Low Back Pain" in page.title()
    assert page.locator("h1").first.inner_text().strip() != ""


def test_where_to_start_is_on_the_first_screen(sized_page: tuple[str, object], site_url: str) -> None:
    """Each start link is in the page's own content, wholly inside the first screen, visible, not covered."""
    name, page = sized_page
    page.goto(site_url)  # type: ignore[attr-defined]
    height = page.viewport_size["height"]  # type: ignore[attr-defined]
    for label, href in START_LINKS.items():
        link = page.locator(f'article a[href="{href}"], article a[href$="/{href}"]').first  # type: ignore[attr-defined]
        assert link.count() == 1, f"{name}: the home page's content has no link to the {label} ({href})"
        assert link.is_visible(), f"{name}: the link to the {label} is hidden"
        box = link.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (
            f"{name}: the link to the {label} ends at {box['y'] + box['height']:.0f} px, below the first "
            f"screen ({height} px)")
        # Nothing (the sticky header, a banner) covers it: the element at its centre is the link.
        covered = page.evaluate(  # type: ignore[attr-defined]
            """([x, y, href]) => { const hit = document.elementFromPoint(x, y);
                 return !(hit && hit.closest(`a[href="${href}"], a[href$="/${href}"]`)); }""",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, href],
        )
        assert not covered, f"{name}: something covers the link to the {label}"


def test_start_links_lead_to_their_pages(page, site_url: str) -> None:
    page.goto(site_url)
    for label, href in START_LINKS.items():
        page.locator(f'article a[href="{href}"], article a[href$="/{href}"]').first.click()
        page.wait_for_url(f"**/{href}")
        assert page.locator("article h1").first.inner_text().strip(), f"the {label} page has no title"
        page.go_back()
        page.wait_for_url(site_url + "**")
