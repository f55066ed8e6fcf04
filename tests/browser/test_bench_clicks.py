"""The benchmark's click measurement runs on the classifier as built: it answers every question
(multiple-choice ones too) and times real classifications, so `make bench` keeps up with the form."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from bench.widget_timing import click_latencies
from tests.browser.test_widgets import wait_ready

pytestmark = pytest.mark.browser


def test_the_bench_classifies_on_the_built_classifier(page: Any, site_url: str) -> None:
    page.goto(urljoin(site_url, "tools/classifier.html"))
    wait_ready(page, "classifier")
    latencies = click_latencies(page, 4)
    assert len(latencies.dom) == len(latencies.painted) == 4
    assert all(0 < dom <= painted for dom, painted in zip(latencies.dom, latencies.painted, strict=True))
    assert page.locator("[data-widget=classifier] [data-role=error-summary]").is_hidden()
    assert page.locator("[data-widget=classifier] [data-role=result]").is_visible()
