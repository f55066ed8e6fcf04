"""The strict Content-Security-Policy, enforced: sent as a real header (the site's _headers, as
Netlify or Cloudflare Pages send it) on top of each page's <meta>, every page and both tools
load with no violation, and search, the palette, instant navigation and the tools all work."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.browser.runtime_helpers import WorkerErrors, assert_same_as_cpython, wait_ready
from tests.browser.test_privacy import built_pages
from tests.browser.test_widgets import SEARCH_HIT, search_for

pytestmark = pytest.mark.browser

# Violations the page sees (its own, and those of its workers that reach it), and the
# document's identity: instant navigation keeps the same document.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile || location.pathname}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def enforced(browser: Any, site_url: str) -> Iterator[tuple[Any, str]]:
    """A page in a context that enforces the policy; the test server sends the site's _headers
    (tests/conftest.py), at the address the site was built for (instant navigation needs it)."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.workers_seen = WorkerErrors(context, page)
    yield page, site_url
    context.close()


def violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__violations"))


def test_the_policy_arrives_as_a_header_with_frame_ancestors(enforced: Any) -> None:
    page, url = enforced
    response = page.goto(urljoin(url, "index.html"))
    header = response.headers["content-security-policy"]
    meta = page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    assert header == f"{meta}; frame-ancestors 'none'"
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert re.search(r"script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;", header)


def test_every_page_loads_without_a_violation(enforced: Any, built_site: Path) -> None:
    page, url = enforced
    seen: dict[str, list[str]] = {}
    for path in built_pages(built_site):
        page.goto(urljoin(url, path))
        page.wait_for_load_state("load")
        found = violations(page)
        if found:
            seen[path] = found
    assert seen == {}
    assert page.errors == []


@pytest.mark.parametrize(("path", "widget"), [("tools/classifier.html", "classifier"),
                                              ("tools/plan-builder.html", "plan")])
def test_both_tools_boot_and_answer_under_the_policy(enforced: Any, path: str, widget: str) -> None:
    page, url = enforced
    page.goto(urljoin(url, path))
    ready = wait_ready(page, url)
    assert ready["state"] == "ready", ready
    page.wait_for_selector(f"[data-widget={widget}] [data-role=status][data-state=ready]")
    assert_same_as_cpython(page, url)
    page.wait_for_timeout(500)
    assert violations(page) == []
    assert page.workers_seen.found == [], "the workers ran under the header's policy with no violation"


def test_search_palette_and_instant_navigation_work_under_the_policy(enforced: Any) -> None:
    page, url = enforced
    page.goto(urljoin(url, "index.html"))
    page.evaluate("window.__sameDocument = true")
    # Search (Material's worker, and its index).
    search_for(page, "pyramid")
    page.wait_for_selector(SEARCH_HIT, timeout=15_000)
    page.keyboard.press("Escape")
    # The palette toggle: from the system's scheme to light, then to dark.
    for _ in range(3):
        if page.evaluate("document.body.dataset.mdColorScheme") == "slate":
            break
        page.locator("label[for^=__palette_] >> visible=true").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    # Instant navigation: the next page replaces the content in the same document.
    page.locator("a[href$='evidence/index.html'] >> visible=true").first.click()
    page.wait_for_url(re.compile(r"evidence/index\.html$"))
    page.locator("article h1 >> visible=true").first.wait_for()
    assert page.evaluate("window.__sameDocument") is True, "navigation should be instant"
    page.locator("a[href$='tools/index.html'] >> visible=true").first.click()
    page.wait_for_url(re.compile(r"tools/index\.html$"))
    page.locator("a[href$='classifier.html'] >> visible=true").first.click()
    page.wait_for_url(re.compile(r"classifier\.html$"))
    assert wait_ready(page, url)["state"] == "ready"
    assert page.evaluate("window.__sameDocument") is True
    assert violations(page) == []
    assert page.errors == [] and page.workers_seen.found == []
