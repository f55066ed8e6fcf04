"""Names shared by the Python side and the browser code, defined once.

The browser imports the same names from ``docs/assets/js/contract.mjs``, which
is generated from this module (``python -m alliance contract --write
docs/assets/js/contract.mjs``); a test fails while that file is stale, so a
name changed on one side alone cannot ship.

- ``REQUESTS``: what the page may ask the Python worker, and the function of
  :mod:`alliance.api` that answers each request kind.
- ``MESSAGES``: the types of the messages the worker posts to the page.
- ``WIDGETS``: each widget's name (``data-widget``) and its UI module.
- ``FRAGMENT_KEY``: the key of a share link's fragment (``#inputs=...``).
- ``PATHS``: where the built site serves the files the browser code loads,
  relative to the site root.
- ``RUNTIME``: the names of the tools' runtime (loader, worker boot, memory
  snapshot, service worker and the build steps that make their files).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

REQUESTS: Mapping[str, str] = MappingProxyType({
    "classify": "classify_json",
    "plan": "plan_json",
})

MESSAGES: Mapping[str, str] = MappingProxyType({
    "PROGRESS": "progress",  # {type, message, fraction}: loading goes on
    "READY": "ready",  # {type}: Python and the package are loaded
    "ERROR": "error",  # {type, message}: loading failed (the page offers Retry)
    "REPLY": "reply",  # {type, id, json}: the JSON text the API function returned
    "REPLY_ERROR": "reply-error",  # {type, id, message}: the call itself crashed
})

WIDGETS: Mapping[str, str] = MappingProxyType({
    "classifier": "ui-classifier.mjs",
    "plan": "ui-plan.mjs",
})

FRAGMENT_KEY = "inputs"
WORKER_NAME = "alliance-python"

PATHS: Mapping[str, str] = MappingProxyType({
    "js": "assets/js/",
    "worker": "assets/js/worker.mjs",
    "pyodide": "assets/pyodide/",
    "references": "assets/data/references.json",
})

# ---------------------------------------------------------------------------
# Runtime group: the loader, the worker's boot and its memory snapshot, offline
# use (service worker) and the build steps behind them (macros/assets.py,
# macros/offline.py). Kept apart from the names above to ease merges.
RUNTIME: Mapping[str, str] = MappingProxyType({
    # The worker's boot manifest: every file it needs, with sizes, and Pyodide's lock.
    "toolkit": "assets/pyodide/toolkit.json",
    # The service worker (site root: its scope is the whole site) and its Workbox runtime.
    "service_worker": "sw.js",
    "workbox": "assets/workbox/",
    # Cache Storage: the tools' files and memory snapshot live in "<prefix><toolkit id>";
    # the service worker's own caches start with "<cache_prefix>site-".
    "cache_prefix": "alliance-",
    "tools_cache": "alliance-tools-",
    # Page -> worker: resume the downloads after a stall or an error (what arrived is kept).
    "retry": "retry",
    # Worker -> page: {type, snapshot, files} once this visit's files (and snapshot) are kept.
    "offline_ready": "offline-ready",
    # Page -> service worker: keep the tools (and the guide) for offline use.
    "keep_offline": "keep-offline",
    # Worker global the trimmed standard library calls to fetch the full one (stdlib_fallback.py).
    "full_stdlib_loader": "allianceLoadFullStdlib",
})

JS_PATH = Path("docs") / "assets" / "js" / "contract.mjs"  # relative to the project root


def _export(name: str, value: object) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if isinstance(value, dict):
        return f"export const {name} = Object.freeze({text});\n"
    return f"export const {name} = {text};\n"


def js_module() -> str:
    """The text of ``contract.mjs``: every name above as a frozen JS constant."""
    parts = [
        "// Generated from widgets/alliance/contract.py by\n"
        "// `python -m alliance contract --write docs/assets/js/contract.mjs`. Do not edit.\n",
        _export("REQUESTS", dict(REQUESTS)),
        _export("MESSAGES", dict(MESSAGES)),
        _export("WIDGETS", dict(WIDGETS)),
        _export("FRAGMENT_KEY", FRAGMENT_KEY),
        _export("WORKER_NAME", WORKER_NAME),
        _export("PATHS", dict(PATHS)),
        _export("RUNTIME", dict(RUNTIME)),
    ]
    return "\n".join(parts)


def _check() -> None:
    if len(set(MESSAGES.values())) != len(MESSAGES):
        raise ValueError("two worker message types share a name")
    for key, path in [*PATHS.items(), *((k, RUNTIME[k]) for k in ("toolkit", "service_worker", "workbox"))]:
        if path.startswith("/") or ".." in path.split("/"):
            raise ValueError(f"contract path {key!r} must be relative to the site root: {path!r}")


_check()
