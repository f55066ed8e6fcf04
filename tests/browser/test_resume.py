"""Downloads that always resume: the tools on a 1 Mbit/s line whose host resets every connection
twice, once while Pyodide's pyodide.asm.mjs is on its way (about 25 s into a first visit) and once
when it is in and the runtime is still coming (about 42 s in); behind it the bundle's own server,
which answers Range, or Python's http.server, which does not.

The tools become ready with no click, their answers are CPython's, nothing uncaught is reported,
the status says "kept" only when the host really resumed, and the bytes sent again are counted:
with Range, at most those that were in flight when the line was cut; without, each file cut is
sent again once, from its first byte, and nothing more."""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.browser.link import Exchange, Link
from tests.browser.runtime_helpers import WorkerErrors, assert_same_as_cpython, wait_ready, wait_status
from tests.conftest import bundle_server

pytestmark = pytest.mark.browser

CLASSIFIER = "tools/classifier.html"
ONE_MEGABIT = 1_000_000 / 8  # bytes per second
PYODIDE = "/assets/pyodide/"
MODULE = PYODIDE + "pyodide.asm.mjs"
RUNTIME = PYODIDE + "pyodide.asm.wasm.gz"
# The status, every time it changes, from the page's own python.mjs.
RECORD_STATUS = """
async (root) => {
  const python = await import(new URL("assets/js/python.mjs", root).href);
  window.__said = [];
  python.subscribe((status) => window.__said.push([status.state, status.message]));
}
"""


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    """``python3 -m http.server``: no Range, no ETag (types for the modules and the runtime only)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,  # noqa: RUF012
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(params=["range", "no-range"])
def line(request: pytest.FixtureRequest, built_site: Path) -> Iterator[tuple[str, Link]]:
    serve = bundle_server()
    handler = serve.Handler if request.param == "range" else PlainHandler
    server = serve.Server(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    link = Link(server.server_address[1], ONE_MEGABIT)
    try:
        yield request.param, link
    finally:
        link.close()
        server.shutdown()
        server.server_close()


def _until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout_s} s")
        time.sleep(0.05)


def _complete(link: Link, path: str, size: int) -> bool:
    return any(e.path == path and not e.cut and e.status in (200, 206) and e.start + e.body == size
               for e in list(link.exchanges))


def _tools_files(site: Path) -> dict[str, int]:
    """Every file the worker downloads or imports, with its size."""
    toolkit = json.loads((site / "assets" / "pyodide" / "toolkit.json").read_text(encoding="utf-8"))
    names = [toolkit["files"]["wasm"]["gzip"]["url"], toolkit["files"]["stdlib"]["url"],
             toolkit["files"]["wheel"]["url"], *(module["url"] for module in toolkit["modules"])]
    return {PYODIDE + name: (site / "assets" / "pyodide" / name).stat().st_size for name in names}


def _accounts(exchanges: list[Exchange], size: int) -> dict[str, Any]:
    """For one file: the bytes sent again, those in flight at the cuts, the browser cache's probes.

    - sent again: every body byte sent for the file, less its size;
    - in flight at a cut: what that response sent beyond the byte the browser asked for next
      (so it had not kept it);
    - probes: Chromium's HTTP cache, completing an entry a cut left, first asks for the one byte
      it lacks to check the file is the same (If-Range), then for the rest from that same byte.
    """
    bodies = [e for e in exchanges if e.method == "GET" and e.status in (200, 206)]
    in_flight = 0
    for index, exchange in enumerate(bodies):
        if exchange.cut:
            kept = min((e.start for e in bodies[index + 1:]), default=exchange.start)
            in_flight += exchange.start + exchange.body - kept
    probes = sum(e.body for e, after in itertools.pairwise(bodies)
                 if e.range and e.range.endswith(f"{e.start}-{e.start}") and after.start == e.start)
    return {
        "sent again": sum(e.body for e in bodies) - size,
        "in flight": in_flight,
        "probes": probes,
        "requests": [f"{e.method} {e.status} {e.range or 'whole'} +{e.body}{' CUT' if e.cut else ''}"
                     for e in exchanges],
    }


@contextlib.contextmanager
def _first_visit(browser: Any, link: Link) -> Iterator[tuple[Any, WorkerErrors, list[str]]]:
    """A new browser profile opening the classifier over the line, its status recorded from then on:
    the page, its workers' errors and its own uncaught errors (with their stacks)."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error} {error.stack}"))
    try:
        workers = WorkerErrors(context, page)
        page.goto(urljoin(link.url, CLASSIFIER), wait_until="domcontentloaded", timeout=90_000)
        page.evaluate(RECORD_STATUS, link.url)
        yield page, workers, errors
    finally:
        context.close()


