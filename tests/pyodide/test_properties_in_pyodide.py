"""The plan's safety invariants and the tools' properties, as Hypothesis properties, run by pytest
inside real Pyodide under Node: the same test files CPython runs, on the same derandomized examples
(a share of them, see ``tests/unit/alliance_strategies.examples``)."""

from __future__ import annotations

import pytest

from tests.pyodide.against_cpython import ROOT, collected_under_cpython, summary_in_pyodide

PROPERTY_FILES = ("tests/unit/test_alliance_invariants.py", "tests/unit/test_alliance_properties.py")

pytestmark = pytest.mark.pyodide


def test_the_property_tests_pass_under_pytest_inside_pyodide() -> None:
    assert (ROOT / ".venv" / "pyodide-test-wheels" / ".installed").is_file(), "run `make setup` first"
    summary = summary_in_pyodide("--pytest", *PROPERTY_FILES, timeout=900)
    assert summary["exit"] == 0 and summary["failed"] == 0, summary["failures"]
    assert summary["passed"] == collected_under_cpython(PROPERTY_FILES)
