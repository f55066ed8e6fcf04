// Module worker: self-hosted Pyodide + the `alliance` package.
//
// Messages in:  {id, kind: <a key of REQUESTS>, payload: "<JSON string>"}
//               {type: RUNTIME.retry}: resume downloads at once (what arrived is kept)
// Messages out: the MESSAGES of contract.mjs (generated from alliance/contract.py), each PROGRESS
//               and READY with `toolkit`, the id of the toolkit this worker runs, once known (READY
//               also says {boot, fallback, keeps}: keeps is false if this browser will not keep the
//               tools); and
//               {type: RUNTIME.offline_ready, snapshot, files} once this visit's files are kept.
//
// The boot, fastest first:
// 1. toolkit.json names every file with its size and checksum, and the toolkit id
//    that names this build's cache ("alliance-tools-<id>" in Cache Storage).
// 2. If that cache holds a memory snapshot of an earlier boot (snapshot.mjs), and it
//    is whole and of this toolkit, Pyodide boots from it: `alliance` is already
//    imported. Anything wrong with it (missing, truncated, corrupt, other version,
//    refused by Pyodide or the browser) falls back to step 3; only time differs.
// 3. Otherwise Pyodide boots from the trimmed, byte-compiled standard library the
//    build made, the wheel is unpacked, `alliance.api` imported, and a snapshot is
//    taken at once, before any request is answered, so it holds nothing a reader
//    typed; it is stored after "ready" is posted. The files are kept before "ready" (each
//    written while Python boots), so a reader who leaves at once keeps them.
// Downloads (download.mjs) start at once, count bytes for the progress bar, resume after a
// stall or a cut and keep every file in the cache, so the next visit needs no network.
// Pyodide's two modules are imported here, not by Pyodide, with the same patience: a cut
// import is tried again (the browser's HTTP cache resumes the bytes it kept, where the host
// answers Range), and pyodide.asm.mjs is handed to loadPyodide (createPyodideModule).
//
// All judgement is Python's: this file only moves JSON strings, and says Python's words
// (RUNTIME_WORDS) with numbers and file names filled in.

import { MESSAGES, PATHS, REQUESTS, RUNTIME, RUNTIME_WORDS as SAY } from "./contract.mjs";
import { DownloadError, Downloads, fileName, megabytes, resolveFile } from "./download.mjs";
import * as persistence from "./persistence.mjs";
import * as snapshots from "./snapshot.mjs";
import { fill } from "./words.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/
const PYODIDE_BASE = new URL(PATHS.pyodide, SITE_ROOT);
const TOOLKIT_URL = new URL(RUNTIME.toolkit, SITE_ROOT);
const SNAPSHOT_URL = new URL("snapshot.bin", PYODIDE_BASE).href; // a key in the tools' cache, never fetched
const PROGRESS_EVERY_MS = 100;
// A snapshot boot with every file at hand takes well under a second; one that has not
// finished after this long is treated as refused, and the worker boots normally.
const SNAPSHOT_BOOT_LIMIT_MS = 20000;
const nativeFetch = self.fetch.bind(self);

let failed = false;

function describe(error) {
  const text = error && error.message ? error.message : String(error);
  return text.split("\n").slice(-3).join(" ").slice(0, 400);
}

// ---------------------------------------------------------------- progress

let lastPosted = 0;
let lastMessage = "";
let toolkitId = null; // the toolkit this worker runs, once toolkit.json is read

function progress(message, fraction, bytes = null, force = true) {
  const now = performance.now();
  if (!force && message === lastMessage && now - lastPosted < PROGRESS_EVERY_MS) return;
  lastPosted = now;
  lastMessage = message;
  postMessage({ type: MESSAGES.PROGRESS, message, fraction, toolkit: toolkitId, ...(bytes ? { bytes } : {}) });
}

let readyPosted = false; // after "ready", downloads (the wheel's files, kept after) report nothing

function downloadProgress({ received, total, message }) {
  if (!total || readyPosted) return;
  const share = received / total;
  const text = message || fill(SAY.DOWNLOADING, { received: megabytes(received), total: megabytes(total),
    percent: Math.floor(share * 100) });
  progress(text, 0.05 + 0.8 * share, { received, total }, Boolean(message));
}

// ---------------------------------------------------------------- failures

// A failure this file has already explained (a download that failed, Pyodide's
// console report of one) ends the boot at once.
let reportFatal = () => {};
const fatal = new Promise((_, reject) => {
  reportFatal = (error) => reject(error instanceof Error ? error : new Error(String(error)));
});
fatal.catch(() => {});

