"""The plan's safety invariants and the tools' properties, as Hypothesis properties, run by pytest
inside real Pyodide under Node: the same test files CPython runs, on the same derandomized examples
(a share of them, see ``tests/unit/alliance_strategies.examples``)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pyodide.counts import collected_under_cpython

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_in_pyodide.mjs"
PROPERTY_FILES = ("tests/unit/test_alliance_invariants.py", "tests/unit/test_alliance_properties.py")

pytestmark = pytest.mark.pyodide


def test_the_property_tests_pass_under_pytest_inside_pyodide() -> None:
    node = shutil.which("node")
    assert node, "node is required to run the Pyodide tests (make setup installs the npm packages)"
    assert (ROOT / ".venv" / "pyodide-test-wheels" / ".installed").is_file(), "run `make setup` first"
    result = subprocess.run(
        [node, str(RUNNER), "--json", "--pytest", *PROPERTY_FILES],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["platform"] == "emscripten"
    assert summary["exit"] == 0 and summary["failed"] == 0, summary["failures"]
    assert summary["passed"] == collected_under_cpython(PROPERTY_FILES)
