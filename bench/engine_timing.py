"""The classifier page against the plain Pyodide page in Firefox and WebKit (bench/engines), on
localhost, in the same run as the Chromium figures (widget_timing).

Neither driver can run a script in a page before the page's own (WebKit's has no preload
scripts), so the ready moment is read afterwards from a User Timing mark each page sets when it
is ready: ``alliance-ready`` (docs/assets/js/python.mjs, as the worker's READY arrives) and
``bench-ready`` (bench/peers/plain.html, after ``runPython``). Both are ms from navigation start,
as the Chromium rows' MutationObserver stamps are.

A first visit is a new session (empty storage; in WebKit a new MiniBrowser). A return visit is a
new window of that session while the first window stays open (WebKit's automation session keeps
Cache Storage only while a page of the site is open), then, in Firefox, a reload of the first
window alone. In WebKit that reload would find the tools' cache emptied, as in a browser that does
not keep them (bench/engines/webkit.py): a first visit again, not measured twice (tests/engines
shows the page saying so).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import site_server
from bench.engines import ENGINES, Missing, start
from bench.engines.driver import Engine, StepFailed, StepTimeout, Window
from bench.errors import NotAvailable
from bench.report import Row, unavailable
from bench.stats import describe_interval, median, ratio, ratio_interval
from bench.widget_timing import (
    CLASSIFIER,
    FAILED,
    FIRST_OVER_PLAIN,
    PLAIN,
    RETURN_OVER_PLAIN,
    Page,
    install_peers,
)

ROOT = Path(__file__).resolve().parent.parent
SECTION = "engines"
ROUNDS = 2
READY_S = 120.0
SETTLE_S = 60.0
PEER_SETTLE_S = 1.0
MARKS = {PLAIN.name: "bench-ready", CLASSIFIER.name: "alliance-ready"}
PAGES = (PLAIN, CLASSIFIER)

_READY_AT = """const mark = performance.getEntriesByName(args[0], "mark")[0];
if (mark) return {at: mark.startTime};
const failed = document.querySelector(args[1]);
return failed ? {failed: (failed.textContent || "").trim().slice(0, 300) || "error state"} : null;"""
_KEPT = """const python = await import(new URL("../assets/js/python.mjs", document.baseURI).href);
if (!python.currentStatus().offline) return false;
const registration = await navigator.serviceWorker.getRegistration();
return Boolean(registration && registration.active && registration.active.state === "activated");"""

KINDS = (("first", "first visit"), ("window", "return visit (new window, same session)"),
         ("reload", "return visit (reload of the only window)"))


@dataclass
class Visits:
    """Ready times (ms) per kind of visit and page name."""

    by_kind: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: {kind: {} for kind, _ in KINDS})

    def add(self, kind: str, page: Page, value: float) -> None:
        self.by_kind[kind].setdefault(page.name, []).append(value)


def _ready(window: Window, engine: str, page: Page) -> float:
    try:
        found = window.wait(_READY_AT, MARKS[page.name], FAILED, timeout_s=READY_S, what=f"{page.name} ready",
                            step_s=READY_S)  # the plain page's Python holds the main thread for seconds
    except (StepTimeout, StepFailed) as error:
        raise NotAvailable(f"{engine}: {page.name} ({page.path}): {error}") from None
    if "failed" in found:
        raise NotAvailable(f"{engine}: {page.name} ({page.path}) reported an error: {found['failed']}")
    return float(found["at"])


def _settle(window: Window, engine: str, page: Page) -> None:
    """After a first visit: the classifier's files and snapshot kept and its service worker active."""
    if not page.guide:
        time.sleep(PEER_SETTLE_S)
        return
    try:
        window.wait(_KEPT, timeout_s=SETTLE_S, what="the tools kept and the service worker active")
    except (StepTimeout, StepFailed) as error:
        raise NotAvailable(f"{engine}: {page.name}: {error}") from None


