// Offline use of the guide and its tools: the service worker (sw.js, made by
// macros/offline.py) and the footer's "Keep the tools available offline".
//
// The service worker is registered only once a reader has used a tool (python.mjs,
// after Python is ready: its files are then in this browser already, so keeping
// them costs no download) or asked for offline use with the button. Asking starts
// Python here as a tool page would: its worker downloads the files, boots, makes
// its memory snapshot and keeps everything in this browser's Cache Storage.

import { RUNTIME, RUNTIME_WORDS as SAY } from "./contract.mjs";
import { megabytes } from "./download.mjs";
import { fill } from "./words.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/

/** True where a service worker can run: a served site in a secure context. */
export function supported() {
  return "serviceWorker" in navigator && window.isSecureContext && location.protocol !== "file:";
}

/** Register the service worker (once per page); resolves with the registration, or null. */
let registering = null;
export function register() {
  if (!supported()) return Promise.resolve(null);
  registering ??= navigator.serviceWorker
    .register(new URL(RUNTIME.service_worker, SITE_ROOT), { scope: SITE_ROOT.href, updateViaCache: "none" })
    .catch(() => null);
  return registering;
}

/** Resolves once a registration's service worker is active (or at once if there is none). */
function activated(registration) {
  const worker = registration && (registration.installing || registration.waiting || registration.active);
  if (!worker || worker.state === "activated") return Promise.resolve(Boolean(worker));
  return new Promise((resolve) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve(true);
      else if (worker.state === "redundant") resolve(false);
    });
  });
}

function describe(status) {
  if (status.state === "error") return fill(SAY.OFFLINE_FAILED, { message: status.message });
  if (status.bytes && status.bytes.total) {
    return fill(SAY.OFFLINE_DOWNLOADING, { received: megabytes(status.bytes.received),
      total: megabytes(status.bytes.total) });
  }
  return SAY.OFFLINE_PREPARING;
}

/**
 * The footer's "Keep the tools available offline", pressed (widgets.js shows the
 * button and calls this): start Python, show its progress, then register the
 * service worker once the files are kept.
 */
export async function keep(container) {
  const button = container.querySelector("[data-role=keep-offline]");
  const text = container.querySelector("[data-role=offline-status]");
  button.disabled = true;
  const python = await import("./python.mjs");
  let done = false;
  let unsubscribe = () => {};
  const render = (status) => {
    if (done) return;
    if (status.offline && (status.offline.files || status.offline.snapshot)) {
      done = true;
      unsubscribe();
      text.textContent = SAY.OFFLINE_KEEPING_PAGES;
      register().then(activated).then((active) => {
        text.textContent = active ? SAY.OFFLINE_DONE : SAY.OFFLINE_PAGES_REFUSED;
        button.hidden = active;
        button.disabled = false;
      });
      return;
    }
    if (status.state === "error") button.disabled = false;
    if (status.state !== "idle") text.textContent = describe(status);
  };
  unsubscribe = python.subscribe(render);
  if (done) unsubscribe();
  python.start();
}
