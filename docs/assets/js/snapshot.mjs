// Memory snapshots of the tools' Python, made in this browser and kept in its
// Cache Storage (worker.mjs). A snapshot is Pyodide's memory just after the
// `alliance` package was imported, before any request: booting from it skips
// the interpreter's start and the imports (measured ~0.35-0.45 s to ready
// against ~1 s without, in a worker on this project's machine).
//
// Pyodide's snapshot API is underscore-prefixed (loadPyodide's _makeSnapshot
// and _loadSnapshot, pyodide.makeMemorySnapshot): it is pinned with the
// Pyodide version in package.json, and tests fail if it changes shape: in Node,
// tests/pyodide/test_runtime_in_pyodide.py (test_pyodide_and_its_snapshot_api_are_as_pinned,
// and test_the_snapshot_envelope_names_each_fault for the envelope below); in the
// browsers, tests/browser/test_boot.py (a first visit keeps a snapshot and the next boots
// from it; an unusable one falls back to a normal boot). Pyodide itself
// refuses a snapshot from another build of its runtime (BUILD_ID), and loads
// whatever bytes it is given otherwise: a truncated or damaged snapshot would
// not fail cleanly. So each one is kept inside an envelope this module checks
// before Pyodide sees it:
//
//   bytes 0-3    "ALSN"
//   bytes 4-7    FORMAT (little-endian u32): what a snapshot holds and how it is booted
//   bytes 8-15   length of the payload (u64)
//   bytes 16-47  SHA-256 of the payload
//   bytes 48-63  the toolkit id (toolkit.json) it was made with, ASCII
//   bytes 64-    the payload: Pyodide's own snapshot
//
// Any mismatch rejects it with a reason (missing, truncated, corrupt, other
// version), and the worker boots normally: the reader sees no difference but time.

export const FORMAT = 1;
const MAGIC = [0x41, 0x4c, 0x53, 0x4e]; // "ALSN"
export const HEADER_BYTES = 64;

/** A snapshot that cannot be used; `reason` is one of the words above, `detail` says more. */
export class SnapshotRejected extends Error {
  constructor(reason, detail = "") {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "SnapshotRejected";
    this.reason = reason;
  }
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

function idBytes(toolkitId) {
  const bytes = new TextEncoder().encode(String(toolkitId));
  if (bytes.length > 16) throw new Error(`toolkit id ${toolkitId} is longer than 16 bytes`);
  const padded = new Uint8Array(16);
  padded.set(bytes);
  return padded;
}

/** The envelope's header for a payload (Pyodide's snapshot bytes). */
export async function header(payload, toolkitId) {
  const head = new Uint8Array(HEADER_BYTES);
  const view = new DataView(head.buffer);
  head.set(MAGIC, 0);
  view.setUint32(4, FORMAT, true);
  view.setBigUint64(8, BigInt(payload.length), true);
  head.set(await sha256(payload), 16);
  head.set(idBytes(toolkitId), 48);
  return head;
}

/** The payload of an envelope, checked; throws SnapshotRejected. */
export async function open(bytes, toolkitId) {
  if (bytes.length < HEADER_BYTES) throw new SnapshotRejected("truncated", `${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!MAGIC.every((byte, index) => bytes[index] === byte)) throw new SnapshotRejected("corrupt", "no envelope");
  const format = view.getUint32(4, true);
  const id = new TextDecoder().decode(bytes.subarray(48, 64)).replace(/\0+$/, "");
  if (format !== FORMAT || id !== String(toolkitId)) {
    throw new SnapshotRejected("other version", `format ${format}, toolkit ${id}`);
  }
  const length = Number(view.getBigUint64(8, true));
  const payload = bytes.subarray(HEADER_BYTES);
  if (payload.length !== length) {
    throw new SnapshotRejected("truncated", `${payload.length} of ${length} bytes`);
  }
  const digest = await sha256(payload);
  if (!digest.every((byte, index) => byte === bytes[16 + index])) {
    throw new SnapshotRejected("corrupt", "checksum mismatch");
  }
  return payload;
}

/** The checked payload kept at `url` in `cache`; throws SnapshotRejected ("missing" if none). */
export async function read(cache, url, toolkitId) {
  const hit = await cache.match(url);
  if (!hit) throw new SnapshotRejected("missing");
  return open(new Uint8Array(await hit.arrayBuffer()), toolkitId);
}

/** Keep a payload at `url` in `cache`, in its envelope. */
export async function write(cache, url, payload, toolkitId) {
  const head = await header(payload, toolkitId);
  const body = new Blob([head, payload], { type: "application/octet-stream" });
  await cache.put(url, new Response(body, { headers: { "Content-Length": String(body.size) } }));
}