def measure(engine: Engine, url: str, rounds: int = ROUNDS,
            progress: Callable[[str], None] = lambda _: None) -> Visits:
    visits = Visits()
    for number in range(rounds):
        progress(f"{engine.name}: round {number + 1} of {rounds}")
        order = PAGES[number % len(PAGES):] + PAGES[:number % len(PAGES)]
        for page in order:
            with engine.session() as session:
                first = session.window(url + page.path)
                visits.add("first", page, _ready(first, engine.name, page))
                _settle(first, engine.name, page)
                second = session.window(url + page.path)
                visits.add("window", page, _ready(second, engine.name, page))
                second.close()
                if engine.keeps_across_loads:  # else a reload is a first visit again (nothing kept)
                    first.reload()
                    visits.add("reload", page, _ready(first, engine.name, page))
    return visits


def rows_for(engine: str, visits: Visits) -> list[Row]:
    rows: list[Row] = []
    for kind, words in KINDS:
        samples = visits.by_kind[kind]
        for page in PAGES:
            values = samples.get(page.name, [])
            if values:
                rows.append(Row(SECTION, f"{engine}: {page.name} ready, {words} (median of {len(values)})",
                                median(values), " ms"))
        ours, plain = samples.get(CLASSIFIER.name), samples.get(PLAIN.name)
        if not ours or not plain:
            continue
        note = (describe_interval(ratio_interval(ours, plain)) if len(ours) > 1
                else "1 sample each: no interval")
        target = FIRST_OVER_PLAIN if kind == "first" else RETURN_OVER_PLAIN
        if kind == "reload" and engine == "webkit":
            target = None  # not a return visit here: nothing was kept
            note += ("; WebKit's automation session empties the tools' cache when the site's only page goes, "
                     "as a browser that does not keep them would: the page says so and downloads again")
        value = ratio(median(ours), median(plain))
        rows.append(Row(SECTION, f"{engine}: classifier / plain page, {words}", value, "x", target, note))
    return rows


def _expected(engine: str) -> list[tuple[str, object]]:
    kinds = KINDS if engine != "webkit" else KINDS[:2]
    return [(f"{engine}: classifier / plain page, {words}",
             FIRST_OVER_PLAIN if kind == "first" else RETURN_OVER_PLAIN) for kind, words in kinds]


Measured = tuple[list[Row], list[str], dict[str, str]]


def engine_rows(site: Path, port: int, rounds: int = ROUNDS, progress: Callable[[str], None] = lambda _: None,
                engines: tuple[str, ...] = ENGINES) -> Measured:
    """Rows, raw samples and the engines' versions for the site built in ``site`` for ``port``."""
    rows: list[Row] = []
    samples: list[str] = []
    versions: dict[str, str] = {}
    try:
        install_peers(site)
    except NotAvailable as missing:
        return [unavailable(SECTION, metric, str(missing), target)  # type: ignore[arg-type]
                for name in engines for metric, target in _expected(name)], [], {}
    with site_server.served(site, port) as url:
        for name in engines:
            try:
                engine = start(name, ROOT)
            except (Missing, StepFailed, StepTimeout) as error:
                rows += [unavailable(SECTION, metric, str(error), target)  # type: ignore[arg-type]
                         for metric, target in _expected(name)]
                continue
            try:
                versions[name] = engine.version()
                visits = measure(engine, url, rounds, progress)
                rows += rows_for(name, visits)
                samples += [f"{name}, {page} {words}: " + ", ".join(f"{value:.0f}" for value in values)
                            + " ms" for kind, words in KINDS for page, values in visits.by_kind[kind].items()]
            except (NotAvailable, StepFailed, StepTimeout) as error:
                rows += [unavailable(SECTION, metric, str(error), target)  # type: ignore[arg-type]
                         for metric, target in _expected(name)]
            finally:
                engine.close()
    return rows, samples, versions
