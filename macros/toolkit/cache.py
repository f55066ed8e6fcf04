"""The cache of built toolkit files: ``build/pyodide-assets/<key>/``, one entry per package version.

An entry holds the wheel folder (the wheel and the trimmed standard library), the lock and the
gzipped runtime. Its key hashes everything that makes them, so an entry is built once (seconds
of pip and Pyodide under Node) and later builds only copy its files.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tempfile
from pathlib import Path

from .lock import build_lock
from .project import (
    BUILD_HELPERS,
    LOCK_NAME,
    PACKAGE_NAME,
    TRIMMED_STDLIB_NAME,
    WASM_GZIP_NAME,
    WASM_NAME,
    Project,
    examples,
    package_sources,
    pyodide_version,
)
from .stdlib import build_trimmed_stdlib
from .wheel import build_wheel

CACHE_ENTRIES = 8  # the most recent package versions kept in the cache


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


def gzip_file(source: Path, target: Path) -> None:
    """``target`` = ``source`` gzipped at the highest level, with no name or time in its header."""
    with source.open("rb") as raw, target.open("wb") as out, \
            gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as packed:
        shutil.copyfileobj(raw, packed, 1 << 20)


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
