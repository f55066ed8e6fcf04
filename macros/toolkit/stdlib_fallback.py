"""Pyodide's full standard library, fetched on demand (installed as ``sitecustomize``).

The site serves a trimmed standard library to the tools: only the modules that
Pyodide's boot and the ``alliance`` package were seen to import at build time,
as byte code (``stdlib_trim.py``). Should a code path import a standard module
that was not seen, this finder, last on ``sys.meta_path``, fetches Pyodide's
full standard library once (a synchronous request, allowed in a worker),
writes it beside the trimmed one and finds the module there. Names that are
not in the full library either are left to fail as usual, so an optional
``try: import x`` costs nothing.

``FULL_STDLIB`` (every module name in the full library) and ``LOADER`` (the
JavaScript function of the worker that returns the full library's bytes) are
filled in when the trimmed library is built.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec, PathFinder
from typing import Any

FULL_STDLIB: frozenset[str] = frozenset()
LOADER = ""
FULL_ZIP = "/lib/python_full_stdlib.zip"


class FullStdlibFinder:
    """Finds standard modules the trimmed library lacks in the full one, fetched on first need."""

    def __init__(self) -> None:
        self.state = "absent"  # "absent" -> "loaded" | "failed"

    def _load(self) -> bool:
        if self.state == "absent":
            try:
                import js

                data = getattr(js, LOADER)()
                with open(FULL_ZIP, "wb") as archive:
                    archive.write(bytes(data.to_py()))
            except Exception:  # offline, or no loader: the import fails as it would have
                self.state = "failed"
            else:
                self.state = "loaded"
                sys.path.append(FULL_ZIP)
        return self.state == "loaded"

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name not in FULL_STDLIB or not self._load():
            return None
        parent = name.rpartition(".")[0]
        search = [f"{FULL_ZIP}/{parent.replace('.', '/')}"] if parent else [FULL_ZIP]
        return PathFinder.find_spec(name, search, target)


if not any(isinstance(finder, FullStdlibFinder) for finder in sys.meta_path):
    sys.meta_path.append(FullStdlibFinder())
