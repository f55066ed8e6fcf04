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
  "classifier": "ui-classifier.mjs",
  "plan": "ui-plan.mjs"
});

export const FRAGMENT_KEY = "inputs";

export const WORKER_NAME = "alliance-python";

export const PATHS = Object.freeze({
  "js": "assets/js/",
  "worker": "assets/js/worker.mjs",
  "pyodide": "assets/pyodide/",
  "references": "assets/data/references.json"
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
