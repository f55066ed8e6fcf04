"""The tools' runtime in real Pyodide under Node: the trimmed standard library serves the package,
the full one comes on demand, and Pyodide's underscore-prefixed snapshot API is as pinned."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alliance.contract import REQUESTS, RUNTIME

from macros.toolkit.install import install_assets
from macros.toolkit.project import Project
from tests.browser.runtime_helpers import examples, expected
from tests.conftest import ROOT

pytestmark = pytest.mark.pyodide

SCRIPT = ROOT / "tests" / "pyodide" / "boot_like_the_worker.mjs"
PINNED_PYODIDE = "314.0.7"
# Pyodide's snapshot header begins with this number (API.makeSnapshot in pyodide.asm.mjs).
PYODIDE_SNAPSHOT_MAGIC = 1886286592


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's Pyodide folder, as the build installs it."""
    return install_assets(Project(ROOT), tmp_path_factory.mktemp("site"))


def run(assets: Path, scenario: str, job: dict[str, object], cwd: Path | None = None,
        env: dict[str, str] | None = None) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "node is required (make setup)"
    result = subprocess.run([node, str(SCRIPT), f"{assets}/", scenario, json.dumps(job)], capture_output=True,
                            text=True, timeout=300, check=False, cwd=cwd, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def calls() -> list[list[object]]:
    return [[REQUESTS[kind], payload] for kind, payload in examples()]


def expected_answers() -> list[object]:
    return [expected(kind, payload) for kind, payload in examples()]


def package_imports() -> list[str]:
    """Every module the package's browser-side sources import, and the package's own modules."""
    found: set[str] = set()
    package = ROOT / "widgets" / "alliance"
    for source in sorted(package.rglob("*.py")):
        if source.name in ("cli.py", "__main__.py"):
            continue
        relative = source.relative_to(package.parent).with_suffix("")
        found.add(".".join(part for part in relative.parts if part != "__init__"))
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
    return sorted(name for name in found if name.split(".")[0] in (*sys.stdlib_module_names, "alliance"))


def test_the_trimmed_library_serves_every_import_of_the_package_without_the_full_one(assets: Path) -> None:
    modules = package_imports()
    assert "json" in modules and "alliance.api" in modules
    outcome = run(assets, "imports", {"modules": modules, "calls": calls()})
    assert {name: state for name, state in outcome["imports"].items() if state != "ok"} == {}
    assert outcome["answers"] == expected_answers()


def test_a_module_outside_the_trimmed_library_comes_from_the_full_one_when_needed(assets: Path) -> None:
    wanted = ["email.mime.text", "unittest", "xml.dom.minidom", "no_such_module_anywhere"]
    loaded = run(assets, "fallback", {"modules": wanted, "loader": RUNTIME["full_stdlib_loader"]})["imports"]
    assert loaded["email.mime.text"] == loaded["unittest"] == loaded["xml.dom.minidom"] == "ok"
    assert loaded["no_such_module_anywhere"].startswith("ModuleNotFoundError")
    offline = run(assets, "imports", {"modules": ["email.mime.text"]})["imports"]
    assert offline["email.mime.text"].startswith("ModuleNotFoundError"), "no loader: fails, does not hang"


def test_a_snapshot_carries_nothing_from_the_machine_that_made_it(assets: Path, tmp_path: Path) -> None:
    """Made under Node, with a marked environment, home and working folder: none of them is in it."""
    import os

    folder = tmp_path / "zq-working-folder-marker"
    folder.mkdir()
    markers = ["zq-environment-marker-5521", "/tmp/zq-home-marker", str(folder), str(assets), str(ROOT)]
    env = {**os.environ, "ZQ_SECRET": markers[0], "HOME": markers[1], "USER": "zq-user-marker"}
    outcome = run(assets, "snapshot", {"markers": [*markers, "zq-user-marker"]}, cwd=folder, env=env)
    assert outcome["bytes"] > 10_000_000
    assert outcome["leaked"] == []


def test_pyodide_and_its_snapshot_api_are_as_pinned(assets: Path) -> None:
    """_makeSnapshot, makeMemorySnapshot and _loadSnapshot are underscore-prefixed: pinned and checked."""
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["pyodide"] == PINNED_PYODIDE, "exactly; a new Pyodide needs these tests"
    installed = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == PINNED_PYODIDE
    outcome = run(assets, "snapshot", {"calls": calls()})
    assert outcome["magic"] == PYODIDE_SNAPSHOT_MAGIC
    assert outcome["bytes"] > 10_000_000
    assert outcome["importedAtOnce"] is True, "a snapshot boot finds alliance.api imported"
    assert "build id mismatch" in outcome["refused"], "Pyodide refuses another build's snapshot"
    assert "_makeSnapshot" in outcome["withoutOption"]
    assert outcome["answers"] == expected_answers()


_ENVELOPE = """
const [module] = process.argv.slice(1);
const snapshots = await import(module);
const payload = new Uint8Array(100000).map((_, index) => (index * 7) % 251);
const head = await snapshots.header(payload, "abc123");
const whole = new Uint8Array(head.length + payload.length);
whole.set(head); whole.set(payload, head.length);
const outcome = {};
const check = async (name, bytes, id = "abc123") => {
  try { const opened = await snapshots.open(bytes, id); outcome[name] = opened.length; }
  catch (error) { outcome[name] = error.reason; }
};
await check("whole", whole);
await check("truncated", whole.slice(0, whole.length - 10));
await check("too short", whole.slice(0, 20));
const corrupt = whole.slice(); corrupt[5000] ^= 1; await check("corrupt", corrupt);
const magic = whole.slice(); magic[0] ^= 1; await check("no envelope", magic);
await check("other toolkit", whole, "abc124");
const format = whole.slice(); format[4] += 1; await check("other format", format);
console.log(JSON.stringify(outcome));
"""


def test_the_snapshot_envelope_names_each_fault() -> None:
    module = (ROOT / "docs" / "assets" / "js" / "snapshot.mjs").as_uri()
    result = subprocess.run(["node", "--input-type=module", "-e", _ENVELOPE, module], capture_output=True,
                            text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == {
        "whole": 100000, "truncated": "truncated", "too short": "truncated", "corrupt": "corrupt",
        "no envelope": "corrupt", "other toolkit": "other version", "other format": "other version"}
