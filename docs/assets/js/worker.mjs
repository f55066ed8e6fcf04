// Module worker: self-hosted Pyodide + the `alliance` package.
//
// Messages in:  {id, kind: <a key of REQUESTS>, payload: "<JSON string>"}
// Messages out: the MESSAGES of contract.mjs (generated from alliance/contract.py).
//
// All judgement is Python's: this file only moves JSON strings.

import { MESSAGES, PATHS, REQUESTS } from "./contract.mjs";

const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/
const PYODIDE_BASE = new URL(PATHS.pyodide, SITE_ROOT);

function progress(message, fraction) {
  postMessage({ type: MESSAGES.PROGRESS, message, fraction });
}

function describe(error) {
  const text = error && error.message ? error.message : String(error);
  return text.split("\n").slice(-3).join(" ").slice(0, 400);
}

async function fetchLock() {
  const url = new URL("pyodide-lock.json", PYODIDE_BASE);
  // Revalidate: the lock names the current wheel folder and its checksum.
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`could not load ${url.pathname} (HTTP ${response.status})`);
  }
  return response.json();
}

// Pyodide 314 reports a failed download of its .wasm or stdlib only on the
// console and then waits for ever; turn those reports into a failed load.
const FATAL_CONSOLE_MESSAGES = [
  ["wasm instantiation failed", "the Python runtime (pyodide.asm.wasm) could not be downloaded"],
  ["Error occurred while installing the standard library", "the Python standard library could not be downloaded"],
];
let reportFatal = () => {};
const fatal = new Promise((_, reject) => {
  reportFatal = (message) => reject(new Error(message));
});
fatal.catch(() => {});
for (const method of ["warn", "error"]) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const text = args.map(String).join(" ");
    const known = FATAL_CONSOLE_MESSAGES.find(([marker]) => text.includes(marker));
    if (known) reportFatal(known[1]);
    original(...args);
  };
}

async function start() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    throw new Error("this browser does not run WebAssembly, which the tool needs");
  }
  progress("Downloading Python (about 13 MB, once per visit)…", 0.1);
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_BASE).href));
  } catch (error) {
    throw new Error(`could not load the Python runtime (${describe(error)})`);
  }
  const lock = await fetchLock();
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL: PYODIDE_BASE.href,
      lockFileContents: lock,
      packageBaseUrl: PYODIDE_BASE.href,
      stdout: () => {},
      stderr: () => {},
    }),
    fatal,
  ]);
  progress("Loading the alliance package…", 0.8);
  const failures = [];
  await pyodide.loadPackage("alliance", {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(message),
  });
  if (failures.length) {
    throw new Error(`could not load the alliance package (${failures.join("; ").slice(0, 300)})`);
  }
  const api = pyodide.pyimport("alliance.api");
  progress("Ready", 1);
  return api;
}

const apiPromise = start();

apiPromise.then(
  () => postMessage({ type: MESSAGES.READY }),
  (error) => postMessage({ type: MESSAGES.ERROR, message: describe(error) }),
);

self.addEventListener("message", async (event) => {
  const { id, kind, payload } = event.data || {};
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
