"""``toolkit.json``, the worker's boot manifest, and the toolkit id that keys the browser's caches.

The manifest names each file the worker needs with its size and SHA-256 (the worker checks what
it downloads against them), and carries the lock. The digests of the site's copies are kept in
the cache entry (``digests.json``) and reused while a file's size and time stamp are unchanged:
the runtime alone is 13 MB to hash on every build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .cache import cache_key
from .project import (
    LOCK_NAME,
    PACKAGE_NAME,
    STDLIB_NAME,
    TRIMMED_STDLIB_NAME,
    WASM_GZIP_NAME,
    WASM_NAME,
    Project,
    pyodide_version,
)

# The browser code whose way of booting a snapshot depends on: a change gives a new toolkit id,
# so a snapshot made by an older worker is never loaded by a newer one.
RUNTIME_SCRIPTS = ("worker.mjs", "snapshot.mjs", "download.mjs")
DIGESTS_NAME = "digests.json"  # in a cache entry: {file: [size, mtime_ns, sha256]} of the site's copies


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
