"""``python -m bench``: measure, print the table, write ``bench/results.md``.

Exit code 0 even when a target fails or a piece is not available yet (the
table says so); non-zero only when the harness itself breaks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench import build_timing, engine_timing, widget_timing
from bench.report import Row, load_average, machine_info, render_text, results_markdown, summary, unavailable

RESULTS = Path(__file__).resolve().parent / "results.md"

METHOD = [
    "Build: wall time of `mkdocs build --strict` (a subprocess, same flags for every variant), "
    "the variants built round-robin (the 200-page trio (plain, floor, macros) 5 times, the 400-page "
    "pair 3, the guide 4); each median is of the "
    "builds after the first (which fills the caches, cold). The back-to-back pairs row is "
    "the median of each round's macros/plain ratio, less sensitive to drift in the machine's speed. "
    "The evidence plugin and the macros keep caches in the project's "
    "`build/` (the parsed bibliography and its APA forms, the pages compiled by Jinja; see "
    "kit/evidence/citations/bibcache.py, formcache.py and kit/evidence/pages/templates_cache.py): each "
    "synthetic project starts without them, so its first build "
    "fills them (reported on its own row) and the median is of builds that reuse them, as repeated "
    "builds and `mkdocs serve` restarts do. Builds run without PYTHONDONTWRITEBYTECODE, so the "
    "project's own modules get .pyc files as installed packages have.",
    "Targets: the guide's machinery (its macros, the evidence plugin and its hooks) at most 1.15x the "
    "floor at 200 pages, the floor being the same pages under mkdocs-macros with trivial macros (each "
    "gives a few words) and no hooks (issue 23); the growth from 200 to 400 pages at most 1.1x plain "
    "Material's own growth (the macros' "
    "growth divided by plain's, with a bootstrap interval of that quotient; issues 17 and 23); macros "
    "against plain Material at 200 pages is reported without a target (issue 23 withdrew its 1.2x: a "
    "naive mkdocs-macros site already costs ~1.26x). The evidence plugin puts the macros' HTML into "
    "each page after Markdown and search have run (kit/evidence/pages/stash.py). The same two ratios "
    "are also given of the build "
    "processes' CPU time (user + system, from getrusage): other work on a machine shared by several "
    "engineers moves CPU time much less than wall time; the targets judge wall time.",
    "Synthetic site: 1,000 generated `@article` entries (every 25th by the same authors in the same "
    "year as the one before), pages citing 20 of them each (`cite`, `citet`, `[@key]`, "
    "`[see @key, p. 5]`, narrative `@key`) and calling one or two figure macros, laid out as the "
    "guide is: six top-level parts (the tabs), holding sections of 10 pages each opened by its own "
    "index page, under the guide's theme features (tabs, sections, section index pages, "
    "navigation.prune); the 400-page site has more sections in the same six parts. Plain Material "
    "builds the same Markdown with the macros plugin off (macro calls stay literal text). "
    "The macros variant includes the post-build Pyodide asset step (the wheel and lock come from "
    "the guide's cache; the files are copied into each build).",
    "Widgets: Debian Chromium, headless, via Playwright. The site is served by bench/static_host.py "
    "from a process of its own, as a static host would: gzip for text, JSON, JavaScript, SVG and "
    "WebAssembly (not for zip archives), strong ETag and Last-Modified with Cache-Control: no-cache (every "
    "reuse revalidated, 304), no _headers rules (as GitHub Pages or object storage: the guide's pages carry "
    "their policy in a <meta>). Ready = the moment the ready signal appears in the DOM, stamped in the page "
    "by a MutationObserver with performance.now() (ms from navigation start).",
    "Pages: the plain page (bench/peers/plain.html: a <script type=module> on the main thread runs "
    "loadPyodide({indexURL}) with the site's own Pyodide and its defaults, then runPython('1 + 1'); no "
    "wheel, no worker) is the floor; PyScript (npm @pyscript/core, pinned in package.json, its dist/ "
    "served beside the peers, <script type=py> on the main thread with the site's Pyodide as interpreter) "
    "is the peer; the classifier page is the guide's own (Material, the worker, the wheel).",
    "Visits: a first visit is a new browser context (empty HTTP cache, Cache Storage and service workers), "
    "timed to ready; then it settles (the classifier: its files and snapshot kept and the service worker "
    "active; the peers: network idle). A return visit is a reload of that page, and on localhost also a "
    "new page in the same context after the first is closed (on the emulated links the reload only: the "
    "new page boots from the same cache and snapshot, and leaving it out keeps the whole run under 8 "
    "minutes). Each round visits the three pages in a rotating order. "
    "Before any timed visit every file of the peers and of Pyodide is fetched once, so that the server "
    "has compressed each (as a host's cache would hold them).",
    "Networks: Chromium's emulation through CDP (Network.emulateNetworkConditions) on every page (its "
    "dedicated workers included) and, through the browser's CDP session, on the context's service "
    "workers before the return visits (their own fetches would otherwise be unthrottled). Rounds per "
    "profile: localhost 2, clinic Wi-Fi 1, slow mobile 1 (fewer than before, for the whole run to stay "
    "under 8 minutes); each ratio's interval comes from that many "
    "samples a side (2: little more than the two values; 1: none, printed as such). On the slow "
    "profile the three first visits run at once, each in its own context on its own emulated link, "
    "started 5 s apart, so that no two pages boot Python at the same time (a cold boot there is "
    "~25-35 s, nearly all of it waiting for bytes); the return visits follow one page at a time.",
    "Bytes: counted by the server for every request (status line, headers, body), workers' and the "
    "service worker's included, on localhost in the first round: a first visit from navigation until it "
    "has settled, a return visit (reload) until the network is idle. 'Host without compression' is what "
    "the same requests would have cost from a host that sends files as they are. Pyodide bytes are those "
    "under /assets/pyodide/; on a return visit, toolkit.json (the build's list of the tools' files) has "
    "a row of its own: the worker revalidates it on every visit to learn of a deploy (a 304 while the "
    "build is the same), which is not Pyodide downloading again.",
    "Phone: the slow-mobile link with Chromium's CPU throttling 4x (CDP Emulation.setCPUThrottlingRate) on "
    "each page, the plain page and the classifier's only, first visits staggered 8 s apart, then a reload. "
    "Chromium slows "
    "a page's main thread only (CDP refuses the call for a worker): the plain page's Python runs on the main "
    "thread and is slowed 4x, the classifier's Python runs in a worker and is not (its page's scripts are). "
    "So the phone rows favour the classifier; they are what Chromium can emulate, not a phone.",
    "Peak memory (Chromium, localhost): a first visit of each page in a new context, sampled every 0.2 s "
    "from navigation until ready and settled and 2 s more, through CDP Runtime.getHeapUsage on the page and "
    "on each of its dedicated workers (usedSize, the JS heap, plus backingStorageSize, its array buffers, "
    "WebAssembly memory among them); the peak is the largest sum of one sampling. The classifier page's sum "
    "includes its Python worker and Material's search worker.",
    "Engines (Firefox ESR through puppeteer-core over WebDriver BiDi, WebKitGTK's MiniBrowser through "
    "WebKitWebDriver under xvfb-run; bench/engines): localhost only (neither driver emulates a network), "
    "the plain page and the classifier page, 2 rounds in rotating order, each page in a new session "
    "(empty storage; for WebKit a new MiniBrowser). Ready is read from a User Timing mark each page sets "
    "when it is ready (alliance-ready in python.mjs, bench-ready in the plain page): neither driver can "
    "run a script before the page's own. A return visit is a new window of the same session while the "
    "first stays open, then (Firefox) a reload of the first window alone. WebKit's automation session "
    "empties the tools' cache when the site's last page goes, as a browser that does not keep them "
    "would, so its reload would be a first visit again (the page says so; tests/engines): not measured.",
    "Offline: after a settled first visit, the context goes offline (Playwright set_offline), the "
    "classifier page is reloaded and one question is answered.",
    "Click to result: in a first visit of the classifier page, once ready and settled, every question "
    "answered with "
    "its first option and submitted once (untimed); then each time one answer moves to the next option and "
    "submit is clicked. In the DOM = when the widget marks the end of its render (`data-renders` goes up, "
    "seen by a MutationObserver); painted = the first task after the next animation frame. Two frames pass "
    "between clicks. Percentiles linearly interpolated (NumPy's default).",
    "Intervals: beside each ratio of medians, a 95% percentile-bootstrap interval (each sample "
    "set resampled on its own, 2,000 times, with a fixed seed): how far the ratio could move from one "
    "run to the next with this many samples on this machine. PASS and FAIL judge the ratio itself.",
]


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--build-runs", type=int, default=4,
                        help="timed builds of the guide (default 4); the 400-page synthetic pair gets 1 "
                             "less, the 200-page pair 1 more")
    parser.add_argument("--clicks", type=int, default=60, help="timed classifications (default 60)")
    parser.add_argument("--pages", type=int, nargs=2, default=(200, 400), metavar=("SMALL", "LARGE"),
                        help="synthetic site sizes (default 200 400)")
    parser.add_argument("--skip-synthetic", action="store_true", help="leave out the synthetic builds")
    parser.add_argument("--skip-widgets", action="store_true", help="leave out the browser figures")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"Markdown report (default {RESULTS})")
    return parser.parse_args(argv)


def _progress(message: str, started: float) -> None:
    print(f"[bench {time.perf_counter() - started:5.0f} s] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> tuple[list[Row], list[str]]:
    started = time.perf_counter()
    rows: list[Row] = []
    samples: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        guide_site = workdir / "guide-site"
        _progress("building the guide", started)
        # Built for the address it is served at, as when deployed (Material's instant
        # navigation reads site_url from the sitemap).
        port = widget_timing.free_port()
        guide_rows, guide_samples = build_timing.guide_build_rows(guide_site, args.build_runs,
                                                                  f"http://127.0.0.1:{port}/")
        rows += guide_rows
        samples += guide_samples
        guide_built = rows[-1].value is not None
        if not args.skip_widgets:
            _progress("widgets in Chromium", started)
            if guide_built:
                widget_rows, widget_samples = widget_timing.widget_rows(
                    guide_site, port, args.clicks, progress=lambda message: _progress(message, started))
                rows += widget_rows
                samples += widget_samples
                _progress("widgets in Firefox and WebKit", started)
                engine_rows_, engine_samples, versions = engine_timing.engine_rows(
                    guide_site, port, progress=lambda message: _progress(message, started))
                rows += engine_rows_
                samples += engine_samples
                args.versions = versions
            else:
                rows.append(unavailable(widget_timing.SECTION, "all widget figures",
                                        f"the guide does not build ({rows[-1].note})"))
        if not args.skip_synthetic:
            _progress(f"synthetic sites ({args.pages[0]} and {args.pages[1]} pages)", started)
            synthetic_rows, synthetic_samples = build_timing.synthetic_rows(
                workdir / "synthetic", args.build_runs, *args.pages)
            rows += synthetic_rows
            samples += synthetic_samples
    _progress("done", started)
    return rows, samples


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    load_at_start = load_average()
    rows, samples = run(args)
    elapsed = time.perf_counter() - started
    print(render_text(rows))
    print(f"\n{summary(rows)}; whole run {elapsed:.0f} s")
    notes = [*METHOD, *(f"Samples: {line}" for line in samples)]
    from bench.browser import CHROMIUM

    machine = machine_info(CHROMIUM, load_at_start)
    machine.update(getattr(args, "versions", {}))
    machine["note"] = ("a machine shared with other work (other engineers' builds and tests ran during the "
                       "run): the load averages above say how busy it was; ratios within one run are what "
                       "compare, absolute times are not")
    args.output.write_text(results_markdown(rows, machine, notes, elapsed), encoding="utf-8")
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
