"""Offline on return, a new build taking over (deploys never mix, even in a tab left open), the
footer's offer, and other origins and other applications on the same host left alone."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest

from tests.browser.runtime_helpers import (
    CACHE_ENTRIES,
    TOOLS_CACHE,
    answers_of,
    assert_same_as_cpython,
    call,
    examples,
    status,
    wait_kept,
    wait_ready,
    wait_service_worker,
    wait_status,
)
from tests.browser.test_widgets import (
    CLASSIFIER_RESULT,
    SEARCH_HIT,
    answers_for,
    click_nav,
    fill_classifier,
    search_for,
    stage_shown,
)
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


# Every cache of the origin: its total size in bytes.
CACHED_BYTES = """
async () => {
  let total = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      total += (await (await cache.match(request)).arrayBuffer()).byteLength;
    }
  }
  return total;
}
"""


def _figure(text: str, words: str) -> float:
    """The MB figure before ``words`` in a sentence of the footer's ("about 46 MB of this browser's")."""
    match = re.search(r"([0-9.]+) MB" + re.escape(words), text)
    assert match, (words, text)
    return float(match.group(1)) * 1e6


def _sent_since(site_url: str) -> dict[str, list[int]]:
    """What the site's host sent per path since the last call ([requests, bytes, bytes uncompressed])."""
    with urlopen(urljoin(site_url, "__static_host/bytes"), timeout=10) as response:
        return dict(json.loads(response.read()))


def test_the_footer_keeps_the_tools_offline_when_asked(page: Any, site_url: str) -> None:
    page.goto(urljoin(site_url, "evidence/index.html"))
    offer = page.locator("[data-alliance-offline]")
    offer.wait_for(state="visible")
    assert [url for url in page.requested_urls if "/assets/pyodide/" in url] == []
    stated = " ".join(page.inner_text("[data-role=offline-status]").split())
    _sent_since(site_url)
    page.click("[data-role=keep-offline]")
    page.locator("[data-role=offline-status]", has_text="Done").wait_for(timeout=90_000)
    assert any(url.endswith(".wasm.gz") for url in page.requested_urls), "asked: the tools are downloaded"
    # What it said is what it did: the download (the tools, and the guide's pages as this host sends
    # them, compressed: at most the figure given) and the storage it takes.
    sent = _sent_since(site_url)
    tools = sum(entry[1] for path, entry in sent.items() if "/assets/pyodide/" in path)
    everything = sum(entry[1] for entry in sent.values())
    assert abs(tools - _figure(stated, ")")) <= 0.1 * _figure(stated, ")"), (tools, stated)
    assert everything <= _figure(stated, ")") + _figure(stated, " more"), (everything, stated)
    stored = page.evaluate(CACHED_BYTES)
    print(f"keep offline: {stated!r}; sent {everything} bytes ({tools} for the tools), stored {stored}")
    assert abs(stored - _figure(stated, " of this browser's storage")) <= 0.05 * stored, (stored, stated)
    assert abs(stored - _figure(stated, " of this browser's storage")) <= 1e6
    page.context.set_offline(True)
    page.goto(urljoin(site_url, CLASSIFIER))
    assert wait_ready(page, site_url)["boot"]["source"] == "snapshot"
    assert_same_as_cpython(page, site_url)
    page.goto(urljoin(site_url, "about.html"))
    offer.wait_for(state="visible")
    kept = page.inner_text("[data-role=offline-status]")
    storage = _figure(stated, " of this browser")
    assert "kept in this browser" in kept and f"{storage / 1e6:.0f} MB" in kept, kept
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


