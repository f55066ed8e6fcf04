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
  snapshot, service worker and the build steps that make their files);
  ``RUNTIME_WORDS``: what the runtime says while it downloads, resumes or
  starts again; each ``{name}`` is filled in by the browser code with a
  number or a file name, never with words of its own.
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
    "ERROR_TITLE": "error-title",  # the summary's first line, in Python's words (alliance.api.CHECK_SUMMARY)
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
    "FAILED": "{message} It carries on by itself when the connection is back, or press Retry.",
    "FAILED_FINAL": "{message} (Retry would not help here.)",  # a failure Retry cannot mend
    "LOAD_FAILED": (
        "The tool could not start: a script failed to load ({message}). Reload the page to try again."
    ),
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
# use (service worker) and the build steps behind them (macros/toolkit/,
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

RUNTIME_WORDS: Mapping[str, str] = MappingProxyType({
    "STARTING": "Starting Python…",
    "LOADING_PACKAGE": "Loading the alliance package…",
    # Progress: bytes on the wire, counted against the sizes the build wrote into toolkit.json.
    "DOWNLOADING": "Downloading Python: {received} of {total} MB ({percent}%)…",
    # A download or a module that stopped, retried by itself with back-off for about a minute.
    "STOPPED": "The download of {file} stopped ({why}) after {received} MB; trying again in {seconds} s…",
    "MODULE_STOPPED": "Python's {file} did not arrive ({why}); trying again in {seconds} s…",
    "RETRYING": "Trying again to download {file}…",
    # Said only once the host has answered a resumed request with the bytes asked for (206).
    "RESUMED": (
        "The download of {file} carried on where it stopped: the {kept} MB already received were kept."
    ),
    "RESTARTED": "This site's host cannot resume a download, so {file} starts again from its first byte.",
    "GAVE_UP": "the download of {file} stopped ({why}) and could not start again within a minute",
    "GAVE_UP_KEPT": "the download of {file} stopped ({why}) and could not start again within a minute; "
                    "the {kept} MB already received are kept",
    "RESUMING": "Resuming the download…",
    # Why it stopped.
    "WHY_STALLED": "no data arrived for {seconds} s",
    "WHY_FAILED": "the connection failed",
    "WHY_OFFLINE": "this device is offline",
    "WHY_HTTP": "the host answered HTTP {status}",
    "WHY_SHORTER": "the host sent a shorter file than before",
    # Failures no retry can mend.
    "MISSING": "{file} is missing from this site (HTTP {status})",
    "NO_TOOLKIT": "this site could not be reached for {file} ({why}), and the tools are not kept in this "
                  "browser for use without a connection",
    "WRONG_RANGE": "the host resumed {file} at the wrong byte",
    "WRONG_SIZE": "{file} unpacked to {bytes} bytes, not {expected}",
    "WRONG_CHECKSUM": "{file} does not match the checksum this site was built with (the file on the host "
                      "changed while it downloaded?); reload the page",
    "FAILED_PREFIX": "Python could not be loaded: {message}.",
    # A deploy while the page was open: the page names a newer toolkit than the running worker's.
    "UPDATED": "The guide was updated while this page was open: loading its new tools…",
    # The footer's "Keep the tools available offline", once pressed (its offer and what it says once
    # everything is kept carry the build's figures: macros/sizes.py).
    "OFFLINE_PREPARING": "Preparing the tools for offline use…",
    "OFFLINE_DOWNLOADING": "Downloading Python for the browser: {received} of {total} MB…",
    "OFFLINE_FAILED": "{message} Press the button to try again.",
    "OFFLINE_KEEPING_PAGES": "Keeping the guide's pages…",
    "OFFLINE_DONE": "Done: the tools and the whole guide now work in this browser without a connection.",
    "OFFLINE_PAGES_REFUSED": (
        "The tools are kept in this browser, but it would not keep the guide's pages for offline use."
    ),
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
    "RUNTIME", "RUNTIME_WORDS",  # the runtime group
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
