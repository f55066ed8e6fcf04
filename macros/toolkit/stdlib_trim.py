"""A trimmed, byte-compiled standard library for the tools' Python.

Pyodide ships its standard library as 614 sources in ``python_stdlib.zip``
(2.5 MB). Its boot compiles about 140 of them every time, and that compile is
most of a cold boot in the browser: with the same modules as byte code, the
worker is ready in about a third of the time (measured in Chromium: ~0.9-1.1 s
against ~2.4-3.2 s). The tools need no other module, so the site serves only
those, compiled, and keeps the full library as an on-demand fallback
(``stdlib_fallback.py``, installed as ``sitecustomize``).

Which modules: the ones loaded from the standard library after Pyodide's boot,
loading the ``alliance`` wheel the way the worker does, importing every module
of the package and sending every example and a set of malformed payloads
through every request kind (``stdlib_trim.mjs`` runs all this in Pyodide under
Node at build time, so a change to the package changes the list).

How: each module is compiled by Pyodide's own Python with ``optimize=2``
(docstrings and asserts dropped, as ``python -OO`` does; Pyodide's own modules
read docstrings only where present) into "unchecked-hash" .pyc files (PEP
552, no time stamps), stored without their sources in a zip whose entries all
carry the same date, so the same inputs give the same bytes. Tracebacks from
standard modules then show no source lines; the messages are unchanged.

Standard library only: under CPython (the tests) it writes that Python's .pyc.
"""

from __future__ import annotations

# Only modules Pyodide's boot has loaded already may be imported at module level
# (py_compile is imported where it is used, after the list is taken): whatever this
# module imports before loaded_from() runs would be counted as the tools' own.
import io
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

OPTIMIZE = 2
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no build time in the archive
FALLBACK_MODULE = "sitecustomize"  # site imports it at boot
# Payloads that are not what a request expects: the error paths import what they need too.
MALFORMED_PAYLOADS = ("", "not json", "[]", "{}", "null", '{"answers": 1}', '{"inputs": []}',
                      "[" * 100, "1e999999", '{"a": NaN}', '"\\ud800"')


class TrimError(ValueError):
    """The trimmed library cannot be built; the message names the module or the file."""


def loaded_from(archive: str) -> list[str]:
    """The zip entries (``json/decoder.py``) of every loaded module that came from ``archive``."""
    prefix = archive.rstrip("/") + "/"
    entries = set()
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
        if isinstance(origin, str) and origin.startswith(prefix):
            entries.add(origin[len(prefix):])
    return sorted(entries)


def submodules(package: str, folder: str) -> Iterator[str]:
    """The dotted names of every module under a package's folder (sources or byte code)."""
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isdir(path) and os.path.isfile(os.path.join(path, "__init__.py")):
            yield f"{package}.{name}"
            yield from submodules(f"{package}.{name}", path)
        elif name.endswith(".py") and name != "__init__.py":
            yield f"{package}.{name[:-3]}"


def exercise(package: str, requests: Mapping[str, str], examples: Iterable[str]) -> int:
    """Import every module of ``package`` but its command line, and send each payload to each request.

    Returns how many calls were made. The API functions never raise (they
    answer errors as JSON); one that does is a broken package, reported here.
    """
    import importlib

    root = importlib.import_module(package)
    for folder in root.__path__:
        for name in submodules(package, folder):
            if name.rsplit(".", 1)[-1] not in ("cli", "__main__"):
                importlib.import_module(name)
    api = importlib.import_module(f"{package}.api")
    calls = 0
    for function_name in requests.values():
        function = getattr(api, function_name)
        for payload in (*examples, *MALFORMED_PAYLOADS):
            try:
                json.loads(function(payload))
            except Exception as error:
                raise TrimError(f"{package}.api.{function_name} raised {type(error).__name__} "
                                f"for a payload of {len(payload)} characters: {error}") from None
            calls += 1
    return calls


def module_names(entries: Iterable[str]) -> frozenset[str]:
    """The dotted module names of zip entries (``json/__init__.py`` -> ``json``)."""
    names = set()
    for entry in entries:
        if not entry.endswith(".py"):
            continue
        parts = entry[:-3].split("/")
        if parts[-1] == "__init__":
            parts.pop()
        if parts and all(part.isidentifier() for part in parts):
            names.add(".".join(parts))
    return frozenset(names)


def fallback_source(template: str, full_names: frozenset[str], loader: str) -> str:
    """``stdlib_fallback.py`` with the full library's module names and the loader's name filled in."""
    filled = template.replace("FULL_STDLIB: frozenset[str] = frozenset()",
                              f"FULL_STDLIB: frozenset[str] = frozenset({sorted(full_names)!r})", 1)
    filled = filled.replace('LOADER = ""', f"LOADER = {loader!r}", 1)
    if filled.count(repr(loader)) < 1 or "frozenset([" not in filled:
        raise TrimError("stdlib_fallback.py no longer has the FULL_STDLIB and LOADER lines to fill in")
    return filled


def _compile(source: bytes, installed_path: str, work: Path) -> bytes:
    import py_compile

    source_file, pyc_file = work / "module.py", work / "module.pyc"
    source_file.write_bytes(source)
    try:
        py_compile.compile(str(source_file), cfile=str(pyc_file), dfile=installed_path, doraise=True,
                           optimize=OPTIMIZE,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    except py_compile.PyCompileError as error:
        raise TrimError(f"{installed_path} does not compile: {error.msg}") from None
    return pyc_file.read_bytes()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), data, zipfile.ZIP_DEFLATED, 9)


def trimmed(full_zip: bytes, entries: Iterable[str], archive_path: str, fallback: str) -> bytes:
    """A zip of ``entries`` of ``full_zip`` compiled to sourceless .pyc, plus the fallback module."""
    source = zipfile.ZipFile(io.BytesIO(full_zip))
    available = set(source.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target, \
            tempfile.TemporaryDirectory(prefix="stdlib-trim-") as tmp:
        for entry in sorted(set(entries)):
            if entry not in available:
                raise TrimError(f"{entry} is not in the standard library zip")
            compiled = _compile(source.read(entry), f"{archive_path}/{entry}", Path(tmp))
            _add(target, entry[:-3] + ".pyc", compiled)
        compiled = _compile(fallback.encode(), f"{archive_path}/{FALLBACK_MODULE}.py", Path(tmp))
        _add(target, f"{FALLBACK_MODULE}.pyc", compiled)
    return out.getvalue()


def build(full_zip_path: str, archive_path: str, fallback_template: str, loader: str,
          package: str, requests: Mapping[str, str], examples: Iterable[str]) -> tuple[bytes, dict[str, Any]]:
    """Exercise the package, then trim: the zip's bytes and a summary (modules, calls)."""
    calls = exercise(package, requests, list(examples))
    entries = [entry for entry in loaded_from(archive_path) if entry.endswith(".py")]
    full_names = module_names(zipfile.ZipFile(full_zip_path).namelist())
    fallback = fallback_source(fallback_template, full_names, loader)
    with open(full_zip_path, "rb") as handle:
        data = trimmed(handle.read(), entries, archive_path, fallback)
    return data, {"modules": len(entries), "calls": calls, "bytes": len(data)}
