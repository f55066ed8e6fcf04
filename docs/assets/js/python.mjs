// One Pyodide worker per browser tab, shared by every widget and kept alive
// across Material's instant navigation (this module is evaluated once per
// document, so its state survives page changes).
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
//   keeps      on "ready": false if this browser will not keep the tools between visits
//              (no storage, or it dropped what an earlier visit kept: persistence.mjs)

import { MESSAGES, PATHS, REQUESTS, RUNTIME, WORKER_NAME } from "./contract.mjs";
import { register as registerServiceWorker } from "./offline.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/
const WORKER_URL = new URL(PATHS.worker, SITE_ROOT);
// Known failures (no WebAssembly, a missing file, a download that stopped) are
// reported by the worker itself; a stalled download is one whose bytes stop
// arriving (download.mjs). As a backstop, a worker that sends nothing at all for
// this long is reported as failed, so the page never shows an endless spinner.
const SILENCE_TIMEOUT_MS = 60000;
const SERVE_COMMAND = "python3 -m http.server 8000 --bind 127.0.0.1";
const READY_MARK = "alliance-ready";

let worker = null;
let status = { state: "idle", message: "", fraction: 0, bytes: null, retryable: true, boot: null,
  offline: null, keeps: true };
let nextId = 1;
const pending = new Map();
const listeners = new Set();
let stallTimer = 0;

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

// A download that stopped: the worker keeps what arrived and waits for Retry.
let paused = false;

function onMessage(event) {
  const data = event.data || {};
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
    setStatus({ state: "error", message: `Python could not be loaded: ${data.message}.`, retryable: true });
  } else if (data.type === MESSAGES.ERROR) {
    fail(`Python could not be loaded: ${data.message}.`);
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
    setStatus({ state: "loading", message: "Resuming the download…", retryable: true });
    worker.postMessage({ type: RUNTIME.retry });
    return;
  }
  if (worker) return;
  if (location.protocol === "file:") {
    setStatus({ state: "error", retryable: false, message: "The tools need this guide to be served, not opened "
      + `as a file. In the folder that holds index.html, run: ${SERVE_COMMAND} and open http://127.0.0.1:8000/.` });
    return;
  }
  if (typeof WebAssembly !== "object") {
    setStatus({ state: "error", retryable: false,
      message: "This browser does not run WebAssembly, which the tool needs." });
    return;
  }
  setStatus({ state: "loading", message: "Starting Python…", fraction: 0.02, retryable: true });
  const early = takeEarlyWorker();
  try {
    worker = early ? early.worker : new Worker(WORKER_URL, { type: "module", name: WORKER_NAME });
  } catch (error) {
    worker = null;
    fail(`The browser refused to start the Python worker (${error.message}).`);
    return;
  }
  const handlers = { message: onMessage, error: onError, messageerror: onMessageError };
  for (const [type, handler] of Object.entries(handlers)) worker.addEventListener(type, handler);
  armStallTimer();
  // Events the early worker sent before this module ran, in order.
  for (const event of early ? early.events : []) {
    if (!worker) break; // an earlier event already failed the load
    handlers[event.type](event);
  }
}

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
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, kind, payload: JSON.stringify(payload) });
  });
}
