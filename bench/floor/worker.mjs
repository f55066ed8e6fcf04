// The benchmark floor's worker: boot the site's self-hosted Pyodide exactly as
// the guide's worker (docs/assets/js/worker.mjs) does -- same pyodide.mjs, same
// indexURL, same lock file fetched the same way, same package base -- load the
// alliance wheel, and say "ready". Nothing else: no widget, no page, no import.

const PYODIDE_BASE = new URL("../assets/pyodide/", import.meta.url);

try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_BASE).href);
  const response = await fetch(new URL("pyodide-lock.json", PYODIDE_BASE), { cache: "no-cache" });
  const lock = await response.json();
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_BASE.href,
    lockFileContents: lock,
    packageBaseUrl: PYODIDE_BASE.href,
    stdout: () => {},
    stderr: () => {},
  });
  await pyodide.loadPackage("alliance", { messageCallback: () => {} });
  self.postMessage({ type: "ready" });
} catch (error) {
  self.postMessage({ type: "error", message: String(error) });
}
