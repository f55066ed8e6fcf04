#!/usr/bin/env python3
"""Serve this copy of the guide on this computer only, and open it in the browser.

    python3 serve.py            (or double-click the start file for your system)

The tools run Python in the browser, which browsers allow only for a site that is
served, not for pages opened as files. This serves the folder this file is in at
http://127.0.0.1:8000/ (the address the copy was built for: moving between pages is
fastest there), to this computer alone. Press Ctrl+C, or close the window, to stop.
Needs Python 3.8 or later, nothing else.
"""

from __future__ import annotations

import functools
import http.server
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import ClassVar

HOST = "127.0.0.1"
PORT = 8000
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".wasm": "application/wasm", ".zip": "application/zip",
    ".whl": "application/zip", ".gz": "application/gzip", ".svg": "image/svg+xml",
    ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:
        pass


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
    server = http.server.ThreadingHTTPServer((HOST, port), functools.partial(Handler, directory=str(folder)))
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
