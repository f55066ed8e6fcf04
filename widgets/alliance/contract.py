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
    ]
    return "\n".join(parts)


def _check() -> None:
    if len(set(MESSAGES.values())) != len(MESSAGES):
        raise ValueError("two worker message types share a name")
    for key, path in PATHS.items():
        if path.startswith("/") or ".." in path.split("/"):
            raise ValueError(f"contract path {key!r} must be relative to the site root: {path!r}")


_check()
