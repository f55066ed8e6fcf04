"""MkDocs hook (``hooks:`` in mkdocs.yml): the service worker that keeps the guide offline.

After the build it writes, at the site root, ``sw.js`` (from
``macros/service_worker.js``) with Workbox's precache manifest of the guide
itself (``macros/precache.py``: what is kept, and why the manifest is computed
in Python), and copies the four Workbox runtime modules it uses into
``assets/workbox/`` (from the pinned npm package: nothing loads from a CDN).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from alliance.contract import PATHS, RUNTIME

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("service_worker.js")
WORKBOX_MODULES = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")
SITE_CACHE_PREFIX = f"{RUNTIME['cache_prefix']}site"


class OfflineError(RuntimeError):
    """The service worker cannot be built; the message names the file."""


def workbox_dir(root: Path = ROOT) -> Path:
    return root / "node_modules"


def copy_workbox(node_modules: Path, dest: Path) -> list[str]:
    """Copy Workbox's runtime modules into ``dest``; their file names, in load order."""
    names = []
    for module in WORKBOX_MODULES:
        source = node_modules / module / "build" / f"{module}.prod.js"
        if not source.is_file():
            raise OfflineError(f"{source} is missing: run `make setup` (Workbox comes from npm)")
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest / source.name)
        names.append(source.name)
    return names


def service_worker(site: Path, node_modules: Path) -> Path | None:
    """Write ``sw.js`` and Workbox into ``site``; None for a site without the tools."""
    toolkit_file = site / RUNTIME["toolkit"]
    if not toolkit_file.is_file():
        return None
    toolkit = json.loads(toolkit_file.read_text(encoding="utf-8"))
    from macros.precache import precache_manifest

    names = copy_workbox(node_modules, site / RUNTIME["workbox"])
    manifest = precache_manifest(site)
    config = {
        "workboxPath": RUNTIME["workbox"],
        "workbox": names,
        "toolkit": toolkit["id"],
        "toolkitPath": RUNTIME["toolkit"],
        "toolsPath": PATHS["pyodide"],
        "toolsCache": RUNTIME["tools_cache"],
        "sitePrefix": SITE_CACHE_PREFIX,
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    if "self.__WB_MANIFEST" not in template:
        raise OfflineError(f"{TEMPLATE} has no self.__WB_MANIFEST for the precache manifest")
    text = (f"self.__ALLIANCE_SW__ = {json.dumps(config, sort_keys=True)};\n"
            + template.replace("self.__WB_MANIFEST", json.dumps(manifest, indent=0)))
    target = site / RUNTIME["service_worker"]
    target.write_text(text, encoding="utf-8")
    return target


def search_index_script(site: Path) -> Path | None:
    """``search/search_index.js``: the index as a script, which Material loads on a page opened
    from a file (it cannot fetch the JSON there). What Material's offline plugin writes; that
    plugin is not used because it also adds a script from a third-party CDN."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return None
    target = index.with_suffix(".js")
    target.write_text(f"var __index = {index.read_text(encoding='utf-8')}", encoding="utf-8")
    return target


def on_env(env: Any, config: Any, files: Any) -> Any:
    """``offline_words`` for the footer's offer (what keeping the tools downloads and stores, the
    figures as tokens that on_post_build fills in: macros/sizes.py); and ``toolkit_id``, which
    every page names (a new toolkit makes every page new to the service worker, so it never
    hands a page of this build the previous build's tools; a site test checks that
    toolkit.json carries the same id)."""
    from macros.sizes import offline_words
    from macros.toolkit.manifest import planned_toolkit_id
    from macros.toolkit.project import Project

    project = Project(Path(config["config_file_path"]).resolve().parent)
    env.globals["offline_words"] = offline_words()
    env.globals["toolkit_id"] = planned_toolkit_id(project)
    return env


def on_post_build(config: Any, **kwargs: Any) -> None:
    """In order: the size figures into the pages and the search index, the search synonyms, the
    search index as a script, then the service worker (its manifest hashes the files as they end)."""
    from macros import sizes
    from macros.search_synonyms import add_synonyms
    from macros.toolkit.measure import measured
    from macros.toolkit.project import Project

    site = Path(config["site_dir"])
    root = Path(config["config_file_path"]).resolve().parent
    if (site / RUNTIME["toolkit"]).is_file():
        sizes.fill(site, sizes.figures(site, measured(Project(root))))
    if (site / "search" / "search_index.json").is_file():
        add_synonyms(site / "search" / "search_index.json")
    search_index_script(site)
    service_worker(site, root / "node_modules")
