"""Self-hosted Pyodide and the ``alliance`` wheel, copied into the built site.

After every build (``on_post_build``) the site gets ``assets/pyodide/`` with:

- Pyodide's core files from ``node_modules/pyodide`` (the npm package);
- ``alliance-<hash>/alliance-<version>-py3-none-any.whl``: the package, built
  offline with pip from ``widgets/`` and byte-compiled by Pyodide's own Python
  under Node (``wheel_bytecode.py``); the folder name is a hash of the package
  sources, so a browser never reuses a stale wheel after an edit;
- ``pyodide-lock.json``: Pyodide's lock file with the wheel added by
  ``pyodide lockfile add-wheels``, trimmed to the packages the site serves.

Building the wheel and the lock takes seconds, and the site is built many
times (``mkdocs serve``, the tests, the benchmark), so both are cached in
``build/pyodide-assets/<key>/`` (beside the real ``node_modules``), keyed by
a hash of the package sources and the Pyodide version. Later builds only copy
files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORE_FILES: tuple[str, ...] = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_NAME = "pyodide-lock.json"
PACKAGE_NAME = "alliance"
SITE_SUBDIR = Path("assets") / "pyodide"
CACHE_SUBDIR = Path("build") / "pyodide-assets"
CACHE_ENTRIES = 8  # the most recent package versions kept in the cache
BYTECODE_SCRIPT = Path(__file__).with_name("wheel_bytecode.mjs")  # runs wheel_bytecode.py in Pyodide
BYTECODE_HELPERS = (Path(__file__).with_name("wheel_bytecode.py"), BYTECODE_SCRIPT)


class AssetError(RuntimeError):
    """The Pyodide assets cannot be built; the message says what to do."""


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


def cache_key(project: Project) -> str:
    """A hash of the package sources, the Pyodide version and its lock file, and the compile step."""
    digest = hashlib.sha256()
    digest.update(pyodide_version(project).encode())
    digest.update((project.pyodide_dir / LOCK_NAME).read_bytes())
    for helper in BYTECODE_HELPERS:
        digest.update(helper.read_bytes())
    for path in package_sources(project):
        digest.update(path.relative_to(project.package_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssetError(
            f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )


def build_wheel(project: Project, dest: Path) -> Path:
    """Build the ``alliance`` wheel offline into ``dest`` from a copy of its sources.

    Building from a copy keeps ``widgets/`` free of build/ and egg-info/
    folders and lets two builds run at once.
    """
    with tempfile.TemporaryDirectory(prefix="alliance-src-") as tmp:
        source = Path(tmp) / "widgets"
        source.mkdir()
        shutil.copy2(project.package_dir / "pyproject.toml", source / "pyproject.toml")
        shutil.copytree(
            project.package_dir / PACKAGE_NAME,
            source / PACKAGE_NAME,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                   "--disable-pip-version-check", "--quiet", "-w", str(dest), str(source)]
        _run(command, f"building the {PACKAGE_NAME} wheel")
    wheels = sorted(dest.glob(f"{PACKAGE_NAME}-*.whl"))
    if len(wheels) != 1:
        raise AssetError(f"expected one {PACKAGE_NAME} wheel in {dest}, found {[w.name for w in wheels]}")
    compile_in_pyodide(project, wheels[0])
    return wheels[0]


def compile_in_pyodide(project: Project, wheel: Path) -> None:
    """Replace ``wheel`` by its byte-compiled form, made by Pyodide's Python under Node."""
    node = shutil.which("node")
    if node is None:
        raise AssetError("node is not on PATH: the build runs Pyodide under Node to byte-compile the wheel; "
                         "install Node.js 20 or later")
    compiled = wheel.with_name(f".{wheel.name}.compiled")
    _run([node, str(BYTECODE_SCRIPT), str(project.pyodide_dir), str(wheel), str(compiled)],
         f"byte-compiling {wheel.name} in Pyodide")
    os.replace(compiled, wheel)


def pyodide_cli() -> Path:
    """The ``pyodide`` command of pyodide-build, next to this Python."""
    cli = Path(sys.executable).parent / "pyodide"
    if not cli.is_file():
        raise AssetError(f"{cli} not found: pyodide-build is not installed in this venv; run `make setup`")
    return cli


