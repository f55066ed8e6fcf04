"""Byte-compiling a wheel (macros/toolkit/wheel_bytecode.py), here with CPython's own compiler."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import marshal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from macros.toolkit.wheel_bytecode import WheelError, add_bytecode

SITE_PACKAGES = "/lib/python3.x/site-packages"
SOURCES = {
    "demo/__init__.py": b"from demo.core import answer\n",
    "demo/core.py": b'"""Core."""\n\ndef answer() -> int:\n    return 42\n',
    "demo/data.json": b'{"a": 1}\n',
}


def make_wheel(files: dict[str, bytes], record: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
        wheel.writestr("demo-1.0.dist-info/WHEEL", b"Wheel-Version: 1.0\n")
        if record:
            wheel.writestr("demo-1.0.dist-info/RECORD", b"stale,,\n")
    return out.getvalue()


def test_every_module_gets_an_unchecked_hash_pyc_beside_it() -> None:
    compiled = zipfile.ZipFile(io.BytesIO(add_bytecode(make_wheel(SOURCES), SITE_PACKAGES)))
    names = compiled.namelist()
    for name, source in SOURCES.items():
        assert compiled.read(name) == source, name  # the sources stay, unchanged
        pyc_name = importlib.util.cache_from_source(name)
        if not name.endswith(".py"):
            assert pyc_name not in names
            continue
        pyc = compiled.read(pyc_name)
        assert pyc[:4] == importlib.util.MAGIC_NUMBER
        assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, source not checked (PEP 552)
        assert pyc[8:16] == importlib.util.source_hash(source)
        assert marshal.loads(pyc[16:]).co_filename == f"{SITE_PACKAGES}/{name}"


def test_the_record_lists_every_file_with_its_hash_and_size() -> None:
    compiled = zipfile.ZipFile(io.BytesIO(add_bytecode(make_wheel(SOURCES), SITE_PACKAGES)))
    rows = [line.split(",") for line in compiled.read("demo-1.0.dist-info/RECORD").decode().splitlines()]
    listed = {name for name, _, _ in rows}
    assert listed == set(compiled.namelist())
    for name, digest, size in rows:
        if name.endswith("RECORD"):
            assert (digest, size) == ("", "")
            continue
        data = compiled.read(name)
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert (digest, size) == (f"sha256={expected}", str(len(data))), name


def test_python_imports_the_byte_code_without_reading_the_source(tmp_path: Path) -> None:
    zipfile.ZipFile(io.BytesIO(add_bytecode(make_wheel(SOURCES), str(tmp_path)))).extractall(tmp_path)
    for name in SOURCES:
        if name.endswith(".py"):  # had Python read a source, the import would fail
            (tmp_path / name).write_text("raise RuntimeError('source read')\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "import demo; print(demo.answer())"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "42"


@pytest.mark.parametrize(("wheel", "message"), [
    (b"not a zip", r"demo\.whl is not a zip file"),
    (make_wheel(SOURCES, record=False), r"demo\.whl has 0 \.dist-info/RECORD files"),
    (make_wheel({**SOURCES, "demo/bad.py": b"def broken(:\n"}), r"demo\.whl: demo/bad\.py does not compile"),
    (make_wheel({**SOURCES, "demo/__pycache__/core.cpython-314.pyc": b"x"}), r"already holds byte code"),
])
def test_a_wheel_that_cannot_be_compiled_is_named_with_the_reason(wheel: bytes, message: str) -> None:
    with pytest.raises(WheelError, match=message):
        add_bytecode(wheel, SITE_PACKAGES, "demo.whl")
