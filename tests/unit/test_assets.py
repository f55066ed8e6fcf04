"""The Pyodide asset step: wheel + lock built once per source hash, then copied."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from macros.toolkit import cache
from macros.toolkit.cache import cache_key, prune_cache
from macros.toolkit.install import install_assets
from macros.toolkit.lock import served_packages
from macros.toolkit.project import CORE_FILES, AssetError, Project, pyodide_version
from macros.toolkit.wheel import build_wheel
from tests.conftest import ROOT


def read_lock(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project with a copy of the package and Pyodide linked in, and its own cache."""
    (tmp_path / "widgets").mkdir()
    shutil.copytree(ROOT / "widgets" / "alliance", tmp_path / "widgets" / "alliance",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "widgets" / "pyproject.toml", tmp_path / "widgets" / "pyproject.toml")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    return Project(tmp_path, cache_root=tmp_path / "cache")


def test_missing_pyodide_fails_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"Pyodide is missing .*run `make setup`"):
        pyodide_version(Project(tmp_path))


def test_cache_key_follows_the_package_sources(project: Project) -> None:
    before = cache_key(project)
    assert cache_key(project) == before
    model = project.package_dir / "alliance" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert cache_key(project) != before


def test_served_packages_refuses_dependencies_the_site_does_not_serve() -> None:
    packages = {"alliance": {"depends": ["numpy"]}, "numpy": {"depends": []}}
    with pytest.raises(AssetError, match="numpy"):
        served_packages(packages, "alliance")
    assert served_packages({"alliance": {"depends": []}}, "alliance") == {"alliance"}


def test_install_puts_core_lock_and_wheel_in_the_site_then_reuses_the_cache(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = tmp_path / "site"
    out = install_assets(project, site)
    assert out == site / "assets" / "pyodide"
    for name in CORE_FILES:
        assert (out / name).read_bytes() == (project.pyodide_dir / name).read_bytes(), name
    lock = read_lock(out)
    original = read_lock(project.pyodide_dir)
    assert lock["info"] == original["info"]
    assert list(lock["packages"]) == ["alliance"]
    entry = lock["packages"]["alliance"]
    wheel = out / entry["file_name"]
    assert wheel.is_file() and wheel.name.startswith("alliance-") and wheel.suffix == ".whl"
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["alliance"]
    python = "".join(original["info"]["python"].split(".")[:2])  # Pyodide's Python: "314"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    sources = [name for name in names if name.endswith(".py")]
    assert sources
    for source in sources:
        folder, _, module = source.rpartition("/")
        assert f"{folder}/__pycache__/{module[:-3]}.cpython-{python}.pyc" in names, source
    assert not (project.package_dir / "build").exists(), "the wheel is built from a copy of the sources"

    def no_rebuild(*args: object) -> Path:
        raise AssertionError("the cached wheel should have been reused")

    monkeypatch.setattr(cache, "build_wheel", no_rebuild)
    shutil.rmtree(site)
    again = install_assets(project, site)
    assert read_lock(again) == lock


def test_an_edit_gives_a_new_wheel_folder_and_drops_the_stale_one(project: Project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = read_lock(install_assets(project, site))
    model = project.package_dir / "alliance" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    out = install_assets(project, site)
    second = read_lock(out)
    old, new = (lock["packages"]["alliance"]["file_name"].split("/")[0] for lock in (first, second))
    assert old != new
    assert (out / new).is_dir() and not (out / old).exists()


def test_the_cache_is_shared_through_the_linked_node_modules(project: Project) -> None:
    assert Project(project.root).cache_dir == ROOT / "build" / "pyodide-assets"


def test_the_cache_keeps_only_recent_entries(tmp_path: Path) -> None:
    for index in range(5):
        entry = tmp_path / f"key{index}"
        entry.mkdir()
        (entry / "pyodide-lock.json").write_text("{}", encoding="utf-8")
        os.utime(entry, (1000 + index, 1000 + index))
    prune_cache(tmp_path, keep=tmp_path / "key0", entries=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key0", "key3", "key4"]


def test_a_broken_package_fails_the_build_naming_the_step(project: Project, tmp_path: Path) -> None:
    (project.package_dir / "pyproject.toml").write_text("[project\nname = broken", encoding="utf-8")
    with pytest.raises(AssetError, match="building the alliance wheel failed"):
        install_assets(project, tmp_path / "site")


def test_the_wheel_is_the_same_bytes_whatever_the_files_times(project: Project, tmp_path: Path) -> None:
    # A fresh clone dates every file at the checkout: two clones must still give the same wheel.
    first = build_wheel(project, tmp_path / "one").read_bytes()
    for path in project.package_dir.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # 2001, where the first build saw today
    second = build_wheel(project, tmp_path / "two").read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
