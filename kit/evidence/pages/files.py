"""Files the plugin keeps in the project's ``build/`` between builds (see citations/bibcache.py,
citations/formcache.py, templates_cache.py)."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    Raises ``OSError`` if the directory cannot be written; callers keep building without the cache.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def store(path: Path, data: bytes, family: str, keep: int) -> None:
    """Write ``path`` atomically, then keep only the ``keep`` newest files of its ``family``
    (a glob in its folder), ``path`` first. A folder that cannot be written is left as it is:
    the project still builds, only without the cache."""
    try:
        write_atomically(path, data)
        newest_first = sorted(path.parent.glob(family), key=lambda p: (p != path, -p.stat().st_mtime))
        for old in newest_first[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
