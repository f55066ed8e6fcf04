// One Pyodide worker per browser tab, shared by every widget and kept alive
// across Material's instant navigation (this module is evaluated once per
// document, so its state survives page changes).
//
// Deploys never mix: every page names the toolkit it was built with (<meta
// name="alliance-toolkit">), and the worker says which toolkit it runs. At every
// page Material swaps in, a page that names another toolkit than the one the
// worker was started for gets a new worker on the new toolkit; questions still
// with the old worker are asked again of the new one, and the answers typed on
// the page stay (widgets asking again with them: ui-widget.mjs).
//
// A download that stopped tries again by itself (download.mjs); when the
// browser says the connection is back ("online"), every wait ends at once,
// and a worker that failed is started again.
//
// The status every listener gets (subscribe, currentStatus):
//   state      "idle" | "loading" | "ready" | "error"
//   message    what to show
//   fraction   0..1 for the progress bar
//   bytes      {received, total} while Python downloads (bytes on the wire), else null
//   retryable  on "error": true if Retry can succeed (a download that stopped keeps
//              what arrived and carries on from there); false if it cannot (this
//              browser, or a page opened from a file)
//   boot       on "ready": {source: "snapshot" | "fresh", fallback: null | why the
//              snapshot was not used ("missing", "truncated", "corrupt", "other version",
//              "refused (...)", "no storage")}
//   offline    {snapshot, files}: this visit's snapshot and files are kept in the
//              browser, so the next visit starts at once, with or without a network
//   toolkit    the toolkit the worker runs (null until it says)
//   generation how many workers this page has started: a reply of an earlier one
//              may be stale (a deploy in between)
//   keeps      on "ready": false if this browser will not keep the tools between visits
//              (no storage, or it dropped what an earlier visit kept: persistence.mjs)

import { MESSAGES, PATHS, REQUESTS, RUNTIME, RUNTIME_WORDS as SAY, WORKER_NAME } from "./contract.mjs";
import { register as registerServiceWorker } from "./offline.mjs";
import { fill } from "./words.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/
const WORKER_URL = new URL(PATHS.worker, SITE_ROOT);
// Known failures (no WebAssembly, a missing file, a download that stopped) are
// reported by the worker itself; a stalled download is one whose bytes stop
// arriving (download.mjs). As a backstop, a worker that sends nothing at all for
// this long is reported as failed, so the page never shows an endless spinner.
const SILENCE_TIMEOUT_MS = 60000;
const READY_MARK = "alliance-ready";

let worker = null;
let status = { state: "idle", message: "", fraction: 0, bytes: null, retryable: true, boot: null,
  offline: null, toolkit: null, generation: 0, keeps: true };
let nextId = 1;
const pending = new Map(); // id -> {resolve, reject, kind, payload}
const listeners = new Set();
let stallTimer = 0;

/** The toolkit the page in view was built with (Material swaps the <meta> with the page). */
function pageToolkit() {
  const meta = document.querySelector('meta[name="alliance-toolkit"]');
  return meta ? meta.content : null;
}
let startedFor = null; // the page's toolkit when the running worker was started

function setStatus(next) {
  status = { ...status, ...next };
  for (const listener of listeners) listener(status);
}

function failAll(message) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function fail(message, retryable = true) {
  clearTimeout(stallTimer);
  if (worker) worker.terminate();
  worker = null;
  setStatus({ state: "error", message, fraction: 0, bytes: null, retryable });
  failAll(message);
}

function armStallTimer() {
  clearTimeout(stallTimer);
  stallTimer = setTimeout(
    () => fail("Python stopped loading: nothing came from it for a minute. Reload the page to try again."),
    SILENCE_TIMEOUT_MS,
  );
}

// A download that gave up for now: the worker keeps what arrived and waits for Retry or "online".
let paused = false;

function onMessage(event) {
  const data = event.data || {};
  if (data.toolkit && data.toolkit !== status.toolkit) {
    setStatus({ toolkit: data.toolkit });
    if (restartIfStale()) return;
  }
  if (data.type === MESSAGES.PROGRESS) {
    if (status.state === "ready") return; // late news of a boot that is over
    armStallTimer();
    paused = false;
    setStatus({ state: "loading", message: data.message, fraction: data.fraction, bytes: data.bytes || null });
  } else if (data.type === MESSAGES.READY) {
    clearTimeout(stallTimer);
    performance.mark(READY_MARK); // when the tools became ready, for any engine's timing (bench/)
    paused = false;
    setStatus({ state: "ready", message: "Ready", fraction: 1, bytes: null,
      boot: { source: data.boot || "fresh", fallback: data.fallback || null }, keeps: data.keeps !== false });
  } else if (data.type === RUNTIME.offline_ready) {
    setStatus({ offline: { snapshot: Boolean(data.snapshot), files: Boolean(data.files) } });
    // The tools' files are in this browser now: the service worker keeps the guide with them,
    // and serves both on the next visit, online or not (offline.mjs).
    if (data.files) registerServiceWorker();
  } else if (data.type === MESSAGES.ERROR && data.retryable) {
    clearTimeout(stallTimer);
    paused = true;
    setStatus({ state: "error", message: fill(SAY.FAILED_PREFIX, { message: data.message }), retryable: true });
  } else if (data.type === MESSAGES.ERROR) {
    fail(fill(SAY.FAILED_PREFIX, { message: data.message }));
  } else if (data.type === MESSAGES.REPLY || data.type === MESSAGES.REPLY_ERROR) {
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.type === MESSAGES.REPLY_ERROR) {
      call.reject(new Error(data.message));
      return;
    }
    try {
      call.resolve(JSON.parse(data.json));
    } catch {
      call.reject(new Error("Python returned a reply that is not JSON."));
    }
  }
}

