"""The tools' boot in the browser: a first visit makes a memory snapshot, a return visit boots from
it, and every way a snapshot can be unusable falls back to a normal boot that answers the same.

Each answer is compared with CPython's for every example and a malformed payload."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urljoin

import pytest
from alliance.contract import WORDS

from tests.browser.runtime_helpers import (
    CACHE_ENTRIES,
    SEARCH_CACHES,
    TOOLS_CACHE,
    assert_same_as_cpython,
    wait_kept,
    wait_ready,
)
from tests.browser.test_widgets import submit_plan
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer

pytestmark = pytest.mark.browser

CLASSIFIER = "tools/classifier.html"
NOT_KEPT = WORDS["NOT_KEPT"]
STATUS_TEXT = "[data-widget=classifier] [data-role=status-text]"

# Changes the stored snapshot in place, as storage damage or another build would.
TAMPER = """
async ([root, mode, prefix]) => {
  const snapshots = await import(new URL("assets/js/snapshot.mjs", root).href);
  const name = (await caches.keys()).find((key) => key.startsWith(prefix));
  const cache = await caches.open(name);
  const url = new URL("assets/pyodide/snapshot.bin", root).href;
  let bytes = new Uint8Array(await (await cache.match(url)).arrayBuffer()).slice();
  if (mode === "missing") return cache.delete(url);
  if (mode === "truncated") bytes = bytes.slice(0, bytes.length - 65536);
  if (mode === "corrupt") bytes[bytes.length >> 1] ^= 0xff;
  if (mode === "other version") bytes[48] ^= 0x01;  // the toolkit id in the envelope
  if (mode === "refused (Pyodide)") {
    // Another build of Pyodide's runtime: its own build id (payload bytes 16-47) changes, and the
    // envelope is made again around it, so only Pyodide's own check can refuse it.
    const id = new TextDecoder().decode(bytes.subarray(48, 64)).replace(/\\0+$/, "");
    const payload = bytes.subarray(snapshots.HEADER_BYTES).slice();
    payload[16] ^= 0x01;
    const head = await snapshots.header(payload, id);
    bytes = new Uint8Array(head.length + payload.length);
    bytes.set(head);
    bytes.set(payload, head.length);
  }
  await cache.put(url, new Response(bytes));
  return bytes.length;
}
"""
# Inspects the stored snapshot in the page (31 MB is too much to hand to the test): its size, the
# offsets of aligned 32-bit integers or 64-bit floats between `low` and `high` (seconds since 1970),
# and which of `texts` it holds.
INSPECT_SNAPSHOT = """
async ([root, prefix, low, high, texts]) => {
  const name = (await caches.keys()).find((key) => key.startsWith(prefix));
  const cache = await caches.open(name);
  const response = await cache.match(new URL("assets/pyodide/snapshot.bin", root).href);
  const buffer = await response.arrayBuffer();
  const view = new DataView(buffer);
  const times = [];
  for (let offset = 0; offset + 8 <= buffer.byteLength; offset += 4) {
    const asInt = view.getUint32(offset, true);
    const asFloat = view.getFloat64(offset, true);
    if ((asInt >= low && asInt <= high) || (asFloat >= low && asFloat <= high)) times.push(offset);
  }
  const bytes = new Uint8Array(buffer);
  const holds = texts.filter((text) => {
    const pattern = new TextEncoder().encode(text);
    outer: for (let i = 0; i <= bytes.length - pattern.length; i++) {
      if (bytes[i] !== pattern[0]) continue;
      for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return true;
    }
    return false;
  });
  return { size: buffer.byteLength, times, holds };
}
"""


def first_visit(page: Any, url: str) -> dict[str, Any]:
    page.goto(urljoin(url, CLASSIFIER))
    ready = wait_ready(page, url)
    assert ready["state"] == "ready", ready
    kept = wait_kept(page, url)
    assert kept["offline"] == {"snapshot": True, "files": True}, kept
    return ready


def test_a_first_visit_boots_normally_and_keeps_a_snapshot_the_next_visit_boots_from(
        page: Any, site_url: str) -> None:
    ready = first_visit(page, site_url)
    assert ready["boot"] == {"source": "fresh", "fallback": "missing"}
    entries = page.evaluate(CACHE_ENTRIES, TOOLS_CACHE)
    assert len(entries) == 1, entries
    urls = next(iter(entries.values()))
    assert urljoin(site_url, "assets/pyodide/snapshot.bin") in urls
    assert {url.rsplit("/", 1)[-1] for url in urls} >= {
        "pyodide.asm.wasm", "python_stdlib_min.zip", "pyodide.mjs", "pyodide.asm.mjs", "snapshot.bin"}
    assert_same_as_cpython(page, site_url)
    page.reload()
    again = wait_ready(page, site_url)
    assert again["boot"] == {"source": "snapshot", "fallback": None}
    assert_same_as_cpython(page, site_url)
    second = page.context.new_page()
    second.goto(urljoin(site_url, CLASSIFIER))
    assert wait_ready(second, site_url)["boot"]["source"] == "snapshot", "a new page of the same browser too"


@pytest.mark.parametrize("mode", ["missing", "truncated", "corrupt", "other version", "refused (Pyodide)"])
def test_an_unusable_snapshot_falls_back_to_a_normal_boot_with_the_same_answers(
        page: Any, site_url: str, mode: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    first_visit(page, site_url)
    page.evaluate(TAMPER, [site_url, mode, TOOLS_CACHE])
    page.reload()
    ready = wait_ready(page, site_url)
    assert ready["state"] == "ready", ready
    assert ready["boot"]["source"] == "fresh"
    assert ready["boot"]["fallback"].startswith(mode.split(" (")[0]), ready["boot"]
    assert page.locator("[data-widget=classifier] [data-role=status][data-state=error]").count() == 0
    assert_same_as_cpython(page, site_url)
    # The bad snapshot is replaced by a good one: the visit after boots from it.
    wait_kept(page, site_url)
    page.reload()
    assert wait_ready(page, site_url)["boot"] == {"source": "snapshot", "fallback": None}
    assert errors == []


def test_a_browser_that_refuses_to_store_the_snapshot_still_runs_the_tools(browser: Any,
                                                                           built_site: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        with SiteServer(built_site) as server:
            cdp = context.new_cdp_session(page)
            # Less room than the snapshot takes (~31 MB), enough for the tools' files (~14 MB).
            cdp.send("Storage.overrideQuotaForOrigin",
                     {"origin": server.url.rstrip("/"), "quotaSize": 22_000_000})
            page.goto(urljoin(server.url, CLASSIFIER))
            assert wait_ready(page, server.url)["boot"]["source"] == "fresh"
            kept = wait_kept(page, server.url)
            assert kept["offline"]["snapshot"] is False, kept
            assert_same_as_cpython(page, server.url)
            page.reload()
            again = wait_ready(page, server.url)
            assert again["state"] == "ready" and again["boot"] == {"source": "fresh", "fallback": "missing"}
            assert_same_as_cpython(page, server.url)
    finally:
        context.close()


def test_without_storage_the_tools_boot_normally(browser: Any, built_site: Any) -> None:
    """An address that is not a secure context has no Cache Storage and no service worker: the tools
    boot normally, and the page says that this browser will not keep them."""
    with SiteServer(built_site) as server:
        port = server.url.rsplit(":", 1)[1].strip("/")
        insecure = browser.browser_type.launch(
            executable_path=CHROMIUM, headless=True,
            args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP alliance.test 127.0.0.1"])
        try:
            page = insecure.new_context(bypass_csp=True).new_page()
            url = f"http://alliance.test:{port}/"
            page.goto(urljoin(url, CLASSIFIER))
            assert page.evaluate("window.isSecureContext === false && typeof caches === 'undefined'")
            ready = wait_ready(page, url)
            assert ready["state"] == "ready", ready
            assert ready["boot"] == {"source": "fresh", "fallback": "no storage"}
            assert ready["keeps"] is False, "nothing is kept, and the page says so"
            assert page.inner_text(STATUS_TEXT) == f"{WORDS['READY']} {NOT_KEPT}"
            assert_same_as_cpython(page, url)
        finally:
            insecure.close()


def test_a_snapshot_holds_no_time_stamp_and_nothing_typed(page: Any, site_url: str) -> None:
    marker = "Zq-typed-by-the-clinician-7731"
    started = time.time()
    page.goto(urljoin(site_url, "tools/plan-builder.html"))
    wait_ready(page, site_url)
    # Typed in the form, answered by Python, shown on the page: in no snapshot and no cache.
    submit_plan(page, "seeking-support", 2, other=marker)
    assert marker in page.inner_text("[data-widget=plan] [data-role=result]")
    wait_kept(page, site_url)
    texts = ["Zq-typed", time.strftime("%Y-%m-%d"), site_url.rstrip("/")]
    found = page.evaluate(INSPECT_SNAPSHOT, [site_url, TOOLS_CACHE, started - 600, time.time() + 60, texts])
    assert found["size"] > 10_000_000
    assert found["holds"] == []
    assert page.evaluate(SEARCH_CACHES, marker) == []
    # Made with the clock at 0: no time of this visit (file times, cached stat results). A time stamp
    # would sit at the same place in every snapshot; a value that only looks like one (Python's
    # hashes, seeded afresh at every boot) does not. So a second snapshot, made by a new boot, is
    # compared with the first: no offset may hold a time of these visits in both.
    page.evaluate("async () => { for (const key of await caches.keys()) await caches.delete(key); }")
    page.reload()
    wait_ready(page, site_url)
    wait_kept(page, site_url)
    again = page.evaluate(INSPECT_SNAPSHOT, [site_url, TOOLS_CACHE, started - 600, time.time() + 60, texts])
    assert again["holds"] == []
    assert sorted(set(found["times"]) & set(again["times"])) == []



def test_a_browser_that_drops_the_kept_tools_is_told_once_that_it_will_not_keep_them(
        page: Any, site_url: str) -> None:
    """What WebKit's automation session (and private windows) do between loads: the tools' cache
    is emptied, the rest of the site's storage is not (simulated here by clearing Cache Storage
    alone, as tests/engines/test_smoke.py sees WebKit do)."""
    first_visit(page, site_url)
    assert page.inner_text(STATUS_TEXT) == WORDS["READY"]
    page.reload()
    kept = wait_ready(page, site_url)
    assert kept["keeps"] is True and kept["boot"]["source"] == "snapshot"
    assert NOT_KEPT not in page.inner_text(STATUS_TEXT), "storage that persists: nothing to say"
    cdp = page.context.new_cdp_session(page)
    for said in (True, False):
        wait_kept(page, site_url)
        cdp.send("Storage.clearDataForOrigin",
                 {"origin": site_url.rstrip("/"), "storageTypes": "cache_storage"})
        page.reload()
        dropped = wait_ready(page, site_url)
        assert dropped["keeps"] is False and dropped["boot"]["fallback"] == "missing", dropped
        assert (NOT_KEPT in page.inner_text(STATUS_TEXT)) is said, "said once in a tab, not at every load"
        assert_same_as_cpython(page, site_url)


READY_THEN_CLOSE = """
async (root) => {
  const python = await import(new URL("assets/js/python.mjs", root).href);
  return new Promise((resolve) => {
    const unsubscribe = python.subscribe((status) => {
      if (status.state === "ready") { setTimeout(() => unsubscribe(), 0); resolve(status); }
    });
  });
}
"""


def test_a_reader_who_leaves_at_ready_keeps_the_files_and_the_next_visit_downloads_nothing(
        browser: Any, built_site: Any) -> None:
    """The files are written while Python boots and "ready" waits for them; only the snapshot is
    written after, and the next visit, which boots from the kept files, makes it."""
    context = browser.new_context()
    try:
        with SiteServer(built_site) as server:
            page = context.new_page()
            page.goto(urljoin(server.url, CLASSIFIER))
            ready = page.evaluate(READY_THEN_CLOSE, server.url)
            page.close()  # the reader leaves the moment the tool is ready
            assert ready["boot"]["source"] == "fresh", ready
            server.httpd.counter.take()
            again = context.new_page()
            again.goto(urljoin(server.url, CLASSIFIER))
            back = wait_ready(again, server.url)
            assert back["state"] == "ready" and back["keeps"] is True, back
            fetched = [path for path in server.httpd.counter.take() if path.startswith("/assets/pyodide/")
                       and not path.endswith(("toolkit.json", ".mjs"))]
            assert fetched == [], "the files kept at the first visit are not downloaded again"
            assert_same_as_cpython(again, server.url)
            assert wait_kept(again, server.url)["offline"] == {"snapshot": True, "files": True}
            again.reload()
            assert wait_ready(again, server.url)["boot"] == {"source": "snapshot", "fallback": None}
    finally:
        context.close()
