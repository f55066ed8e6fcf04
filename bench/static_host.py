"""A static file server that behaves as a static host does, on 127.0.0.1.

What the benchmark and the browser tests need from a host, and what common
static hosts (nginx, GitHub/GitLab Pages, Netlify, object storage) do:

- ``Content-Type`` by extension (``.mjs`` as JavaScript, ``.wasm`` as
  ``application/wasm``), ``Content-Length`` on every response;
- gzip for compressible types when the client accepts it (``Vary:
  Accept-Encoding``), with the compressed bodies kept in memory as a host's
  cache would; off with ``gzip=False`` (a host that sends files as they are);
- strong ``ETag`` and ``Last-Modified``, answered with ``304 Not Modified``;
  ``Cache-Control: no-cache`` (every reuse is revalidated, as Netlify does and
  as the strictest hosts do: no heuristic freshness blurs a return visit);
- single byte ranges (``Range``, ``If-Range``), with ``Accept-Ranges: bytes``;
- the headers of a ``_headers`` file at the site root, in the format Netlify
  and Cloudflare Pages read (``/path-pattern`` lines, then indented
  ``Name: value`` lines), so the Content-Security-Policy arrives as a real
  header when the site ships one;
- ``404.html`` as the body of a 404.

Every response's size (status line, headers and body) is counted per path,
with what a host that does not compress would have sent for it (the same
headers, the file as it is), for the byte rows of the benchmark: one run gives
both. ``GET /__static_host/bytes`` returns the counts since the last call and
starts again (it is not counted itself).
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".gz": "application/gzip",
    ".bin": "application/octet-stream",
    ".webmanifest": "application/manifest+json",
}
# What hosts compress on the fly: text, JSON, JavaScript, SVG and WebAssembly;
# never archives, which are compressed already.
COMPRESSIBLE = re.compile(r"^(text/|application/(json|javascript|xml|wasm|manifest\+json)|image/svg\+xml)")
GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 6  # nginx's and most hosts' default is 1-6; 6 is the common choice


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@dataclass(frozen=True)
class Rule:
    """One block of a ``_headers`` file: a path pattern (``*`` matches any run of characters)."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        regex = "^" + ".*".join(re.escape(part) for part in self.pattern.split("*")) + "$"
        return re.match(regex, path) is not None


def parse_headers_file(text: str) -> list[Rule]:
    """The rules of a Netlify/Cloudflare ``_headers`` file; a malformed line raises ``ValueError``."""
    rules: list[Rule] = []
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if pattern is not None:
                rules.append(Rule(pattern, tuple(headers)))
            pattern, headers = line.strip(), []
            continue
        name, colon, value = line.strip().partition(":")
        if pattern is None or not colon or not name.strip():
            raise ValueError(f"_headers line {number}: expected 'Name: value' under a path: {line!r}")
        headers.append((name.strip(), value.strip()))
    if pattern is not None:
        rules.append(Rule(pattern, tuple(headers)))
    return rules


@dataclass(frozen=True)
class Fault:
    """Send ``after`` bytes of the body, wait ``hang_s`` seconds sending nothing, then drop the connection."""

    after: int
    hang_s: float = 0.0


@dataclass
class Representation:
    """The bytes sent for one file in one encoding, with its validators."""

    body: bytes
    etag: str
    encoding: str | None


@dataclass
class Counter:
    """Per URL path: [requests, bytes sent, bytes a host that does not compress would have sent]."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    by_path: dict[str, list[int]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # every path ever asked for (take() keeps it)

    def add(self, path: str, sent: int, uncompressed: int) -> None:
        with self.lock:
            self.seen.add(path)
            entry = self.by_path.setdefault(path, [0, 0, 0])
            entry[0] += 1
            entry[1] += sent
            entry[2] += uncompressed

    def take(self) -> dict[str, list[int]]:
        """The counts so far, and start again from zero."""
        with self.lock:
            taken, self.by_path = self.by_path, {}
        return taken

    def wait_for(self, path: str, timeout_s: float) -> None:
        """Until ``path`` has been asked for; ``TimeoutError`` naming it if not within ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while True:
            with self.lock:
                if path in self.seen:
                    return
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing asked for {path} within {timeout_s:.0f} s")
            time.sleep(0.05)


