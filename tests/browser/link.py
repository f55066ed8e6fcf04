"""A slow line between the browser and a real HTTP server, both on 127.0.0.1, that the test can cut.

- ``rate``: bytes per second that every connection shares, as on one real line (a 1 Mbit/s link
  is 125 000 bytes/s). The pacing is done here, before the bytes reach the browser's socket, so
  few bytes sit in buffers: what is "in flight" at a cut is small and measured.
- ``reset()``: a server-side reset, as a host that restarts or a mobile link that drops does:
  every open connection is closed with a TCP RST (SO_LINGER 0). New connections are accepted at
  once, as from a host that is back.
- ``exchanges``: per request, its path and ``Range``, the response's status and
  ``Content-Range``, the body bytes that went through, and whether a reset cut it.

The server behind it may keep connections alive (HTTP/1.1, the bundle's serve.py) or close each
after one response (HTTP/1.0, ``python3 -m http.server``); requests are not pipelined (browsers
do not), so each response follows its request.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

CHUNK = 8192


@dataclass
class Exchange:
    method: str
    path: str
    range: str | None
    status: int = 0
    content_range: str | None = None
    body: int = 0  # body bytes that went through to the browser
    cut: bool = False

    @property
    def start(self) -> int:
        """The first byte of the file this response's body holds."""
        if self.content_range and self.content_range.startswith("bytes "):
            return int(self.content_range[len("bytes "):].split("-")[0])
        return 0


def _head(sock: socket.socket, data: bytes = b"") -> tuple[bytes, bytes]:
    """An HTTP head read from ``sock`` after ``data`` (up to the blank line), and what came after it."""
    while b"\r\n\r\n" not in data:
        more = sock.recv(65536)
        if not more:
            raise ConnectionError("closed before the head ended")
        data += more
    head, _, rest = data.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n", rest


def _header(head: bytes, name: str) -> str | None:
    for line in head.decode("latin-1").split("\r\n")[1:]:
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == name.lower():
            return value.strip()
    return None


class Link:
    def __init__(self, upstream: int, rate: float) -> None:
        self.upstream = upstream
        self.rate = rate
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()
        self._free_at = time.monotonic()  # when the line is free for the next byte
        self._open: dict[socket.socket, threading.Event] = {}
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}/"

    def close(self) -> None:
        self._running = False
        self._listener.close()
        self.reset()

    def reset(self) -> list[Exchange]:
        """Cut every open connection with a RST, busy or idle (as a host going down does); the
        exchanges cut."""
        with self._lock:
            cutting = list(self._open.items())
        for sock, event in cutting:
            event.set()
            with contextlib.suppress(OSError):  # wakes a wait for the next request; its thread sends the RST
                sock.shutdown(socket.SHUT_RD)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self._lock:
                if not any(sock in self._open for sock, _ in cutting):
                    break
            time.sleep(0.01)
        return [exchange for exchange in self.exchanges if exchange.cut]

    def sent(self, path: str) -> int:
        """Body bytes of ``path`` that went through so far, over every exchange."""
        return sum(exchange.body for exchange in self.exchanges if exchange.path == path)

    def _pace(self, size: int) -> None:
        with self._lock:
            start = max(time.monotonic(), self._free_at)
            self._free_at = start + size / self.rate
            wait = self._free_at - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        cut = threading.Event()
        with self._lock:
            self._open[client] = cut
        server = None
        try:
            server = socket.create_connection(("127.0.0.1", self.upstream))
            asked = answered = b""  # bytes read past the last head, from each side
            while not cut.is_set():
                request, asked = _head(client, asked)
                method, target = request.split(b" ", 2)[:2]
                exchange = Exchange(method.decode("latin-1"), urlsplit(target.decode("latin-1")).path,
                                    _header(request, "Range"))
                with self._lock:
                    self.exchanges.append(exchange)
                server.sendall(request)
                response, answered = _head(server, answered)
                status_line = response.split(b"\r\n", 1)[0].decode("latin-1")
                exchange.status = int(status_line.split()[1])
                exchange.content_range = _header(response, "Content-Range")
                client.sendall(response)
                no_body = method == b"HEAD" or exchange.status in (204, 304) or exchange.status < 200
                length = 0 if no_body else int(_header(response, "Content-Length") or -1)
                answered = self._forward(server, client, answered, length, exchange, cut)
                closing = (status_line.startswith("HTTP/1.0") or length < 0
                           or (_header(response, "Connection") or "").lower() == "close")
                if closing:
                    break
        except (OSError, ConnectionError, IndexError, ValueError):
            pass
        finally:
            if cut.is_set():
                with contextlib.suppress(OSError):
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            for sock in (client, server):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()
            with self._lock:
                self._open.pop(client, None)

    def _forward(self, server: socket.socket, client: socket.socket, data: bytes, length: int,
                 exchange: Exchange, cut: threading.Event) -> bytes:
        """Send a body of ``length`` bytes (-1: until the server closes) at the line's rate; what
        the server sent beyond it is returned."""
        left = length
        while left != 0 and not cut.is_set():
            if not data:
                data = server.recv(CHUNK if left < 0 else min(CHUNK, left))
                if not data:
                    break
            take = len(data) if left < 0 else min(len(data), left, CHUNK)
            piece, data = data[:take], data[take:]
            self._pace(len(piece))
            if cut.is_set():
                break
            client.sendall(piece)
            exchange.body += len(piece)
            left -= 0 if left < 0 else len(piece)
        if cut.is_set():
            exchange.cut = True
        return data