def test_two_resets_at_one_megabit_and_the_tool_is_ready_with_no_click(
        browser: Any, built_site: Path, line: tuple[str, Link]) -> None:
    kind, link = line
    files = _tools_files(built_site)
    started = time.monotonic()
    with _first_visit(browser, link) as (page, workers, errors):
        # 1. While pyodide.asm.mjs is on its way.
        _until(lambda: link.sent(MODULE) >= files[MODULE] // 3, 120, "pyodide.asm.mjs on its way")
        first = link.reset()
        first_at = time.monotonic() - started
        assert any(e.path == MODULE for e in first), [e.path for e in first]
        # 2. When it is in, and the runtime is still coming.
        _until(lambda: _complete(link, MODULE, files[MODULE]) and link.sent(RUNTIME) >= files[RUNTIME] * 0.6,
               180, "pyodide.asm.mjs in and the runtime on its way")
        second = link.reset()
        second_at = time.monotonic() - started
        assert any(e.path == RUNTIME for e in second), [e.path for e in second]
        ready = wait_ready(page, link.url, timeout_s=240)
        assert ready["state"] == "ready", ready
        ready_at = time.monotonic() - started
        said = page.evaluate("window.__said")
        assert all(state != "error" for state, _ in said), "ready with no click: it never waited for Retry"
        # Material's own requests (its sitemap, for instant navigation) report a cut as uncaught; none of
        # the guide's scripts may.
        ours = [error for error in errors if "/assets/javascripts/bundle." not in error]
        assert ours == [] and workers.found == [], (ours, workers.found)
        assert not any("Failed to fetch" in message or "TypeError" in message for _, message in said)
        assert_same_as_cpython(page, link.url)

        cut = sorted({e.path for e in first + second if e.path not in files})
        report = [f"{kind}: resets at {first_at:.0f} s and {second_at:.0f} s, ready at {ready_at:.0f} s; "
                  f"also cut: {cut}; Material's uncaught errors: {len(errors)}"]
        for path, size in files.items():
            exchanges = [e for e in link.exchanges if e.path == path]
            account = _accounts(exchanges, size)
            report.append(f"  {path.rsplit('/', 1)[-1]}: {account}")
            if kind == "range":
                assert not any(e.status == 200 and e.range for e in exchanges), f"{path} restarted: {account}"
                assert account["sent again"] <= account["in flight"] + account["probes"], f"{path}: {account}"
            else:
                before = sum(e.body for e in exchanges if e.cut)
                assert account["sent again"] <= before, f"{path} was sent a third time: {account}"
        print("\n".join(report))
        messages = [message for _, message in said]
        if kind == "range":
            assert any("already received were kept" in message for message in messages), messages
        else:
            assert any("starts again from its first byte" in message for message in messages), messages
            assert not any("kept" in message for message in messages), "a host without Range keeps nothing"


@pytest.mark.parametrize("line", ["range"], indirect=True)
def test_the_download_resumes_as_soon_as_the_browser_is_back_online(
        browser: Any, built_site: Path, line: tuple[str, Link]) -> None:
    _, link = line
    files = _tools_files(built_site)
    with _first_visit(browser, link) as (page, workers, _):
        _until(lambda: link.sent(RUNTIME) >= files[RUNTIME] // 4, 120, "the runtime on its way")
        # The device loses its network: the browser says so, and the connections die with it.
        page.context.set_offline(True)
        link.reset()
        # Each try fails at once and the waits grow: 1, 2, 4, 8, then 15 s.
        waiting = wait_status(page, link.url, lambda s: "trying again in 15 s" in s["message"], 60,
                              "a long wait")
        assert "this device is offline" in waiting["message"] and waiting["state"] == "loading", waiting
        page.context.set_offline(False)
        # Back online: the wait ends at once, long before its 15 s, and the download carries on.
        back = time.monotonic()
        wait_status(page, link.url, lambda s: "15 s" not in s["message"], 10, "resuming on the online event")
        _until(lambda: any(e.path == RUNTIME and e.range and e.status == 206 for e in link.exchanges), 10,
               "a request for the rest of the runtime")
        resumed_after = time.monotonic() - back
        link.rate = 20 * ONE_MEGABIT  # the rest need not crawl: what is tested here has happened
        assert wait_ready(page, link.url, timeout_s=180)["state"] == "ready"
        said = [message for _, message in page.evaluate("window.__said")]
        assert any("already received were kept" in message for message in said), said
        assert workers.found == []
        print(f"online: resumed {resumed_after:.1f} s after the browser was back online (the wait was 15 s)")
