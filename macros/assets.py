"""Self-hosted Pyodide and the ``alliance`` wheel, copied into the built site.

After every build (``on_post_build``) the site gets ``assets/pyodide/`` with:

- Pyodide's core files from ``node_modules/pyodide`` (the npm package);
- ``alliance-<hash>/alliance-<version>-py3-none-any.whl``: the package, built
  offline with pip from ``widgets/`` and byte-compiled by Pyodide's own Python
  under Node (``wheel_bytecode.py``); the folder name is a hash of the package
  sources, so a browser never reuses a stale wheel after an edit;
- ``alliance-<hash>/python_stdlib_min.zip``: the standard library the tools
  use, byte-compiled, made in Pyodide under Node (``stdlib_trim.py``); the full
  ``python_stdlib.zip`` stays beside it as an on-demand fallback;
- ``pyodide.asm.wasm.gz``: the runtime gzipped once at build time, which the
  worker downloads and unpacks itself (``DecompressionStream``): bytes it can
  count, resume with a ``Range`` request after a stall, on any host, gzip or not;
- ``pyodide-lock.json``: Pyodide's lock file with the wheel added by
  ``pyodide lockfile add-wheels``, trimmed to the packages the site serves;
- ``toolkit.json``: what the worker boots from (the files above with their
  sizes, the lock, and the toolkit id that keys its caches and its memory
  snapshot: a new package, Pyodide or worker gives a new id).

Building the wheel and the lock takes seconds, and the site is built many
times (``mkdocs serve``, the tests, the benchmark), so both are cached in
``build/pyodide-assets/<key>/`` (beside the real ``node_modules``), keyed by
a hash of the package sources and the Pyodide version. Later builds only copy
files.
"""

from __future__ import annotations

import gzip
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

from alliance.contract import REQUESTS, RUNTIME
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
CACHE_ENTRIES = 8  # the most recent package versions kept in the cache
HERE = Path(__file__).resolve().parent
BYTECODE_SCRIPT = HERE / "wheel_bytecode.mjs"  # runs wheel_bytecode.py in Pyodide
TRIM_SCRIPT = HERE / "stdlib_trim.mjs"  # runs stdlib_trim.py in Pyodide
SNAPSHOT_SCRIPT = HERE / "snapshot_size.mjs"  # measures the memory snapshot the browser keeps
FALLBACK_MODULE = HERE / "stdlib_fallback.py"
BUILD_HELPERS = (HERE / "wheel_bytecode.py", BYTECODE_SCRIPT, HERE / "stdlib_trim.py", TRIM_SCRIPT,
                 FALLBACK_MODULE, SNAPSHOT_SCRIPT)
# The browser code whose way of booting a snapshot depends on: a change gives a new toolkit id,
# so a snapshot made by an older worker is never loaded by a newer one.
RUNTIME_SCRIPTS = ("worker.mjs", "snapshot.mjs", "download.mjs")


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


def cache_key(project: Project) -> str:
    """A hash of the package sources, the Pyodide version and its lock file, and the compile step."""
    digest = hashlib.sha256()
    digest.update(pyodide_version(project).encode())
    digest.update((project.pyodide_dir / LOCK_NAME).read_bytes())
    for helper in BUILD_HELPERS:
        digest.update(helper.read_bytes())
    for path in [*package_sources(project), *examples(project)]:
        digest.update(path.relative_to(project.package_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def examples(project: Project) -> list[Path]:
    """The package's example inputs: the trimmed standard library is made by running them."""
    return sorted(project.examples_dir.glob("*.json")) if project.examples_dir.is_dir() else []


# Every build of the same sources gives the same wheel, byte for byte (the wheel's zip entries are
# dated from this, not from the files' times, which a fresh clone sets to the checkout's): a deploy that
# changes nothing in the package changes no file the tools' cache holds.
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "315532800"}  # 1980-01-01, the earliest date a zip entry holds


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env=None if env is None else {**os.environ, **env})
    if result.returncode != 0:
        output = (result.stdout[-1500:] + result.stderr[-1500:]).strip().replace("\n", " | ")
        raise AssetError(f"{what} failed (exit {result.returncode}): {output}")
    return result.stdout


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise AssetError("node is not on PATH: the build runs Pyodide under Node (byte code, trimmed "
                         "standard library); install Node.js 20 or later")
    return node


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
        _run(command, f"building the {PACKAGE_NAME} wheel", REPRODUCIBLE)
    wheels = sorted(dest.glob(f"{PACKAGE_NAME}-*.whl"))
    if len(wheels) != 1:
        raise AssetError(f"expected one {PACKAGE_NAME} wheel in {dest}, found {[w.name for w in wheels]}")
    compile_in_pyodide(project, wheels[0])
    return wheels[0]


