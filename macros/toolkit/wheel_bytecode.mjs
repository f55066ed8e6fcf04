// Byte-compile a pure-Python wheel with Pyodide's own Python (see wheel_bytecode.py).
//
//   node macros/toolkit/wheel_bytecode.mjs <pyodide dir> <wheel in> <wheel out>
//
// Boots the npm package's Pyodide under Node (offline), runs wheel_bytecode.py
// in it and writes the compiled wheel. Exit 1 with the reason on failure.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), "wheel_bytecode.py");
const [pyodideDir, wheelIn, wheelOut] = process.argv.slice(2);

const COMPILE = `
import sys, sysconfig
sys.path.insert(0, "/bytecode")
import wheel_bytecode
with open("/bytecode/in.whl", "rb") as wheel:
    compiled = wheel_bytecode.add_bytecode(wheel.read(), sysconfig.get_paths()["purelib"], WHEEL_NAME)
with open("/bytecode/out.whl", "wb") as out:
    out.write(compiled)
`;

try {
  if (!pyodideDir || !wheelIn || !wheelOut) {
    throw new Error("usage: node wheel_bytecode.mjs <pyodide dir> <wheel in> <wheel out>");
  }
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep });
  pyodide.FS.mkdirTree("/bytecode");
  pyodide.FS.writeFile("/bytecode/wheel_bytecode.py", readFileSync(HELPER));
  pyodide.FS.writeFile("/bytecode/in.whl", readFileSync(wheelIn));
  pyodide.globals.set("WHEEL_NAME", path.basename(wheelIn));
  pyodide.runPython(COMPILE);
  writeFileSync(wheelOut, pyodide.FS.readFile("/bytecode/out.whl"));
} catch (error) {
  const text = error && error.message ? error.message : String(error);
  console.error(text.trim().split("\n").slice(-4).join("\n"));
  process.exit(1);
}
