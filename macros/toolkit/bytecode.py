"""Byte-compile the wheel with Pyodide's own Python, run under Node (``wheel_bytecode.mjs``).

This stands in for pyodide-build's ``pyodide py-compile`` (installed in the venv for ``pyodide
lockfile add-wheels``). That command compiles with the Python that runs it, the host's, not
Pyodide's: run here it renames the wheel to the host's tag (``alliance-0.1.0-cp313-none-any.whl``)
and replaces each source by a sourceless .pyc with CPython 3.13's magic number, which Pyodide's
Python (3.14, from the pinned npm package) refuses to import ("bad magic number"); its RECORD
still lists the removed sources. It would need a host CPython of Pyodide's exact version: the
machine has none (Debian 12 ships 3.11; the venv runs the 3.12+ that scripts/find-python.sh
finds), and pyodide-build's ways of getting one (``pyodide venv``, ``pyodide xbuildenv``)
download from the internet, which fails here. Pyodide itself is on the machine, so its own
Python compiles the wheel.

What it writes (``wheel_bytecode.py``): the sources stay, so tracebacks show their lines, and each
gets ``__pycache__/<name>.cpython-314.pyc``, an "unchecked-hash" .pyc (PEP 552), listed in the
wheel's RECORD.
"""

from __future__ import annotations

import os
from pathlib import Path

from .project import BYTECODE_SCRIPT, Project, node, run


def compile_in_pyodide(project: Project, wheel: Path) -> None:
    """Replace ``wheel`` by its byte-compiled form, made by Pyodide's Python under Node."""
    compiled = wheel.with_name(f".{wheel.name}.compiled")
    run([node(), str(BYTECODE_SCRIPT), str(project.pyodide_dir), str(wheel), str(compiled)],
        f"byte-compiling {wheel.name} in Pyodide")
    os.replace(compiled, wheel)
