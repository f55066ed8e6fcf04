// Generated from widgets/alliance/contract.py by
// `python -m alliance contract --write docs/assets/js/contract.mjs`. Do not edit.

export const REQUESTS = Object.freeze({
  "classify": "classify_json",
  "plan": "plan_json"
});

export const MESSAGES = Object.freeze({
  "PROGRESS": "progress",
  "READY": "ready",
  "ERROR": "error",
  "REPLY": "reply",
  "REPLY_ERROR": "reply-error"
});

export const WIDGETS = Object.freeze({
  "classifier": "ui-widget.mjs",
  "plan": "ui-widget.mjs"
});

export const WIDGET_REQUESTS = Object.freeze({
  "classifier": "classify",
  "plan": "plan"
});

export const FRAGMENT_KEY = "inputs";

export const WORKER_NAME = "alliance-python";

export const PATHS = Object.freeze({
  "js": "assets/js/",
  "worker": "assets/js/worker.mjs",
  "pyodide": "assets/pyodide/",
  "rules": "tools/how-the-tools-decide.html"
});

export const ROLES = Object.freeze({
  "STATUS": "status",
  "STATUS_TEXT": "status-text",
  "PROGRESS": "progress",
  "RETRY": "retry",
  "FORM": "form",
  "ERROR_SUMMARY": "error-summary",
  "ERROR_TITLE": "error-title",
  "ERROR_LIST": "error-list",
  "FRAGMENT_MESSAGE": "fragment-message",
  "RESULT": "result",
  "RESULT_HEADING": "result-heading",
  "VIEW": "view",
  "FIGURES": "figures",
  "ACTIONS": "actions",
  "ACTION_STATUS": "action-status",
  "TO_PLAN": "to-plan",
  "SHARE": "share",
  "SHARE_LINK": "share-link"
});

export const ACTIONS = Object.freeze({
  "COPY": "copy",
  "DOWNLOAD": "download",
  "PRINT": "print",
  "SHARE": "share"
});

export const BLOCKS = Object.freeze({
  "PARAGRAPH": "paragraph",
  "LIST": "list",
  "FIGURE": "figure",
  "NOTICE": "notice"
});

export const WORDS = Object.freeze({
  "IDLE": "The tool starts Python in your browser when this page opens.",
  "LOADING": "Loading Python in your browser: {message}",
  "LOADING_KEPT": "Loading Python in your browser: {message} Your answers are kept and will be checked as soon as it is ready.",
  "READY": "Ready: the answer is worked out in your browser.",
  "FAILED": "{message} It carries on by itself when the connection is back, or press Retry.",
  "FAILED_FINAL": "{message} (Retry would not help here.)",
  "LOAD_FAILED": "The tool could not start: a script failed to load ({message}). Reload the page to try again.",
  "NOT_KEPT": "This browser will not keep the tools, so they download again on each visit (as in a private window, or where site data is not kept).",
  "COPY_FAILED": "The browser did not allow copying: use Download as Markdown, or select the text and copy it."
});

export const HANDOFF = Object.freeze({
  "KEY": "alliance-handoff"
});

export const MESSAGE_KINDS = Object.freeze({
  "PROBLEM": "problem",
  "NOTE": "note"
});

export const RUNTIME = Object.freeze({
  "toolkit": "assets/pyodide/toolkit.json",
  "service_worker": "sw.js",
  "workbox": "assets/workbox/",
  "cache_prefix": "alliance-",
  "tools_cache": "alliance-tools-",
  "retry": "retry",
  "offline_ready": "offline-ready",
  "keep_offline": "keep-offline",
  "full_stdlib_loader": "allianceLoadFullStdlib"
});

export const RUNTIME_WORDS = Object.freeze({
  "STARTING": "Starting Python…",
  "LOADING_PACKAGE": "Loading the alliance package…",
  "DOWNLOADING": "Downloading Python: {received} of {total} MB ({percent}%)…",
  "STOPPED": "The download of {file} stopped ({why}) after {received} MB; trying again in {seconds} s…",
  "MODULE_STOPPED": "Python's {file} did not arrive ({why}); trying again in {seconds} s…",
  "RETRYING": "Trying again to download {file}…",
  "RESUMED": "The download of {file} carried on where it stopped: the {kept} MB already received were kept.",
  "RESTARTED": "This site's host cannot resume a download, so {file} starts again from its first byte.",
  "GAVE_UP": "the download of {file} stopped ({why}) and could not start again within a minute",
  "GAVE_UP_KEPT": "the download of {file} stopped ({why}) and could not start again within a minute; the {kept} MB already received are kept",
  "RESUMING": "Resuming the download…",
  "WHY_STALLED": "no data arrived for {seconds} s",
  "WHY_FAILED": "the connection failed",
  "WHY_OFFLINE": "this device is offline",
  "WHY_HTTP": "the host answered HTTP {status}",
  "WHY_SHORTER": "the host sent a shorter file than before",
  "MISSING": "{file} is missing from this site (HTTP {status})",
  "NO_TOOLKIT": "this site could not be reached for {file} ({why}), and the tools are not kept in this browser for use without a connection",
  "WRONG_RANGE": "the host resumed {file} at the wrong byte",
  "WRONG_SIZE": "{file} unpacked to {bytes} bytes, not {expected}",
  "WRONG_CHECKSUM": "{file} does not match the checksum this site was built with (the file on the host changed while it downloaded?); reload the page",
  "FAILED_PREFIX": "Python could not be loaded: {message}.",
  "UPDATED": "The guide was updated while this page was open: loading its new tools…",
  "OFFLINE_PREPARING": "Preparing the tools for offline use…",
  "OFFLINE_DOWNLOADING": "Downloading Python for the browser: {received} of {total} MB…",
  "OFFLINE_FAILED": "{message} Press the button to try again.",
  "OFFLINE_KEEPING_PAGES": "Keeping the guide's pages…",
  "OFFLINE_DONE": "Done: the tools and the whole guide now work in this browser without a connection.",
  "OFFLINE_PAGES_REFUSED": "The tools are kept in this browser, but it would not keep the guide's pages for offline use."
});
