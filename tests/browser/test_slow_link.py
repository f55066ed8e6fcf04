"""The tools on a slow or failing link: real progress in bytes, stalls detected by bytes not
arriving, downloads resumed from where they stopped, and no error but the one shown."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from bench.static_host import Fault
from tests.browser.runtime_helpers import (
    WorkerErrors,
    assert_same_as_cpython,
    status,
    wait_ready,
    wait_status,
)
from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

CLASSIFIER = "tools/classifier.html"
RUNTIME_GZ = "/assets/pyodide/pyodide.asm.wasm.gz"
ERROR_SHOWN = "[data-widget=classifier] [data-role=status][data-state=error]"


@pytest.fixture
def server(built_site: Path) -> Iterator[SiteServer]:
    """The built site on a server of its own, whose faults a test sets, and which records Range headers."""
    with SiteServer(built_site) as served:
        served.ranges = []  # type: ignore[attr-defined]
        yield served


def _context_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return context, page


def test_at_one_megabit_with_300_ms_latency_the_classifier_becomes_ready_without_error(
        browser: Any, server: SiteServer) -> None:
    context, page = _context_page(browser)
    try:
        workers = WorkerErrors(context, page)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        link = {"offline": False, "latency": 300, "downloadThroughput": 1e6 / 8, "uploadThroughput": 1e6 / 8}
        cdp.send("Network.emulateNetworkConditions", link)
        page.goto(urljoin(server.url, CLASSIFIER), timeout=120_000)
        seen = wait_status(page, server.url,
                           lambda s: bool(s.get("bytes")) and s["bytes"]["received"] > 500_000,
                           120, "download progress")
        assert seen["state"] == "loading"
        assert seen["bytes"]["total"] > 4_000_000, "the bytes the worker downloads, counted on the wire"
        assert "MB" in seen["message"] and "%" in seen["message"], seen["message"]
        shown = page.inner_text("[data-widget=classifier] [data-role=status]")
        assert "MB" in shown and "%" in shown, shown
        ready = wait_ready(page, server.url, timeout_s=180)
        assert ready["state"] == "ready", ready
        assert page.locator(ERROR_SHOWN).count() == 0
        assert page.errors == [] and workers.found == []
        assert_same_as_cpython(page, server.url)
    finally:
        context.close()


def test_on_a_slow_first_visit_the_status_shows_a_bar_as_soon_as_the_download_starts(
        browser: Any, server: SiteServer) -> None:
    """The widget's own code is held back (as a slow link delays it behind Python's first megabytes):
    the status still shows the download's bar and words, from the worker the page started first."""
    release = threading.Event()

    def hold_the_widget_code(handler: Any, path: str, representation: Any) -> None:
        if path.endswith("/ui-widget.mjs"):
            release.wait(90)

    server.httpd.fault = hold_the_widget_code
    context, page = _context_page(browser)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        link = {"offline": False, "latency": 150, "downloadThroughput": 1e6 / 8, "uploadThroughput": 1e6 / 8}
        cdp.send("Network.emulateNetworkConditions", link)
        page.goto(urljoin(server.url, CLASSIFIER), wait_until="domcontentloaded", timeout=60_000)
        area = page.locator("[data-widget=classifier] [data-role=status]")
        bar = area.locator("[data-role=progress]")
        bar.wait_for(state="visible", timeout=30_000)
        page.wait_for_function("""() => {
            const bar = document.querySelector("[data-widget=classifier] [data-role=progress]");
            return bar && bar.value > 5;
        }""", timeout=60_000)
        assert "Downloading Python" in area.inner_text() and "MB" in area.inner_text(), area.inner_text()
        assert area.get_attribute("data-bound") is None, "painted before the widget's code ran"
        release.set()
        assert wait_ready(page, server.url, timeout_s=180)["state"] == "ready"
        assert area.get_attribute("data-bound") == "true" and bar.is_hidden()
        assert page.errors == []
    finally:
        release.set()
        context.close()


def _record_ranges(server: SiteServer, fault: Any) -> None:
    def hook(handler: Any, path: str, representation: Any) -> Fault | None:
        if path == RUNTIME_GZ:
            server.ranges.append(handler.headers.get("Range"))  # type: ignore[attr-defined]
        return fault(path, len(server.ranges)) if path == RUNTIME_GZ else None

    server.httpd.fault = hook


def _resumed(headers: list[str | None], cut: int) -> int:
    """Where the requests after a cut resumed: each a Range from a byte that had arrived (a cut
    connection may lose what was in flight; the browser's HTTP cache may add a request of its
    own to complete the entry it kept). Returns the first one's start."""
    assert headers, "the download was not resumed"
    starts = []
    for header in headers:
        assert header and header.startswith("bytes="), f"a request started the file again: {headers}"
        starts.append(int(header[len("bytes="):].split("-")[0]))
    assert all(0 < start <= cut for start in starts), (starts, cut)
    return starts[0]


def _served_bytes(server: SiteServer) -> int:
    return server.httpd.counter.take().get(RUNTIME_GZ, [0, 0, 0])[1]


