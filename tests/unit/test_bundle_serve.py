"""The bundle's server (scripts/bundle/serve.py, standard library only) answers as a web host does:
byte ranges with a strong ETag, so a cut download resumes; revalidation with 304s; folders' index."""

from __future__ import annotations

import functools
import http.client
import sys
import threading
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT, bundle_server

BODY = bytes(range(256)) * 40  # 10 240 bytes, every offset recognisable


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    serve = bundle_server()
    folder = tmp_path_factory.mktemp("bundle")
    (folder / "runtime.wasm.gz").write_bytes(BODY)
    (folder / "tools").mkdir()
    (folder / "tools" / "index.html").write_text("<p>tools</p>", encoding="utf-8")
    server = serve.Server(("127.0.0.1", 0), functools.partial(serve.Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _get(served: tuple[str, int], path: str, method: str = "GET",
         **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*served, timeout=10)
    try:
        named = {name.replace("_", "-"): value for name, value in headers.items()}
        connection.request(method, path, headers=named)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_a_whole_file_comes_with_a_strong_etag_and_says_it_answers_ranges(served: tuple[str, int]) -> None:
    status, headers, body = _get(served, "/runtime.wasm.gz")
    assert status == 200 and body == BODY
    assert headers["accept-ranges"] == "bytes"
    assert headers["etag"].startswith('"') and not headers["etag"].startswith("W/")
    assert headers["content-length"] == str(len(BODY))
    assert headers["cache-control"] == "no-cache"


def test_a_range_from_a_byte_resumes_there(served: tuple[str, int]) -> None:
    status, headers, body = _get(served, "/runtime.wasm.gz", Range="bytes=4000-")
    assert status == 206
    assert body == BODY[4000:]
    assert headers["content-range"] == f"bytes 4000-{len(BODY) - 1}/{len(BODY)}"
    assert headers["content-length"] == str(len(BODY) - 4000)


@pytest.mark.parametrize(("header", "span"), [("bytes=0-99", (0, 99)), ("bytes=10000-20000", (10000, 10239)),
                                              ("bytes=-240", (10000, 10239))])
def test_bounded_and_suffix_ranges(served: tuple[str, int], header: str, span: tuple[int, int]) -> None:
    status, headers, body = _get(served, "/runtime.wasm.gz", Range=header)
    assert status == 206 and body == BODY[span[0]:span[1] + 1]
    assert headers["content-range"] == f"bytes {span[0]}-{span[1]}/{len(BODY)}"


def test_a_range_past_the_end_is_refused_with_the_size(served: tuple[str, int]) -> None:
    status, headers, body = _get(served, "/runtime.wasm.gz", Range="bytes=99999-")
    assert status == 416 and body == b""
    assert headers["content-range"] == f"bytes */{len(BODY)}"


def test_if_range_resumes_the_same_file_only(served: tuple[str, int]) -> None:
    etag = _get(served, "/runtime.wasm.gz", "HEAD")[1]["etag"]
    status, _, body = _get(served, "/runtime.wasm.gz", Range="bytes=100-", If_Range=etag)
    assert status == 206 and body == BODY[100:]
    status, _, body = _get(served, "/runtime.wasm.gz", Range="bytes=100-", If_Range='"another-file"')
    assert status == 200 and body == BODY, "a file that changed is sent whole"


def test_revalidation_is_answered_with_not_modified(served: tuple[str, int]) -> None:
    _, headers, _ = _get(served, "/runtime.wasm.gz")
    status, again, body = _get(served, "/runtime.wasm.gz", If_None_Match=headers["etag"])
    assert status == 304 and body == b"" and again["etag"] == headers["etag"]
    status, _, _ = _get(served, "/runtime.wasm.gz", If_Modified_Since=headers["last-modified"])
    assert status == 304


def test_a_folder_serves_its_index_and_a_missing_file_is_a_404(served: tuple[str, int]) -> None:
    status, headers, body = _get(served, "/tools/")
    assert status == 200 and body == b"<p>tools</p>" and "etag" in headers
    status, headers, _ = _get(served, "/tools")
    assert status == 301 and headers["location"].endswith("/tools/")
    assert _get(served, "/nothing-here.js")[0] == 404


def test_the_server_needs_only_the_standard_library() -> None:
    source = (ROOT / "scripts" / "bundle" / "serve.py").read_text(encoding="utf-8")
    imported = {line.split()[1].split(".")[0] for line in source.splitlines()
                if line.startswith(("import ", "from ")) and "__future__" not in line}
    assert imported <= set(sys.stdlib_module_names), imported


def test_it_speaks_http_1_1_and_keeps_the_connection_for_the_next_request(served: tuple[str, int]) -> None:
    connection = http.client.HTTPConnection(*served, timeout=10)
    try:
        for wanted in ("bytes=0-9", "bytes=10-19"):
            connection.request("GET", "/runtime.wasm.gz", headers={"Range": wanted})
            response = connection.getresponse()
            assert response.version == 11 and response.status == 206
            start = int(wanted[len("bytes="):].split("-")[0])
            assert response.read() == BODY[start:start + 10]
    finally:
        connection.close()
