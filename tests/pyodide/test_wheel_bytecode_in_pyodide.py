"""The wheel the site serves carries byte code that Pyodide's own Python uses."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from macros.toolkit.cache import cached_assets
from macros.toolkit.project import PACKAGE_NAME, Project
from tests.conftest import ROOT

pytestmark = pytest.mark.pyodide

# Unpack the wheel into Pyodide's site-packages, overwrite every source so that
# reading one would fail, then import the package and classify.
_SCRIPT = """
import { readFileSync } from "node:fs";
const [pyodideDir, wheel] = process.argv.slice(1);
const { loadPyodide } = await import(pyodideDir + "/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.FS.writeFile("/tmp/package.whl", readFileSync(wheel));
console.log(pyodide.runPython(`
import json, pathlib, sysconfig, zipfile
site = pathlib.Path(sysconfig.get_paths()["purelib"])
zipfile.ZipFile("/tmp/package.whl").extractall(site)
sources = sorted(site.glob("alliance/*.py"))
for source in sources:
    source.write_text("raise RuntimeError('the source was read')\\\\n")
import alliance.api
json.dumps({"sources": len(sources), "cached": alliance.api.__spec__.cached,
            "reply": json.loads(alliance.api.classify_json("{}"))["error"]["type"]})
`));
"""


def test_pyodide_imports_the_served_wheel_from_its_byte_code() -> None:
    node = shutil.which("node")
    assert node, "node is required (make setup)"
    project = Project(ROOT)
    wheel = next(cached_assets(project).glob(f"{PACKAGE_NAME}-*/*.whl"))
    command = [node, "--input-type=module", "-e", _SCRIPT, str(project.pyodide_dir), str(wheel)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["sources"] >= 5
    assert outcome["cached"].endswith(".cpython-314.pyc")
    assert outcome["reply"] == "AllianceInputError"  # no answers: refused by the code itself, not a crash
