"""Run tests inside real Pyodide under Node, and count what CPython collects of the same, to compare."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_in_pyodide.mjs"


def collected_under_cpython(paths: tuple[str, ...] = ("widgets/tests",)) -> int:
    """How many tests pytest collects from ``paths`` under CPython."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *paths],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(r"(\d+) tests? collected", result.stdout)
    assert match, result.stdout
    return int(match.group(1))


def summary_in_pyodide(*arguments: str, timeout: int) -> dict[str, Any]:
    """``run_in_pyodide.mjs --json`` with ``arguments``: its summary, once it ran in Pyodide and exited 0."""
    node = shutil.which("node")
    assert node, "node is required to run the Pyodide tests (make setup installs the npm packages)"
    result = subprocess.run([node, str(RUNNER), "--json", *arguments], cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["platform"] == "emscripten"
    return summary
