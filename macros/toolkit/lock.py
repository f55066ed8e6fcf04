"""The site's Pyodide lock: Pyodide's own with the wheel added, trimmed to what the site serves.

The wheel is added by pyodide-build's ``pyodide lockfile add-wheels`` (it works offline), so
its entry is exactly what Pyodide expects (name, imports, digest, dependencies).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .project import LOCK_NAME, PACKAGE_NAME, AssetError, Project, run


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
    run(
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
