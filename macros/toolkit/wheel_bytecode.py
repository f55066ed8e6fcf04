"""Byte-compile a pure-Python wheel for the Python that runs this module.

Without byte code, the browser compiles the ``alliance`` package from source on
every visit before the widgets are ready (about 100 ms of Pyodide's time).
Pyodide's Python (3.14) is not on the build machine, so the build runs this
module inside Pyodide itself, under Node (``wheel_bytecode.mjs``): the wheel
then carries ``__pycache__/<name>.cpython-314.pyc`` beside each source.

The .pyc files are "unchecked-hash" ones (PEP 552): Python uses them without
comparing them with the source's time stamp, which an unpacked wheel does not
keep. A wheel is rebuilt, and so recompiled, whenever its sources change.

Standard library only: under CPython (the tests) it writes that Python's .pyc.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import py_compile
import tempfile
import zipfile
from pathlib import Path


class WheelError(ValueError):
    """The wheel cannot be compiled; the message names the wheel and the part."""


def record_line(name: str, data: bytes) -> str:
    """One RECORD row: ``path,sha256=<urlsafe base64, unpadded>,size``."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_source(source: bytes, installed_path: str, work_dir: Path) -> bytes:
    """The .pyc bytes of ``source``; tracebacks will name ``installed_path``."""
    source_file, pyc_file = work_dir / "module.py", work_dir / "module.pyc"
    source_file.write_bytes(source)
    py_compile.compile(str(source_file), cfile=str(pyc_file), dfile=installed_path, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    return pyc_file.read_bytes()


def add_bytecode(wheel: bytes, site_packages: str, wheel_name: str = "the wheel") -> bytes:
    """``wheel`` with a .pyc beside every .py module, and a RECORD that lists them."""
    try:
        source = zipfile.ZipFile(io.BytesIO(wheel))
    except zipfile.BadZipFile as error:
        raise WheelError(f"{wheel_name} is not a zip file ({error})") from None
    records = [info for info in source.infolist() if info.filename.endswith(".dist-info/RECORD")]
    if len(records) != 1:
        raise WheelError(f"{wheel_name} has {len(records)} .dist-info/RECORD files, not one")
    record = records[0]
    entries = [info for info in source.infolist() if info is not record and not info.is_dir()]
    already = [info.filename for info in entries if info.filename.endswith(".pyc")]
    if already:
        raise WheelError(f"{wheel_name} already holds byte code ({already[0]})")
    out = io.BytesIO()
    lines = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target, \
            tempfile.TemporaryDirectory(prefix="wheel-bytecode-") as tmp:
        for info in entries:
            data = source.read(info)
            target.writestr(info, data, zipfile.ZIP_DEFLATED)
            lines.append(record_line(info.filename, data))
            if not info.filename.endswith(".py"):
                continue
            try:
                compiled = compile_source(data, f"{site_packages}/{info.filename}", Path(tmp))
            except py_compile.PyCompileError as error:
                raise WheelError(f"{wheel_name}: {info.filename} does not compile: {error.msg}") from None
            pyc = zipfile.ZipInfo(importlib.util.cache_from_source(info.filename), info.date_time)
            pyc.external_attr = info.external_attr
            target.writestr(pyc, compiled, zipfile.ZIP_DEFLATED)
            lines.append(record_line(pyc.filename, compiled))
        lines.append(f"{record.filename},,")
        target.writestr(record, "\n".join(lines) + "\n", zipfile.ZIP_DEFLATED)
    return out.getvalue()
