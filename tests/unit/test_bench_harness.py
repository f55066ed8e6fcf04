"""The benchmark harness's own logic: build failures, round-robin runs, profiles, byte counts, ratios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import build_timing, widget_timing
from bench.build_timing import Timings, failure_reason, synthetic_figures, time_interleaved
from bench.errors import NotAvailable
from bench.report import FAIL, PASS
from bench.site_server import Reading, Transfer
from bench.synthetic_site import ROOT
from bench.widget_timing import (
    CLASSIFIER,
    PLAIN,
    PROFILES,
    PYSCRIPT,
    Bytes,
    Visits,
    byte_rows,
    install_peers,
    ready_rows,
)

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


def _visits(first: tuple[list[float], ...], reload: tuple[list[float], ...]) -> Visits:
    """Visits of (classifier, plain, PyScript)."""
    names = (CLASSIFIER.name, PLAIN.name, PYSCRIPT.name)
    return Visits(first=dict(zip(names, first, strict=True)), reload=dict(zip(names, reload, strict=True)))


def test_ready_ratios_are_medians_of_the_classifier_over_the_plain_page_and_pyscript() -> None:
    visits = _visits(first=([1500, 1600, 4000], [3000, 3100, 2900], [3500, 3400, 3600]),
                     reload=([700, 800, 900], [1800, 1500, 1700], [800, 700, 750]))
    rows = {row.metric: row for row in ready_rows(PROFILES[0], visits)}
    first = rows["localhost: classifier / plain page, first visit"]
    assert first.value == pytest.approx(1600 / 3000)
    assert first.status == PASS  # <= 1.0x
    assert first.note.endswith("stretch <= 0.5x: not met")  # 0.53x
    reload = rows["localhost: classifier / plain page, return visit (reload)"]
    assert reload.value == pytest.approx(800 / 1700)
    assert reload.status == PASS  # <= 0.5x
    behind = rows["localhost: classifier / PyScript, return visit (reload)"]
    assert behind.value == pytest.approx(800 / 750)
    assert behind.status == FAIL  # ahead of PyScript means below 1x
    assert rows["localhost: plain page ready, first visit (median of 3)"].value == 3000
    # Beside each ratio, how far it could move with these samples.
    assert first.note.startswith("95% bootstrap interval ")
    bounds = first.note.split(";")[0].removesuffix("x").rsplit(" ", 1)[1]
    low, high = (float(bound) for bound in bounds.split("-"))
    assert low < first.value < high
    assert "localhost: classifier / plain page, return visit (new page, same context)" not in rows


def test_a_single_round_says_it_has_no_interval() -> None:
    slow = next(profile for profile in PROFILES if profile.rounds == 1)
    rows = {row.metric: row for row in ready_rows(slow, _visits(first=([25000], [31000], [33000]),
                                                                reload=([900], [2100], [2600])))}
    note = rows[f"{slow.name}: classifier / plain page, first visit"].note
    assert note.startswith("1 sample each: no interval")


def test_profiles_are_the_issues_networks_with_fewer_rounds_where_a_boot_takes_longest() -> None:
    by_name = {profile.name: profile for profile in PROFILES}
    assert by_name["localhost"].conditions() is None
    clinic = by_name["clinic Wi-Fi"].conditions()
    assert clinic == {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8,
                      "uploadThroughput": 5e6 / 8}
    slow = by_name["slow mobile"].conditions()
    assert slow["latency"] == 150 and slow["downloadThroughput"] == 1.6e6 / 8
    assert slow["uploadThroughput"] == 0.75e6 / 8
    rounds = [profile.rounds for profile in PROFILES]
    assert rounds == sorted(rounds, reverse=True) and rounds[-1] >= 1
    # The new-page return visit on localhost only; every profile has the reload.
    assert [profile.name for profile in PROFILES if profile.new_page] == ["localhost"]


def test_bytes_rows_give_both_hosts_and_judge_the_first_visit_and_the_return() -> None:
    count = Bytes(
        first={CLASSIFIER.name: Transfer(120, 5_900_000, 9_500_000),
               PLAIN.name: Transfer(6, 6_360_000, 13_400_000)},
        back={CLASSIFIER.name: Transfer(1, 276, 276), PLAIN.name: Transfer(6, 1600, 1600)},
        back_pyodide={CLASSIFIER.name: Transfer(0, 0, 0)},
        back_manifest={CLASSIFIER.name: Transfer(1, 268, 268)},
    )
    rows = {row.metric: row for row in byte_rows(count)}
    ratio_row = rows["first visit bytes (gzip host): classifier page / plain page"]
    assert ratio_row.value == pytest.approx(5.9 / 6.36) and ratio_row.status == PASS
    assert ratio_row.note == f"without compression: {9.5 / 13.4:.2f}x"
    runtime = rows["classifier page, return visit: Pyodide bytes, runtime and packages (0 requests)"]
    assert runtime.status == PASS
    revalidated = rows["classifier page, return visit: toolkit.json revalidated (1 requests)"]
    assert revalidated.value == 268 and revalidated.target is None
    assert rows["plain page: bytes on the wire, first visit, host without compression"].value == 13_400_000
    count.back_pyodide[CLASSIFIER.name] = Transfer(1, 300, 300)
    assert {row.metric: row for row in byte_rows(count)}[
        "classifier page, return visit: Pyodide bytes, runtime and packages (1 requests)"].status == FAIL


def test_the_return_visits_pyodide_bytes_leave_out_only_the_revalidated_toolkit_manifest() -> None:
    from bench.site_server import Reading

    reading = Reading({"/tools/classifier.html": [1, 276, 276], "/assets/pyodide/toolkit.json": [1, 268, 268],
                       "/assets/pyodide/pyodide.asm.wasm.gz": [1, 3_000_000, 9_000_000]})
    runtime = reading.total(widget_timing.PYODIDE_PATH, without=(widget_timing.TOOLKIT_MANIFEST,))
    assert (runtime.requests, runtime.sent) == (1, 3_000_000)
    assert reading.total(widget_timing.TOOLKIT_MANIFEST).sent == 268
    assert reading.total().requests == 3


def test_a_reading_sums_what_was_sent_under_a_path() -> None:
    reading = Reading({"/assets/pyodide/pyodide.asm.wasm.gz": [1, 3_500_000, 3_500_000],
                       "/tools/classifier.html": [2, 30_000, 120_000]})
    assert reading.total() == Transfer(3, 3_530_000, 3_620_000)
    assert reading.total("/assets/pyodide/") == Transfer(1, 3_500_000, 3_500_000)


def test_ready_probe_watches_the_pages_own_selector() -> None:
    assert '"#bench-page[data-state=\\"ready\\"]"' in PLAIN.probe()
    assert "data-role=\\\"status\\\"" in CLASSIFIER.probe()


def test_peers_are_installed_next_to_the_sites_pyodide(tmp_path: Path) -> None:
    with pytest.raises(NotAvailable, match=r"pyodide-lock\.json is missing"):
        install_peers(tmp_path)
    (tmp_path / "assets" / "pyodide").mkdir(parents=True)
    (tmp_path / "assets" / "pyodide" / "pyodide-lock.json").write_text("{}", encoding="utf-8")
    install_peers(tmp_path)
    peers = tmp_path / widget_timing.PEERS_DIR
    plain = (peers / "plain.html").read_text(encoding="utf-8")
    assert "../assets/pyodide/" in plain and "loadPyodide({ indexURL: base.href })" in plain
    assert "Worker" not in plain, "the floor runs on the main thread"
    assert (peers / "pyscript" / "core.js").is_file()
    assert not list((peers / "pyscript").glob("*.map"))
    pyscript = (peers / "pyscript.html").read_text(encoding="utf-8")
    assert '"interpreter": "../assets/pyodide/pyodide.mjs"' in pyscript


def test_the_pinned_pyscript_is_the_peer() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["devDependencies"]["@pyscript/core"]), "pinned exactly"
    installed = json.loads((widget_timing.PYSCRIPT_DIST.parent / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == package["devDependencies"]["@pyscript/core"]


def test_synthetic_figures_give_the_targets_and_what_the_macros_add() -> None:
    timings = Timings(samples={  # each first build is cold (empty caches): left out of the medians
        "plain Material 200": [4.0, 3.0, 3.0, 3.0], "macros 200": [9.0, 6.0, 6.0, 4.0],
        "plain Material 400": [20.0, 9.0, 9.0], "macros 400": [30.0, 12.0, 12.0],
    })
    rows = {row.metric: row for row in synthetic_figures(timings, 200, 400)}
    assert rows["synthetic macros 200 pages (median of the 3 after the first)"].value == pytest.approx(6.0)
    assert rows["synthetic 200 pages: macros / plain Material"].value == pytest.approx(6.0 / 3.0)
    assert rows["synthetic 200 pages: macros / plain Material"].target is None  # 1.2x withdrawn (issue 23)
    assert rows["synthetic macros: 400 pages / 200 pages"].value == pytest.approx(12.0 / 6.0)
    growth = rows["synthetic 400/200 pages: growth with macros / plain Material's growth"]
    assert growth.value == pytest.approx((12.0 / 6.0) / (9.0 / 3.0))
    assert growth.status == PASS  # <= 1.1x
    assert growth.note.startswith("95% bootstrap interval ")
    # Warm builds only (4.0 or 6.0 over 3.0), so the interval runs from 4/3 to 2.
    assert rows["synthetic 200 pages: macros / plain Material"].note == (
        "95% bootstrap interval 1.33-2.00x; " + build_timing.WITHDRAWN)
    assert rows["synthetic plain Material: 400 pages / 200 pages"].value == pytest.approx(3.0)
    assert rows["synthetic 200 pages: time the macros add (macros − plain)"].value == pytest.approx(3.0)
    assert rows["synthetic 400 pages: time the macros add (macros − plain)"].value == pytest.approx(3.0)
    assert rows["time the macros add: 400 pages / 200 pages"].value == pytest.approx(1.0)
    paired = rows["synthetic 200 pages: macros / plain Material, median of the 3 back-to-back pairs"]
    assert paired.value == pytest.approx(2.0) and paired.target is None  # 6/3, 6/3, 4/3
    assert rows["synthetic macros 200 pages: first build (empty build/ caches)"].value == pytest.approx(9.0)


def test_the_machinery_is_judged_against_the_floor_of_trivial_macros() -> None:
    timings = Timings(samples={
        "plain Material 200": [4.0, 3.0, 3.0, 3.0], "floor 200": [5.0, 4.0, 4.0, 4.0],
        "macros 200": [9.0, 4.4, 4.4, 4.4],
        "plain Material 400": [20.0, 9.0, 9.0], "macros 400": [30.0, 12.0, 12.0],
    })
    rows = {row.metric: row for row in synthetic_figures(timings, 200, 400)}
    machinery = rows["synthetic 200 pages: machinery (the guide's macros, kit and hooks) / floor"]
    assert machinery.value == pytest.approx(1.1) and machinery.status == PASS  # <= 1.15x
    assert build_timing.WITHDRAWN not in machinery.note  # only macros / plain Material lost its target
    assert rows["synthetic 200 pages: floor / plain Material"].value == pytest.approx(4.0 / 3.0)
    assert rows["synthetic floor 200 pages (median of the 3 after the first)"].value == pytest.approx(4.0)
    timings.samples["macros 200"] = [9.0, 6.0, 6.0, 6.0]
    over = {row.metric: row for row in synthetic_figures(timings, 200, 400)}
    assert over["synthetic 200 pages: machinery (the guide's macros, kit and hooks) / floor"].status == FAIL
    # Without a floor measured (an older caller), no floor rows at all.
    del timings.samples["floor 200"]
    assert not [row for row in synthetic_figures(timings, 200, 400) if "floor" in row.metric]


def test_the_floor_site_is_the_same_pages_under_trivial_macros_and_no_hooks(tmp_path: Path) -> None:
    from bench import synthetic_site

    floor = synthetic_site.write_project(tmp_path / "floor", 12, False, floor=True)
    plain = synthetic_site.write_project(tmp_path / "plain", 12, False)
    config = synthetic_site.site_config(12, False, floor=True)
    assert config["plugins"][1]["macros"]["module_name"] == synthetic_site.FLOOR_MODULE
    assert "hooks" not in config and not any("evidence" in str(plugin) for plugin in config["plugins"])
    floor_docs, plain_docs = floor.parent / "docs", plain.parent / "docs"
    pages = sorted(path.relative_to(floor_docs) for path in floor_docs.rglob("*.md"))
    assert pages == sorted(path.relative_to(plain_docs) for path in plain_docs.rglob("*.md"))
    assert all((floor_docs / page).read_text() == (plain_docs / page).read_text() for page in pages)
    # Every macro a page calls is one of the floor's.
    called = set()
    for page in pages:
        called |= set(re.findall(r"{{ (\w+)\(", (floor_docs / page).read_text()))
    assert called and called <= set(synthetic_site.FLOOR_MACROS)


def test_synthetic_figures_mark_what_a_failed_variant_prevents() -> None:
    timings = Timings(samples={"plain Material 200": [3.0], "plain Material 400": [9.0]},
                      missing={"macros 200": "no cite macro", "macros 400": "no cite macro"})
    rows = {row.metric: row for row in synthetic_figures(timings, 200, 400)}
    ratio_row = rows["synthetic 200 pages: macros / plain Material"]
    assert ratio_row.value is None and ratio_row.note == "not available yet: no cite macro"
    assert rows["synthetic plain Material: 400 pages / 200 pages"].value == pytest.approx(3.0)
    assert rows["time the macros add over plain Material"].value is None


def test_the_site_is_served_from_a_process_of_its_own_and_stopped_after(tmp_path: Path) -> None:
    import multiprocessing
    import urllib.request

    from bench import site_server

    (tmp_path / "page.mjs").write_text("export const pid = 1;\n", encoding="utf-8")
    port = widget_timing.free_port()
    with site_server.served(tmp_path, port) as url:
        with urllib.request.urlopen(url + "page.mjs", timeout=5) as response:
            assert response.read() == b"export const pid = 1;\n"
            assert response.headers["Content-Type"].startswith("text/javascript")
        assert url == f"http://127.0.0.1:{port}/"
        assert len(multiprocessing.active_children()) == 1
        counted = site_server.take(url)
        assert counted.total("/page.mjs").requests == 1
        assert counted.total().sent > len(b"export const pid = 1;\n")
        assert site_server.take(url).total() == Transfer(), "each reading starts again"
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


def test_the_phone_is_the_slow_mobile_link_with_a_cpu_four_times_slower_and_says_what_that_slows() -> None:
    by_name = {profile.name: profile for profile in PROFILES}
    phone, slow = by_name["phone"], by_name["slow mobile"]
    assert phone.conditions() == slow.conditions() and phone.cpu_rate == 4
    assert phone.new_page is False  # the plain page is slowest there: one return
    assert set(phone.pages or ()) == {widget_timing.PLAIN.name, widget_timing.CLASSIFIER.name}
    rows = {row.metric: row for row in ready_rows(phone, _visits(first=([40000], [41000], [30000]),
                                                                 reload=([3000], [4000], [1000])))}
    first = rows["phone: classifier / plain page, first visit"]
    assert first.status == PASS and widget_timing.CPU_CAVEAT in first.note
    assert "CPU 4x slower (main thread)" in phone.describe()


def test_memory_rows_judge_the_peak_and_say_why_only_when_it_is_over() -> None:
    over = widget_timing.memory_rows(widget_timing.Memory(50e6, 44e6), widget_timing.Memory(100e6, 65e6))
    under = widget_timing.memory_rows(widget_timing.Memory(50e6, 44e6), widget_timing.Memory(55e6, 45e6))
    judged = [row for row in over if row.target is not None]
    assert len(judged) == 1 and judged[0].status == FAIL and judged[0].note.startswith("why not")
    assert next(row for row in under if row.target).status == PASS
    assert next(row for row in under if row.target).note == ""
    assert {row.value for row in over if row.unit == " MB"} == {50, 100, 44, 65}
    settled = next(row for row in over if row.metric == "memory once settled: classifier page / plain page")
    assert settled.value == 65 / 44 and settled.target is None


def test_engine_rows_judge_first_and_return_visits_and_leave_webkits_reload_without_a_target() -> None:
    from bench.engine_timing import Visits, rows_for

    visits = Visits()
    for kind, plain, ours in (("first", [3000, 3200], [1500, 1600]), ("window", [2000, 2100], [600, 700]),
                              ("reload", [2000, 2200], [2500, 2600])):
        for value in plain:
            visits.add(kind, widget_timing.PLAIN, value)
        for value in ours:
            visits.add(kind, widget_timing.CLASSIFIER, value)
    rows = {row.metric: row for row in rows_for("webkit", visits)}
    assert rows["webkit: classifier / plain page, first visit"].status == PASS
    window = rows["webkit: classifier / plain page, return visit (new window, same session)"]
    assert window.target is not None and window.target.limit == 0.5 and window.status == PASS
    reload = rows["webkit: classifier / plain page, return visit (reload of the only window)"]
    assert reload.target is None and "empties the tools' cache" in reload.note
    firefox = {row.metric: row for row in rows_for("firefox", visits)}
    firefox_reload = firefox["firefox: classifier / plain page, return visit (reload of the only window)"]
    assert firefox_reload.status == FAIL, "a return visit in Firefox, judged"
    assert rows["webkit: plain page ready, first visit (median of 2)"].value == 3100
