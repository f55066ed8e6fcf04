"""Offline on return, a new build taking over, the footer's offer, and other origins left alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.browser.runtime_helpers import (
    CACHE_ENTRIES,
    TOOLS_CACHE,
    assert_same_as_cpython,
    status,
    wait_kept,
    wait_ready,
    wait_service_worker,
)
from tests.browser.test_widgets import SEARCH_HIT, search_for
from tests.conftest import ROOT, SiteServer, _free_port, build_site, copy_project

pytestmark = pytest.mark.browser

CLASSIFIER = "tools/classifier.html"


def visit_a_tool(page: Any, url: str, path: str = CLASSIFIER) -> None:
    page.goto(urljoin(url, path))
    assert wait_ready(page, url)["state"] == "ready"
    wait_kept(page, url)
    wait_service_worker(page)


def test_after_one_visit_to_a_tool_the_guide_and_the_tools_work_offline(page: Any, site_url: str) -> None:
    visit_a_tool(page, site_url)
    page.context.set_offline(True)
    page.reload()
    assert wait_ready(page, site_url)["boot"]["source"] == "snapshot"
    assert_same_as_cpython(page, site_url)
    # A page never opened before, from the service worker's precache.
    page.goto(urljoin(site_url, "frameworks/pyramid.html"))
    assert "pyramid" in page.title().lower()
    search_for(page, "pyramid")
    page.wait_for_selector(SEARCH_HIT, timeout=15_000)
    page.goto(urljoin(site_url, "tools/plan-builder.html"))
    assert wait_ready(page, site_url)["state"] == "ready"
    assert page.evaluate("navigator.onLine") is False


def test_the_footer_keeps_the_tools_offline_when_asked(page: Any, site_url: str) -> None:
    page.goto(urljoin(site_url, "evidence/index.html"))
    offer = page.locator("[data-alliance-offline]")
    offer.wait_for(state="visible")
    assert [url for url in page.requested_urls if "/assets/pyodide/" in url] == []
    page.click("[data-role=keep-offline]")
    page.locator("[data-role=offline-status]", has_text="Done").wait_for(timeout=90_000)
    assert any(url.endswith(".wasm.gz") for url in page.requested_urls), "asked: the tools are downloaded"
    page.context.set_offline(True)
    page.goto(urljoin(site_url, CLASSIFIER))
    assert wait_ready(page, site_url)["boot"]["source"] == "snapshot"
    assert_same_as_cpython(page, site_url)
    page.goto(urljoin(site_url, "about.html"))
    offer.wait_for(state="visible")
    assert "kept in this browser" in page.inner_text("[data-role=offline-status]")
    assert page.locator("[data-role=keep-offline]").is_hidden()


def test_requests_to_other_origins_are_neither_cached_nor_answered_by_the_service_worker(
        page: Any, site_url: str, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.txt").write_text("another origin", encoding="utf-8")
    visit_a_tool(page, site_url)
    page.reload()
    with SiteServer(tmp_path) as other:
        target = urljoin(other.url, "elsewhere.txt")
        with page.expect_response(target) as caught:
            page.evaluate("(url) => fetch(url, {mode: 'no-cors'}).then(() => true)", target)
        assert not caught.value.from_service_worker
        assert other.httpd.counter.take()["/elsewhere.txt"][0] == 1, "it went to the other host"
    cached = page.evaluate("(url) => caches.match(url).then((hit) => Boolean(hit))", target)
    assert cached is False
    every = page.evaluate(CACHE_ENTRIES, "")
    urls = [url for entries in every.values() for url in entries]
    assert urls and all(url.startswith(site_url) for url in urls)
    # No query or fragment of a reader's is ever stored; Workbox keys its precache by revision.
    queries = {url.split("?", 1)[1].split("=")[0] for url in urls if "?" in url}
    assert queries <= {"__WB_REVISION__"} and not any("#" in url for url in urls), queries


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, int]]:
    """The guide built twice for one address; the second with a changed page and a changed package."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    base = tmp_path_factory.mktemp("builds")
    first = base / "first"
    result = build_site(ROOT / "mkdocs.yml", first, site_url=url)
    assert result.returncode == 0, result.stderr[-3000:]
    project = copy_project(base)
    about = project / "docs" / "about.md"
    marker = "\n\nSecond-build marker paragraph.\n"
    about.write_text(about.read_text(encoding="utf-8") + marker, encoding="utf-8")
    model = project / "widgets" / "alliance" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# second build\n", encoding="utf-8")
    second = base / "second"
    result = build_site(project / "mkdocs.yml", second, site_url=url)
    assert result.returncode == 0, result.stderr[-3000:]
    yield first, second, port


def _toolkit(site: Path) -> str:
    import json

    return str(json.loads((site / "assets" / "pyodide" / "toolkit.json").read_text(encoding="utf-8"))["id"])


def test_a_new_build_is_served_at_once_and_drops_the_old_caches(page: Any, two_builds: Any,
                                                                 tmp_path: Path) -> None:
    first, second, port = two_builds
    assert _toolkit(first) != _toolkit(second), "the package changed: a new toolkit"
    served = tmp_path / "served"
    shutil.copytree(first, served)
    with SiteServer(served, port) as server:
        url = server.url
        visit_a_tool(page, url)
        page.goto(urljoin(url, "about.html"))
        assert "Second-build marker" not in page.inner_text("article")
        assert list(page.evaluate(CACHE_ENTRIES, TOOLS_CACHE)) == [f"{TOOLS_CACHE}{_toolkit(first)}"]
        # Deploy the second build where the first was.
        shutil.rmtree(served)
        shutil.copytree(second, served)
        page.reload()
        assert "Second-build marker" in page.inner_text("article"), "the new page, not the kept one"
        page.goto(urljoin(url, CLASSIFIER))
        ready = wait_ready(page, url)
        assert ready["state"] == "ready" and ready["boot"]["source"] == "fresh", ready
        assert_same_as_cpython(page, url)
        # The new service worker takes over and keeps only the new build's files.
        wait_kept(page, url)
        page.wait_for_function(f"""() => caches.keys().then((names) => {{
            const tools = names.filter((name) => name.startsWith({TOOLS_CACHE!r}));
            return tools.length === 1 && tools[0] === {TOOLS_CACHE + _toolkit(second)!r};
        }})""", timeout=30_000)
        page.reload()
        assert wait_ready(page, url)["boot"]["source"] == "snapshot"
        assert status(page, url)["state"] == "ready"
