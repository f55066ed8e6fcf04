"""The ``alliance`` wheel, built offline with pip from a copy of ``widgets/``, then byte-compiled."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .bytecode import compile_in_pyodide
from .project import PACKAGE_NAME, AssetError, Project, run

# Every build of the same sources gives the same wheel, byte for byte (the wheel's zip entries are
# dated from this, not from the files' times, which a fresh clone sets to the checkout's): a deploy that
# changes nothing in the package changes no file the tools' cache holds.
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "315532800"}  # 1980-01-01, the earliest date a zip entry holds


def build_wheel(project: Project, dest: Path) -> Path:
    """Build the ``alliance`` wheel offline into ``dest`` from a copy of its sources.

    Building from a copy keeps ``widgets/`` free of build/ and egg-info/
    folders and lets two builds run at once.
    """
    with tempfile.TemporaryDirectory(prefix="alliance-src-") as tmp:
        source = Path(tmp) / "widgets"
        source.mkdir()
        shutil.copy2(project.package_dir / "pyproject.toml", source / "pyproject.toml")
        shutil.copytree(
            project.package_dir / PACKAGE_NAME,
            source / PACKAGE_NAME,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                   "--disable-pip-version-check", "--quiet", "-w", str(dest), str(source)]
        run(command, f"building the {PACKAGE_NAME} wheel", REPRODUCIBLE)
    wheels = sorted(dest.glob(f"{PACKAGE_NAME}-*.whl"))
    if len(wheels) != 1:
        raise AssetError(f"expected one {PACKAGE_NAME} wheel in {dest}, found {[w.name for w in wheels]}")
    compile_in_pyodide(project, wheels[0])
    return wheels[0]
