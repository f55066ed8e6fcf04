"""After every build (``on_post_build``): the toolkit's files copied into ``site/assets/pyodide/``.

Pyodide's core comes from the npm package, the rest from the cache entry (built on a miss);
a file already in the site with the same size and time stamp is not copied again, and the
wheel folder of an older package version is removed. ``toolkit.json`` is written last.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from .cache import cached_assets
from .manifest import toolkit_manifest
from .project import CORE_FILES, LOCK_NAME, PACKAGE_NAME, SITE_SUBDIR, TOOLKIT_NAME, WASM_GZIP_NAME, Project


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


def on_post_build(env: Any) -> None:
    """Put self-hosted Pyodide and the ``alliance`` wheel into the built site."""
    install_assets(Project(project_root(env)), Path(env.conf["site_dir"]))
