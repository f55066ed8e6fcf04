// Downloads of the tools' large files, for the Python worker (worker.mjs).
//
// - Progress in bytes: every chunk that arrives is counted, against the sizes
//   the build wrote into toolkit.json.
// - A stall is bytes not arriving: a download that receives nothing for
//   STALL_MS is stopped and resumed with a Range request from the byte where it
//   stopped (If-Range: the same file, or the whole file again, of which the
//   bytes already received are skipped). A slow link that keeps delivering is
//   never cut off, however long it takes.
// - What arrived is kept: after the automatic resumptions are spent, the error
//   says so, and resume() (the page's Retry) carries on from the same byte.
// - Files stream: the runtime is compiled while it downloads, as it would be
//   from the network, and unpacked on the way (the build gzips it once, so the
//   bytes counted and resumed are the bytes on the wire, whether or not the
//   host compresses).
// - Every file is checked against its SHA-256 from toolkit.json, so a resumed
//   download never hands Python a damaged file; only then is it kept in Cache
//   Storage (the tools' cache, named by the toolkit id), from which a later
//   visit reads it, online or not.

export const STALL_MS = 20000;
const AUTOMATIC_RESUMES = 3;
const RESUME_WAIT_MS = [1000, 2000, 4000];
const WATCH_EVERY_MS = 1000;

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

function fileName(url) {
  return url.split("/").pop();
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
   * fetch: the network fetch (the worker's own, before it was wrapped).
   */
  constructor({ cache = null, onProgress = () => {}, fetch = globalThis.fetch.bind(globalThis),
    stallMs = STALL_MS } = {}) {
    this.cache = cache;
    this.onProgress = onProgress;
    this.fetch = fetch;
    this.stallMs = stallMs;
    this.totals = new Map(); // wire url -> {received, bytes}
    this.files = new Map(); // url -> Promise<Uint8Array>: the checked bytes, once all arrived
    this.waiting = []; // downloads that gave up, woken by resume()
    this.message = "";
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

  report(message = this.message) {
    this.message = message;
    this.onProgress(this.progress());
  }

  /** Wake the downloads that gave up: they resume from what they kept. */
  resume() {
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The file's checked bytes: from the cache, or downloaded once however many callers ask. */
  bytesOf(file) {
    return this.open(file).bytes;
  }

  /** A Response for fetch() callers (Pyodide): streamed the first time, then from the bytes. */
  async response(file) {
    const headers = { "Content-Type": file.type };
    if (this.files.has(file.url)) return new Response(await this.files.get(file.url), { headers });
    const { body } = this.open(file);
    return new Response(await body, { headers });
  }

  /** {body: Promise<ReadableStream> | null, bytes: Promise<Uint8Array>} for a file, started once. */
  open(file) {
    if (this.files.has(file.url)) return { body: null, bytes: this.files.get(file.url) };
    let resolveBody;
    const body = new Promise((resolve) => {
      resolveBody = resolve;
    });
    const bytes = this.load(file, resolveBody);
    bytes.catch(() => this.files.delete(file.url)); // a later call starts again
    this.files.set(file.url, bytes);
    return { body, bytes };
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
      throw new DownloadError(`${fileName(file.wire.url)} unpacked to ${bytes.length} bytes, not ${file.bytes}`,
        { retryable: false });
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
    let attempt = 0;
    for (;;) {
      try {
        await this.fetchRest(wire, part, controller);
        break;
      } catch (error) {
        if (error instanceof DownloadError && !error.retryable) throw error;
        attempt += 1;
        const why = error instanceof Stalled ? `no data arrived for ${Math.round(this.stallMs / 1000)} s`
          : (error && error.message) || "the connection failed";
        const kept = part.received ? `the ${megabytes(part.received)} MB already received are kept` : "";
        if (attempt <= AUTOMATIC_RESUMES) {
          this.report(`The download of ${fileName(wire.url)} stopped (${why}); trying again`
            + `${kept ? ` (${kept})` : ""}…`);
          await new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS[attempt - 1]));
          continue;
        }
        this.onGiveUp(new DownloadError(`the download of ${fileName(wire.url)} stopped (${why})`
          + `${kept ? `; ${kept}` : ""}`, { kept: part.received }));
        await new Promise((resolve) => this.waiting.push(resolve));
        this.report("Resuming the download…");
        attempt = 0;
      }
    }
    if (CAN_CHECK && (await sha256Hex(part.chunks)) !== wire.sha256) {
      throw new DownloadError(`${fileName(wire.url)} does not match the checksum this site was built `
        + "with (the file on the host changed while it downloaded?); reload the page", { retryable: false });
    }
    controller.close();
  }

  /** One request for what is still missing of `wire`, its chunks passed on as they arrive. */
  async fetchRest(wire, part, controller) {
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
        const range = /^bytes (\d+)-/.exec(response.headers.get("Content-Range") || "");
        if (!range || Number(range[1]) !== part.received) {
          throw new DownloadError(`${fileName(wire.url)}: the host resumed at the wrong byte`, { retryable: false });
        }
      } else if (response.ok) {
        skip = part.received;
      } else {
        throw new DownloadError(`could not download ${fileName(wire.url)} (HTTP ${response.status})`,
          { retryable: response.status >= 500 || response.status === 408 || response.status === 429 });
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
        this.report("");
      }
      if (skip > 0) throw new Error("the host sent a shorter file than before");
    } finally {
      clearInterval(watch);
    }
  }
}