def build_lock(project: Project, wheel: Path, subfolder: str, dest: Path) -> Path:
    """Add ``wheel`` to a copy of Pyodide's lock and keep only what the site serves.

    The wheel entry's ``file_name`` becomes ``<subfolder>/<wheel name>``,
    relative to the lock file's folder (Pyodide's ``packageBaseUrl``).
    """
    full_lock = dest / "pyodide-lock-full.json"
    _run(
        [str(pyodide_cli()), "lockfile", "add-wheels", "--input", str(project.pyodide_dir / LOCK_NAME),
         "--output", str(full_lock), "--base-path", str(wheel.parent), str(wheel)],
        "pyodide lockfile add-wheels",
    )
    lock = json.loads(full_lock.read_text(encoding="utf-8"))
    full_lock.unlink()
    packages = lock["packages"]
    if PACKAGE_NAME not in packages:
        raise AssetError(f"{PACKAGE_NAME} is missing from the lock written by add-wheels ({full_lock})")
    served = served_packages(packages, PACKAGE_NAME)
    lock["packages"] = {name: packages[name] for name in sorted(served)}
    lock["packages"][PACKAGE_NAME]["file_name"] = f"{subfolder}/{wheel.name}"
    out = dest / LOCK_NAME
    out.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out


def served_packages(packages: dict[str, Any], root: str) -> set[str]:
    """``root`` and everything it depends on, transitively."""
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise AssetError(f"{root} depends on {name!r}, which is not in Pyodide's lock file")
        seen.add(name)
        todo.extend(packages[name].get("depends", []))
    if seen != {root}:
        raise AssetError(f"{root} depends on {sorted(seen - {root})}: the site serves only the {root} wheel")
    return seen


def cached_assets(project: Project) -> Path:
    """The cache folder holding the wheel folder and the lock; built on a miss."""
    key = cache_key(project)
    entry = project.cache_dir / key
    if (entry / LOCK_NAME).is_file():
        return entry
    project.cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{key}-", dir=project.cache_dir))
    try:
        subfolder = f"{PACKAGE_NAME}-{key}"
        wheel = build_wheel(project, staging / subfolder)
        build_lock(project, wheel, subfolder, staging)
        try:
            staging.rename(entry)  # atomic: a parallel build may have won the race
        except OSError:
            if not (entry / LOCK_NAME).is_file():
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    prune_cache(project.cache_dir, keep=entry)
    return entry


def prune_cache(cache_dir: Path, keep: Path, entries: int = CACHE_ENTRIES) -> None:
    """Drop all but the ``entries`` most recent cache entries (never ``keep``)."""
    folders = sorted((p for p in cache_dir.iterdir() if p.is_dir() and not p.name.startswith(".staging-")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[entries:]:
        if old != keep and (old / LOCK_NAME).is_file():
            shutil.rmtree(old, ignore_errors=True)


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file():
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copy2(source, tmp)
    os.replace(tmp, target)


def install_assets(project: Project, site_dir: Path) -> Path:
    """Copy Pyodide's core, the lock and the wheel into ``site_dir/assets/pyodide``."""
    entry = cached_assets(project)
    out = site_dir / SITE_SUBDIR
    for name in CORE_FILES:
        _copy_if_changed(project.pyodide_dir / name, out / name)
    _copy_if_changed(entry / LOCK_NAME, out / LOCK_NAME)
    for wheel in entry.glob(f"{PACKAGE_NAME}-*/*.whl"):
        _copy_if_changed(wheel, out / wheel.parent.name / wheel.name)
    for stale in out.glob(f"{PACKAGE_NAME}-*"):
        if stale.is_dir() and stale.name != f"{PACKAGE_NAME}-{entry.name}":
            shutil.rmtree(stale, ignore_errors=True)
    return out


def project_root(env: Any) -> Path:
    """The folder holding mkdocs.yml (node_modules/ and widgets/ sit beside it)."""
    return Path(env.conf["config_file_path"]).resolve().parent


def define_env(env: Any) -> None:
    """No macros: this module only acts after the build."""


def on_post_build(env: Any) -> None:
    """Put self-hosted Pyodide and the ``alliance`` wheel into the built site."""
    install_assets(Project(project_root(env)), Path(env.conf["site_dir"]))
