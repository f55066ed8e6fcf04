// Build the tools' trimmed standard library in Pyodide itself (see stdlib_trim.py).
//
//   node macros/toolkit/stdlib_trim.mjs '<JSON job>'
//
// The job: {pyodideDir, lockFile, packageBaseDir, package, requests, examples: [paths],
//           fallback: <path of stdlib_fallback.py>, loader, out}.
// Boots the npm package's Pyodide under Node (offline) with its full standard
// library, installs the package's wheel as the browser worker does (unpackArchive:
// loadPackage would leave JavaScript objects that a memory snapshot cannot hold),
// runs stdlib_trim.py there and writes the zip to `out`. Prints a JSON summary;
// exit 1 with the reason on failure.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), "stdlib_trim.py");

const BUILD = `
import json, sys
sys.path.insert(0, "/trim")
import stdlib_trim
data, summary = stdlib_trim.build(
    ARCHIVE, ARCHIVE, FALLBACK, JOB["loader"], JOB["package"], JOB["requests"], EXAMPLES)
with open("/trim/out.zip", "wb") as out:
    out.write(data)
json.dumps(summary)
`;

try {
  const job = JSON.parse(process.argv[2] || "null");
  if (!job) throw new Error("usage: node stdlib_trim.mjs '<JSON job>'");
  const { loadPyodide } = await import(pathToFileURL(path.join(job.pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: path.resolve(job.pyodideDir) + path.sep,
    stdout: () => {},
    stderr: () => {},
  });
  const entry = JSON.parse(readFileSync(job.lockFile, "utf8")).packages[job.package];
  pyodide.unpackArchive(new Uint8Array(readFileSync(path.join(job.packageBaseDir, entry.file_name))), "wheel");
  pyodide.FS.mkdirTree("/trim");
  pyodide.FS.writeFile("/trim/stdlib_trim.py", readFileSync(HELPER));
  const [major, minor] = pyodide.runPython("import sys; [sys.version_info[0], sys.version_info[1]]").toJs();
  pyodide.globals.set("ARCHIVE", `/lib/python${major}${minor}.zip`);
  pyodide.globals.set("FALLBACK", readFileSync(job.fallback, "utf8"));
  pyodide.globals.set("JOB", pyodide.toPy(job));
  pyodide.globals.set("EXAMPLES", pyodide.toPy(job.examples.map((file) => readFileSync(file, "utf8"))));
  const summary = pyodide.runPython(BUILD);
  writeFileSync(job.out, pyodide.FS.readFile("/trim/out.zip"));
  console.log(summary);
} catch (error) {
  const text = error && error.message ? error.message : String(error);
  console.error(text.trim().split("\n").slice(-6).join("\n"));
  process.exit(1);
}