def test_a_dropped_download_resumes_from_the_byte_where_it_stopped(browser: Any, server: SiteServer) -> None:
    cut = 1_000_000
    _record_ranges(server, lambda path, count: Fault(cut) if count == 1 else None)
    context, page = _context_page(browser)
    try:
        workers = WorkerErrors(context, page)
        server.httpd.counter.take()
        page.goto(urljoin(server.url, CLASSIFIER))
        assert wait_ready(page, server.url)["state"] == "ready"
        assert server.ranges[0] is None, server.ranges
        start = _resumed(server.ranges[1:], cut)
        size = (Path(server.httpd.root) / RUNTIME_GZ.lstrip("/")).stat().st_size
        # Sent twice: only what the cut connection lost in flight (from where the worker resumed
        # to the cut); nothing that had reached the worker.
        lost = cut - start
        assert _served_bytes(server) < size + lost + 5_000, "nothing that arrived was downloaded twice"
        assert page.errors == [] and workers.found == []
        assert_same_as_cpython(page, server.url)
    finally:
        context.close()


def test_a_stalled_download_is_detected_by_bytes_not_arriving_and_resumed(browser: Any,
                                                                          server: SiteServer) -> None:
    stall = 700_000
    _record_ranges(server, lambda path, count: Fault(stall, hang_s=45) if count == 1 else None)
    context, page = _context_page(browser)
    try:
        page.goto(urljoin(server.url, CLASSIFIER))
        waiting = wait_status(page, server.url, lambda s: "no data arrived" in s["message"], 60, "the stall")
        assert "trying again" in waiting["message"] and "0.7 MB" in waiting["message"], waiting["message"]
        assert waiting["state"] == "loading", "a stall the worker resumes by itself is not an error"
        ready = wait_ready(page, server.url)
        assert ready["state"] == "ready", ready
        assert server.ranges[0] is None, server.ranges
        _resumed(server.ranges[1:], stall)
        assert page.errors == []
    finally:
        context.close()


def test_retry_after_the_download_gave_up_carries_on_from_what_arrived(browser: Any,
                                                                       server: SiteServer) -> None:
    cut = 1_500_000
    down = threading.Event()
    down.set()

    def fault(path: str, count: int) -> Fault | None:
        if count == 1:
            return Fault(cut)
        return Fault(0) if down.is_set() else None  # the host is gone: nothing arrives

    _record_ranges(server, fault)
    context, page = _context_page(browser)
    try:
        workers = WorkerErrors(context, page)
        page.goto(urljoin(server.url, CLASSIFIER))
        # It tries again by itself, waiting longer each time, for about a minute; then it waits for Retry.
        page.locator(ERROR_SHOWN).wait_for(timeout=120_000)
        failed = status(page, server.url)
        assert failed["retryable"] is True and "MB already received are kept" in failed["message"], failed
        assert "Retry" in page.inner_text("[data-widget=classifier] [data-role=status]")
        down.clear()
        before = len(server.ranges)  # type: ignore[attr-defined]
        page.click("[data-widget=classifier] [data-role=retry]")
        assert wait_ready(page, server.url)["state"] == "ready"
        kept = _resumed(server.ranges[before:], cut)
        said = re.search(r"the ([0-9.]+) MB already received are kept", failed["message"])
        assert said is not None, failed["message"]
        # What the cut connection lost in flight never arrived; Retry starts where the worker's kept
        # bytes end, as the message said (to its 0.1 MB).
        assert abs(kept - float(said.group(1)) * 1e6) <= 50_000, (kept, failed["message"])
        assert page.errors == [] and workers.found == []
        assert_same_as_cpython(page, server.url)
    finally:
        context.close()


@pytest.mark.parametrize("blocked", ["**/pyodide.asm.mjs", "**/python_stdlib_min.zip", "**/*.wasm.gz",
                                     "**/pyodide.mjs", "**/*.whl"])
def test_a_blocked_file_is_tried_again_in_plain_words_and_nothing_is_uncaught(
        browser: Any, server: SiteServer, blocked: str) -> None:
    context, page = _context_page(browser)
    try:
        workers = WorkerErrors(context, page)
        page.route(blocked, lambda route: route.abort())
        page.goto(urljoin(server.url, CLASSIFIER))
        shown = page.locator("[data-widget=classifier] [data-role=status]")
        shown.filter(has_text="trying again in").wait_for(timeout=30_000)
        text = shown.inner_text()
        assert blocked.rsplit("/", 1)[-1].lstrip("*") in text, text
        assert "Failed to fetch" not in text and "TypeError" not in text, text
        assert shown.get_attribute("data-state") == "loading", "it tries again by itself"
        page.wait_for_timeout(1000)  # anything uncaught would be reported by now
        assert page.errors == []
        assert workers.found == []
    finally:
        context.close()


@pytest.mark.parametrize("missing", ["pyodide.asm.mjs", "pyodide.mjs"])
def test_a_module_missing_from_the_host_fails_at_once_in_plain_words(browser: Any, server: SiteServer,
                                                                       missing: str) -> None:
    context, page = _context_page(browser)
    try:
        workers = WorkerErrors(context, page)
        page.route(f"**/assets/pyodide/{missing}", lambda route: route.fulfill(status=404, body="gone"))
        page.goto(urljoin(server.url, CLASSIFIER))
        page.locator(ERROR_SHOWN).wait_for(timeout=30_000)
        text = page.inner_text("[data-widget=classifier] [data-role=status]")
        assert f"{missing} is missing from this site (HTTP 404)" in text, text
        assert "Failed to fetch dynamically imported module" not in text
        assert page.errors == [] and workers.found == []
    finally:
        context.close()