# The second build's changed rule: agreement "partly" on goals and tasks now counts towards a strong
# alliance, as well as full agreement.
RULE = 'CriterionRule("strong-alliance", AnswerIn("trust", "strong"), AnswerIn("agreement", "agreed"))'
CHANGED_RULE = RULE.replace('"agreed")', '"agreed", "partly")')


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, int, Path]]:
    """The guide built twice for one address; the second with a changed page and a changed rule
    (its package, whose answers differ, is the fourth item)."""
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
    rules = project / "widgets" / "alliance" / "rules" / "classifier.py"
    text = rules.read_text(encoding="utf-8")
    assert text.count(RULE) == 1, f"the rule this test changes is no longer in {rules.name}: update RULE"
    rules.write_text(text.replace(RULE, CHANGED_RULE), encoding="utf-8")
    second = base / "second"
    result = build_site(project / "mkdocs.yml", second, site_url=url)
    assert result.returncode == 0, result.stderr[-3000:]
    yield first, second, port, project / "widgets"


def _toolkit(site: Path) -> str:
    return str(json.loads((site / "assets" / "pyodide" / "toolkit.json").read_text(encoding="utf-8"))["id"])


def _questions() -> list[tuple[str, object]]:
    """Every example, and each classifier example with partial agreement (where the rules differ)."""
    found = examples()
    return [*found, *(("classify", {**payload, "agreement": "partly"}) for kind, payload in found  # type: ignore[dict-item]
                      if kind == "classify" and isinstance(payload, dict) and "agreement" in payload)]


def assert_answers_of(page: Any, root: str, package: Path) -> None:
    """Every question answered in the page as the package under ``package`` answers it."""
    questions = _questions()
    for (kind, payload), wanted in zip(questions, answers_of(package, questions), strict=True):
        assert call(page, root, kind, payload) == wanted, (kind, payload)


def test_a_new_build_is_served_at_once_and_drops_the_old_caches(page: Any, two_builds: Any,
                                                                 tmp_path: Path) -> None:
    first, second, port, package = two_builds
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
        # The service worker still holds the first build's toolkit.json, but hands a worker the new one:
        # a tab whose page Material swapped for the new build's restarts its worker on it.
        read_id = "(u) => fetch(u, {cache: 'no-cache'}).then((r) => r.json()).then((t) => t.id)"
        fetched = page.evaluate(read_id, urljoin(url, "assets/pyodide/toolkit.json"))
        assert fetched == _toolkit(second)
        page.reload()
        assert "Second-build marker" in page.inner_text("article"), "the new page, not the kept one"
        page.goto(urljoin(url, CLASSIFIER))
        ready = wait_ready(page, url)
        assert ready["state"] == "ready" and ready["boot"]["source"] == "fresh", ready
        assert_answers_of(page, url, package)
        # The new service worker takes over and keeps only the new build's files.
        wait_kept(page, url)
        page.wait_for_function(f"""() => caches.keys().then((names) => {{
            const tools = names.filter((name) => name.startsWith({TOOLS_CACHE!r}));
            return tools.length === 1 && tools[0] === {TOOLS_CACHE + _toolkit(second)!r};
        }})""", timeout=30_000)
        page.reload()
        assert wait_ready(page, url)["boot"]["source"] == "snapshot"
        assert status(page, url)["state"] == "ready"


