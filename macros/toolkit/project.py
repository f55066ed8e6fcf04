"""The toolkit's inputs: where they live, what its files are called, and how a build step fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alliance.contract import RUNTIME
from mkdocs.exceptions import PluginError

CORE_FILES: tuple[str, ...] = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WASM_NAME = "pyodide.asm.wasm"
WASM_GZIP_NAME = "pyodide.asm.wasm.gz"
STDLIB_NAME = "python_stdlib.zip"
TRIMMED_STDLIB_NAME = "python_stdlib_min.zip"
LOCK_NAME = "pyodide-lock.json"
TOOLKIT_NAME = Path(RUNTIME["toolkit"]).name
PACKAGE_NAME = "alliance"
SITE_SUBDIR = Path("assets") / "pyodide"
CACHE_SUBDIR = Path("build") / "pyodide-assets"
HERE = Path(__file__).resolve().parent
BYTECODE_SCRIPT = HERE / "wheel_bytecode.mjs"  # runs wheel_bytecode.py in Pyodide
TRIM_SCRIPT = HERE / "stdlib_trim.mjs"  # runs stdlib_trim.py in Pyodide
SNAPSHOT_SCRIPT = HERE / "snapshot_size.mjs"  # measures the memory snapshot the browser keeps
FALLBACK_MODULE = HERE / "stdlib_fallback.py"
# What makes the cached files besides the package: a change to one of them gives a new cache entry.
BUILD_HELPERS = (HERE / "wheel_bytecode.py", BYTECODE_SCRIPT, HERE / "stdlib_trim.py", TRIM_SCRIPT,
                 FALLBACK_MODULE, SNAPSHOT_SCRIPT)


class AssetError(PluginError):
    """The Pyodide assets cannot be built; the message names the file and says what to do.

    A ``PluginError``: MkDocs ends the build with this one message, no traceback.
    """


@dataclass(frozen=True)
class Project:
    """Where the inputs and the cache live.

    The cache sits beside the real ``node_modules`` (copies of the project,
    such as the benchmark's synthetic sites and the build tests, link it), so
    they all share one cache; ``cache_root`` overrides that.
    """

    root: Path
    cache_root: Path | None = None

    @property
    def pyodide_dir(self) -> Path:
        return self.root / "node_modules" / "pyodide"

    @property
    def package_dir(self) -> Path:
        return self.root / "widgets"

    @property
    def examples_dir(self) -> Path:
        return self.package_dir / "examples"

    @property
    def runtime_dir(self) -> Path:
        return self.root / "docs" / "assets" / "js"

    @property
    def cache_dir(self) -> Path:
        if self.cache_root is not None:
            return self.cache_root
        return self.pyodide_dir.resolve().parent.parent / CACHE_SUBDIR


def pyodide_version(project: Project) -> str:
    """The npm package's version; fails with the fix if Pyodide is missing."""
    package_json = project.pyodide_dir / "package.json"
    missing = [name for name in (*CORE_FILES, LOCK_NAME) if not (project.pyodide_dir / name).is_file()]
    if not package_json.is_file() or missing:
        what = ", ".join(missing) or "package.json"
        raise AssetError(
            f"Pyodide is missing from {project.pyodide_dir} ({what} not found): run `make setup`"
        )
    return str(json.loads(package_json.read_text(encoding="utf-8"))["version"])


def package_sources(project: Project) -> list[Path]:
    """The files that make the wheel (their content keys the cache)."""
    sources = sorted((project.package_dir / PACKAGE_NAME).rglob("*.py"))
    if not sources:
        raise AssetError(f"no Python sources in {project.package_dir / PACKAGE_NAME}")
    return [project.package_dir / "pyproject.toml", *sources]


def examples(project: Project) -> list[Path]:
    """The package's example inputs: the trimmed standard library is made by running them."""
    return sorted(project.examples_dir.glob("*.json")) if project.examples_dir.is_dir() else []


def run(command: list[str], what: str, env: dict[str, str] | None = None) -> str:
    """Run a build step (with ``env`` added to the environment); its stdout, or an ``AssetError`` naming
    ``what`` with the step's last output."""
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env=None if env is None else {**os.environ, **env})
    if result.returncode != 0:
        output = (result.stdout[-1500:] + result.stderr[-1500:]).strip().replace("\n", " | ")
        raise AssetError(f"{what} failed (exit {result.returncode}): {output}")
    return result.stdout


def node() -> str:
    """The ``node`` command: the build runs Pyodide under Node."""
    found = shutil.which("node")
    if found is None:
        raise AssetError("node is not on PATH: the build runs Pyodide under Node (byte code, trimmed "
                         "standard library); install Node.js 20 or later")
    return found
