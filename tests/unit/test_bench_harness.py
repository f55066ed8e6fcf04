"""The benchmark harness's own logic: build-failure reasons, round-robin runs, byte counts, ratios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import widget_timing
from bench.build_timing import Timings, failure_reason, synthetic_figures, time_interleaved
from bench.errors import NotAvailable
from bench.report import FAIL, PASS
from bench.synthetic_site import ROOT
from bench.widget_timing import CLASSIFIER, FLOOR, ReadyTimes, body_bytes, install_floor, ready_rows

MACROS_FAILURE = """INFO    -  Building documentation to directory: /tmp/x
WARNING -  [macros] - ERROR # _Macro Rendering Error_

_File_: `page-004.md`

_UndefinedError_: 'citet' is undefined

jinja2.exceptions.UndefinedError: 'citet' is undefined
"""


def test_failure_reason_names_the_config_the_page_and_the_error() -> None:
    reason = failure_reason(Path("/tmp/site/mkdocs.yml"), MACROS_FAILURE)
    assert reason.startswith("mkdocs build of /tmp/site/mkdocs.yml failed (page page-004.md)")
    assert reason.endswith("jinja2.exceptions.UndefinedError: 'citet' is undefined")


def test_failure_reason_without_output_says_so() -> None:
    assert failure_reason(Path("m.yml"), "").endswith("failed: no output")


def test_variants_run_round_robin() -> None:
    calls: list[str] = []

    def variant(name: str, seconds: float):
        def run() -> float:
            calls.append(name)
            return seconds
        return run

    timings = time_interleaved({"a": variant("a", 1.0), "b": variant("b", 2.0)}, runs=3)
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert timings.samples == {"a": [1.0] * 3, "b": [2.0] * 3}
    assert timings.missing == {}


def test_a_variant_that_fails_is_reported_missing_and_not_run_again() -> None:
    calls: list[str] = []

    def works() -> float:
        calls.append("works")
        return 1.0

    def broken() -> float:
        calls.append("broken")
        raise NotAvailable("mkdocs build of m.yml failed: 'citet' is undefined")

    timings = time_interleaved({"works": works, "broken": broken}, runs=3)
    assert calls == ["works", "broken", "works", "works"]
    assert timings.samples == {"works": [1.0] * 3}
    assert timings.missing == {"broken": "mkdocs build of m.yml failed: 'citet' is undefined"}


@pytest.mark.parametrize(("sizes", "header", "expected"), [
    ({"responseBodySize": 1200}, "99", 1200),
    ({"responseBodySize": 0}, "854", 854),
    ({"responseBodySize": -194}, None, 0),
    ({}, "not-a-number", 0),
])
def test_body_bytes_prefers_chromiums_count_then_content_length(
        sizes: dict[str, int], header: str | None, expected: int) -> None:
    assert body_bytes(sizes, header) == expected


def test_ready_ratio_is_median_widget_over_median_floor_with_verdicts() -> None:
    times = ReadyTimes(
        cold={CLASSIFIER.name: [5000, 5200, 9000], FLOOR.name: [4800, 5000, 4000]},
        warm={CLASSIFIER.name: [3000, 3300, 3100], FLOOR.name: [2500, 2600, 2700]},
    )
    rows = {row.metric: row for row in ready_rows(times, runs=3)}
    cold = rows["ready / floor, cold"]
    warm = rows["ready / floor, warm"]
    assert cold.value == pytest.approx(5200 / 4800)
    assert cold.status == PASS
    assert warm.value == pytest.approx(3100 / 2600)
    assert warm.status == FAIL
    # Beside each ratio, how far it could move with these samples.
    assert cold.note.startswith("95% bootstrap interval ")
    low, high = (float(bound) for bound in cold.note.removesuffix("x").rsplit(" ", 1)[1].split("-"))
    assert low < cold.value < high


def test_ready_probe_watches_the_pages_own_selector() -> None:
    assert '"#bench-floor[data-state=\\"ready\\"]"' in FLOOR.probe()
    assert "data-role=\\\"status\\\"" in CLASSIFIER.probe()


def test_floor_is_installed_next_to_the_sites_pyodide(tmp_path: Path) -> None:
    with pytest.raises(NotAvailable, match=r"pyodide-lock\.json is missing"):
        install_floor(tmp_path)
    (tmp_path / "assets" / "pyodide").mkdir(parents=True)
    (tmp_path / "assets" / "pyodide" / "pyodide-lock.json").write_text("{}", encoding="utf-8")
    install_floor(tmp_path)
    worker = (tmp_path / widget_timing.FLOOR_DIR / "worker.mjs").read_text(encoding="utf-8")
    assert (tmp_path / widget_timing.FLOOR_DIR / "index.html").is_file()
    assert '"../assets/pyodide/"' in worker
    assert 'loadPackage("alliance"' in worker


def test_synthetic_figures_give_the_targets_and_what_the_macros_add() -> None:
    timings = Timings(samples={  # each first build is cold (empty caches): left out of the medians
        "plain Material 200": [4.0, 3.0, 3.0, 3.0], "macros 200": [9.0, 6.0, 6.0, 4.0],
        "plain Material 400": [20.0, 9.0, 9.0], "macros 400": [30.0, 12.0, 12.0],
    })
    rows = {row.metric: row for row in synthetic_figures(timings, 200, 400)}
    assert rows["synthetic macros 200 pages (median of the 3 after the first)"].value == pytest.approx(6.0)
    assert rows["synthetic 200 pages: macros / plain Material"].value == pytest.approx(6.0 / 3.0)
    assert rows["synthetic 200 pages: macros / plain Material"].status == FAIL  # > 1.2x
    assert rows["synthetic macros: 400 pages / 200 pages"].value == pytest.approx(12.0 / 6.0)
    growth = rows["synthetic 400/200 pages: growth with macros / plain Material's growth"]
    assert growth.value == pytest.approx((12.0 / 6.0) / (9.0 / 3.0))
    assert growth.status == PASS  # <= 1.1x
    assert growth.note.startswith("95% bootstrap interval ")
    # Warm builds only (4.0 or 6.0 over 3.0), so the interval runs from 4/3 to 2.
    assert rows["synthetic 200 pages: macros / plain Material"].note == "95% bootstrap interval 1.33-2.00x"
    assert rows["synthetic plain Material: 400 pages / 200 pages"].value == pytest.approx(3.0)
    assert rows["synthetic 200 pages: time the macros add (macros − plain)"].value == pytest.approx(3.0)
    assert rows["synthetic 400 pages: time the macros add (macros − plain)"].value == pytest.approx(3.0)
    assert rows["time the macros add: 400 pages / 200 pages"].value == pytest.approx(1.0)
    paired = rows["synthetic 200 pages: macros / plain Material, median of the 3 back-to-back pairs"]
    assert paired.value == pytest.approx(2.0) and paired.target is None  # 6/3, 6/3, 4/3
    assert rows["synthetic macros 200 pages: first build (empty build/ caches)"].value == pytest.approx(9.0)


def test_synthetic_figures_mark_what_a_failed_variant_prevents() -> None:
    timings = Timings(samples={"plain Material 200": [3.0], "plain Material 400": [9.0]},
                      missing={"macros 200": "no cite macro", "macros 400": "no cite macro"})
    rows = {row.metric: row for row in synthetic_figures(timings, 200, 400)}
    ratio_row = rows["synthetic 200 pages: macros / plain Material"]
    assert ratio_row.value is None and ratio_row.note == "not available yet: no cite macro"
    assert rows["synthetic plain Material: 400 pages / 200 pages"].value == pytest.approx(3.0)
    assert rows["time the macros add over plain Material"].value is None


def _load_options(script: str) -> set[str]:
    """The option names passed to ``loadPyodide({...})`` in a worker script."""
    call = re.search(r"loadPyodide\(\{(.*?)\}\)", script, re.DOTALL)
    assert call, "no loadPyodide({...}) call"
    return set(re.findall(r"(?:^|[{,])\s*(\w+)\s*:", call.group(1), re.MULTILINE))


def test_floor_worker_boots_pyodide_with_the_same_options_as_the_guides_worker() -> None:
    guide = (ROOT / "docs" / "assets" / "js" / "worker.mjs").read_text(encoding="utf-8")
    floor = (ROOT / "bench" / "floor" / "worker.mjs").read_text(encoding="utf-8")
    assert _load_options(floor) == _load_options(guide)
    for worker in (guide, floor):
        assert 'loadPackage("alliance"' in worker
        assert 'new URL("pyodide.mjs", PYODIDE_BASE)' in worker


def test_the_site_is_served_from_a_process_of_its_own_and_stopped_after(tmp_path: Path) -> None:
    import multiprocessing
    import urllib.request

    from bench import site_server

    (tmp_path / "page.mjs").write_text("export const pid = 1;\n", encoding="utf-8")
    port = widget_timing.free_port()
    with site_server.served(tmp_path, port) as url:
        with urllib.request.urlopen(url + "page.mjs", timeout=5) as response:
            assert response.read() == b"export const pid = 1;\n"
            assert response.headers["Content-Type"] == "text/javascript"
        assert url == f"http://127.0.0.1:{port}/"
        assert len(multiprocessing.active_children()) == 1
    assert not site_server._accepts(port)
    assert not multiprocessing.active_children()


def test_growth_interval_bounds_the_growth_over_the_base_growth() -> None:
    from bench.build_timing import growth_interval

    assert growth_interval([12.0, 12.0], [6.0, 6.0], [9.0, 9.0], [3.0, 3.0]) == pytest.approx((2 / 3, 2 / 3))
    low, high = growth_interval([11.0, 12.0, 13.0], [6.0, 6.5], [9.0, 9.5], [3.0, 3.2])
    assert low <= (12.0 / 6.25) / (9.25 / 3.1) <= high and low < high


def test_cpu_figures_repeat_the_targets_ratios_without_a_target() -> None:
    from bench.build_timing import cpu_figures

    cpu = Timings(samples={"plain Material 200": [4.0, 2.0, 2.0], "macros 200": [5.0, 2.4, 2.4],
                           "plain Material 400": [8.0, 4.0, 4.0], "macros 400": [9.0, 4.8, 4.8]})
    rows = {row.metric: row for row in cpu_figures(cpu, Timings(), 200, 400)}
    assert rows["synthetic 200 pages: macros / plain Material, CPU time"].value == pytest.approx(1.2)
    growth = rows["synthetic 400/200 pages: growth with macros / plain Material's growth, CPU time"]
    assert growth.value == pytest.approx(1.0) and growth.target is None
    assert cpu_figures(cpu, Timings(missing={"macros 200": "failed"}), 200, 400) == []
