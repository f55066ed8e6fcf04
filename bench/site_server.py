"""The built site served as a static host would (``static_host``), from a process of its own.

The timed pages load while Playwright's driver talks to this process; serving
from the same Python process would let the harness and the server slow each
other down, and a page that makes more requests would pay more for it.
"""

from __future__ import annotations

import json
import multiprocessing
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.errors import NotAvailable
from bench.static_host import StaticHost

START_TIMEOUT_S = 10.0
CONTROL_PATH = "__static_host/bytes"


def _serve(root: str, port: int, gzip_enabled: bool) -> None:
    # No _headers rules: like most hosts (GitHub Pages, object storage), and the peer pages'
    # inline scripts would fall under the guide's policy. The guide's pages carry it in a <meta>.
    StaticHost(Path(root), port, gzip_enabled=gzip_enabled, headers_file=False).serve_forever()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Transfer:
    """What crossed the network: requests, bytes sent, and bytes had the host not compressed."""

    requests: int = 0
    sent: int = 0
    uncompressed: int = 0

    def __add__(self, other: Transfer) -> Transfer:
        return Transfer(self.requests + other.requests, self.sent + other.sent,
                        self.uncompressed + other.uncompressed)


@dataclass(frozen=True)
class Reading:
    """The server's counts per path since the last reading."""

    by_path: dict[str, list[int]]

    def total(self, prefix: str = "/", without: tuple[str, ...] = ()) -> Transfer:
        """The requests for paths under ``prefix``, less the paths in ``without``."""
        transfer = Transfer()
        for path, (requests, sent, uncompressed) in self.by_path.items():
            if path.startswith(prefix) and path not in without:
                transfer = transfer + Transfer(requests, sent, uncompressed)
        return transfer


def take(base_url: str) -> Reading:
    """The server's counts since the last call (and start again)."""
    with urllib.request.urlopen(base_url + CONTROL_PATH, timeout=10) as response:
        return Reading(json.loads(response.read()))


@contextmanager
def served(root: Path, port: int, gzip_enabled: bool = True) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1:``port`` in a child process; yields the base URL."""
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(str(root), port, gzip_enabled), daemon=True)
    process.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _accepts(port):
            if not process.is_alive() or time.monotonic() > deadline:
                raise NotAvailable(f"the site server for {root} did not start on 127.0.0.1:{port}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.join(5)
