"""Names shared by the Python side and the browser code, defined once.

The browser imports the same names from ``docs/assets/js/contract.mjs``, which
is generated from this module (``python -m alliance contract --write
docs/assets/js/contract.mjs``); a test fails while that file is stale, so a
name changed on one side alone cannot ship.

- ``REQUESTS``: what the page may ask the Python worker, and the function of
  :mod:`alliance.api` that answers each request kind.
- ``MESSAGES``: the types of the messages the worker posts to the page.
- ``WIDGETS``: each widget's name (``data-widget``) and its UI module;
  ``WIDGET_REQUESTS``: the request kind each widget sends (``data-request``).
- ``FRAGMENT_KEY``: the key of a share link's fragment (``#inputs=...``).
- ``PATHS``: where the built site serves the files the browser code loads
  and the rules page, relative to the site root.
- ``ROLES``, ``ACTIONS``: the ``data-role`` and ``data-action`` values of the
  widgets' HTML (drawn by ``macros/forms.py``, read by the UI modules).
- ``BLOCKS``: the kinds of block of a view (:mod:`alliance.view`).
- ``WORDS``: what the page says before Python can (loading, failures);
  ``{message}`` is replaced by the worker's message.
- ``HANDOFF``: how one widget hands another what it needs without a URL
  (in the page's memory across instant navigation; otherwise in this tab's
  ``sessionStorage`` under ``KEY``, removed as soon as it is read).
- ``MESSAGE_KINDS``: the ``data-kind`` of the message above a form: Python's
  problems with a link (``PROBLEM``), or a note (``NOTE``: what a migration
  changed, what a hand-off filled in).
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

CLASSIFIER = "classifier"  # the widgets' names (data-widget)
PLAN_BUILDER = "plan"
WIDGETS: Mapping[str, str] = MappingProxyType({
    CLASSIFIER: "ui-widget.mjs",
    PLAN_BUILDER: "ui-widget.mjs",
})
WIDGET_REQUESTS: Mapping[str, str] = MappingProxyType({
    CLASSIFIER: "classify",
    PLAN_BUILDER: "plan",
})

FRAGMENT_KEY = "inputs"
WORKER_NAME = "alliance-python"

PATHS: Mapping[str, str] = MappingProxyType({
    "js": "assets/js/",
    "worker": "assets/js/worker.mjs",
    "pyodide": "assets/pyodide/",
    "rules": "tools/how-the-tools-decide.html",
})

ROLES: Mapping[str, str] = MappingProxyType({
    "STATUS": "status",  # the loading status area (data-state: idle, loading, ready, error)
    "STATUS_TEXT": "status-text",
    "PROGRESS": "progress",
    "RETRY": "retry",
    "FORM": "form",
    "ERROR_SUMMARY": "error-summary",  # Python's problems with the form, each linked to its field
    "ERROR_LIST": "error-list",
    "FRAGMENT_MESSAGE": "fragment-message",  # Python's problems with a share link
    "RESULT": "result",
    "RESULT_HEADING": "result-heading",
    "VIEW": "view",  # where the view's blocks are painted
    "FIGURES": "figures",  # the build-time figures a view's figure blocks move into place
    "ACTIONS": "actions",
    "ACTION_STATUS": "action-status",
    "TO_PLAN": "to-plan",  # a link whose fragment the reply gives (reply.links)
    "SHARE": "share",
    "SHARE_LINK": "share-link",
})

ACTIONS: Mapping[str, str] = MappingProxyType({
    "COPY": "copy",  # the reply's text to the clipboard
    "DOWNLOAD": "download",  # the reply's Markdown as a file
    "PRINT": "print",
    "SHARE": "share",  # a link to this page with the reply's share fragment
})

BLOCKS: Mapping[str, str] = MappingProxyType({
    "PARAGRAPH": "paragraph",
    "LIST": "list",
    "FIGURE": "figure",
    "NOTICE": "notice",
})

WORDS: Mapping[str, str] = MappingProxyType({
    "IDLE": "The tool starts Python in your browser when this page opens.",
    "LOADING": "Loading Python in your browser: {message}",
    "LOADING_KEPT": (
        "Loading Python in your browser: {message} Your answers are kept and will be checked as soon as it "
        "is ready."
    ),
    "READY": "Ready: the answer is worked out in your browser.",
    "FAILED": "{message} Check your connection, then press Retry.",
    "FAILED_FINAL": "{message} (Retry would not help here.)",  # a failure Retry cannot mend
    # Said once, after READY, when the browser will not keep the tools between visits.
    "NOT_KEPT": (
        "This browser will not keep the tools, so they download again on each visit (as in a private "
        "window, or where site data is not kept)."
    ),
    "COPY_FAILED": (
        "The browser did not allow copying: use Download as Markdown, or select the text and copy it."
    ),
})

HANDOFF: Mapping[str, str] = MappingProxyType({
    "KEY": "alliance-handoff",
})

MESSAGE_KINDS: Mapping[str, str] = MappingProxyType({
    "PROBLEM": "problem",
    "NOTE": "note",
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


EXPORTS: tuple[str, ...] = (
    "REQUESTS", "MESSAGES", "WIDGETS", "WIDGET_REQUESTS", "FRAGMENT_KEY", "WORKER_NAME", "PATHS", "ROLES",
    "ACTIONS", "BLOCKS", "WORDS", "HANDOFF", "MESSAGE_KINDS",
    "RUNTIME",  # the runtime group
)


def exported() -> dict[str, object]:
    """Every name the browser gets, as plain JSON values."""
    return {name: dict(value) if isinstance(value, Mapping) else value
            for name, value in ((name, globals()[name]) for name in EXPORTS)}


def js_module() -> str:
    """The text of ``contract.mjs``: every name above as a frozen JS constant."""
    header = ("// Generated from widgets/alliance/contract.py by\n"
              "// `python -m alliance contract --write docs/assets/js/contract.mjs`. Do not edit.\n")
    return "\n".join([header, *(_export(name, value) for name, value in exported().items())])


def _check() -> None:
    for name in ("MESSAGES", "ROLES", "ACTIONS", "BLOCKS", "MESSAGE_KINDS"):
        values = list(globals()[name].values())
        if len(set(values)) != len(values):
            raise ValueError(f"two entries of {name} share a value")
    if set(WIDGET_REQUESTS) != set(WIDGETS) or not set(WIDGET_REQUESTS.values()) <= set(REQUESTS):
        raise ValueError("every widget needs a request kind of REQUESTS, and only widgets have one")
    for key, path in [*PATHS.items(), *((k, RUNTIME[k]) for k in ("toolkit", "service_worker", "workbox"))]:
        if path.startswith("/") or ".." in path.split("/"):
            raise ValueError(f"contract path {key!r} must be relative to the site root: {path!r}")


_check()
