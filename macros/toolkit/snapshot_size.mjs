// The size of the memory snapshot a browser keeps for the tools (docs/assets/js/worker.mjs), measured
// at build time by booting the npm package's Pyodide under Node as the worker boots in a browser:
// the trimmed standard library, the wheel unpacked, `alliance.api` imported, then a snapshot.
//
//   node macros/toolkit/snapshot_size.mjs '<JSON job>'
//
// The job: {pyodideDir, lockFile, packageBaseDir, package, stdlib}. Prints {"bytes": <size>};
// exit 1 with the reason on failure. (The snapshot is Pyodide's memory, so its size is the same
// in a browser: 31 457 424 bytes under Node and in Chromium for the same toolkit, when measured.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

try {
  const job = JSON.parse(process.argv[2] || "null");
  if (!job) throw new Error("usage: node snapshot_size.mjs '<JSON job>'");
  const { loadPyodide } = await import(pathToFileURL(path.join(job.pyodideDir, "pyodide.mjs")).href);
  const lock = JSON.parse(readFileSync(job.lockFile, "utf8"));
  const pyodide = await loadPyodide({
    indexURL: path.resolve(job.pyodideDir) + path.sep,
    stdLibURL: path.resolve(job.stdlib),
    lockFileContents: lock,
    packageBaseUrl: path.resolve(job.packageBaseDir) + path.sep,
    stdout: () => {},
    stderr: () => {},
    _sysExecutable: "./this.program", // as in a browser
    _makeSnapshot: true,
  });
  const wheel = readFileSync(path.join(job.packageBaseDir, lock.packages[job.package].file_name));
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel");
  pyodide.pyimport(`${job.package}.api`);
  console.log(JSON.stringify({ bytes: pyodide.makeMemorySnapshot().length }));
} catch (error) {
  const text = error && error.message ? error.message : String(error);
  console.error(text.trim().split("\n").slice(-6).join("\n"));
  process.exit(1);
}
