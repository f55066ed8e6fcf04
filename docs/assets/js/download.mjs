// Downloads of the tools' large files, for the Python worker (worker.mjs).
//
// - Progress in bytes: every chunk that arrives is counted, against the sizes
//   the build wrote into toolkit.json.
// - A stall is bytes not arriving: a download that receives nothing for
//   STALL_MS is stopped and resumed with a Range request from the byte where it
//   stopped (If-Range: the same file, or the whole file again, of which the
//   bytes already received are skipped). A slow link that keeps delivering is
//   never cut off, however long it takes.
// - A download that stopped tries again by itself, waiting longer each time
//   (BACKOFF_MS: about a minute in all); then the page offers Retry. Retry, or
//   the browser's "online" event, ends any wait at once (resume()). The same
//   patience serves the worker's module imports (pause()).
// - "Kept" is said only when it is true: once the host has answered a resumed
//   request with the bytes asked for (206, Content-Range from the byte asked).
//   A host that answers Range with the whole file (python3 -m http.server) is
//   said to start the file again, and the bytes already received are skipped.
// - Files stream: the runtime is compiled while it downloads, as it would be
//   from the network, and unpacked on the way (the build gzips it once, so the
//   bytes counted and resumed are the bytes on the wire, whether or not the
//   host compresses).
// - Every file is checked against its SHA-256 from toolkit.json, so a resumed
//   download never hands Python a damaged file; only then is it kept in Cache
//   Storage (the tools' cache, named by the toolkit id), from which a later
//   visit reads it, online or not.
// Every sentence shown is Python's (RUNTIME_WORDS, contract.mjs).

import { RUNTIME_WORDS as SAY } from "./contract.mjs";
import { fill } from "./words.mjs";

export const STALL_MS = 20000;
// The waits before each automatic retry: about a minute in all, then Retry (or "online").
export const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 15000, 15000];
const WATCH_EVERY_MS = 1000;
const SAID_FOR_MS = 3000; // how long "resumed" or "starts again" stays in the status

/** A download that failed; `retryable` if resume() may succeed (what arrived is kept). */
export class DownloadError extends Error {
  constructor(message, { retryable = true, kept = 0 } = {}) {
    super(message);
    this.name = "DownloadError";
    this.retryable = retryable;
    this.kept = kept;
  }
}

class Stalled extends Error {}

/** Bytes as megabytes to one decimal, without the unit: "3.5". */
export function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

export function fileName(url) {
  return new URL(url, "http://host/").pathname.split("/").pop();
}

// SubtleCrypto exists only in secure contexts (HTTPS, localhost). Without it a file cannot be
// checked, so a stalled download starts that file again instead of resuming it.
const CAN_CHECK = Boolean(globalThis.crypto && globalThis.crypto.subtle);

