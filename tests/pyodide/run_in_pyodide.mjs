// Run the alliance package's own tests (widgets/tests) inside real Pyodide under Node.
//
//   node tests/pyodide/run_in_pyodide.mjs [--json]
//
// Loads node_modules/pyodide, copies widgets/alliance (with its subpackages) and
// widgets/tests into Pyodide's in-memory file system, imports every widgets/tests/test_*.py and
// calls each test_* function. Prints each failure, then "N passed, M failed";
// with --json, the last line is a JSON summary. Exits 1 if any test fails or
// none ran, 2 if Pyodide cannot be set up.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const SOURCES = [
  { from: path.join(ROOT, "widgets", "alliance"), to: "/work/src/alliance" },
  { from: path.join(ROOT, "widgets", "tests"), to: "/work/tests" },
];

const RUNNER = `
import importlib, inspect, json, os, sys, time, traceback
sys.path[:0] = ["/work/src", "/work/tests"]
sys.dont_write_bytecode = True
passed, failed = [], []
started = time.perf_counter()
for filename in sorted(os.listdir("/work/tests")):
    if not (filename.startswith("test_") and filename.endswith(".py")):
        continue
    module = importlib.import_module(filename[:-3])
    for name, function in vars(module).items():
        if not (name.startswith("test_") and inspect.isfunction(function)):
            continue
        if function.__module__ != module.__name__:
            continue
        test_id = f"{filename}::{name}"
        try:
            function()
        except BaseException:
            failed.append(test_id)
            print(f"FAILED {test_id}")
            print(traceback.format_exc())
        else:
            passed.append(test_id)
elapsed = time.perf_counter() - started
print(f"{len(passed)} passed, {len(failed)} failed in {elapsed:.2f}s (Python {sys.version.split()[0]}, {sys.platform})")
json.dumps({"passed": len(passed), "failed": len(failed), "failures": failed,
            "python": sys.version.split()[0], "platform": sys.platform, "seconds": round(elapsed, 3)})
`;

function copyTree(pyodide, from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    const stat = statSync(source);
    if (stat.isFile() && name.endsWith(".py")) {
      pyodide.FS.writeFile(`${to}/${name}`, readFileSync(source));
    } else if (stat.isDirectory() && name !== "__pycache__") {
      copyTree(pyodide, source, `${to}/${name}`); // subpackages (alliance.rules)
    }
  }
}

async function main() {
  const wantJson = process.argv.includes("--json");
  let pyodide;
  try {
    const { loadPyodide } = await import(path.join(PYODIDE_DIR, "pyodide.mjs"));
    pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep });
  } catch (error) {
    console.error(`Cannot load Pyodide from ${PYODIDE_DIR}: ${error}`);
    console.error("Run `npm ci` (or `make setup`) first.");
    process.exit(2);
  }
  pyodide.setStdout({ batched: (line) => console.log(line) });
  pyodide.setStderr({ batched: (line) => console.error(line) });
  for (const { from, to } of SOURCES) copyTree(pyodide, from, to);
  const summary = JSON.parse(await pyodide.runPythonAsync(RUNNER));
  if (wantJson) console.log(JSON.stringify(summary));
  process.exit(summary.failed === 0 && summary.passed > 0 ? 0 : 1);
}

main();
