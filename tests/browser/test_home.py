"""The home page opens in a real Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_page_title_in_chromium(page, site_url: str) -> None:
    page.goto(site_url)
    assert "The Therapeutic Alliance in Low Back Pain" in page.title()
    assert page.locator("h1").first.inner_text().strip() != ""
