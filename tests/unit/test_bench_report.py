"""The benchmark's targets (PASS/FAIL at the limit), N/A rows and tables."""

from __future__ import annotations

import pytest

from bench.report import (
    FAIL,
    NOT_AVAILABLE,
    PASS,
    Row,
    Target,
    format_number,
    render_markdown,
    render_text,
    results_markdown,
    summary,
    unavailable,
)

RATIO = Target("<=", 1.5, "x")


@pytest.mark.parametrize(("value", "status"), [(1.2, PASS), (1.5, PASS), (1.5001, FAIL), (3.0, FAIL)])
def test_upper_limit_passes_up_to_and_including_the_limit(value: float, status: str) -> None:
    assert Row("build", "ratio", value, "x", RATIO).status == status


def test_zero_bytes_target_passes_only_at_zero() -> None:
    zero = Target("<=", 0, " B")
    assert Row("widgets", "pyodide bytes", 0, " B", zero).status == PASS
    assert Row("widgets", "pyodide bytes", 1, " B", zero).status == FAIL


def test_lower_limit_comparison() -> None:
    assert Target(">=", 10).met_by(10)
    assert not Target(">=", 10).met_by(9.99)


def test_unknown_comparison_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown comparison"):
        Target("~", 1)


def test_strict_limits_exclude_the_limit() -> None:
    assert Target("<", 1.0).met_by(0.99) and not Target("<", 1.0).met_by(1.0)
    assert Target(">", 0).met_by(1) and not Target(">", 0).met_by(0)


def test_row_without_target_has_no_verdict() -> None:
    assert Row("build", "guide build", 2.0, " s").status == ""


def test_unavailable_row_says_why_and_is_neither_pass_nor_fail() -> None:
    row = unavailable("widgets", "click p95", "no ready signal on tools/classifier.html", RATIO)
    assert row.value is None
    assert row.status == NOT_AVAILABLE
    assert row.note == "not available yet: no ready signal on tools/classifier.html"
    assert row.shown_value == "—"


@pytest.mark.parametrize(("value", "shown"), [(0, "0"), (1.234, "1.23"), (29.04, "29.0"),
                                              (1234.6, "1,235"), (14099669, "14,099,669")])
def test_numbers_are_shown_with_sensible_precision(value: float, shown: str) -> None:
    assert format_number(value) == shown


def _rows() -> list[Row]:
    return [
        Row("build", "synthetic ratio", 1.2, "x", RATIO),
        Row("build", "growth", 2.5, "x", Target("<=", 2.2, "x")),
        Row("build", "guide build", 3.0, " s"),
        unavailable("widgets", "ready / floor | cold", "no widget yet", Target("<=", 1.1, "x")),
    ]


def test_text_table_puts_the_verdict_beside_each_figure() -> None:
    lines = render_text(_rows()).splitlines()
    assert len(lines) == 2 + 4  # header, rule, rows
    ratio_line = next(line for line in lines if "synthetic ratio" in line)
    assert "1.20x" in ratio_line and "<= 1.50x" in ratio_line and PASS in ratio_line
    assert FAIL in next(line for line in lines if "growth" in line)
    assert "not available yet: no widget yet" in lines[-1]


def test_markdown_table_has_one_line_per_row_and_escapes_pipes() -> None:
    lines = render_markdown(_rows()).splitlines()
    assert len(lines) == 2 + 4
    assert all(line.startswith("| ") or line.startswith("|---") for line in lines)
    assert "ready / floor \\| cold" in lines[-1]


def test_summary_counts_only_rows_with_a_target() -> None:
    assert summary(_rows()) == "1 PASS, 1 FAIL, 1 not available"


def test_results_document_carries_table_machine_and_method() -> None:
    text = results_markdown(_rows(), {"cpus (nproc)": "2"}, ["Median of 5."], 123.4)
    assert "| build | synthetic ratio | 1.20x | <= 1.50x | PASS |" in text
    assert "- cpus (nproc): 2" in text
    assert "- Median of 5." in text
    assert "whole run 123 s" in text
