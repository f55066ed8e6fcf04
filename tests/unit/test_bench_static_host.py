"""The static host behaves as hosts do: gzip where they compress, validators and 304s,
byte ranges, _headers rules, and it counts what it sends."""

from __future__ import annotations

import gzip
import http.client
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.static_host import Served, StaticHost, parse_headers_file

TEXT = ("Cette phrase se répète. " * 200).encode()  # compressible, above the gzip threshold
ZIP = bytes(range(256)) * 20  # an archive: never compressed


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page.html").write_bytes(TEXT)
    (tmp_path / "archive.zip").write_bytes(ZIP)
    (tmp_path / "tiny.js").write_text("export {};\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "index.html").write_text("<p>index</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    rules = "/*\n  X-Frame-Test: all\n/page.html\n  X-Page: one\n"
    (tmp_path / "_headers").write_text(rules, encoding="utf-8")
    return tmp_path


@pytest.fixture
def host(site: Path) -> Iterator[StaticHost]:
    with Served(site) as server:
        yield server


def get(host: StaticHost, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection(*host.server_address[:2], timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def test_compressible_files_are_gzipped_for_clients_that_accept_it(host: StaticHost) -> None:
    response, body = get(host, "/page.html", **{"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == TEXT
    assert int(response.headers["Content-Length"]) == len(body) < len(TEXT)
    assert response.headers["Vary"] == "Accept-Encoding"
    plain, body = get(host, "/page.html")
    assert plain.headers["Content-Encoding"] is None and body == TEXT
    assert plain.headers["ETag"] != response.headers["ETag"], "each representation has its own validator"


def test_archives_and_small_files_are_sent_as_they_are(host: StaticHost) -> None:
    for path, data in (("/archive.zip", ZIP), ("/tiny.js", b"export {};\n")):
        response, body = get(host, path, **{"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] is None and body == data


def test_types_are_those_a_browser_needs(host: StaticHost, site: Path) -> None:
    (site / "runtime.wasm").write_bytes(b"\0asm" + bytes(2000))
    (site / "module.mjs").write_text("export {};\n", encoding="utf-8")
    assert get(host, "/runtime.wasm")[0].headers["Content-Type"] == "application/wasm"
    assert get(host, "/module.mjs")[0].headers["Content-Type"].startswith("text/javascript")


def test_validators_give_304_without_a_body(host: StaticHost) -> None:
    first, _ = get(host, "/page.html", **{"Accept-Encoding": "gzip"})
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["Last-Modified"]
    again, body = get(host, "/page.html", **{"Accept-Encoding": "gzip",
                                             "If-None-Match": first.headers["ETag"]})
    assert again.status == 304 and body == b""
    since, body = get(host, "/page.html", **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status == 304 and body == b""
    stale, body = get(host, "/page.html", **{"If-None-Match": '"something-else"'})
    assert stale.status == 200 and body == TEXT


def test_a_range_resumes_and_if_range_guards_it(host: StaticHost) -> None:
    whole, _ = get(host, "/archive.zip")
    part, body = get(host, "/archive.zip", Range="bytes=1000-", **{"If-Range": whole.headers["ETag"]})
    assert part.status == 206 and body == ZIP[1000:]
    assert part.headers["Content-Range"] == f"bytes 1000-{len(ZIP) - 1}/{len(ZIP)}"
    changed, body = get(host, "/archive.zip", Range="bytes=1000-", **{"If-Range": '"an-older-file"'})
    assert changed.status == 200 and body == ZIP, "another version of the file: the whole of it"
    beyond, _ = get(host, "/archive.zip", Range=f"bytes={len(ZIP) + 5}-")
    assert beyond.status == 416


def test_directories_serve_their_index_and_missing_files_the_404_page(host: StaticHost) -> None:
    assert get(host, "/folder/")[1] == b"<p>index</p>"
    missing, body = get(host, "/nowhere.html")
    assert missing.status == 404 and body == b"<p>not here</p>"
    outside, _ = get(host, "/../../etc/passwd")
    assert outside.status == 404


def test_headers_file_rules_apply_by_path(host: StaticHost) -> None:
    page, _ = get(host, "/page.html")
    other, _ = get(host, "/tiny.js")
    assert page.headers["X-Frame-Test"] == "all" and page.headers["X-Page"] == "one"
    assert other.headers["X-Frame-Test"] == "all" and other.headers["X-Page"] is None


def test_headers_file_can_be_ignored_as_most_hosts_do(site: Path) -> None:
    with Served(site, headers_file=False) as host:
        assert get(host, "/page.html")[0].headers["X-Page"] is None


def test_a_malformed_headers_file_names_the_line() -> None:
    with pytest.raises(ValueError, match="_headers line 1"):
        parse_headers_file("  X-Orphan: no path above\n")
    assert parse_headers_file("# comment\n\n/a\n  X: 1\n")[0].headers == (("X", "1"),)


def test_bytes_sent_are_counted_with_what_an_uncompressing_host_would_send(host: StaticHost) -> None:
    host.counter.take()
    response, body = get(host, "/page.html", **{"Accept-Encoding": "gzip"})
    requests, sent, uncompressed = host.counter.take()["/page.html"]
    assert requests == 1 and sent > len(body) and uncompressed - sent == len(TEXT) - len(body)
    get(host, "/page.html", **{"Accept-Encoding": "gzip", "If-None-Match": response.headers["ETag"]})
    assert host.counter.take()["/page.html"][1] < 400, "a 304 costs its headers only"


def test_an_unreachable_host_closes_every_connection_and_comes_back(host: StaticHost) -> None:
    host.unreachable = True
    with pytest.raises((ConnectionError, http.client.HTTPException)):
        get(host, "/page.html")
    host.unreachable = False
    response, _ = get(host, "/page.html")
    assert response.status == 200


def test_wait_for_returns_once_a_path_was_asked_for_and_names_it_otherwise(host: StaticHost) -> None:
    with pytest.raises(TimeoutError, match=r"/tiny\.js"):
        host.counter.wait_for("/tiny.js", 0.2)
    get(host, "/tiny.js")
    host.counter.take()  # a reading does not forget what was asked for
    host.counter.wait_for("/tiny.js", 0.2)
