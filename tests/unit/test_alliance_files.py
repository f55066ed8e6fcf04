"""CPython-only checks of the alliance package's files: CLI as a subprocess, schemas, examples, wheel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from alliance import model
from alliance.bibliography import WORKS
from alliance.questions import QUESTIONS_BY_ID
from alliance.schema import ANSWERS_SCHEMA, PLAN_INPUTS_SCHEMA, SCHEMAS, schema_text
from alliance.validate import check
from evidence.citations import DEFAULT_BIB, Library

from macros import package_bibliography

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = ROOT / "widgets"
EXAMPLES = sorted((WIDGETS / "examples").glob("*.json"))


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alliance", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_schema_files_are_current() -> None:
    for name in SCHEMAS:
        path = WIDGETS / "schema" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == schema_text(name), (
            f"{path} is stale: run `python -m alliance schema --write widgets/schema`"
        )


def test_bibliography_module_is_current() -> None:
    path = package_bibliography.TARGET
    assert path.read_text(encoding="utf-8") == package_bibliography.current_text(), (
        f"{path} is stale: run `python -m macros.package_bibliography --write`"
    )


def test_the_package_cites_with_the_sites_labels_and_references() -> None:
    library = Library.load(ROOT / DEFAULT_BIB)
    assert set(WORKS) == model.SOURCES
    for key, work in WORKS.items():
        form = library.formatted(key)
        assert (work.authors, work.date, work.reference) == (form.authors, form.date, form.reference_text)
    orders = sorted(WORKS, key=lambda key: WORKS[key].order)
    assert orders == [key for key in library.ordered_keys if key in WORKS]


def test_there_are_examples_of_both_kinds() -> None:
    names = [path.name for path in EXAMPLES]
    assert any(name.startswith("answers-") for name in names)
    assert any(name.startswith("plan-inputs-") for name in names)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_examples_validate_and_run_through_the_cli(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    kind = "classify" if path.name.startswith("answers-") else "plan"
    body = document.get("answers" if kind == "classify" else "inputs", document)
    assert check(body, ANSWERS_SCHEMA if kind == "classify" else PLAN_INPUTS_SCHEMA) == []
    for output_format in ("json", "markdown", "text"):
        result = cli(kind, str(path), "--format", output_format)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()


def test_cli_reads_standard_input_and_exits_2_on_bad_input() -> None:
    good = (WIDGETS / "examples" / "answers-seeking-support.json").read_text(encoding="utf-8")
    result = cli("classify", "-", stdin=good)
    assert result.returncode == 0 and json.loads(result.stdout)["stage"] == "seeking-support"
    bad = cli("classify", "-", stdin='{"presence": "maybe"}')
    assert bad.returncode == 2 and bad.stdout == ""
    assert "bad input in standard input" in bad.stderr
    presence, trust = QUESTIONS_BY_ID["presence"].quoted(), QUESTIONS_BY_ID["trust"].quoted()
    assert f"{presence}: 'maybe' is not one of its answers" in bad.stderr
    assert f"{trust} has no answer." in bad.stderr
    old = cli("classify", "-", stdin=json.dumps({"participation": "active", "in-charge": "patient"}))
    assert old.returncode == 2 and "what changed: “Who is in charge” is now two questions" in old.stderr
    usage = cli("plan")
    assert usage.returncode == 2 and "usage:" in usage.stderr


def test_the_package_imports_nothing_outside_the_standard_library() -> None:
    code = (
        "import sys; sys.path.insert(0, 'widgets'); before = set(sys.modules);"
        "import alliance, alliance.api, alliance.cli, alliance.output, alliance.schema;"
        "names = {m.split('.')[0] for m in set(sys.modules) - before};"
        "print(sorted(n for n in names if n not in sys.stdlib_module_names and n != 'alliance'))"
    )
    result = subprocess.run(  # -S: no site-packages, so only the standard library can be found
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_package_does_not_import_what_the_browsers_python_compiles_from_source() -> None:
    # Pyodide 314 compiled urllib.parse (and ipaddress) from source on import: ~100 ms before the
    # tools were ready, more than the whole package takes (measured under Node).
    code = ("import sys; sys.path.insert(0, 'widgets'); import alliance.api; "
            "print('urllib.parse' in sys.modules)")
    result = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.stdout.strip() == "False", result.stderr
