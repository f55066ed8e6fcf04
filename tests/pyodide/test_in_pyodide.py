"""The alliance package's own tests, run inside real Pyodide under Node."""

from __future__ import annotations

import pytest

from tests.pyodide.against_cpython import ROOT, collected_under_cpython, summary_in_pyodide

pytestmark = pytest.mark.pyodide


def test_package_tests_pass_in_pyodide() -> None:
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file(), "run `npm ci` first"
    summary = summary_in_pyodide(timeout=600)
    assert summary["failed"] == 0, summary["failures"]
    assert summary["passed"] == collected_under_cpython()
