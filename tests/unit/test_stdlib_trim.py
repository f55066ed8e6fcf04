"""The trimmed standard library: which modules, compiled how, and the fallback filled in (CPython side;
tests/pyodide/test_stdlib_in_pyodide.py runs the real one in Pyodide)."""

from __future__ import annotations

import importlib.util
import io
import marshal
import sys
import zipfile

import pytest

from macros.toolkit import stdlib_trim
from macros.toolkit.cache import cached_assets
from macros.toolkit.project import FALLBACK_MODULE, TRIMMED_STDLIB_NAME, Project
from tests.conftest import ROOT


def zip_of(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


FULL = zip_of({"json/__init__.py": "'''Docs.'''\nX = 1\nassert X\n", "json/decoder.py": "Y = 2\n",
               "email/__init__.py": "", "email/mime/text.py": "", "big.py": "Z = 3\n", "README.txt": "x"})


def test_module_names_of_zip_entries() -> None:
    assert stdlib_trim.module_names(zipfile.ZipFile(io.BytesIO(FULL)).namelist()) == {
        "json", "json.decoder", "email", "email.mime.text", "big"}


def test_the_fallback_gets_the_full_librarys_names_and_the_loader() -> None:
    template = FALLBACK_MODULE.read_text(encoding="utf-8")
    filled = stdlib_trim.fallback_source(template, frozenset({"email", "email.mime.text"}), "loadIt")
    namespace: dict[str, object] = {}
    code = compile(filled, "sitecustomize.py", "exec")
    assert "frozenset(['email', 'email.mime.text'])" in filled and "LOADER = 'loadIt'" in filled
    sys_meta_path = list(sys.meta_path)
    try:
        exec(code, namespace)  # installs the finder on this interpreter's meta path: removed below
        finder = sys.meta_path[-1]
        assert type(finder).__name__ == "FullStdlibFinder"
        assert finder.find_spec("not_in_the_stdlib") is None  # an optional import costs nothing
        assert finder.state == "absent"
        assert finder.find_spec("email.mime.text") is None  # no `js` module here: fails as usual
        assert finder.state == "failed"
    finally:
        sys.meta_path[:] = sys_meta_path


def test_a_template_that_lost_its_lines_is_refused() -> None:
    with pytest.raises(stdlib_trim.TrimError, match=r"FULL_STDLIB and LOADER"):
        stdlib_trim.fallback_source("print('no placeholders')\n", frozenset({"json"}), "loadIt")


def test_trimmed_zip_holds_only_the_modules_asked_compiled_without_sources_or_dates() -> None:
    modules = ["json/__init__.py", "json/decoder.py"]
    data = stdlib_trim.trimmed(FULL, modules, "/lib/python.zip", "F = 1\n")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["json/__init__.pyc", "json/decoder.pyc", "sitecustomize.pyc"]
    for info in archive.infolist():
        assert info.date_time == stdlib_trim.FIXED_DATE and info.compress_type == zipfile.ZIP_DEFLATED
    pyc = archive.read("json/__init__.pyc")
    assert pyc[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(pyc[4:8], "little") == 0b01, "an unchecked-hash .pyc (PEP 552): no time stamp"
    code = marshal.loads(pyc[16:])
    assert code.co_filename == "/lib/python.zip/json/__init__.py"
    namespace: dict[str, object] = {}
    exec(code, namespace)
    assert namespace["X"] == 1 and namespace.get("__doc__") is None, "optimize=2 drops docstrings"
    again = stdlib_trim.trimmed(FULL, ["json/decoder.py", "json/__init__.py"], "/lib/python.zip", "F = 1\n")
    assert again == data, "the same inputs give the same bytes"


def test_a_module_missing_from_the_library_is_named() -> None:
    with pytest.raises(stdlib_trim.TrimError, match=r"nowhere\.py is not in the standard library zip"):
        stdlib_trim.trimmed(FULL, ["nowhere.py"], "/lib/python.zip", "")


def test_a_module_that_does_not_compile_is_named() -> None:
    broken = zip_of({"bad.py": "def (:\n"})
    with pytest.raises(stdlib_trim.TrimError, match=r"bad\.py does not compile"):
        stdlib_trim.trimmed(broken, ["bad.py"], "/lib/python.zip", "")


def test_the_built_library_serves_the_package_and_is_small() -> None:
    entry = cached_assets(Project(ROOT))
    built = next(entry.glob(f"alliance-*/{TRIMMED_STDLIB_NAME}"))
    full = Project(ROOT).pyodide_dir / "python_stdlib.zip"
    names = set(zipfile.ZipFile(built).namelist())
    assert built.stat().st_size < 0.6 * full.stat().st_size
    assert all(name.endswith(".pyc") for name in names)
    # What the package imports, and what Pyodide's boot and the wheel's unpacking need.
    for module in ("json/__init__", "json/decoder", "dataclasses", "enum", "re/__init__", "typing",
                   "_pyodide/_base", "pyodide/_package_loader", "zipfile/__init__", "shutil",
                   "sitecustomize"):
        assert f"{module}.pyc" in names, module
    for unused in ("unittest/__init__", "tkinter/__init__", "pydoc", "doctest", "email/mime/text"):
        assert f"{unused}.pyc" not in names, unused
