// Run the alliance package's own tests (widgets/tests) inside real Pyodide under Node.
//
//   node tests/pyodide/run_in_pyodide.mjs [--json]
//   node tests/pyodide/run_in_pyodide.mjs --json --pytest tests/unit/test_a.py [more files]
//
// With --pytest, the named test files run under pytest itself inside Pyodide, Hypothesis
// included (pure-Python wheels that `make setup` downloads into .venv/pyodide-test-wheels,
// pinned in tests/pyodide/wheels.txt), beside the package and the tests/ package. Each property
// runs a fifth of its CPython examples there (ALLIANCE_EXAMPLE_SHARE, default 0.2): the same
// derandomized sequence, cut short, as the interpreter is several times slower.
//
// Loads node_modules/pyodide, copies widgets/alliance (with its subpackages) and
// widgets/tests into Pyodide's in-memory file system, imports every widgets/tests/test_*.py and
// calls each test_* function. Prints each failure, then "N passed, M failed";
// with --json, the last line is a JSON summary. Exits 1 if any test fails or
// none ran, 2 if Pyodide cannot be set up.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const WHEELS_DIR = path.join(ROOT, ".venv", "pyodide-test-wheels");
const SITE_PACKAGES = "/lib/python3.14/site-packages"; // Pyodide 314: Python 3.14
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

// pytest inside Pyodide, on the files given; the summary as the package tests' (JSON, last line).
const PYTEST_RUNNER = `
import json, os, sys, time
import pytest
sys.path[:0] = ["/work/src", "/work/project"]
sys.dont_write_bytecode = True
os.chdir("/work/project")
os.environ["ALLIANCE_EXAMPLE_SHARE"] = SHARE  # tests/unit/alliance_strategies.examples

class Count:
    def __init__(self):
        self.passed, self.failed = [], []
    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.passed.append(report.nodeid)
        elif report.failed:
            self.failed.append(report.nodeid)

count = Count()
started = time.perf_counter()
code = pytest.main(["-q", "-p", "no:cacheprovider", "-o", "addopts=", *FILES], plugins=[count])
json.dumps({"passed": len(count.passed), "failed": len(count.failed), "failures": count.failed,
            "exit": int(code), "python": sys.version.split()[0], "platform": sys.platform,
            "seconds": round(time.perf_counter() - started, 3)})
`;

function installWheels(pyodide) {
  if (!existsSync(WHEELS_DIR)) throw new Error(`${WHEELS_DIR} is missing: run \`make setup\``);
  const wheels = readdirSync(WHEELS_DIR).filter((name) => name.endsWith(".whl"));
  if (!wheels.length) throw new Error(`no wheels in ${WHEELS_DIR}: run \`make setup\``);
  for (const name of wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(path.join(WHEELS_DIR, name))), "wheel", { extractDir: SITE_PACKAGES });
}

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
  const at = process.argv.indexOf("--pytest");
  let summary;
  if (at >= 0) {
    const files = process.argv.slice(at + 1);
    installWheels(pyodide);
    copyTree(pyodide, path.join(ROOT, "widgets", "alliance"), "/work/src/alliance");
    // The tests/ package as the files import it (tests.unit.alliance_strategies...).
    for (const file of ["tests/__init__.py", "tests/unit/__init__.py", ...files]) {
      pyodide.FS.mkdirTree(path.posix.dirname(`/work/project/${file}`));
      pyodide.FS.writeFile(`/work/project/${file}`, readFileSync(path.join(ROOT, file)));
    }
    for (const helper of readdirSync(path.join(ROOT, "tests", "unit"))) {
      if (helper.endsWith("_strategies.py")) {
        pyodide.FS.writeFile(`/work/project/tests/unit/${helper}`, readFileSync(path.join(ROOT, "tests", "unit", helper)));
      }
    }
    pyodide.globals.set("FILES", pyodide.toPy(files));
    pyodide.globals.set("SHARE", process.env.ALLIANCE_EXAMPLE_SHARE ?? "0.2");
    summary = JSON.parse(await pyodide.runPythonAsync(PYTEST_RUNNER));
  } else {
    for (const { from, to } of SOURCES) copyTree(pyodide, from, to);
    summary = JSON.parse(await pyodide.runPythonAsync(RUNNER));
  }
  if (wantJson) console.log(JSON.stringify(summary));
  process.exit(summary.failed === 0 && summary.passed > 0 ? 0 : 1);
}

main();
