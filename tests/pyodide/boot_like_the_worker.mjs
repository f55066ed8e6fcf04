// Boot Pyodide under Node the way docs/assets/js/worker.mjs does in the browser, from a site's
// built assets, then run a scenario and print one line of JSON (for tests/pyodide/*.py).
//
//   node tests/pyodide/boot_like_the_worker.mjs <site>/assets/pyodide/ <scenario> [json argument]
//
// Scenarios:
//   imports    trimmed stdlib, no fallback: import each named module; answer each payload
//   fallback   trimmed stdlib, the full one loadable on demand: import each named module
//   snapshot   _makeSnapshot, unpack the wheel, import alliance.api, makeMemorySnapshot; boot again from
//              it (and from a copy with another Pyodide build id); answer each payload
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [base, scenario, argument] = process.argv.slice(2);
const job = JSON.parse(argument || "{}");
const toolkit = JSON.parse(readFileSync(path.join(base, "toolkit.json"), "utf8"));
const { loadPyodide } = await import(pathToFileURL(path.join(base, "pyodide.mjs")).href);
const options = {
  indexURL: base,
  stdLibURL: path.join(base, toolkit.files.stdlib.url),
  lockFileContents: toolkit.lock,
  packageBaseUrl: base,
  stdout: () => {},
  stderr: () => {},
  // Under Node, Pyodide names its program after this script's path; in a browser it is
  // "./this.program". Named here as a browser does, so the snapshot is the browser's.
  _sysExecutable: "./this.program",
};
const wheel = () => new Uint8Array(readFileSync(path.join(base, toolkit.files.wheel.url)));

function tryImports(pyodide, modules) {
  pyodide.globals.set("MODULES", pyodide.toPy(modules));
  return JSON.parse(pyodide.runPython(`
import importlib, json
outcome = {}
for name in MODULES:
    try:
        importlib.import_module(name)
        outcome[name] = "ok"
    except Exception as error:
        outcome[name] = f"{type(error).__name__}: {error}"
json.dumps(outcome)
`));
}

function answers(pyodide, calls) {
  const api = pyodide.pyimport("alliance.api");
  return calls.map(([name, payload]) => JSON.parse(api[name](JSON.stringify(payload))));
}

let result;
if (scenario === "imports" || scenario === "fallback") {
  const loader = toolkit.files.fullStdlib.url;
  if (scenario === "fallback") {
    globalThis[job.loader] = () => new Uint8Array(readFileSync(path.join(base, loader)));
  }
  const pyodide = await loadPyodide(options);
  pyodide.unpackArchive(wheel(), "wheel");
  result = { imports: tryImports(pyodide, job.modules || []), answers: answers(pyodide, job.calls || []) };
} else if (scenario === "snapshot") {
  const made = await loadPyodide({ ...options, _makeSnapshot: true });
  made.unpackArchive(wheel(), "wheel");
  made.pyimport("alliance.api");
  const snapshot = made.makeMemorySnapshot();
  const restored = await loadPyodide({ ...options, _loadSnapshot: snapshot });
  const imported = restored.runPython("import sys; 'alliance.api' in sys.modules");
  restored.unpackArchive(wheel(), "wheel");
  const header = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 12);
  const other = snapshot.slice();
  other[16] ^= 1; // Pyodide's build id starts at byte 16
  let refused = "";
  try {
    await loadPyodide({ ...options, _loadSnapshot: other });
  } catch (error) {
    refused = String(error && error.message);
  }
  let withoutOption = "";
  try {
    (await loadPyodide(options)).makeMemorySnapshot();
  } catch (error) {
    withoutOption = String(error && error.message);
  }
  // What a snapshot must not carry from the machine that made it (set by the test).
  const bytes = Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const leaked = (job.markers || []).filter((marker) => bytes.includes(Buffer.from(marker)));
  result = {
    leaked,
    bytes: snapshot.length,
    magic: header[0],
    importedAtOnce: imported,
    refused,
    withoutOption,
    answers: answers(restored, job.calls || []),
  };
} else {
  throw new Error(`unknown scenario ${scenario}`);
}
console.log(JSON.stringify(result));
