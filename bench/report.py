"""Rows of results, targets with PASS/FAIL, and the text and Markdown tables."""

from __future__ import annotations

import operator
import os
import platform
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

PASS = "PASS"
FAIL = "FAIL"
NOT_AVAILABLE = "N/A"

_COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}


@dataclass(frozen=True)
class Target:
    """A limit a figure must meet, e.g. ``Target("<=", 1.5, "x")``."""

    comparison: str
    limit: float
    unit: str = ""

    def __post_init__(self) -> None:
        if self.comparison not in _COMPARATORS:
            raise ValueError(f"unknown comparison {self.comparison!r}; use one of {sorted(_COMPARATORS)}")

    def met_by(self, value: float) -> bool:
        return _COMPARATORS[self.comparison](value, self.limit)

    def describe(self) -> str:
        return f"{self.comparison} {format_number(self.limit)}{self.unit}"


@dataclass(frozen=True)
class Row:
    """One line of the results table.

    ``value`` is None when the figure could not be measured; ``note`` then says
    why (``not available yet: <reason>``).
    """

    section: str
    metric: str
    value: float | None
    unit: str = ""
    target: Target | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.value is None:
            return NOT_AVAILABLE
        if self.target is None:
            return ""
        return PASS if self.target.met_by(self.value) else FAIL

    @property
    def shown_value(self) -> str:
        if self.value is None:
            return "—"
        return f"{format_number(self.value)}{self.unit}"


def unavailable(section: str, metric: str, reason: str, target: Target | None = None) -> Row:
    """A row for a figure that could not be measured, saying why."""
    return Row(section, metric, None, target=target, note=f"not available yet: {reason}")


def format_number(value: float) -> str:
    """Two decimals below 10, one below 100, none above (thousands separated)."""
    if value == int(value):
        return f"{int(value):,}"
    if abs(value) < 10:
        return f"{value:.2f}"
    if abs(value) < 100:
        return f"{value:.1f}"
    return f"{value:,.0f}"


_HEADER = ("section", "metric", "value", "target", "result", "note")


def _cells(row: Row) -> tuple[str, ...]:
    target = row.target.describe() if row.target else ""
    return (row.section, row.metric, row.shown_value, target, row.status, row.note)


def render_text(rows: Sequence[Row]) -> str:
    """A fixed-width table for the terminal."""
    table = [_HEADER, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(_HEADER) - 1)]
    lines = []
    for line in table:
        fixed = "  ".join(cell.ljust(width) for cell, width in zip(line[:-1], widths, strict=True))
        lines.append(f"{fixed}  {line[-1]}".rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def render_markdown(rows: Sequence[Row]) -> str:
    """A Markdown table of the same rows."""
    lines = ["| " + " | ".join(_HEADER) + " |", "|" + "---|" * len(_HEADER)]
    lines += ["| " + " | ".join(_escape(cell) for cell in _cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def summary(rows: Sequence[Row]) -> str:
    """``N PASS, M FAIL, K not available`` over the rows that have a target."""
    statuses = [row.status for row in rows if row.target is not None]
    return (f"{statuses.count(PASS)} PASS, {statuses.count(FAIL)} FAIL, "
            f"{statuses.count(NOT_AVAILABLE)} not available")


def _command_version(command: Sequence[str]) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return completed.stdout.strip() or completed.stderr.strip() or "unknown"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other work on the machine skews every figure)."""
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine_info(chromium: str, load_at_start: str) -> dict[str, str]:
    """What the figures were measured on."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus (nproc)": str(os.cpu_count()),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "chromium": _command_version([chromium, "--version"]),
        "load average (1/5/15 min) at start": load_at_start,
        "load average (1/5/15 min) at end": load_average(),
    }


def results_markdown(rows: Sequence[Row], machine: dict[str, str], notes: Sequence[str],
                     elapsed_seconds: float) -> str:
    """The whole ``bench/results.md`` document."""
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand.",
        "",
        render_markdown(rows),
        "",
        f"**{summary(rows)}** (whole run {elapsed_seconds:.0f} s).",
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in machine.items()),
    ]
    if notes:
        parts += ["", "## How these were measured", "", *(f"- {note}" for note in notes)]
    return "\n".join(parts) + "\n"