function onError(event) {
  event.preventDefault();
  fail(`The Python worker stopped: ${event.message || "a file it needs could not be loaded"}.`);
}

function onMessageError() {
  fail("The Python worker sent a message the page cannot read.");
}

/**
 * The worker a widget page's <head> started before anything else loaded
 * (overrides/main.html), with the events it sent meanwhile; null if none.
 * Taken once: a Retry starts a new worker here.
 */
function takeEarlyWorker() {
  const early = globalThis.__allianceEarlyWorker;
  if (!early || !(early.worker instanceof Worker)) return null;
  delete globalThis.__allianceEarlyWorker;
  early.release();
  return early;
}

/**
 * Start the worker unless it is loading or ready. Retry calls this too: a worker
 * whose download stopped resumes it (what arrived is kept); a failed one is replaced.
 */
export function start() {
  if (worker && paused) {
    paused = false;
    armStallTimer();
    setStatus({ state: "loading", message: SAY.RESUMING, retryable: true });
    worker.postMessage({ type: RUNTIME.retry });
    return;
  }
  if (worker || location.protocol === "file:") return; // from a file, the page itself says why (main.html)
  if (typeof WebAssembly !== "object") {
    setStatus({ state: "error", retryable: false,
      message: "This browser does not run WebAssembly, which the tool needs." });
    return;
  }
  setStatus({ state: "loading", message: SAY.STARTING, fraction: 0.02, retryable: true, toolkit: null,
    generation: status.generation + 1 });
  const early = takeEarlyWorker();
  try {
    worker = early ? early.worker : new Worker(WORKER_URL, { type: "module", name: WORKER_NAME });
  } catch (error) {
    worker = null;
    fail(`The browser refused to start the Python worker (${error.message}).`);
    return;
  }
  startedFor = pageToolkit();
  const handlers = { message: onMessage, error: onError, messageerror: onMessageError };
  for (const [type, handler] of Object.entries(handlers)) worker.addEventListener(type, handler);
  armStallTimer();
  // Events the early worker sent before this module ran, in order.
  for (const event of early ? early.events : []) {
    if (!worker) break; // an earlier event already failed the load
    handlers[event.type](event);
  }
}

/**
 * A new worker on the toolkit the page in view names, if the running one was started for another
 * page's and runs another toolkit (a deploy while this tab was open). Questions still with the old
 * worker are asked again of the new one. A page without a tool, with no question pending, only
 * stops the old worker: the next tool page starts the new one (no download on a reading page).
 * True if the old worker was stopped.
 */
function restartIfStale() {
  const wanted = pageToolkit();
  if (!worker || !wanted || !status.toolkit || status.toolkit === wanted || startedFor === wanted) return false;
  const questions = [...pending.entries()];
  pending.clear();
  clearTimeout(stallTimer);
  worker.terminate();
  worker = null;
  paused = false;
  if (!questions.length && !document.querySelector("[data-widget]")) {
    setStatus({ state: "idle", message: "", fraction: 0, bytes: null, toolkit: null, boot: null, offline: null });
    return true;
  }
  start();
  if (!worker) return true;
  setStatus({ message: SAY.UPDATED, boot: null, offline: null });
  for (const [id, question] of questions) {
    pending.set(id, question);
    worker.postMessage({ id, kind: question.kind, payload: question.payload });
  }
  return true;
}

// Every page Material swaps in (with this module loaded: a worker may be running).
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => restartIfStale());
}

// The connection is back: a download waiting to try again goes on at once; a failed worker starts again.
window.addEventListener("online", () => {
  if (worker) {
    worker.postMessage({ type: RUNTIME.retry });
    if (paused) start();
  } else if (status.state === "error" && status.retryable !== false) {
    start();
  }
});

/** Call listener(status) now and on every change; returns an unsubscribe function. */
export function subscribe(listener) {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

export function currentStatus() {
  return status;
}

/**
 * Ask Python: kind is a key of REQUESTS (contract.mjs), payload an object sent as JSON.
 * Resolves with the parsed reply once Python is ready (calls made while it
 * loads wait for it); rejects if loading fails.
 */
export function call(kind, payload) {
  if (!Object.hasOwn(REQUESTS, kind)) return Promise.reject(new Error(`unknown request kind ${kind}`));
  start();
  if (!worker) return Promise.reject(new Error(status.message));
  const id = nextId++;
  const text = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, kind, payload: text });
    worker.postMessage({ id, kind, payload: text });
  });
}