class StaticHost(http.server.ThreadingHTTPServer):
    """Serves ``root`` on 127.0.0.1:``port`` (0: a free port) as a static host would."""

    daemon_threads = True
    # Fault injection for tests: called with (handler, path, representation) before a body is
    # sent; may return a Fault (None: send all).
    fault: Callable[[Any, str, Representation], Fault | None] | None = None
    # A host that cannot be reached: every connection is closed before a byte is read or sent.
    unreachable: bool = False

    def __init__(self, root: Path, port: int = 0, gzip_enabled: bool = True,
                 cache_control: str = "no-cache", headers_file: bool = True) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.root = Path(root).resolve()
        self.gzip_enabled = gzip_enabled
        self.cache_control = cache_control
        self.counter = Counter()
        self._representations: dict[tuple[str, bool], tuple[float, Representation]] = {}
        self._lock = threading.Lock()
        rules_file = self.root / "_headers"
        self.rules = (parse_headers_file(rules_file.read_text(encoding="utf-8"))
                      if headers_file and rules_file.is_file() else [])

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-response (a page closed, a download cut) is no error of the host."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def representation(self, path: Path, gzipped: bool) -> Representation:
        """The file's bytes (gzipped if asked), cached until the file changes."""
        stat = path.stat()
        key = (str(path), gzipped)
        with self._lock:
            cached = self._representations.get(key)
            if cached and cached[0] == stat.st_mtime_ns:
                return cached[1]
        raw = path.read_bytes()
        digest = hashlib.sha1(raw).hexdigest()[:20]
        if gzipped:
            made = Representation(gzip.compress(raw, GZIP_LEVEL, mtime=0), f'"{digest}-gzip"', "gzip")
        else:
            made = Representation(raw, f'"{digest}"', None)
        with self._lock:
            self._representations[key] = (stat.st_mtime_ns, made)
        return made

    def extra_headers(self, url_path: str) -> list[tuple[str, str]]:
        return [header for rule in self.rules if rule.matches(url_path) for header in rule.headers]


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class _Handler(http.server.BaseHTTPRequestHandler):
    server: StaticHost
    protocol_version = "HTTP/1.1"
    CONTROL_PATH: ClassVar[str] = "/__static_host/bytes"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        if self.server.unreachable:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        super().handle()

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _resolve(self, url_path: str) -> Path | None:
        relative = unquote(url_path).lstrip("/")
        target = (self.server.root / relative).resolve()
        if target != self.server.root and self.server.root not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _respond(self, head: bool) -> None:
        url_path = urlsplit(self.path).path
        if url_path == self.CONTROL_PATH:
            self._send_control()
            return
        target = self._resolve(url_path)
        status = 200
        if target is None:
            status = 404
            target = self.server.root / "404.html"
            if not target.is_file():
                self._send_bytes(url_path, 404, [("Content-Type", "text/plain")], b"Not found\n", head)
                return
        kind = content_type(target)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = (self.server.gzip_enabled and accepts_gzip and COMPRESSIBLE.match(kind) is not None
                    and target.stat().st_size >= GZIP_MIN_BYTES)
        rep = self.server.representation(target, compress)
        modified = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        headers = [("Content-Type", kind), ("Last-Modified", modified), ("ETag", rep.etag),
                   ("Cache-Control", self.server.cache_control), ("Accept-Ranges", "bytes")]
        if COMPRESSIBLE.match(kind):
            headers.append(("Vary", "Accept-Encoding"))
        if rep.encoding:
            headers.append(("Content-Encoding", rep.encoding))
        headers += self.server.extra_headers(url_path)
        if status == 200 and self._not_modified(rep.etag, target.stat().st_mtime):
            self._send_bytes(url_path, 304, [h for h in headers if h[0] != "Content-Encoding"], b"", True)
            return
        body = rep.body
        wanted = self.headers.get("Range")
        if status == 200 and wanted and self._if_range_holds(rep.etag, modified):
            match = _RANGE.match(wanted.strip())
            span = _byte_span(match, len(body)) if match else None
            if span is None:
                self._send_bytes(url_path, 416, [("Content-Range", f"bytes */{len(body)}")], b"", head)
                return
            start, end = span
            headers.append(("Content-Range", f"bytes {start}-{end}/{len(body)}"))
            status, body = 206, body[start:end + 1]
        fault = self.server.fault(self, url_path, rep) if self.server.fault else None
        raw = target.stat().st_size if rep.encoding else len(rep.body)
        if status == 206:
            raw = len(body)
        self._send_bytes(url_path, status, headers, body, head, fault, raw_body=raw)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            return etag in [tag.strip() for tag in tags.split(",")] or tags.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                parsed = email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= parsed
        return False

    def _if_range_holds(self, etag: str, modified: str) -> bool:
        condition = self.headers.get("If-Range")
        return condition is None or condition.strip() in (etag, modified)

    def _send_bytes(self, url_path: str, status: int, headers: list[tuple[str, str]], body: bytes,
                    head: bool, fault: Fault | None = None, raw_body: int | None = None) -> None:
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        header_bytes = sum(len(line) for line in self._headers_buffer) + 2  # type: ignore[attr-defined]
        cutting = fault is not None and fault.after < len(body)
        sent = 0 if head else (fault.after if fault and cutting else len(body))
        unpacked = sent if raw_body is None or head or cutting else raw_body
        # Counted before it is sent: a reading taken once the client has the response includes it.
        self.server.counter.add(url_path, header_bytes + sent, header_bytes + unpacked)
        self.end_headers()
        if head or not body:
            return
        if fault and cutting:
            self.wfile.write(body[:fault.after])
            self.wfile.flush()
            if fault.hang_s:
                time.sleep(fault.hang_s)
            self.close_connection = True
            self.connection.shutdown(2)
        else:
            self.wfile.write(body)

    def _send_control(self) -> None:
        import json

        payload = json.dumps(self.server.counter.take()).encode()
        self.send_response_only(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(payload)


def _byte_span(match: re.Match[str], size: int) -> tuple[int, int] | None:
    first, last = match.group(1), match.group(2)
    if not first and not last:
        return None
    if not first:  # a suffix: the last N bytes
        length = int(last)
        return (max(size - length, 0), size - 1) if length else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end and start < size else None


class Served:
    """``with Served(root) as host:`` a ``StaticHost`` running in a thread."""

    def __init__(self, root: Path, port: int = 0, **options: Any) -> None:
        self.host = StaticHost(root, port, **options)
        self.thread = threading.Thread(target=self.host.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return self.host.url

    def __enter__(self) -> StaticHost:
        self.thread.start()
        return self.host

    def __exit__(self, *exc: object) -> None:
        self.host.shutdown()
        self.host.server_close()
