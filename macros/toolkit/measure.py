"""What the build measures of the tools, once per cache entry, for the figures the pages state."""

from __future__ import annotations

import gzip
import json

from .cache import cached_assets
from .project import (
    LOCK_NAME,
    PACKAGE_NAME,
    SNAPSHOT_SCRIPT,
    TRIMMED_STDLIB_NAME,
    AssetError,
    Project,
    node,
    run,
)

MEASURED_NAME = "measured.json"  # in a cache entry: what macros/sizes.py states, measured once


def measured(project: Project) -> dict[str, int]:
    """What the build measures once per cache entry for the figures the pages state (macros/sizes.py):

    - ``snapshot``: the memory snapshot a browser keeps for these tools (snapshot_size.mjs
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
    output = run([node(), str(SNAPSHOT_SCRIPT), json.dumps(job)], "measuring the memory snapshot")
    try:
        snapshot = int(json.loads(output.strip().splitlines()[-1])["bytes"])
    except (ValueError, IndexError, KeyError):
        raise AssetError(f"{SNAPSHOT_SCRIPT.name} printed no size: {output[-300:]!r}") from None
    modules = sum(len(gzip.compress((project.pyodide_dir / name).read_bytes(), 6))
                  for name in ("pyodide.mjs", "pyodide.asm.mjs"))
    found = {"snapshot": snapshot, "modules_gzip": modules}
    known.write_text(json.dumps(found), encoding="utf-8")
    return found