async function sha256Hex(chunks) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await new Blob(chunks).arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** `stream` unpacked if it is gzip (the .gz the build made; a host may have unpacked it already). */
function gunzipIfPacked(stream) {
  const reader = stream.getReader();
  const rest = (first) => new ReadableStream({
    start(controller) {
      if (first) controller.enqueue(first);
    },
    async pull(controller) {
      const step = await reader.read();
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return reader.read().then((step) => {
    const body = rest(step.done ? null : step.value);
    const packed = !step.done && step.value[0] === 0x1f && step.value[1] === 0x8b;
    return packed ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  });
}

/**
 * One file of toolkit.json, resolved: `url` (what the worker asks for), `wire`
 * (what crosses the network: the .gz for the runtime), their sizes and digests.
 */
export function resolveFile(entry, base) {
  const gzip = entry.gzip && typeof DecompressionStream === "function" ? entry.gzip : null;
  const wire = gzip || entry;
  return {
    url: new URL(entry.url, base).href,
    type: entry.url.endsWith(".wasm") ? "application/wasm" : "application/octet-stream",
    bytes: entry.bytes,
    wire: { url: new URL(wire.url, base).href, bytes: wire.bytes, sha256: wire.sha256 },
  };
}

export class Downloads {
  /**
   * cache: a Cache (Cache Storage) or null; onProgress({received, total, message}) on every change;
   * fetch: the network fetch (the worker's own, before it was wrapped); backoff: the waits (ms)
   * before each automatic retry.
   */
  constructor({ cache = null, onProgress = () => {}, fetch = globalThis.fetch.bind(globalThis),
    stallMs = STALL_MS, backoff = BACKOFF_MS } = {}) {
    this.cache = cache;
    this.onProgress = onProgress;
    this.fetch = fetch;
    this.stallMs = stallMs;
    this.backoff = backoff;
    this.totals = new Map(); // wire url -> {received, bytes}
    this.entries = new Map(); // url -> {body, bytes, bodyTaken}: a file's download, started once
    this.waiting = []; // waits that resume() ends: back-off, and downloads that gave up
    this.message = "";
    this.messageUntil = 0; // a message shown until then even while bytes arrive
    this.hostResumes = null; // null: not known yet; then whether the host answered a Range with it
    this.onGiveUp = () => {};
    this.unwritten = []; // files to keep in the cache once Python is ready (flush)
  }

  /** Count a file that will be downloaded (not one already in the cache) in the totals. */
  expect(file) {
    if (!this.totals.has(file.wire.url)) this.totals.set(file.wire.url, { received: 0, bytes: file.wire.bytes });
  }

  progress() {
    let received = 0;
    let total = 0;
    for (const entry of this.totals.values()) {
      received += Math.min(entry.received, entry.bytes);
      total += entry.bytes;
    }
    return { received, total, message: this.message };
  }

  /** Post the progress; a message replaces the usual words (for holdMs even while bytes arrive). */
  report(message = "", holdMs = 0) {
    const now = performance.now();
    if (message || now >= this.messageUntil) {
      this.message = message;
      this.messageUntil = message ? now + holdMs : 0;
    }
    this.onProgress(this.progress());
  }

  /** End every wait at once: back-off, and downloads that gave up (what arrived is kept). */
  resume() {
    for (const wake of this.waiting.splice(0)) wake(true);
  }

  /** Wait ms (Infinity: until resume()); true if resume() ended it. */
  sleep(ms) {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => done(false), ms) : 0;
      const done = (woken) => {
        clearTimeout(timer);
        const index = this.waiting.indexOf(done);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(woken);
      };
      this.waiting.push(done);
    });
  }

  /** Why a request failed, in Python's words. */
  why(error) {
    if (error instanceof Stalled) return fill(SAY.WHY_STALLED, { seconds: Math.round(this.stallMs / 1000) });
    if (globalThis.navigator && navigator.onLine === false) return SAY.WHY_OFFLINE;
    if (error instanceof DownloadError) return error.message;
    return SAY.WHY_FAILED;
  }

  /**
   * The wait before try number `attempt` of `file` (a download, or a module: module = true):
   * the back-off, said with its reason; once it is spent, onGiveUp and a wait for resume().
   * Returns the number of tries to count from (0: the back-off starts again).
   */
  async pause(attempt, { file, why, received = 0, module = false }) {
    const delay = this.backoff[attempt - 1];
    if (delay !== undefined) {
      const words = module ? SAY.MODULE_STOPPED : SAY.STOPPED;
      this.report(fill(words, { file, why, received: megabytes(received), seconds: delay / 1000 }));
      const woken = await this.sleep(delay);
      this.report(fill(SAY.RETRYING, { file }));
      return woken ? 0 : attempt;
    }
    const kept = received > 0 && this.hostResumes === true;
    const words = kept ? SAY.GAVE_UP_KEPT : SAY.GAVE_UP;
    this.onGiveUp(new DownloadError(fill(words, { file, why, kept: megabytes(received) }),
      { kept: kept ? received : 0 }));
    await this.sleep(Infinity);
    this.report(SAY.RESUMING);
    return 0;
  }

  /** The file's checked bytes: from the cache, or downloaded once however many callers ask. */
  bytesOf(file) {
    return this.open(file).bytes;
  }

  /** A Response for fetch() callers (Pyodide): the download's stream the first time, then its bytes. */
  async response(file) {
    const headers = { "Content-Type": file.type };
    const entry = this.open(file);
    if (entry.bodyTaken) return new Response(await entry.bytes, { headers });
    entry.bodyTaken = true;
    return new Response(await entry.body, { headers });
  }

  /** {body: Promise<ReadableStream>, bytes: Promise<Uint8Array>} of a file, started once. */
  open(file) {
    const started = this.entries.get(file.url);
    if (started) return started;
    let giveBody;
    const body = new Promise((resolve) => {
      giveBody = resolve;
    });
    const entry = { body, bytes: this.load(file, giveBody), bodyTaken: false };
    entry.bytes.catch(() => {
      if (this.entries.get(file.url) === entry) this.entries.delete(file.url); // a later call starts again
    });
    this.entries.set(file.url, entry);
    return entry;
  }

  async load(file, giveBody) {
    const hit = this.cache ? await this.cache.match(file.url).catch(() => null) : null;
    if (hit) {
      const [forCaller, forBytes] = hit.body.tee();
      giveBody(forCaller);
      return new Uint8Array(await new Response(forBytes).arrayBuffer());
    }
    this.expect(file);
    const wire = { chunks: [], received: 0, validator: null, resumable: true };
    let verified;
    const source = new ReadableStream({
      start: (controller) => {
        verified = this.pump(file.wire, wire, controller);
        verified.catch(() => {});
      },
    });
    const [forCaller, forBytes] = (await gunzipIfPacked(source)).tee();
    giveBody(forCaller);
    const bytes = new Uint8Array(await new Response(forBytes).arrayBuffer());
    await verified;
    if (bytes.length !== file.bytes) {
      throw new DownloadError(fill(SAY.WRONG_SIZE, { file: fileName(file.wire.url), bytes: bytes.length,
        expected: file.bytes }), { retryable: false });
    }
    this.keep(file, bytes);
    return bytes;
  }

  /** Keep the file in the cache at the next flush() (the worker flushes as each file arrives). */
  keep(file, bytes) {
    if (this.cache) this.unwritten.push([file, bytes]);
  }

  /** Write the files kept so far; true if all were written (a full or refused cache costs only the next visit). */
  async flush() {
    let all = true;
    for (const [file, bytes] of this.unwritten.splice(0)) {
      try {
        await this.cache.put(file.url, new Response(bytes, {
          headers: { "Content-Type": file.type, "Content-Length": String(bytes.length) },
        }));
      } catch {
        all = false;
      }
    }
    return all;
  }

  /** Forget every file's bytes once all are kept: a later call reads the file from the cache again. */
  release() {
    this.entries.clear();
  }

  /** Feed the wire bytes into `controller`, resuming after stalls; resolves once all are in and checked. */
  async pump(wire, part, controller) {
    try {
      await this.pumpAll(wire, part, controller);
    } catch (error) {
      try {
        controller.error(error);
      } catch {
        // already errored
      }
      throw error;
    }
  }

  async pumpAll(wire, part, controller) {
    if (!CAN_CHECK) part.resumable = false;
    const file = fileName(wire.url);
    let attempt = 0;
    for (;;) {
      try {
        await this.fetchRest(wire, part, controller);
        break;
      } catch (error) {
        if (error instanceof DownloadError && !error.retryable) throw error;
        attempt = await this.pause(attempt + 1, { file, why: this.why(error), received: part.received });
      }
    }
    if (CAN_CHECK && (await sha256Hex(part.chunks)) !== wire.sha256) {
      throw new DownloadError(fill(SAY.WRONG_CHECKSUM, { file }), { retryable: false });
    }
    controller.close();
  }

  /** One request for what is still missing of `wire`, its chunks passed on as they arrive. */
  async fetchRest(wire, part, controller) {
    const file = fileName(wire.url);
    const headers = {};
    if (part.received > 0 && part.resumable) {
      headers.Range = `bytes=${part.received}-`;
      if (part.validator) headers["If-Range"] = part.validator;
    }
    const abort = new AbortController();
    let lastByteAt = performance.now();
    const watch = setInterval(() => {
      if (performance.now() - lastByteAt > this.stallMs) abort.abort(new Stalled("stalled"));
    }, WATCH_EVERY_MS);
    const interrupted = (error) => (abort.signal.aborted ? abort.signal.reason : error);
    try {
      let response;
      try {
        response = await this.fetch(wire.url, { headers, signal: abort.signal });
      } catch (error) {
        throw interrupted(error);
      }
      // Bytes of this response that were received before: a host that did not resume sends them again.
      let skip = 0;
      if (response.status === 206) {
        const range = /^bytes (\d+)-\d+\/(\d+)$/.exec(response.headers.get("Content-Range") || "");
        if (!range || Number(range[1]) !== part.received || Number(range[2]) !== wire.bytes) {
          throw new DownloadError(fill(SAY.WRONG_RANGE, { file }), { retryable: false });
        }
        if (headers.Range) {
          this.hostResumes = true;
          this.report(fill(SAY.RESUMED, { file, kept: megabytes(part.received) }), SAID_FOR_MS);
        }
      } else if (response.ok) {
        skip = part.received;
        if (skip > 0) {
          this.hostResumes = false;
          this.report(fill(SAY.RESTARTED, { file }), SAID_FOR_MS);
        }
      } else {
        const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
        throw new DownloadError(fill(SAY.WHY_HTTP, { status: response.status }), { retryable });
      }
      // A host that unpacks the file itself sends offsets a Range request cannot name.
      part.resumable = CAN_CHECK && !response.headers.get("Content-Encoding")
        && response.headers.get("Accept-Ranges") !== "none";
      part.validator = response.headers.get("ETag") || response.headers.get("Last-Modified") || part.validator;
      const total = this.totals.get(wire.url);
      const reader = response.body.getReader();
      for (;;) {
        let step;
        try {
          step = await reader.read();
        } catch (error) {
          throw interrupted(error);
        }
        if (step.done) break;
        lastByteAt = performance.now();
        let chunk = step.value;
        if (skip > 0) {
          const dropped = Math.min(skip, chunk.length);
          skip -= dropped;
          chunk = chunk.subarray(dropped);
          if (!chunk.length) continue;
        }
        part.chunks.push(chunk);
        part.received += chunk.length;
        controller.enqueue(chunk);
        if (total) total.received = part.received;
        this.report();
      }
      // A response that ended early without an error (a host's own limit): the rest is asked for.
      if (skip > 0 || part.received < wire.bytes) throw new DownloadError(SAY.WHY_SHORTER);
    } finally {
      clearInterval(watch);
    }
  }
}
