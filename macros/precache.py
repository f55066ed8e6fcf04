"""Workbox's precache manifest of the built site: which files the service worker keeps, and
each one's revision.

This stands in for ``workbox-build``'s ``getManifest`` (npm, installed as a dev dependency
only so that tests/site/test_offline_build.py can check this module against it). The format is
Workbox's own: each file's URL, relative to the site root, and its revision, the MD5 of its
bytes, exactly as ``getManifest`` computes them for the same globs. It is not run because the
build is Python (MkDocs' ``on_post_build``) and ``getManifest`` would add a Node process to
every build: ~0.4 s on an idle machine (0.38 s to load the module, 0.05 s to hash), a sixth of
a 200-page build, and 1.1-2.5 s measured under load, against ~15 ms for this module (56 files).

What is precached: every page, the styles and scripts, the search index, the tools' small
files and ``toolkit.json``. Not the tools' large files (the Pyodide runtime, its standard
library, the wheel) nor source maps: the tools' worker keeps those as it downloads them
(``docs/assets/js/worker.mjs``), so no byte crosses the network twice.
"""

from __future__ import annotations

import fnmatch
import hashlib
from pathlib import Path

from alliance.contract import RUNTIME

# Workbox's glob syntax (``*`` within a folder, a leading ``**/`` any folder or none), matched
# here by _matches; tests/site/test_offline_build.py checks Workbox's getManifest agrees.
PRECACHE = ("**/*.html", "assets/stylesheets/*.css", "assets/javascripts/*.js",
            "assets/javascripts/workers/*.js", "assets/css/*.css", "assets/js/*.js", "assets/js/*.mjs",
            "assets/data/*.json", "assets/images/*", "search/search_index.json", "sitemap.xml",
            RUNTIME["toolkit"])


def _matches(relative: str, pattern: str) -> bool:
    """Whether a site-relative path matches a glob of ``PRECACHE``."""
    parts, wanted = relative.split("/"), pattern.split("/")
    if wanted[0] == "**":
        wanted = wanted[1:]
        parts = parts[-len(wanted):] if len(parts) >= len(wanted) else parts
    return len(parts) == len(wanted) and all(
        fnmatch.fnmatchcase(part, glob) for part, glob in zip(parts, wanted, strict=True))


def precache_manifest(site: Path) -> list[dict[str, str]]:
    """Workbox's manifest of ``site``: [{"url", "revision"}], sorted by URL."""
    entries = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        if any(_matches(relative, pattern) for pattern in PRECACHE):
            entries.append({"url": relative, "revision": hashlib.md5(path.read_bytes()).hexdigest()})
    return entries
