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
  "FAILED": "{message} Check your connection, then press Retry.",
  "FAILED_FINAL": "{message} (Retry would not help here.)",
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