// Pyodide 314 reports a failed download of its .wasm or stdlib only on the
// console and then waits for ever; turn those reports into a failed load.
const FATAL_CONSOLE_MESSAGES = [
  ["wasm instantiation failed", "the Python runtime (pyodide.asm.wasm) could not be loaded"],
  ["Error occurred while installing the standard library", "the Python standard library could not be loaded"],
];
for (const method of ["warn", "error"]) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const text = args.map(String).join(" ");
    const known = FATAL_CONSOLE_MESSAGES.find(([marker]) => text.includes(marker));
    // In a task of its own: a download's own error, more precise, is reported first.
    if (known) setTimeout(() => reportFatal(new Error(known[1])), 0);
    if (!(known && failed)) original(...args);
  };
}

// A download that failed rejects Pyodide's own promises too, some before Pyodide
// awaits them: those rejections repeat a failure already reported to the page.
self.addEventListener("unhandledrejection", (event) => {
  if (failed || event.reason instanceof DownloadError) event.preventDefault();
});

// ---------------------------------------------------------------- files

async function fetchToolkit() {
  const file = fileName(TOOLKIT_URL.href);
  let response;
  try {
    // Revalidated: it names this build's files and their checksums.
    response = await nativeFetch(TOOLKIT_URL, { cache: "no-cache" });
  } catch {
    throw new Error(fill(SAY.NO_TOOLKIT, { file, why: navigator.onLine === false ? SAY.WHY_OFFLINE : SAY.WHY_FAILED }));
  }
  if (!response.ok) throw new Error(fill(SAY.MISSING, { file, status: response.status }));
  return response.json();
}

async function openCache(name) {
  try {
    return self.caches ? await self.caches.open(name) : null;
  } catch {
    return null; // storage refused (private mode, policy): the tools work, every visit downloads
  }
}

// Each file is written to the cache as soon as it has arrived and been checked, while Python
// boots, and "ready" waits for those writes: a reader who leaves at once still has every file
// on the next visit, which then boots without a download (and makes the snapshot, if this one
// left before it was written). True for each write that succeeded.
const writes = [];

function keepOnArrival(downloads, file) {
  writes.push(downloads.bytesOf(file).then(() => downloads.flush(), () => false));
}

/** Pyodide fetches the runtime and the standard library itself: hand it the checked, kept bytes. */
function routeFetches(downloads, files) {
  const byUrl = new Map(files.map((file) => [file.url, file]));
  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    const file = byUrl.get(url);
    if (!file) return nativeFetch(input, init);
    const response = downloads.response(file);
    response.catch(reportFatal);
    downloads.bytesOf(file).catch(reportFatal); // the precise reason, before Pyodide's own report
    keepOnArrival(downloads, file);
    return response;
  };
}

