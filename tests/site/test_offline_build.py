"""The built site's offline pieces: the service worker, its precache manifest (Workbox's own
revisions), the Workbox runtime beside it, the search index for pages opened from a file."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from alliance.contract import RUNTIME

from macros.offline import WORKBOX_MODULES
from macros.precache import PRECACHE, precache_manifest
from tests.conftest import ROOT

_GET_MANIFEST = """
const [root, site, patterns] = process.argv.slice(1);
const { getManifest } = await import(root + "/node_modules/workbox-build/build/index.js");
const result = await getManifest({ globDirectory: site, globPatterns: JSON.parse(patterns),
  maximumFileSizeToCacheInBytes: 50e6 });
console.log(JSON.stringify(result.manifestEntries));
"""


def built_manifest(site: Path) -> list[dict[str, str]]:
    text = (site / RUNTIME["service_worker"]).read_text(encoding="utf-8")
    match = re.search(r"precaching\.precache\((\[.*?\])\);", text, re.DOTALL)
    assert match, "sw.js has no precache manifest"
    return list(json.loads(match.group(1)))


def test_the_manifest_is_workbox_builds_own(built_site: Path) -> None:
    """Same URLs and revisions as workbox-build's getManifest computes for the same globs."""
    command = ["node", "--input-type=module", "-e", _GET_MANIFEST, str(ROOT), str(built_site),
               json.dumps(list(PRECACHE))]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    workbox = sorted(json.loads(result.stdout), key=lambda entry: entry["url"])
    ours = precache_manifest(built_site)
    # sw.js itself is written after the manifest is made; Workbox would list it, the worker never does.
    workbox = [entry for entry in workbox if entry["url"] != RUNTIME["service_worker"]]
    assert ours == workbox
    assert built_manifest(built_site) == ours


def test_the_guide_is_precached_but_not_the_tools_large_files(built_site: Path) -> None:
    urls = {entry["url"] for entry in built_manifest(built_site)}
    pages = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
             if not path.relative_to(built_site).as_posix().startswith("assets/")}
    assert pages <= urls, "every page works offline"
    for needed in ("search/search_index.json", "sitemap.xml", RUNTIME["toolkit"], "assets/js/worker.mjs",
                   "assets/js/python.mjs", "assets/js/contract.mjs"):
        assert needed in urls, needed
    assert not [url for url in urls if url.startswith("assets/pyodide/") and url != RUNTIME["toolkit"]]
    assert not [url for url in urls if url.endswith(".map")]


def test_workbox_is_self_hosted_and_the_service_worker_names_its_toolkit(built_site: Path) -> None:
    text = (built_site / RUNTIME["service_worker"]).read_text(encoding="utf-8")
    config = json.loads(re.search(r"self\.__ALLIANCE_SW__ = (\{.*?\});", text).group(1))
    toolkit = json.loads((built_site / RUNTIME["toolkit"]).read_text(encoding="utf-8"))
    assert config["toolkit"] == toolkit["id"]
    assert config["workbox"] == [f"{module}.prod.js" for module in WORKBOX_MODULES]
    for name in config["workbox"]:
        copy = built_site / RUNTIME["workbox"] / name
        source = ROOT / "node_modules" / name.removesuffix(".prod.js") / "build" / name
        assert copy.read_bytes() == source.read_bytes()
    assert "storage.googleapis.com" not in text and "workbox-sw" not in text


def test_search_works_from_a_file_with_the_index_as_a_script(built_site: Path) -> None:
    script = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert script == f"var __index = {index}"


def _said(site: Path, path: str, selector: str) -> str:
    from bs4 import BeautifulSoup

    found = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser").select_one(selector)
    assert found is not None, (path, selector)
    return " ".join(found.get_text().split())


def test_the_pages_state_the_download_and_the_storage_in_the_builds_own_figures(built_site: Path) -> None:
    """The footer's offer, the classifier's privacy note and About: what keeping the tools downloads
    (the tools, and the guide's pages too) and stores, from this build's files (macros/sizes.py)."""
    from macros import sizes
    from macros.toolkit.measure import measured
    from macros.toolkit.project import Project

    figures = sizes.figures(built_site, measured(Project(ROOT)))
    said = {name: sizes.megabytes(size) for name, size in figures.items()}
    # The figures themselves, from the files as they are: what the tools' worker and the service
    # worker fetch and keep.
    toolkit = json.loads((built_site / RUNTIME["toolkit"]).read_text(encoding="utf-8"))
    base = built_site / "assets" / "pyodide"
    unpacked = [toolkit["files"][key]["url"] for key in ("wasm", "stdlib", "wheel")]
    kept = sum((base / name).stat().st_size for name in [*unpacked, "pyodide.mjs", "pyodide.asm.mjs"])
    guide = sum((built_site / entry["url"]).stat().st_size for entry in built_manifest(built_site))
    assert figures["guide"] == guide
    assert figures["storage"] == kept + guide + figures["snapshot"]
    assert 20e6 < figures["snapshot"] < 60e6, "Pyodide's memory after `alliance` is imported"
    wire = (base / toolkit["files"]["wasm"]["gzip"]["url"]).stat().st_size
    assert wire < figures["tools"] < kept, "the runtime gzipped, the rest as it is"
    offer = _said(built_site, "index.html", "[data-alliance-offline] [data-role=offline-status]")
    for name in sizes.NAMES:
        assert f"{said[name]} MB" in offer, (name, offer)
    assert "guide's pages" in offer and "Nothing you type is kept" in offer
    privacy = _said(built_site, "tools/classifier.html", "article")
    for words in (f"about {said['tools']} MB", f"up to {said['guide']} MB more",
                  f"about {said['storage']} MB"):
        assert words in privacy, words
    about = _said(built_site, "about.html", "article")
    assert f"about {said['storage']} MB" in about
    assert f"{said['snapshot']} MB of it a memory snapshot" in about
    # No token is left anywhere a reader or search could meet it.
    for path in [*built_site.rglob("*.html"), built_site / "search" / "search_index.json",
                 built_site / "search" / "search_index.js"]:
        text = path.read_text(encoding="utf-8")
        assert "alliance-size:" not in text, path
