"""The trimmed standard library: the modules the tools use, compiled in Pyodide (``stdlib_trim.py``).

``stdlib_trim.mjs`` boots Pyodide under Node, loads the wheel as the worker does, runs the
package's examples and every request kind, and writes the modules that were loaded, compiled,
into one zip; ``stdlib_fallback.py`` goes in it to load any other module from the full library.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alliance.contract import REQUESTS, RUNTIME

from .project import FALLBACK_MODULE, PACKAGE_NAME, TRIM_SCRIPT, AssetError, Project, examples, node, run


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
    output = run([node(), str(TRIM_SCRIPT), json.dumps(job)], "trimming the standard library in Pyodide")
    try:
        return dict(json.loads(output.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        raise AssetError(f"{TRIM_SCRIPT.name} printed no summary: {output[-300:]!r}") from None
