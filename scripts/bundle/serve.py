#!/usr/bin/env python3
"""Serve this copy of the guide on this computer only, and open it in the browser.

    python3 serve.py            (or double-click the start file for your system)

The tools run Python in the browser, which browsers allow only for a site that is
served, not for pages opened as files. This serves the folder this file is in at
http://127.0.0.1:8000/ (the address the copy was built for: moving between pages is
fastest there), to this computer alone. Press Ctrl+C, or close the window, to stop.
Needs Python 3.8 or later, nothing else.

It speaks HTTP/1.1 and answers byte ranges (``Range``, ``If-Range``) with a strong ``ETag``,
as web hosts do, so that a download of the tools that was cut resumes where it stopped; and it asks
the browser to check every file again (``Cache-Control: no-cache``, answered with
``304 Not Modified``), so a newer copy of the guide put in this folder is seen at once.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import http.server
import os
import re
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import BinaryIO, ClassVar

HOST = "127.0.0.1"
PORT = 8000
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".wasm": "application/wasm", ".zip": "application/zip",
    ".whl": "application/zip", ".gz": "application/gzip", ".svg": "image/svg+xml",
    ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
}


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Slice:
    """The ``length`` bytes of an open file from where it stands (what a 206 sends)."""

    def __init__(self, file: BinaryIO, length: int) -> None:
        self.file, self.left = file, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size) if size else b""
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.file.close()


def byte_span(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a single ``Range`` asks for, or None if it asks for none of this file."""
    match = RANGE.match(header.strip())
    if not match or not (match.group(1) or match.group(2)):
        return None
    if not match.group(1):  # a suffix: the last N bytes
        length = int(match.group(2))
        return (max(size - length, 0), size - 1) if length and size else None
    first = int(match.group(1))
    last = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
    return (first, last) if first <= last else None


class Handler(http.server.SimpleHTTPRequestHandler):
    # HTTP/1.1, as web hosts speak: browsers trust a strong ETag only then, and resume a cut
    # download from their own cache with it.
    protocol_version = "HTTP/1.1"
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def file_path(self) -> str | None:
        """The file this request names (a folder's index.html), or None for the base class to answer."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the base class redirects to the folder's address with a slash
            path = os.path.join(path, "index.html")
        return path if os.path.isfile(path) else None

    def send_head(self) -> object:
        path = self.file_path()
        if path is None:
            return super().send_head()
        file = open(path, "rb")  # noqa: SIM115 (handed to the base class, which sends and closes it)
        try:
            return self.send_file_head(file, self.guess_type(path))
        except BaseException:
            file.close()
            raise

    def send_file_head(self, file: BinaryIO, kind: str) -> object:
        stat = os.fstat(file.fileno())
        size = stat.st_size
        etag = f'"{size:x}-{stat.st_mtime_ns:x}"'
        modified = self.date_time_string(stat.st_mtime)
        validators = [("ETag", etag), ("Last-Modified", modified), ("Cache-Control", "no-cache"),
                      ("Accept-Ranges", "bytes")]
        if self.not_modified(etag, stat.st_mtime):
            self.send_headers(304, validators)
            file.close()
            return None
        wanted = self.headers.get("Range")
        condition = self.headers.get("If-Range")
        if wanted and (condition is None or condition.strip() in (etag, modified)):
            span = byte_span(wanted, size)
            if span is None:
                self.send_headers(416, [("Content-Range", f"bytes */{size}"), ("Content-Length", "0")])
                file.close()
                return None
            first, last = span
            file.seek(first)
            self.send_headers(206, [("Content-Type", kind), ("Content-Length", str(last - first + 1)),
                                    ("Content-Range", f"bytes {first}-{last}/{size}"), *validators])
            return Slice(file, last - first + 1)
        self.send_headers(200, [("Content-Type", kind), ("Content-Length", str(size)), *validators])
        return file

    def not_modified(self, etag: str, mtime: float) -> bool:
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            return tags.strip() == "*" or etag in [tag.strip() for tag in tags.split(",")]
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)  # noqa: UP017 (datetime.UTC needs 3.11)
        return int(mtime) <= when.timestamp()

    def send_headers(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that went away mid-file (a page closed, a line cut) is not an error to print."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def free_port(first: int) -> int:
    for port in range(first, first + 20):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise SystemExit(f"No free port between {first} and {first + 19}: close another server and try again.")


def main(argv: list[str]) -> int:
    folder = Path(__file__).resolve().parent
    port = free_port(PORT)
    server = Server((HOST, port), functools.partial(Handler, directory=str(folder)))
    url = f"http://{HOST}:{port}/"
    print(f"The guide is served at {url} (on this computer only). Press Ctrl+C to stop.", flush=True)
    if port != PORT:
        print(f"Port {PORT} is busy, so {port} is used: pages load a little slower there.", flush=True)
    if "--no-browser" not in argv:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
