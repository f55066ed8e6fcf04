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

from bench import build_timing, widget_timing
from bench.report import Row, load_average, machine_info, render_text, results_markdown, summary, unavailable

RESULTS = Path(__file__).resolve().parent / "results.md"

METHOD = [
    "Build: wall time of `mkdocs build --strict` (a subprocess, same flags for every variant), "
    "the variants built round-robin (the 200-page pair 8 times, the 400-page pair 5, the guide 4); each "
    "median is of the "
    "builds after the first (which fills the caches, cold). The back-to-back pairs row is "
    "the median of each round's macros/plain ratio, less sensitive to drift in the machine's speed. "
    "The macros keep caches in the project's "
    "`build/` (the parsed bibliography and its APA forms, the pages compiled by Jinja; see "
    "macros/citations/bibcache.py, formcache.py and macros/page_templates.py): each synthetic "
    "project starts without them, so its first build "
    "fills them (reported on its own row) and the median is of builds that reuse them, as repeated "
    "builds and `mkdocs serve` restarts do. Builds run without PYTHONDONTWRITEBYTECODE, so the "
    "project's own modules get .pyc files as installed packages have.",
    "Targets (issue 17): macros at most 1.2x plain Material at 200 pages, and the growth from 200 to "
    "400 pages at most 1.1x plain Material's own growth (the macros' growth divided by plain's, with "
    "a bootstrap interval of that quotient). The macros put their HTML into each page after Markdown "
    "and search have run (macros/raw_html.py). The same two ratios are also given of the build "
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
    "Widgets: Debian Chromium, headless, via Playwright; the site served by Python's http.server "
    "from a process of its own; the timed loads record no per-request events. Ready = the moment "
    "the ready signal appears in the DOM, stamped in the page by a MutationObserver with "
    "`performance.now()` (ms from navigation start). Cold = a new browser context (empty cache); "
    "warm = `page.reload()` in that context. "
    "The classifier's first cold load (untimed for ready) gives its bytes and the click figures; "
    "one untimed floor load; then classifier and floor alternate which goes first. The back-to-back "
    "pairs row is the median of each run's classifier/floor ratio, less sensitive to other load on "
    "the machine. Worker created = when the page constructs its first Worker (the probe wraps the "
    "constructor): the time the page spends before Pyodide can start booting.",
    "Floor: `bench/floor/` copied into the built site: a bare page whose module worker boots the "
    "site's Pyodide exactly as `docs/assets/js/worker.mjs` does (same `pyodide.mjs`, indexURL, lock "
    "file, package base) and loads the `alliance` wheel, then posts ready.",
    "Click to result: once ready, every question answered with its first option and submitted once "
    "(untimed); then each time one answer moves to the next option and submit is clicked. In the DOM = "
    "when the widget marks the end of its render (`data-renders` goes up, seen by a MutationObserver); "
    "painted = the first task after the next animation frame. Two frames pass between clicks. "
    "Percentiles linearly interpolated (NumPy's default).",
    "Intervals: beside each ratio of medians, a 95% percentile-bootstrap interval (each sample "
    "set resampled on its own, 2,000 times, with a fixed seed): how far the ratio could move from one "
    "run to the next with this many samples on this machine. PASS and FAIL judge the ratio itself.",
    "Bytes: sum of response body sizes (Chromium's count, else Content-Length) of every request a "
    "cold load makes, workers included: the classifier page until ready and the network idle, the "
    "content page until the network is idle plus 2 s; Pyodide bytes are those under "
    "`/assets/pyodide/`.",
]


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--build-runs", type=int, default=4,
                        help="timed builds of the guide (default 4); the 400-page synthetic pair gets 1 "
                             "more, the 200-page pair 4 more")
    parser.add_argument("--runs", type=int, default=9, help="cold and warm loads per page (default 9)")
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
                widget_rows, widget_samples = widget_timing.widget_rows(guide_site, port, args.runs,
                                                                        args.clicks)
                rows += widget_rows
                samples += widget_samples
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
    from tests.conftest import CHROMIUM

    machine = machine_info(CHROMIUM, load_at_start)
    args.output.write_text(results_markdown(rows, machine, notes, elapsed), encoding="utf-8")
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
