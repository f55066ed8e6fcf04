// One Pyodide worker per browser tab, shared by every widget and kept alive
// across Material's instant navigation (this module is evaluated once per
// document, so its state survives page changes).

import { MESSAGES, PATHS, REQUESTS, WORKER_NAME } from "./contract.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/
const WORKER_URL = new URL(PATHS.worker, SITE_ROOT);
// Known failures (no WebAssembly, a missing file) are reported at once; as a
// backstop, a load that shows no progress for this long is reported as failed,
// so the page never shows an endless spinner.
const STALL_TIMEOUT_MS = 60000;

let worker = null;
let status = { state: "idle", message: "", fraction: 0 };
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

function fail(message) {
  clearTimeout(stallTimer);
  if (worker) worker.terminate();
  worker = null;
  setStatus({ state: "error", message, fraction: 0 });
  failAll(message);
}

function armStallTimer() {
  clearTimeout(stallTimer);
  stallTimer = setTimeout(
    () => fail("Python did not finish loading in time (the connection may be slow or a file is missing)."),
    STALL_TIMEOUT_MS,
  );
}

function onMessage(event) {
  const data = event.data || {};
  if (data.type === MESSAGES.PROGRESS) {
    armStallTimer();
    setStatus({ state: "loading", message: data.message, fraction: data.fraction });
  } else if (data.type === MESSAGES.READY) {
    clearTimeout(stallTimer);
    setStatus({ state: "ready", message: "Ready", fraction: 1 });
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

/** Start the worker unless it is loading or ready (a failed one is replaced: Retry). */
export function start() {
  if (worker) return;
  if (typeof WebAssembly !== "object") {
    setStatus({ state: "error", message: "This browser does not run WebAssembly, which the tool needs." });
    return;
  }
  setStatus({ state: "loading", message: "Starting Python…", fraction: 0.02 });
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
