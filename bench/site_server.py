"""The built site served from a process of its own, on 127.0.0.1.

The timed pages load while Playwright's driver talks to this process; serving
from the same Python process would let the harness and the server slow each
other down, and a page that makes more requests would pay more for it.
"""

from __future__ import annotations

import multiprocessing
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.errors import NotAvailable

START_TIMEOUT_S = 10.0


def _serve(root: str, port: int) -> None:
    from tests.conftest import SiteServer

    SiteServer(Path(root), port).httpd.serve_forever()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def served(root: Path, port: int) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1:``port`` in a child process; yields the base URL."""
    process = multiprocessing.get_context("spawn").Process(target=_serve, args=(str(root), port), daemon=True)
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