def compile_in_pyodide(project: Project, wheel: Path) -> None:
    """Replace ``wheel`` by its byte-compiled form, made by Pyodide's Python under Node."""
    compiled = wheel.with_name(f".{wheel.name}.compiled")
    _run([_node(), str(BYTECODE_SCRIPT), str(project.pyodide_dir), str(wheel), str(compiled)],
         f"byte-compiling {wheel.name} in Pyodide")
    os.replace(compiled, wheel)


def build_trimmed_stdlib(project: Project, lock: Path, out: Path) -> dict[str, Any]:
    """The standard library the tools use, compiled (``stdlib_trim.py``), written to ``out``."""
    job = {
        "pyodideDir": str(project.pyodide_dir),
        "lockFile": str(lock),
        "packageBaseDir": str(lock.parent),
        "package": PACKAGE_NAME,
        "requests": dict(REQUESTS),
        "examples": [str(path) for path in examples(project)],
        "fallback": str(FALLBACK_MODULE),
        "loader": RUNTIME["full_stdlib_loader"],
        "out": str(out),
    }
    output = _run([_node(), str(TRIM_SCRIPT), json.dumps(job)], "trimming the standard library in Pyodide")
    try:
        return dict(json.loads(output.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        raise AssetError(f"{TRIM_SCRIPT.name} printed no summary: {output[-300:]!r}") from None


def gzip_file(source: Path, target: Path) -> None:
    """``target`` = ``source`` gzipped at the highest level, with no name or time in its header."""
    with source.open("rb") as raw, target.open("wb") as out, \
            gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as packed:
        shutil.copyfileobj(raw, packed, 1 << 20)


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
        lock = build_lock(project, wheel, subfolder, staging)
        build_trimmed_stdlib(project, lock, staging / subfolder / TRIMMED_STDLIB_NAME)
        gzip_file(project.pyodide_dir / WASM_NAME, staging / WASM_GZIP_NAME)
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


MEASURED_NAME = "measured.json"  # in a cache entry: what macros/sizes.py states, measured once


def measured(project: Project) -> dict[str, int]:
    """What the build measures once per cache entry for the figures the pages state (macros/sizes.py):

    - ``snapshot``: the memory snapshot a browser keeps for these tools (macros/snapshot_size.mjs
      boots Pyodide under Node as the worker does in a browser);
    - ``modules_gzip``: Pyodide's two modules as a host that compresses sends them (gzip level 6).
    """
    entry = cached_assets(project)
    known = entry / MEASURED_NAME
    if known.is_file():
        return {key: int(value) for key, value in json.loads(known.read_text(encoding="utf-8")).items()}
    job = {
        "pyodideDir": str(project.pyodide_dir),
        "lockFile": str(entry / LOCK_NAME),
        "packageBaseDir": str(entry),
        "package": PACKAGE_NAME,
        "stdlib": str(next(entry.glob(f"{PACKAGE_NAME}-*/{TRIMMED_STDLIB_NAME}"))),
    }
    output = _run([_node(), str(SNAPSHOT_SCRIPT), json.dumps(job)], "measuring the memory snapshot")
    try:
        snapshot = int(json.loads(output.strip().splitlines()[-1])["bytes"])
    except (ValueError, IndexError, KeyError):
        raise AssetError(f"{SNAPSHOT_SCRIPT.name} printed no size: {output[-300:]!r}") from None
    modules = sum(len(gzip.compress((project.pyodide_dir / name).read_bytes(), 6))
                  for name in ("pyodide.mjs", "pyodide.asm.mjs"))
    found = {"snapshot": snapshot, "modules_gzip": modules}
    known.write_text(json.dumps(found), encoding="utf-8")
    return found


def toolkit_id(project: Project, key: str) -> str:
    """What keys the browser's caches and snapshot: the cache key and the worker's boot code."""
    digest = hashlib.sha256(key.encode())
    for name in RUNTIME_SCRIPTS:
        script = project.runtime_dir / name
        if script.is_file():
            digest.update(name.encode() + b"\0" + script.read_bytes())
    return digest.hexdigest()[:16]


def planned_toolkit_id(project: Project) -> str:
    """The id this build's toolkit.json will carry, known before any page is written.

    Every page names it, so a deploy that changes the tools changes every page: the
    service worker then serves such a page and its workers from the network, never
    the previous build's toolkit from its caches.
    """
    return toolkit_id(project, cache_key(project))


def toolkit_manifest(project: Project, entry: Path, out: Path) -> dict[str, Any]:
    """The worker's boot manifest: the files it needs (relative to ``out``), their sizes, the lock."""
    lock = json.loads((out / LOCK_NAME).read_text(encoding="utf-8"))
    wheel_path = lock["packages"][PACKAGE_NAME]["file_name"]
    folder = wheel_path.split("/")[0]

    known = _load_digests(entry)

    def described(path: str, **more: Any) -> dict[str, Any]:
        return {"url": path, **_digest(out / path, known), **more}

    manifest = {
        "id": toolkit_id(project, entry.name),
        "pyodide": pyodide_version(project),
        "files": {
            "wasm": described(WASM_NAME, gzip=described(WASM_GZIP_NAME)),
            "stdlib": described(f"{folder}/{TRIMMED_STDLIB_NAME}"),
            "wheel": described(wheel_path),
            "fullStdlib": described(STDLIB_NAME),
        },
        "modules": [described(name) for name in ("pyodide.mjs", "pyodide.asm.mjs")],
        "lock": lock,
    }
    _store_digests(entry, known)
    return manifest


DIGESTS_NAME = "digests.json"  # in a cache entry: {file: [size, mtime_ns, sha256]} of the site's copies


def _load_digests(entry: Path) -> dict[str, list[Any]]:
    try:
        return dict(json.loads((entry / DIGESTS_NAME).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _store_digests(entry: Path, known: dict[str, list[Any]]) -> None:
    text = json.dumps(known, sort_keys=True)
    target = entry / DIGESTS_NAME
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)


def _digest(path: Path, known: dict[str, list[Any]]) -> dict[str, Any]:
    """Size and SHA-256 of ``path``, reused while its size and time stamp are unchanged (13 MB to hash)."""
    stat = path.stat()
    key = path.name
    entry = known.get(key)
    if not entry or entry[:2] != [stat.st_size, stat.st_mtime_ns]:
        entry = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()]
        known[key] = entry
    return {"bytes": entry[0], "sha256": entry[2]}


def install_assets(project: Project, site_dir: Path) -> Path:
    """Copy Pyodide's core, the lock, the wheel and the trimmed library into ``site_dir/assets/pyodide``."""
    entry = cached_assets(project)
    out = site_dir / SITE_SUBDIR
    for name in CORE_FILES:
        _copy_if_changed(project.pyodide_dir / name, out / name)
    for name in (LOCK_NAME, WASM_GZIP_NAME):
        _copy_if_changed(entry / name, out / name)
    for folder in entry.glob(f"{PACKAGE_NAME}-*"):
        for built in folder.iterdir():
            _copy_if_changed(built, out / folder.name / built.name)
    for stale in out.glob(f"{PACKAGE_NAME}-*"):
        if stale.is_dir() and stale.name != f"{PACKAGE_NAME}-{entry.name}":
            shutil.rmtree(stale, ignore_errors=True)
    manifest = json.dumps(toolkit_manifest(project, entry, out), indent=1, sort_keys=True) + "\n"
    toolkit = out / TOOLKIT_NAME
    if not toolkit.is_file() or toolkit.read_text(encoding="utf-8") != manifest:
        toolkit.write_text(manifest, encoding="utf-8")
    return out


def project_root(env: Any) -> Path:
    """The folder holding mkdocs.yml (node_modules/ and widgets/ sit beside it)."""
    return Path(env.conf["config_file_path"]).resolve().parent


def define_env(env: Any) -> None:
    """``sizes`` for the pages: ``{{ sizes.tools }}`` and the like, the build's figures (macros/sizes.py)."""
    from macros.sizes import Tokens

    env.variables["sizes"] = Tokens()


def on_post_build(env: Any) -> None:
    """Put self-hosted Pyodide and the ``alliance`` wheel into the built site."""
    install_assets(Project(project_root(env)), Path(env.conf["site_dir"]))