def test_a_tab_left_open_over_a_deploy_answers_with_the_new_rules(page: Any, two_builds: Any,
                                                                  tmp_path: Path) -> None:
    """Two tabs, a deploy in between: the tab opened before it follows in-site links (Material's
    instant navigation, no reload) and every answer it gives from then on is the new rules'."""
    first, second, port, package = two_builds
    questions = _questions()
    old, new = answers_of(ROOT / "widgets", questions), answers_of(package, questions)
    differ = [question for question, a, b in zip(questions, old, new, strict=True) if a != b]
    assert differ, "the changed rule must change some answer, or this test could not fail"
    answers = answers_for("empowering-collaboration")
    answers["agreement"] = "partly"  # level 2 by the first build's rules, 3 by the second's
    served = tmp_path / "served"
    shutil.copytree(first, served)
    with SiteServer(served, port) as server:
        url = server.url
        visit_a_tool(page, url)
        assert_same_as_cpython(page, url)
        fill_classifier(page, answers)
        page.click("[data-widget=classifier] button[type=submit]")
        page.wait_for_selector(CLASSIFIER_RESULT)
        assert "Seeking support" in stage_shown(page), "the first build's rules"
        toolkit_before = status(page, url)["toolkit"]
        # The deploy, and a second tab on it.
        shutil.rmtree(served)
        shutil.copytree(second, served)
        other = page.context.new_page()
        other.goto(urljoin(url, CLASSIFIER))
        assert wait_ready(other, url)["state"] == "ready"
        assert_answers_of(other, url, package)
        # The first tab follows a link: the page is the new build's, and so is every answer.
        page.click("[data-widget=classifier] [data-role=to-plan]")
        page.wait_for_url("**/tools/plan-builder.html")
        page.wait_for_selector("[data-widget=plan] [data-role=fragment-message]:not([hidden])")
        new_toolkit = _toolkit(second)
        now = wait_status(page, url, lambda s: s["state"] == "ready" and s["toolkit"] == new_toolkit, 120,
                          "a worker on the new toolkit")
        assert toolkit_before == _toolkit(first), toolkit_before
        assert now["generation"] == 2, "one new worker, on the new toolkit"
        handed = page.evaluate("""() => [...document.querySelectorAll('[data-widget=plan] input:checked')]
            .map((input) => input.id)""")
        assert handed, "the answers handed over stay on the page"
        assert_answers_of(page, url, package)
        click_nav(page, CLASSIFIER)
        assert wait_ready(page, url)["generation"] == 2
        fill_classifier(page, answers)
        page.click("[data-widget=classifier] button[type=submit]")
        page.wait_for_selector(CLASSIFIER_RESULT)
        assert "Empowering collaboration" in stage_shown(page), "the second build's rules"


def test_offline_the_service_worker_shows_the_guide_only_at_the_guides_own_addresses(
        page: Any, site_url: str) -> None:
    visit_a_tool(page, site_url)
    page.context.set_offline(True)
    page.goto(urljoin(site_url, "about.html"))
    assert "About" in page.title(), "a page of the guide, from the service worker"
    # Another application on the same host (the service worker's scope covers it): not the guide.
    failed = None
    try:
        page.goto(urljoin(site_url, "otherapp/index.html"))
    except Exception as error:  # Playwright's own Error, for a navigation that failed
        failed = str(error)
    assert failed is not None and "ERR_FAILED" in failed, "the browser's own error, not the guide's 404 page"


def test_a_deploy_seen_from_a_reading_page_stops_the_old_worker_and_downloads_nothing_there(
        browser: Any, two_builds: Any, tmp_path: Path) -> None:
    """Without a service worker (blocked, as on a host where none can run), a page swap shows the new
    deploy at once: on a page without a tool the old worker is only stopped; the next tool page
    starts one on the new toolkit."""
    first, second, port, package = two_builds
    served = tmp_path / "served"
    shutil.copytree(first, served)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        with SiteServer(served, port) as server:
            url = server.url
            page.goto(urljoin(url, CLASSIFIER))
            assert wait_ready(page, url)["toolkit"] == _toolkit(first)
            shutil.rmtree(served)
            shutil.copytree(second, served)
            seen = len(requests)
            click_nav(page, "about.html")
            assert "Second-build marker" in page.inner_text("article"), "the new deploy's page"
            stopped = wait_status(page, url, lambda s: s["state"] == "idle", 30, "the old worker stopped")
            assert stopped["toolkit"] is None and stopped["generation"] == 1, stopped
            page.wait_for_timeout(1000)
            downloaded = [u for u in requests[seen:] if "/assets/pyodide/" in u]
            assert not downloaded, "nothing downloaded on a reading page"
            click_nav(page, CLASSIFIER)
            ready = wait_status(page, url, lambda s: s["state"] == "ready", 120, "a worker on the new tools")
            assert ready["toolkit"] == _toolkit(second) and ready["generation"] == 2, ready
            assert_answers_of(page, url, package)
    finally:
        context.close()
