"""Widget figures in headless Chromium: time to ready against a bare-Pyodide floor,
click-to-result latency, and bytes transferred.

Every time is taken inside the page with ``performance.now()``, which counts
from the navigation's start, so Playwright's own overhead is not in the figures.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import site_server
from bench.errors import NotAvailable
from bench.report import Row, Target, unavailable
from bench.stats import describe_interval, median, percentile, ratio, ratio_interval

SECTION = "widgets"
FLOOR_SOURCE = Path(__file__).resolve().parent / "floor"
FLOOR_DIR = "bench-floor"
CLASSIFIER_PAGE = "tools/classifier.html"
CONTENT_PAGE = "evidence/index.html"
PYODIDE_PATH = "/assets/pyodide/"
READY_TIMEOUT_MS = 90_000
CLICK_TIMEOUT_MS = 10_000

READY_OVER_FLOOR = Target("<=", 1.10, "x")
CLICK_P95 = Target("<=", 50, " ms")
CONTENT_PYODIDE_BYTES = Target("<=", 0, " B")

# Both pages are judged the same way: a MutationObserver, installed before any
# page script runs, stamps performance.now() the moment the ready signal
# appears in the DOM.
FLOOR_READY = '#bench-floor[data-state="ready"]'
# The widgets' status area (macros/forms.py, docs/assets/js/ui-common.mjs) takes
# the worker's state, "ready" once alliance.api is imported.
WIDGET_READY = '[data-widget="classifier"] [data-role="status"][data-state="ready"]'
FAILED = '#bench-floor[data-state="error"], [data-widget] [data-role="status"][data-state="error"]'

_READY_PROBE = """
(() => {
  const ready = %(ready)s, failed = %(failed)s;
  window.__benchReady = null;
  window.__benchFailed = null;
  // When the page creates its first worker: what the page does before Pyodide can start.
  window.__benchWorkerStart = null;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      if (window.__benchWorkerStart === null) window.__benchWorkerStart = performance.now();
      super(...args);
    }
  };
  const check = () => {
    if (window.__benchReady === null && document.querySelector(ready)) {
      window.__benchReady = performance.now();
    }
    const broken = document.querySelector(failed);
    if (broken && window.__benchFailed === null) {
      window.__benchFailed = (broken.textContent || "").trim().slice(0, 300) || "error state";
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""

_WAIT_READY = "() => window.__benchReady !== null || window.__benchFailed !== null"


@dataclass(frozen=True)
class Page:
    """A page to load and the selector of its ready signal."""

    name: str
    path: str
    ready: str

    def probe(self) -> str:
        return _READY_PROBE % {"ready": json.dumps(self.ready), "failed": json.dumps(FAILED)}


FLOOR = Page("bare Pyodide floor", f"{FLOOR_DIR}/index.html", FLOOR_READY)
CLASSIFIER = Page("classifier page", CLASSIFIER_PAGE, WIDGET_READY)


def install_floor(site: Path) -> None:
    """Copy the floor page and its worker into the built site (beside ``assets/``)."""
    lock = site / PYODIDE_PATH.strip("/") / "pyodide-lock.json"
    if not lock.is_file():
        raise NotAvailable(f"{lock} is missing: the build did not install Pyodide (macros/assets.py)")
    shutil.copytree(FLOOR_SOURCE, site / FLOOR_DIR, dirs_exist_ok=True)


def _wait_ready(page: Any, which: Page) -> float:
    """The page's ready time in ms from navigation start; ``NotAvailable`` if it never comes."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_WAIT_READY, timeout=READY_TIMEOUT_MS, polling=50)
    except PlaywrightTimeout:
        raise NotAvailable(
            f"{which.name} ({which.path}) showed no ready signal ({which.ready}) "
            f"within {READY_TIMEOUT_MS / 1000:.0f} s"
        ) from None
    failed = page.evaluate("window.__benchFailed")
    if failed is not None:
        raise NotAvailable(f"{which.name} ({which.path}) reported an error: {failed}")
    return float(page.evaluate("window.__benchReady"))


@contextmanager
def _fresh_page(browser: Any, which: Page, count_bytes: bool = False) -> Iterator[Any]:
    """A page in a new browser context (empty cache) with the ready probe installed.

    With ``count_bytes``, ``page.finished_requests`` collects every request that
    completes, workers' included. Timed loads go without: each request would send
    an event to this process while the page loads, and a page that makes more
    requests would be slowed by its own measurement.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        page.finished_requests = []
        if count_bytes:
            context.on("requestfinished", lambda request: page.finished_requests.append(request))
        page.add_init_script(which.probe())
        yield page
    finally:
        context.close()


@dataclass
class ReadyTimes:
    """Cold (new context) and warm (reload) times to ready, ms, per page name."""

    cold: dict[str, list[float]] = field(default_factory=dict)
    warm: dict[str, list[float]] = field(default_factory=dict)
    worker_start_cold: dict[str, list[float]] = field(default_factory=dict)


def time_to_ready(browser: Any, base_url: str, pages: list[Page], runs: int,
                  warm_up: list[Page]) -> ReadyTimes:
    """``runs`` cold loads and reloads of each page, alternating which page goes first.

    One untimed load of each ``warm_up`` page first warms the server and the disk cache.
    """
    times = ReadyTimes()
    for which in warm_up:
        with _fresh_page(browser, which) as page:
            page.goto(base_url + which.path)
            _wait_ready(page, which)
    for run in range(runs):
        order = pages if run % 2 == 0 else list(reversed(pages))
        for which in order:
            with _fresh_page(browser, which) as page:
                page.goto(base_url + which.path)
                times.cold.setdefault(which.name, []).append(_wait_ready(page, which))
                started = page.evaluate("window.__benchWorkerStart")
                if started is not None:
                    times.worker_start_cold.setdefault(which.name, []).append(float(started))
                page.reload()
                times.warm.setdefault(which.name, []).append(_wait_ready(page, which))
    return times


@dataclass(frozen=True)
class Transfer:
    """Bytes of response bodies for one cold page load, and how many of them were Pyodide's."""

    requests: int
    total_bytes: int
    pyodide_requests: int
    pyodide_bytes: int


def body_bytes(sizes: dict[str, int], content_length: str | None) -> int:
    """A response body's size: Chromium's count, else the Content-Length header, else 0."""
    counted = sizes.get("responseBodySize", 0)
    if counted > 0:
        return counted
    if content_length and content_length.isdigit():
        return int(content_length)
    return 0


def transfer_of(requests: list[Any]) -> Transfer:
    """Sum the body bytes of finished requests, and those under ``PYODIDE_PATH``."""
    total = pyodide = pyodide_requests = 0
    for request in requests:
        response = request.response()
        size = body_bytes(request.sizes(), response.header_value("content-length") if response else None)
        total += size
        if PYODIDE_PATH in request.url:
            pyodide += size
            pyodide_requests += 1
    return Transfer(len(requests), total, pyodide_requests, pyodide)


def content_transfer(browser: Any, base_url: str, settle_ms: int = 2000) -> Transfer:
    """Bytes of a cold load of a content page, waiting long enough for a stray worker to start."""
    with _fresh_page(browser, Page("content page", CONTENT_PAGE, WIDGET_READY), count_bytes=True) as page:
        page.goto(base_url + CONTENT_PAGE, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(settle_ms)
        return transfer_of(page.finished_requests)


# Runs inside the classifier page once it is ready. Answers every question with
# its first option and submits once (untimed); then, n times: move one question
# to its next option, click submit, and stamp (a) the moment the result is in
# the DOM -- the widget bumps data-renders at the end of each render, seen by a
# MutationObserver -- and (b) the first task after the next frame (painted).
# The next click waits for two frames, so layout and paint stay out of it.
_CLICK_LOOP = """
async ({n, timeoutMs}) => {
  const widget = document.querySelector('[data-widget="classifier"]');
  const form = widget && widget.querySelector('form');
  const result = widget && widget.querySelector('[data-role="result"]');
  const submit = form && form.querySelector('[type="submit"]');
  if (!form || !result || !submit) {
    throw new Error("classifier form, submit button or result region not found");
  }
  const questions = [...form.querySelectorAll('fieldset[data-field]')]
    .filter((q) => q.querySelectorAll('input[type="radio"]').length > 1);
  if (!questions.length) throw new Error("classifier form has no radio questions");
  const choose = (input) => {
    input.checked = true;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
  };
  const errorsShown = () => {
    const summary = widget.querySelector('[data-role="error-summary"]');
    return summary && !summary.hidden ? (summary.textContent || "").trim().slice(0, 200) : "";
  };
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const rendered = () => new Promise((resolve, reject) => {
    const before = widget.dataset.renders;
    const limit = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no new result within ${timeoutMs} ms of clicking submit` +
                       (errorsShown() ? ` (the form shows: ${errorsShown()})` : "")));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (widget.dataset.renders === before) return;
      const now = performance.now();
      observer.disconnect();
      clearTimeout(limit);
      resolve(now);
    });
    observer.observe(widget, {attributes: true, attributeFilter: ["data-renders"]});
  });
  const clickAndTime = async () => {
    await frames();
    const done = rendered();
    const start = performance.now();
    submit.click();
    const dom = await done;
    const painted = await afterPaint();
    if (result.hidden) throw new Error("the result region stayed hidden after a result was rendered");
    return [dom - start, painted - start];
  };
  for (const question of questions) choose(question.querySelector('input[type="radio"]'));
  await clickAndTime();
  const latencies = [];
  for (let i = 0; i < n; i++) {
    const question = questions[i % questions.length];
    const radios = [...question.querySelectorAll('input[type="radio"]')];
    choose(radios[(radios.findIndex((r) => r.checked) + 1) % radios.length]);
    latencies.push(await clickAndTime());
  }
  return latencies;
}
"""


@dataclass(frozen=True)
class Latencies:
    """Click to result in the DOM, and to the frame that shows it, ms, one pair per classification."""

    dom: list[float]
    painted: list[float]


def click_latencies(page: Any, clicks: int) -> Latencies:
    """``clicks`` click-to-result latencies on an open classifier page that is ready."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        pairs = page.evaluate(_CLICK_LOOP, {"n": clicks, "timeoutMs": CLICK_TIMEOUT_MS})
    except PlaywrightError as error:
        message = str(error).splitlines()[0]
        raise NotAvailable(f"click-to-result on {CLASSIFIER.path}: {message}") from None
    return Latencies([float(dom) for dom, _ in pairs], [float(painted) for _, painted in pairs])


@dataclass(frozen=True)
class FirstVisit:
    """The classifier page's first (cold, untimed) load: its bytes, then the click latencies."""

    transfer: Transfer
    latencies: Latencies | None
    click_problem: str = ""


def first_visit(browser: Any, base_url: str, clicks: int) -> FirstVisit:
    """Load the classifier page cold, count its bytes once ready, then time ``clicks`` classifications.

    This load also warms the server and the disk cache for the timed loads after it.
    """
    with _fresh_page(browser, CLASSIFIER, count_bytes=True) as page:
        page.goto(base_url + CLASSIFIER.path)
        _wait_ready(page, CLASSIFIER)
        page.wait_for_load_state("networkidle")
        bytes_moved = transfer_of(page.finished_requests)
        try:
            return FirstVisit(bytes_moved, click_latencies(page, clicks))
        except NotAvailable as missing:
            return FirstVisit(bytes_moved, None, str(missing))


def ready_rows(times: ReadyTimes, runs: int) -> list[Row]:
    rows = []
    for label, samples in (("cold", times.cold), ("warm", times.warm)):
        widget_ms = median(samples[CLASSIFIER.name])
        floor_ms = median(samples[FLOOR.name])
        paired = median([ratio(w, f) for w, f in zip(samples[CLASSIFIER.name], samples[FLOOR.name],
                                                       strict=True)])
        rows += [
            Row(SECTION, f"classifier ready, {label} (median of {runs})", widget_ms, " ms"),
            Row(SECTION, f"bare-Pyodide floor ready, {label} (median of {runs})", floor_ms, " ms"),
            Row(SECTION, f"ready / floor, {label}", ratio(widget_ms, floor_ms), "x", READY_OVER_FLOOR,
                describe_interval(ratio_interval(samples[CLASSIFIER.name], samples[FLOOR.name]))),
            Row(SECTION, f"ready / floor, {label}: median of the {runs} back-to-back pairs",
                paired, "x"),
        ]
    for which in (CLASSIFIER, FLOOR):
        started = times.worker_start_cold.get(which.name)
        if started:
            rows.append(Row(SECTION, f"{which.name}: worker created, cold (median)", median(started), " ms"))
    return rows


def click_rows(latencies: Latencies) -> list[Row]:
    n = len(latencies.dom)
    return [
        Row(SECTION, f"click to result p50 ({n} classifications)", percentile(latencies.dom, 50), " ms"),
        Row(SECTION, f"click to result p95 ({n} classifications)", percentile(latencies.dom, 95), " ms",
            CLICK_P95),
        Row(SECTION, "click to result painted (next frame) p50", percentile(latencies.painted, 50), " ms"),
        Row(SECTION, "click to result painted (next frame) p95", percentile(latencies.painted, 95), " ms"),
    ]


def content_rows(content: Transfer) -> list[Row]:
    return [
        Row(SECTION, f"content page {CONTENT_PAGE}: bytes transferred ({content.requests} requests)",
            content.total_bytes, " B"),
        Row(SECTION, f"content page {CONTENT_PAGE}: Pyodide bytes ({content.pyodide_requests} requests)",
            content.pyodide_bytes, " B", CONTENT_PYODIDE_BYTES),
    ]


def widget_page_rows(widget: Transfer) -> list[Row]:
    return [
        Row(SECTION, f"classifier page: bytes transferred ({widget.requests} requests)",
            widget.total_bytes, " B"),
        Row(SECTION, f"classifier page: of which Pyodide + wheel ({widget.pyodide_requests} requests)",
            widget.pyodide_bytes, " B"),
    ]


def _launch(playwright: Any) -> Any:
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        raise NotAvailable(f"{CHROMIUM} is missing: run `make bench` (it installs Debian's chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


Measured = tuple[list[Row], list[str]]


Expected = list[tuple[str, Target | None]]


def _missing_rows(reason: str, expected: Expected) -> list[Row]:
    """One N/A row per figure that could not be measured, all giving ``reason``."""
    return [unavailable(SECTION, metric, reason, target) for metric, target in expected]


def _attempt(measure: Callable[[], Measured], expected: Expected) -> Measured:
    """Run one measurement; if a piece of the guide is missing, N/A rows for what it would have given."""
    try:
        return measure()
    except NotAvailable as error:
        return _missing_rows(str(error), expected), []


def free_port() -> int:
    """A port nothing listens on now, to build the site for before serving it there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def widget_rows(site: Path, port: int, runs: int, clicks: int) -> Measured:
    """All widget rows for the site built in ``site`` for ``port`` (the floor is copied into it).

    Returns the rows and the raw samples.
    """
    from playwright.sync_api import sync_playwright

    ready_missing: Expected = [
        ("ready / floor, cold", READY_OVER_FLOOR), ("ready / floor, warm", READY_OVER_FLOOR)]
    click_missing: Expected = [("click to result p95", CLICK_P95)]
    with site_server.served(site, port) as url, sync_playwright() as playwright:
        browser = _launch(playwright)
        rows: list[Row] = []
        samples: list[str] = []
        try:
            try:
                install_floor(site)
                visit = first_visit(browser, url, clicks)
            except NotAvailable as missing:
                rows += _missing_rows(str(missing), [*ready_missing, *click_missing,
                                                     ("classifier page: bytes transferred", None)])
            else:
                rows += widget_page_rows(visit.transfer)
                if visit.latencies is None:
                    rows += _missing_rows(visit.click_problem, click_missing)
                else:
                    rows += click_rows(visit.latencies)
                    samples += [f"click to result in the DOM: {_ms(visit.latencies.dom)}",
                                f"click to result painted: {_ms(visit.latencies.painted)}"]

                def ready() -> Measured:
                    times = time_to_ready(browser, url, [CLASSIFIER, FLOOR], runs, warm_up=[FLOOR])
                    return ready_rows(times, runs), [
                        f"{name}, {label}: {_ms(values)}"
                        for label, table in (("ready, cold", times.cold), ("ready, warm", times.warm),
                                             ("worker created, cold", times.worker_start_cold))
                        for name, values in table.items()]

                part_rows, part_samples = _attempt(ready, ready_missing)
                rows += part_rows
                samples += part_samples
            rows += _attempt(lambda: (content_rows(content_transfer(browser, url)), []),
                             [(f"content page {CONTENT_PAGE}: Pyodide bytes", CONTENT_PYODIDE_BYTES)])[0]
        finally:
            browser.close()
    return rows, samples


def _ms(values: list[float]) -> str:
    return ", ".join(f"{value:.0f}" for value in values) + " ms"