/** What the trimmed standard library calls (synchronously) for a module it lacks. */
function provideFullStdlib(file) {
  self[RUNTIME.full_stdlib_loader] = () => {
    const request = new XMLHttpRequest();
    request.open("GET", file.url, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${file.url}: HTTP ${request.status}`);
    return new Uint8Array(request.response);
  };
}

/** The HTTP status the host gives `url` now, or null if it cannot be reached. */
async function statusOf(url) {
  try {
    return (await nativeFetch(url, { method: "HEAD", cache: "no-store" })).status;
  } catch {
    return null;
  }
}

/**
 * import(url), tried again as downloads are (download.mjs: back-off for about a minute, then Retry
 * or the connection coming back). A host that answers but sent the module cut is asked again at
 * once (the browser's HTTP cache resumes from what it kept); a browser that answers a failed
 * import again without asking the host (the failure kept in its module map) gets the module under
 * a new address. Only a file the host does not have fails at once, in plain words.
 */
async function importModule(url) {
  const file = fileName(url);
  let attempt = 0;
  let failedWhileThere = 0; // failures in a row while the host had the file
  for (;;) {
    const address = failedWhileThere >= 2 ? `${url}?attempt=${failedWhileThere}` : url;
    try {
      return await import(address);
    } catch {
      const status = await statusOf(url);
      const permanent = status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
      if (permanent) throw new Error(fill(SAY.MISSING, { file, status }));
      failedWhileThere = status !== null && status < 400 ? failedWhileThere + 1 : 0;
      if (failedWhileThere === 1) continue;
      attempt = await downloads.pause(attempt + 1, { file, why: downloads.why(null), module: true });
    }
  }
}

/**
 * pyodide.mjs and pyodide.asm.mjs are imported, not fetched: keep them too, once they are imported
 * (the browser's HTTP cache answers from what the import received), so none is made after "ready".
 */
async function keepModules(cache, toolkit) {
  const kept = await Promise.all(toolkit.modules.map(async (module) => {
    const url = new URL(module.url, PYODIDE_BASE).href;
    try {
      if (!(await cache.match(url))) await cache.add(url);
      return true;
    } catch {
      return false;
    }
  }));
  return kept.every(Boolean);
}

async function dropOtherBuilds(current) {
  for (const name of await self.caches.keys()) {
    if (name.startsWith(RUNTIME.tools_cache) && name !== current) await self.caches.delete(name);
  }
}

// ---------------------------------------------------------------- boot

// keeps: false once it is known that this browser will not keep the tools between loads (no
// storage, or the files an earlier load kept are gone: persistence.mjs); else true.
const boot = { source: "", fallback: null, keeps: true };

/**
 * Run `step` with the wall clock stopped at 0 (1970), as Pyodide's file system and Python
 * read it: a snapshot made from this boot then holds no time stamp of this machine (file
 * times, cached stat results). The worker's own timers use performance.now(), unaffected.
 */
async function withClockAtZero(step) {
  const now = Date.now;
  Date.now = () => 0;
  try {
    return await step();
  } finally {
    Date.now = now;
  }
}
let downloads = null;

async function installWheel(pyodide, wheel) {
  keepOnArrival(downloads, wheel);
  pyodide.unpackArchive(await downloads.bytesOf(wheel), "wheel");
  return pyodide.pyimport("alliance.api");
}

async function start() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    throw new Error("this browser does not run WebAssembly, which the tool needs");
  }
  progress(SAY.STARTING, 0.03);
  const toolkit = await fetchToolkit();
  toolkitId = toolkit.id;
  const cacheName = `${RUNTIME.tools_cache}${toolkit.id}`;
  const cache = await openCache(cacheName);
  const files = Object.fromEntries(
    Object.entries(toolkit.files).map(([key, entry]) => [key, resolveFile(entry, PYODIDE_BASE)]));
  downloads = new Downloads({ cache, fetch: nativeFetch, onProgress: downloadProgress });
  downloads.onGiveUp = (error) => postMessage({ type: MESSAGES.ERROR, message: error.message, retryable: true });
  routeFetches(downloads, [files.wasm, files.stdlib]);
  provideFullStdlib(files.fullStdlib);
  const large = [files.wasm, files.stdlib, files.wheel];
  let missing = 0;
  for (const file of large) {
    if (!cache || !(await cache.match(file.url))) {
      downloads.expect(file);
      missing += 1;
    }
  }
  downloads.report();
  boot.keeps = Boolean(cache) && !(missing && (await persistence.wereKept(toolkit.id)));
  // Every file at once, while the modules load: the bar moves from the first byte, and a slow
  // link is never idle. Pyodide's own fetches get these downloads' streams (routeFetches).
  for (const file of large) downloads.bytesOf(file).catch(reportFatal);

  let stored = null;
  if (!cache) boot.fallback = "no storage";
  else stored = await cache.match(SNAPSHOT_URL).catch(() => null);
  if (cache && !stored) boot.fallback = "missing";

  const [{ loadPyodide }, runtime] = await Promise.race([Promise.all([
    importModule(new URL("pyodide.mjs", PYODIDE_BASE).href),
    importModule(new URL("pyodide.asm.mjs", PYODIDE_BASE).href),
  ]), fatal]);
  const modulesKept = cache ? keepModules(cache, toolkit) : Promise.resolve(false);
  const options = {
    indexURL: PYODIDE_BASE.href,
    stdLibURL: files.stdlib.url,
    lockFileContents: toolkit.lock,
    packageBaseUrl: PYODIDE_BASE.href,
    createPyodideModule: runtime.default,
    stdout: () => {},
    stderr: () => {},
  };

  if (stored) {
    const payload = stored.arrayBuffer().then((buffer) => snapshots.open(new Uint8Array(buffer), toolkit.id));
    payload.catch(() => {});
    try {
      const limits = [fatal];
      if (!downloads.progress().total) limits.push(new Promise((_, reject) => setTimeout(
        () => reject(new Error(`no answer after ${SNAPSHOT_BOOT_LIMIT_MS / 1000} s`)), SNAPSHOT_BOOT_LIMIT_MS)));
      const pyodide = await Promise.race([loadPyodide({ ...options, _loadSnapshot: payload }), ...limits]);
      // `alliance` is imported already; its files go back into Pyodide's file system (not in a
      // snapshot) once "ready" is posted, before any request is answered.
      const api = pyodide.pyimport("alliance.api");
      boot.source = "snapshot";
      // (If the wheel cannot be read, only a module imported later would be missing.)
      const settle = installWheel(pyodide, files.wheel).catch(() => {});
      const keep = async () => {
        const files = (await downloads.flush()) && (await modulesKept);
        if (files) await persistence.noteKept(toolkit.id);
        postMessage({ type: RUNTIME.offline_ready, snapshot: true, files });
      };
      return { api, keep, settle };
    } catch (error) {
      if (failed || error instanceof DownloadError) throw error;
      boot.fallback = error instanceof snapshots.SnapshotRejected ? error.reason : `refused (${describe(error)})`;
      await cache.delete(SNAPSHOT_URL).catch(() => {});
    }
  }

  const bootFresh = async () => {
    const pyodide = await Promise.race([loadPyodide({ ...options, _makeSnapshot: Boolean(cache) }), fatal]);
    progress(SAY.LOADING_PACKAGE, 0.9);
    return [pyodide, await installWheel(pyodide, files.wheel)];
  };
  const [pyodide, api] = cache ? await withClockAtZero(bootFresh) : await bootFresh();
  boot.source = "fresh";
  const filesWritten = Promise.all(writes).then((each) => each.every(Boolean));
  let snapshot = null;
  if (cache) {
    try {
      snapshot = pyodide.makeMemorySnapshot(); // before any request: nothing typed is in it
    } catch (error) {
      boot.fallback = `${boot.fallback}; no snapshot made (${describe(error)})`;
    }
  }
  const keep = async () => {
    if (!cache) {
      postMessage({ type: RUNTIME.offline_ready, snapshot: false, files: false });
      return;
    }
    // The files first: a snapshot is never kept without the files its boot reads.
    let filesKept = false;
    try {
      filesKept = (await filesWritten) && (await downloads.flush()) && (await modulesKept);
      if (filesKept) {
        downloads.release(); // ~11 MB of files this page need not hold once the cache has them
        await persistence.noteKept(toolkit.id);
      }
      await dropOtherBuilds(cacheName);
    } catch {
      filesKept = false; // Quota or a browser that refuses storage: only the next visit's speed suffers.
    }
    let kept = false;
    if (snapshot && filesKept) {
      try {
        await snapshots.write(cache, SNAPSHOT_URL, snapshot, toolkit.id);
        kept = true;
      } catch {
        // The same: the next visit boots as this one did.
      }
    }
    snapshot = null; // ~31 MB this page need not hold any longer
    postMessage({ type: RUNTIME.offline_ready, snapshot: kept, files: filesKept });
  };
  if (cache) await filesWritten;
  return { api, keep };
}

const started = start();
const apiPromise = started.then(async ({ api, settle }) => {
  await settle;
  return api;
});
apiPromise.catch(() => {});

started.then(
  ({ keep }) => {
    readyPosted = true;
    postMessage({ type: MESSAGES.READY, boot: boot.source, fallback: boot.fallback, keeps: boot.keeps,
      toolkit: toolkitId });
    setTimeout(keep, 0);
  },
  (error) => {
    failed = true;
    postMessage({ type: MESSAGES.ERROR, message: describe(error), retryable: false });
  },
);

// The connection is back: every wait ends at once (the page sends RUNTIME.retry too).
self.addEventListener("online", () => downloads && downloads.resume());

self.addEventListener("message", async (event) => {
  const data = event.data || {};
  if (data.type === RUNTIME.retry) {
    if (downloads) downloads.resume();
    return;
  }
  const { id, kind, payload } = data;
  const entry = Object.hasOwn(REQUESTS, kind) ? REQUESTS[kind] : undefined;
  if (!entry) {
    postMessage({ type: MESSAGES.REPLY_ERROR, id, message: `unknown request kind ${JSON.stringify(kind)}` });
    return;
  }
  let api;
  try {
    api = await apiPromise;
  } catch {
    return; // the load error was already posted
  }
  try {
    postMessage({ type: MESSAGES.REPLY, id, json: api[entry](String(payload)) });
  } catch (error) {
    postMessage({ type: MESSAGES.REPLY_ERROR, id, message: describe(error) });
  }
});
