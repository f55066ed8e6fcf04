"""Widget figures in headless Chromium: the classifier page against a plain Pyodide page
(the floor) and PyScript (a peer), on three networks, for first and return visits;
bytes on the wire; offline; click-to-result latency.

Every time is taken inside the page with ``performance.now()``, which counts
from the navigation's start, so Playwright's own overhead is not in the figures.
The site is served by ``static_host`` (gzip, ETag/Last-Modified, 304s), from a
process of its own (``site_server``), which also counts the bytes it sends.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import site_server
from bench.errors import NotAvailable
from bench.report import Row, Target, unavailable
from bench.site_server import Reading, Transfer
from bench.stats import describe_interval, median, percentile, ratio, ratio_interval

ROOT = Path(__file__).resolve().parent.parent
SECTION = "widgets"
PEERS_SOURCE = Path(__file__).resolve().parent / "peers"
PEERS_DIR = "bench-peers"
PYSCRIPT_DIST = ROOT / "node_modules" / "@pyscript" / "core" / "dist"
CLASSIFIER_PAGE = "tools/classifier.html"
CONTENT_PAGE = "evidence/index.html"
PYODIDE_PATH = "/assets/pyodide/"
# The build's list of the tools' files. A return visit revalidates it (a 304 of ~270 B while the build
# is the same): that is how an open tab learns of a deploy (issue 22), not Pyodide downloading again.
TOOLKIT_MANIFEST = PYODIDE_PATH + "toolkit.json"
READY_TIMEOUT_MS = 120_000
SETTLE_TIMEOUT_MS = 60_000
CLICK_TIMEOUT_MS = 10_000

FIRST_OVER_PLAIN = Target("<=", 1.0, "x")
RETURN_OVER_PLAIN = Target("<=", 0.5, "x")
AHEAD_OF_PYSCRIPT = Target("<", 1.0, "x")
FIRST_BYTES_OVER_PLAIN = Target("<=", 1.10, "x")
STRETCH_FIRST_OVER_PLAIN = 0.5
RETURN_PYODIDE_BYTES = Target("<=", 0, " B")
OFFLINE_ANSWERS = Target(">=", 1, "")
CLICK_P95 = Target("<=", 50, " ms")
CONTENT_PYODIDE_BYTES = Target("<=", 0, " B")
PEAK_MEMORY_OVER_PLAIN = Target("<=", 1.2, "x")
CPU_CAVEAT = ("Chromium slows only the main thread: the plain page's Python, not the classifier's "
              "(in a worker)")
MEMORY_SAMPLE_S = 0.2
MEMORY = "peak memory (JS heap and its array buffers + WebAssembly memory)"
MEMORY_AFTER_READY_S = 2.0


@dataclass(frozen=True)
class Profile:
    """A network, emulated by Chromium (CDP Network.emulateNetworkConditions); None: unthrottled.

    ``stagger_s``: the pages' first visits run at the same time, each in its own
    context with its own emulated link, started this many seconds apart so that
    no two pages boot Python at once (the slow profile: one cold boot there is
    tens of seconds, nearly all of it waiting for bytes).
    """

    name: str
    down_mbps: float | None
    up_mbps: float | None
    rtt_ms: int
    rounds: int
    stagger_s: float | None = None
    cpu_rate: float | None = None  # Emulation.setCPUThrottlingRate on each page (its main thread only)
    pages: tuple[str, ...] | None = None  # the pages' names, if not all
    new_page: bool = True  # after the reload, a return visit in a new page too

    def conditions(self) -> dict[str, Any] | None:
        if self.down_mbps is None or self.up_mbps is None:
            return None
        return {"offline": False, "latency": self.rtt_ms,
                "downloadThroughput": self.down_mbps * 1e6 / 8, "uploadThroughput": self.up_mbps * 1e6 / 8}

    def describe(self) -> str:
        if self.down_mbps is None:
            return f"{self.name} (no throttling)"
        cpu = f", CPU {self.cpu_rate:g}x slower (main thread)" if self.cpu_rate else ""
        return (f"{self.name} ({self.down_mbps:g} Mbit/s down, {self.up_mbps:g} up, {self.rtt_ms} ms RTT"
                f"{cpu}; {self.rounds} round{'s' if self.rounds > 1 else ''})")


PROFILES = (
    Profile("localhost", None, None, 0, rounds=2),
    # On the emulated links the return visit is the reload only: a new page in the same context boots
    # from the same cache and snapshot (localhost measures both), and leaving it out keeps the whole
    # bench under 8 minutes (issue 22).
    Profile("clinic Wi-Fi", 20, 5, 40, rounds=1, new_page=False),
    Profile("slow mobile", 1.6, 0.75, 150, rounds=1, stagger_s=5.0, new_page=False),
    # A phone: the slow-mobile link and a CPU 4x slower. Chromium slows a page's main thread only
    # (CDP refuses it for workers): the plain page's Python runs there and is slowed; the
    # classifier's runs in a worker and is not, so this profile favours the classifier (see METHOD).
    Profile("phone", 1.6, 0.75, 150, rounds=1, stagger_s=8.0, cpu_rate=4.0,
            pages=("plain page", "classifier page"), new_page=False),
)

# Both peers and the widget are judged the same way: a MutationObserver, installed
# before any page script runs, stamps performance.now() the moment the ready signal
# appears in the DOM.
PEER_READY = '#bench-page[data-state="ready"]'
# The widgets' status area (macros/forms.py, docs/assets/js/ui-common.mjs) takes
# the worker's state, "ready" once alliance.api is imported.
WIDGET_READY = '[data-widget="classifier"] [data-role="status"][data-state="ready"]'
FAILED = '#bench-page[data-state="error"], [data-widget] [data-role="status"][data-state="error"]'

_READY_PROBE = """
(() => {
  const ready = %(ready)s, failed = %(failed)s;
  let settle = () => {};
  window.__benchDone = new Promise((resolve) => { settle = resolve; });
  window.__benchReady = null;
  window.__benchFailed = null;
  const check = () => {
    if (window.__benchReady === null && document.querySelector(ready)) {
      window.__benchReady = performance.now();
      settle();
    }
    const broken = document.querySelector(failed);
    if (broken && window.__benchFailed === null) {
      window.__benchFailed = (broken.textContent || "").trim().slice(0, 300) || "error state";
      settle();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""

# Waits without Playwright's wait_for_function, which evaluates its predicate with eval():
# the guide's Content-Security-Policy forbids that, as it should.
_WAIT_READY = """
(ms) => Promise.race([window.__benchDone, new Promise((resolve) => setTimeout(resolve, ms))])
  .then(() => [window.__benchReady, window.__benchFailed])
"""

# The classifier page, once ready: its files and snapshot kept, and the service worker active.
_SETTLED = """
async (ms) => {
  const deadline = performance.now() + ms;
  const module = new URL("../assets/js/python.mjs", document.baseURI).href; // the page is in tools/
  const python = await import(module);
  while (!python.currentStatus().offline) {
    if (performance.now() > deadline) return "the tools' files were not kept";
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const active = await Promise.race([navigator.serviceWorker.ready.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), Math.max(0, deadline - performance.now())))]);
  return active ? "" : "the service worker did not become active";
}
"""


@dataclass(frozen=True)
class Page:
    """A page to load, the selector of its ready signal, and whether it is the guide's."""

    name: str
    path: str
    ready: str
    guide: bool = False

    def probe(self) -> str:
        return _READY_PROBE % {"ready": json.dumps(self.ready), "failed": json.dumps(FAILED)}


PLAIN = Page("plain page", f"{PEERS_DIR}/plain.html", PEER_READY)
PYSCRIPT = Page("PyScript", f"{PEERS_DIR}/pyscript.html", PEER_READY)
CLASSIFIER = Page("classifier page", CLASSIFIER_PAGE, WIDGET_READY, guide=True)
PAGES = (PLAIN, PYSCRIPT, CLASSIFIER)


def install_peers(site: Path) -> None:
    """Copy the peer pages and PyScript's dist/ into the built site (beside ``assets/``)."""
    lock = site / PYODIDE_PATH.strip("/") / "pyodide-lock.json"
    if not lock.is_file():
        raise NotAvailable(f"{lock} is missing: the build did not install Pyodide "
                           "(macros/toolkit/install.py)")
    if not (PYSCRIPT_DIST / "core.js").is_file():
        raise NotAvailable(f"{PYSCRIPT_DIST / 'core.js'} is missing: run `make setup` (npm @pyscript/core)")
    shutil.copytree(PEERS_SOURCE, site / PEERS_DIR, dirs_exist_ok=True)
    shutil.copytree(PYSCRIPT_DIST, site / PEERS_DIR / "pyscript", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.map"))


def _wait_ready(page: Any, which: Page) -> float:
    """The page's ready time in ms from navigation start; ``NotAvailable`` if it never comes."""
    ready, failed = page.evaluate(_WAIT_READY, READY_TIMEOUT_MS)
    if failed is not None:
        raise NotAvailable(f"{which.name} ({which.path}) reported an error: {failed}")
    if ready is None:
        raise NotAvailable(f"{which.name} ({which.path}) showed no ready signal ({which.ready}) "
                           f"within {READY_TIMEOUT_MS / 1000:.0f} s")
    return float(ready)


def _settle(page: Any, which: Page) -> None:
    """Wait until a first visit has finished its work after ready (what a return visit relies on)."""
    if which.guide:
        problem = page.evaluate(_SETTLED, SETTLE_TIMEOUT_MS)
        if problem:
            raise NotAvailable(f"{which.name}: {problem} within {SETTLE_TIMEOUT_MS / 1000:.0f} s")
    page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)


class Throttle:
    """Chromium's network emulation for a profile: on pages, and on the context's service workers.

    A page's emulation covers its dedicated workers but not its service worker, whose
    own fetches (the guide's pages, network first) would then cross an unthrottled
    link; each service worker target is attached through the browser's CDP session.
    """

    def __init__(self, browser: Any, profile: Profile) -> None:
        self.conditions = profile.conditions()
        self.cpu_rate = profile.cpu_rate
        self.browser_session = browser.new_browser_cdp_session() if self.conditions else None
        self.attached: set[str] = set()

    def page(self, context: Any, page: Any) -> str:
        """Throttle ``page``; returns its browser context's CDP id."""
        session = context.new_cdp_session(page)
        info = session.send("Target.getTargetInfo")["targetInfo"]
        if self.conditions:
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", self.conditions)
        if self.cpu_rate:
            session.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu_rate})
        return str(info.get("browserContextId", ""))

    def service_workers(self, context_id: str) -> int:
        """Throttle the running service workers of the browser context; how many."""
        if not self.browser_session:
            return 0
        targets = self.browser_session.send("Target.getTargets")["targetInfos"]
        for target in targets:
            if (target["type"] != "service_worker" or target["targetId"] in self.attached
                    or target.get("browserContextId") != context_id):
                continue
            attach = {"targetId": target["targetId"], "flatten": False}
            session = self.browser_session.send("Target.attachToTarget", attach)["sessionId"]
            for number, (method, params) in enumerate(
                    (("Network.enable", {}), ("Network.emulateNetworkConditions", self.conditions)), 1):
                message = json.dumps({"id": number, "method": method, "params": params})
                self.browser_session.send("Target.sendMessageToTarget",
                                          {"sessionId": session, "message": message})
            self.attached.add(target["targetId"])
        return len(self.attached)


@dataclass
class Visits:
    """Ready times (ms) per page name for one profile: first visit, reload, new page in the same context."""

    first: dict[str, list[float]] = field(default_factory=dict)
    reload: dict[str, list[float]] = field(default_factory=dict)
    new_page: dict[str, list[float]] = field(default_factory=dict)

    def add(self, kind: str, page: Page, value: float) -> None:
        getattr(self, kind).setdefault(page.name, []).append(value)


@dataclass
class Bytes:
    """Bytes on the wire per page (localhost): a first visit and a return visit (reload)."""

    first: dict[str, Transfer] = field(default_factory=dict)
    back: dict[str, Transfer] = field(default_factory=dict)
    back_pyodide: dict[str, Transfer] = field(default_factory=dict)  # the runtime and packages
    back_manifest: dict[str, Transfer] = field(default_factory=dict)  # toolkit.json, revalidated


@contextmanager
def _context(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context
    finally:
        context.close()


def _open(context: Any, throttle: Throttle, which: Page) -> tuple[Any, str]:
    page = context.new_page()
    context_id = throttle.page(context, page)
    page.add_init_script(which.probe())
    return page, context_id


def _returns(context: Any, page: Any, context_id: str, throttle: Throttle, which: Page, url: str,
             visits: Visits, count: Bytes | None, new_page: bool = True) -> None:
    """The return visits after a settled first visit: a reload, then (if ``new_page``) a new page in the
    same context."""
    throttle.service_workers(context_id)
    if count is not None:
        site_server.take(url)
    page.reload(wait_until="commit")
    visits.add("reload", which, _wait_ready(page, which))
    if count is not None:
        page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)
        reading = site_server.take(url)
        count.back[which.name] = reading.total()
        count.back_pyodide[which.name] = reading.total(PYODIDE_PATH, without=(TOOLKIT_MANIFEST,))
        count.back_manifest[which.name] = reading.total(TOOLKIT_MANIFEST)
    page.close()
    if not new_page:
        return
    second, _ = _open(context, throttle, which)
    second.goto(url + which.path, wait_until="commit")
    visits.add("new_page", which, _wait_ready(second, which))


def measure_profile(browser: Any, url: str, profile: Profile, count: Bytes | None = None,
                    progress: Callable[[str], None] = lambda _: None) -> Visits:
    """``profile.rounds`` first and return visits of every page, the order rotating each round."""
    visits = Visits()
    throttle = Throttle(browser, profile)
    pages = tuple(page for page in PAGES if profile.pages is None or page.name in profile.pages)
    for number in range(profile.rounds):
        order = pages[number % len(pages):] + pages[:number % len(pages)]
        progress(f"{profile.name}: round {number + 1} of {profile.rounds}")
        if profile.stagger_s is not None:
            _staggered_round(browser, url, profile, throttle, order, visits)
            continue
        for which in order:
            with _context(browser) as context:
                page, context_id = _open(context, throttle, which)
                if count is not None:
                    site_server.take(url)
                page.goto(url + which.path, wait_until="commit")
                visits.add("first", which, _wait_ready(page, which))
                _settle(page, which)
                if count is not None:
                    count.first[which.name] = site_server.take(url).total()
                _returns(context, page, context_id, throttle, which, url, visits,
                         count if number == 0 else None, profile.new_page)
    return visits


def _staggered_round(browser: Any, url: str, profile: Profile, throttle: Throttle, order: tuple[Page, ...],
                     visits: Visits) -> None:
    """First visits started ``profile.stagger_s`` apart, each on its own link; then each one's returns."""
    contexts = [browser.new_context() for _ in order]
    try:
        opened = []
        for index, (context, which) in enumerate(zip(contexts, order, strict=True)):
            if index:
                time.sleep(profile.stagger_s or 0)
            page, context_id = _open(context, throttle, which)
            page.goto(url + which.path, wait_until="commit")
            opened.append((context, page, context_id, which))
        for _, page, _, which in opened:
            visits.add("first", which, _wait_ready(page, which))
        for context, page, context_id, which in opened:
            _settle(page, which)
            _returns(context, page, context_id, throttle, which, url, visits, None, profile.new_page)
    finally:
        for context in contexts:
            context.close()


def _settled_classifier(context: Any, url: str) -> Any:
    """A first visit of the classifier page in ``context``, ready and settled."""
    page = context.new_page()
    page.add_init_script(CLASSIFIER.probe())
    page.goto(url + CLASSIFIER.path, wait_until="commit")
    _wait_ready(page, CLASSIFIER)
    _settle(page, CLASSIFIER)
    return page


def offline_answers(browser: Any, url: str) -> bool:
    """After a first visit, with the network gone: does a reload of the classifier answer a question?"""
    with _context(browser) as context:
        page = _settled_classifier(context, url)
        context.set_offline(True)
        page.reload(wait_until="commit")
        _wait_ready(page, CLASSIFIER)
        return len(click_latencies(page, 1).dom) == 1


def content_transfer(browser: Any, url: str, settle_ms: int = 2000) -> Reading:
    """What a first visit to a content page transfers, waiting long enough for a stray worker to start."""
    with _context(browser) as context:
        page = context.new_page()
        site_server.take(url)
        page.goto(url + CONTENT_PAGE, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(settle_ms)
        return site_server.take(url)


# Installed before a page's (or a worker's) own scripts: WebAssembly memories are kept track of as
# they are made (new WebAssembly.Memory, or a module's own, exported by instantiate()), so their
# sizes can be read at any time. CDP's heap figures leave them out.
WASM_PROBE = """
(() => {
  if (globalThis.__benchWasmBytes) return;
  const memories = new Set();
  const keep = (result) => {
    const instance = result.instance || result;
    for (const value of Object.values(instance.exports || {})) {
      if (value instanceof WebAssembly.Memory) memories.add(value);
    }
    return result;
  };
  WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
    construct(target, args) { const memory = new target(...args); memories.add(memory); return memory; },
  });
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
  }
  globalThis.__benchWasmBytes = () => [...memories].reduce((sum, memory) => sum + memory.buffer.byteLength,
                                                           0);
})();
"""
_WASM_BYTES = "globalThis.__benchWasmBytes ? globalThis.__benchWasmBytes() : 0"


class HeapSampler:
    """What a page and its dedicated workers hold: the JS heap and its array buffers (CDP
    Runtime.getHeapUsage: usedSize + backingStorageSize) and WebAssembly memory (WASM_PROBE, put
    into each worker before it runs, through CDP)."""

    def __init__(self, context: Any, page: Any) -> None:
        page.add_init_script(WASM_PROBE)
        self.page = page
        self.session = context.new_cdp_session(page)
        self.workers: dict[str, dict[str, float]] = {}  # CDP session id -> its latest readings
        self.number = 0
        self.session.on("Target.attachedToTarget", self._attached)
        self.session.on("Target.detachedFromTarget", lambda event: self.workers.pop(event["sessionId"], None))
        self.session.on("Target.receivedMessageFromTarget", self._reply)
        self.session.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                                   "flatten": False})

    def _send(self, session_id: str, method: str, params: dict[str, Any], number: int = 0) -> None:
        message = json.dumps({"id": number, "method": method, "params": params})
        self.session.send("Target.sendMessageToTarget", {"sessionId": session_id, "message": message})

    def _attached(self, event: dict[str, Any]) -> None:
        self.workers[event["sessionId"]] = {}
        self._send(event["sessionId"], "Runtime.evaluate", {"expression": WASM_PROBE})
        self._send(event["sessionId"], "Runtime.runIfWaitingForDebugger", {})

    @staticmethod
    def _heap(usage: dict[str, Any]) -> float:
        return float(usage.get("usedSize", 0)) + float(usage.get("backingStorageSize", 0))

    def _reply(self, event: dict[str, Any]) -> None:
        message = json.loads(event["message"])
        readings = self.workers.get(event["sessionId"])
        result = message.get("result")
        if readings is None or not result or not message.get("id"):
            return
        if message["id"] % 2:
            readings["heap"] = self._heap(result)
        elif "result" in result:
            readings["wasm"] = float(result["result"].get("value") or 0)

    def collect_garbage(self) -> None:
        """A full garbage collection in the page and in each worker (what is left is what they keep)."""
        self.session.send("HeapProfiler.collectGarbage")
        for session_id in list(self.workers):
            self._send(session_id, "HeapProfiler.collectGarbage", {})

    def sample(self) -> float:
        """The page's bytes now, with each worker's latest readings (and ask the workers again)."""
        for session_id in list(self.workers):
            self.number += 2
            self._send(session_id, "Runtime.getHeapUsage", {}, self.number - 1)
            self._send(session_id, "Runtime.evaluate", {"expression": _WASM_BYTES, "returnByValue": True},
                       self.number)
        page = self._heap(self.session.send("Runtime.getHeapUsage")) + float(self.page.evaluate(_WASM_BYTES))
        return page + sum(sum(readings.values()) for readings in self.workers.values())


@dataclass(frozen=True)
class Memory:
    """Bytes a first visit held: the most at once, and at the end (settled)."""

    peak: float
    settled: float


def peak_memory(browser: Any, url: str, which: Page) -> Memory:
    """The most a first visit of ``which`` held at once, sampled every 0.2 s from the start until it
    is ready and settled (the classifier: its files and snapshot kept), and what it held 2 s later."""
    with _context(browser) as context:
        page = context.new_page()
        page.add_init_script(which.probe())
        sampler = HeapSampler(context, page)  # before the page loads
        page.goto(url + which.path, wait_until="commit")
        deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
        peak, now, ready_at = 0.0, 0.0, None
        settled = _SETTLED_NOW if which.guide else "() => true"
        while ready_at is None or time.monotonic() < ready_at + MEMORY_AFTER_READY_S:
            now = sampler.sample()
            peak = max(peak, now)
            if ready_at is None and page.evaluate("() => window.__benchReady !== null") \
                    and page.evaluate(settled):
                ready_at = time.monotonic()
            if time.monotonic() > deadline:
                raise NotAvailable(f"{which.name}: not ready and settled within "
                                   f"{READY_TIMEOUT_MS / 1000:.0f} s")
            time.sleep(MEMORY_SAMPLE_S)
        sampler.collect_garbage()
        time.sleep(MEMORY_SAMPLE_S * 3)
        sampler.sample()  # asks the workers again; their answers arrive during the wait below
        time.sleep(MEMORY_SAMPLE_S * 3)
        return Memory(peak, sampler.sample())


_SETTLED_NOW = """
async () => {
  const python = await import(new URL("../assets/js/python.mjs", document.baseURI).href);
  return Boolean(python.currentStatus().offline);
}
"""


MEMORY_WHY = ("why not: while its snapshot is written, the classifier's worker holds it (a ~31 MB copy of "
              "Python's memory, what makes the return visit fast) beside Python's own memory and the "
              "files it downloaded, and the page runs Material's search worker; the plain page does "
              "neither. Once the files and the snapshot are kept the worker lets both go (the settled rows)")


def memory_rows(plain: Memory, ours: Memory) -> list[Row]:
    value = ratio(ours.peak, plain.peak)
    settled = "memory once settled (ready and kept, 2 s later, after a garbage collection)"
    return [
        Row(SECTION, f"{MEMORY}, first visit: plain page", plain.peak / 1e6, " MB"),
        Row(SECTION, f"{MEMORY}, first visit: classifier page", ours.peak / 1e6, " MB",
            note="the page, the Python worker and Material's search worker"),
        Row(SECTION, "peak memory: classifier page / plain page", value, "x", PEAK_MEMORY_OVER_PLAIN,
            "" if PEAK_MEMORY_OVER_PLAIN.met_by(value) else MEMORY_WHY),
        Row(SECTION, f"{settled}: plain page", plain.settled / 1e6, " MB"),
        Row(SECTION, f"{settled}: classifier page", ours.settled / 1e6, " MB"),
        Row(SECTION, "memory once settled: classifier page / plain page", ratio(ours.settled, plain.settled),
            "x"),
    ]


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
  // Every question answered with its first option (a check box for a multiple-choice one);
  // then each classification changes the answer to one single-choice question.
  const every = [...form.querySelectorAll('fieldset[data-field]')];
  const questions = every.filter((q) => q.dataset.kind === "single"
                                        && q.querySelectorAll('input[type="radio"]').length > 1);
  if (!questions.length) throw new Error("classifier form has no single-choice questions");
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
  for (const question of every) {
    const first = question.querySelector('input[type="radio"], input[type="checkbox"]');
    if (!first) throw new Error(`question ${question.dataset.field} has no option to choose`);
    choose(first);
  }
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


def warm_up(site: Path, url: str) -> None:
    """Every file of the peers and of Pyodide fetched once, gzip accepted: the server compresses each
    file once (as a host's cache would hold it) before any timed visit; the classifier page's own
    files are warmed by the click measurement's first visit."""
    import urllib.request

    folders = [site / PEERS_DIR, site / PYODIDE_PATH.strip("/")]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                request = urllib.request.Request(url + path.relative_to(site).as_posix(),
                                                 headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
    site_server.take(url)


def first_visit_clicks(browser: Any, url: str, clicks: int) -> Latencies:
    """A first visit of the classifier page (also warming the server); once it has settled (files and
    snapshot kept, service worker installed: a second or two after ready, less than a clinician
    takes to answer the questions), ``clicks`` classifications."""
    with _context(browser) as context:
        return click_latencies(_settled_classifier(context, url), clicks)


# ---------------------------------------------------------------- rows


def _interval_note(numerators: list[float], denominators: list[float], extra: str = "") -> str:
    if len(numerators) < 2 and len(denominators) < 2:
        note = "1 sample each: no interval"
    else:
        note = describe_interval(ratio_interval(numerators, denominators))
    return f"{note}; {extra}" if extra else note


_KINDS = (("first", "first visit"), ("reload", "return visit (reload)"),
          ("new_page", "return visit (new page, same context)"))


def ready_rows(profile: Profile, visits: Visits) -> list[Row]:
    """Medians per page and visit, and the classifier's ratios to the plain page and to PyScript."""
    rows: list[Row] = []
    label = profile.name
    for kind, words in _KINDS:
        samples: dict[str, list[float]] = getattr(visits, kind)
        for which in PAGES:
            values = samples.get(which.name, [])
            if values:
                rows.append(Row(SECTION, f"{label}: {which.name} ready, {words} (median of {len(values)})",
                                median(values), " ms"))
        ours = samples.get(CLASSIFIER.name)
        if not ours:
            continue
        plain, pyscript = samples.get(PLAIN.name), samples.get(PYSCRIPT.name)
        target = FIRST_OVER_PLAIN if kind == "first" else RETURN_OVER_PLAIN
        if plain:
            value = ratio(median(ours), median(plain))
            extra = ""
            if kind == "first":
                met = "met" if value <= STRETCH_FIRST_OVER_PLAIN else "not met"
                extra = f"stretch <= {STRETCH_FIRST_OVER_PLAIN}x: {met}"
            if profile.cpu_rate:
                extra = "; ".join(filter(None, [extra, CPU_CAVEAT]))
            rows.append(Row(SECTION, f"{label}: classifier / plain page, {words}", value, "x", target,
                            _interval_note(ours, plain, extra)))
        if pyscript:
            rows.append(Row(SECTION, f"{label}: classifier / PyScript, {words}",
                            ratio(median(ours), median(pyscript)), "x", AHEAD_OF_PYSCRIPT,
                            _interval_note(ours, pyscript)))
    return rows


def byte_rows(count: Bytes) -> list[Row]:
    """Bytes on the wire per page, gzip host and a host that does not compress; the targets."""
    rows: list[Row] = []
    for which in PAGES:
        for words, table in (("first visit", count.first), ("return visit (reload)", count.back)):
            transfer = table.get(which.name)
            if transfer is None:
                continue
            rows.append(Row(SECTION, f"{which.name}: bytes on the wire, {words}, gzip host "
                                     f"({transfer.requests} requests)", transfer.sent, " B"))
            rows.append(Row(SECTION, f"{which.name}: bytes on the wire, {words}, host without compression",
                            transfer.uncompressed, " B"))
    ours, plain = count.first.get(CLASSIFIER.name), count.first.get(PLAIN.name)
    if ours and plain:
        rows.append(Row(SECTION, "first visit bytes (gzip host): classifier page / plain page",
                        ratio(ours.sent, plain.sent), "x", FIRST_BYTES_OVER_PLAIN,
                        f"without compression: {ratio(ours.uncompressed, plain.uncompressed):.2f}x"))
    back = count.back_pyodide.get(CLASSIFIER.name)
    if back is not None:
        rows.append(Row(SECTION, f"classifier page, return visit: Pyodide bytes, runtime and packages "
                                 f"({back.requests} requests)", back.sent, " B", RETURN_PYODIDE_BYTES))
    manifest = count.back_manifest.get(CLASSIFIER.name)
    if manifest is not None:
        rows.append(Row(SECTION, f"classifier page, return visit: toolkit.json revalidated "
                                 f"({manifest.requests} requests)", manifest.sent, " B",
                        note="the deploy check: is this build still the site's? (a 304 while it is)"))
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


def content_rows(content: Reading) -> list[Row]:
    total, pyodide = content.total(), content.total(PYODIDE_PATH)
    return [
        Row(SECTION, f"content page {CONTENT_PAGE}: bytes on the wire ({total.requests} requests)",
            total.sent, " B"),
        Row(SECTION, f"content page {CONTENT_PAGE}: Pyodide bytes ({pyodide.requests} requests)",
            pyodide.sent, " B", CONTENT_PYODIDE_BYTES),
    ]


def _launch(playwright: Any) -> Any:
    from bench.browser import CHROMIUM, CHROMIUM_ARGS

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


def _ms(values: list[float]) -> str:
    return ", ".join(f"{value:.0f}" for value in values) + " ms"


def _profile_expected(profile: Profile) -> Expected:
    return [(f"{profile.name}: classifier / plain page, {words}",
             FIRST_OVER_PLAIN if kind == "first" else RETURN_OVER_PLAIN) for kind, words in _KINDS]


def widget_rows(site: Path, port: int, clicks: int, profiles: tuple[Profile, ...] = PROFILES,
                progress: Callable[[str], None] = lambda _: None) -> Measured:
    """All widget rows for the site built in ``site`` for ``port`` (the peers are copied into it).

    Returns the rows and the raw samples.
    """
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    samples: list[str] = []
    try:
        install_peers(site)
    except NotAvailable as missing:
        return _missing_rows(str(missing), [item for p in profiles for item in _profile_expected(p)]), []
    with site_server.served(site, port) as url, sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            progress("warming up the server: each file of the peers and of Pyodide fetched once")
            warm_up(site, url)

            def clicks_measured() -> Measured:
                latencies = first_visit_clicks(browser, url, clicks)
                return click_rows(latencies), [f"click to result in the DOM: {_ms(latencies.dom)}",
                                               f"click to result painted: {_ms(latencies.painted)}"]

            part_rows, part_samples = _attempt(clicks_measured, [("click to result p95", CLICK_P95)])
            rows += part_rows
            samples += part_samples
            count = Bytes()
            for profile in profiles:
                def timed(profile: Profile = profile) -> Measured:
                    counting = count if profile.conditions() is None else None
                    visits = measure_profile(browser, url, profile, counting, progress)
                    return ready_rows(profile, visits), [
                        f"{profile.describe()}, {which} {words}: {_ms(values)}"
                        for kind, words in _KINDS for which, values in getattr(visits, kind).items()]

                part_rows, part_samples = _attempt(timed, _profile_expected(profile))
                rows += part_rows
                samples += part_samples
            rows += byte_rows(count)
            def offline() -> Measured:
                answered = 1 if offline_answers(browser, url) else 0
                return [Row(SECTION, "offline return visit: the classifier answers (1 = yes)", answered, "",
                            OFFLINE_ANSWERS)], []

            rows += _attempt(offline, [("offline return visit: the classifier answers", OFFLINE_ANSWERS)])[0]
            rows += _attempt(lambda: (memory_rows(peak_memory(browser, url, PLAIN),
                                                  peak_memory(browser, url, CLASSIFIER)), []),
                             [("peak memory: classifier page / plain page", PEAK_MEMORY_OVER_PLAIN)])[0]
            rows += _attempt(lambda: (content_rows(content_transfer(browser, url)), []),
                             [(f"content page {CONTENT_PAGE}: Pyodide bytes", CONTENT_PYODIDE_BYTES)])[0]
        finally:
            browser.close()
    return rows, samples
