"""Nothing leaves the reader's machine: a full visit talks only to the local server,
content pages load no Pyodide, and nothing typed is stored."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.test_widgets import (
    CLASSIFIER_RESULT,
    answers_for,
    fill_classifier,
    submit_plan,
    wait_ready,
)

pytestmark = pytest.mark.browser

TOOLS = ("tools/classifier.html", "tools/plan-builder.html")
TYPED = "Privacy-marker typed by the reader"


def built_pages(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if "assets" not in path.relative_to(site).parts
    )


def test_a_full_visit_requests_only_the_local_server(page, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    pages = built_pages(built_site)
    assert set(TOOLS) <= set(pages)
    for path in pages:
        if path not in TOOLS:
            page.goto(urljoin(site_url, path))
            page.wait_for_load_state("networkidle")
    page.goto(urljoin(site_url, "tools/classifier.html"))
    fill_classifier(page, answers_for("seeking-support"))
    page.click("[data-widget=classifier] button[type=submit]")
    page.wait_for_selector(CLASSIFIER_RESULT, timeout=45_000)
    page.click("[data-role=to-plan]")
    wait_ready(page, "plan")
    submit_plan(page, "seeking-support", 2, other=TYPED)
    page.wait_for_load_state("networkidle")

    local = urlsplit(site_url).netloc
    assert any("/assets/pyodide/pyodide.asm.wasm" in url for url in page.requested_urls)
    assert any(url.endswith(".whl") for url in page.requested_urls), "the alliance wheel comes from the site"
    elsewhere = [url for url in page.requested_urls
                 if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local]
    assert elsewhere == []
    assert urlsplit(site_url).hostname == "127.0.0.1"

    stored = page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}, document.cookie])")
    assert TYPED not in stored and "seeking-support" not in stored, "nothing typed is stored"


@pytest.mark.parametrize("path", ["evidence/index.html", "index.html", "references.html"])
def test_a_content_page_loads_no_pyodide_and_starts_no_worker(page, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(urljoin(site_url, path))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert [url for url in page.requested_urls if "/assets/pyodide/" in url] == []
    urls = page.requested_urls
    modules = {url.rsplit("/", 1)[-1] for url in urls if url.endswith(".mjs")}
    assert modules <= {"contract.mjs"}, "the loader reads the contract's names and loads none of the tools"
    assert not any(url.endswith((".wasm", ".gz", ".whl", ".zip")) for url in urls), urls
    assert [w.url for w in page.workers if "worker.mjs" in w.url] == []
    assert any(url.endswith("assets/js/widgets.js") for url in urls), "the loader is on every page"
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0, (
        "no service worker until a tool is used or the reader asks for offline use")


@pytest.mark.parametrize("path", TOOLS)
def test_without_javascript_submitting_a_form_sends_nothing(browser, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.goto(urljoin(site_url, path))
        assert page.locator("noscript").count() >= 1
        page.on("request", lambda request: requests.append(request.url))
        page.locator("form[data-role=form] input[type=radio]").first.check()
        for text_input in page.locator("form[data-role=form] input[type=text]").all():
            text_input.fill(TYPED)
        page.click("form[data-role=form] button[type=submit]")
        page.wait_for_timeout(500)
        assert requests == []
        assert page.url == urljoin(site_url, path)
    finally:
        context.close()
