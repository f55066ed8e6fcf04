"""The alliance package's own tests, run inside real Pyodide under Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pyodide.counts import collected_under_cpython

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_in_pyodide.mjs"

pytestmark = pytest.mark.pyodide


def test_package_tests_pass_in_pyodide() -> None:
    node = shutil.which("node")
    assert node, "node is required to run the Pyodide tests (make setup installs the npm packages)"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file(), "run `npm ci` first"
    result = subprocess.run(
        [node, str(RUNNER), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["platform"] == "emscripten"
    assert summary["failed"] == 0, summary["failures"]
    assert summary["passed"] == collected_under_cpython()
