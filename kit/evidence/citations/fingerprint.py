"""The citations package's own source as one digest, part of every cache key of the package.

What the caches in build/ hold (the parsed bib, every work's forms in a style) depends on the
code of this package: any module, a style added to styles/, a file edited or removed. So the
digest covers every file below this folder (its relative path and its bytes), not a list kept by
hand, which would serve stale references the day a module is left off it. A style another package
registers (styles/__init__.py) lives outside this folder: :func:`module_digest` covers its module.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def package_files(root: Path = ROOT) -> list[Path]:
    """Every file of the package below ``root``, in a stable order (byte code left out)."""
    return sorted(path for path in root.rglob("*")
                  if path.is_file() and "__pycache__" not in path.relative_to(root).parts)


@cache
def code_digest() -> str:
    """A hash of every file of the package, with its path (computed once per process)."""
    digest = hashlib.sha256()
    for path in package_files():
        digest.update(path.relative_to(ROOT).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def module_digest(cls: type) -> str:
    """A hash of the file of ``cls``'s module when it lies outside this package ('' inside it, where
    :func:`code_digest` covers it): a style registered by another package."""
    file = getattr(sys.modules.get(cls.__module__), "__file__", None)
    if file is None:
        return ""
    path = Path(file).resolve()
    if path.is_relative_to(ROOT):
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()
