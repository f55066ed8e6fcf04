"""A copy opened from disk: pages and search work, tool pages say plainly that the tools need the
site served and how; and the shareable bundle (make bundle) serves itself in one step."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.runtime_helpers import assert_same_as_cpython, wait_ready
from tests.browser.test_widgets import SEARCH_HIT, search_for
from tests.conftest import ROOT, SiteServer

pytestmark = pytest.mark.browser

STATUS = "[data-widget=classifier] [data-role=status]"


def open_file(page: Any, site: Path, path: str) -> None:
    page.goto((site / path).as_uri())


@pytest.mark.parametrize("path", ["tools/classifier.html", "tools/plan-builder.html"])
def test_a_tool_page_opened_from_a_file_says_the_site_must_be_served_and_how(
        page: Any, built_site: Path, path: str) -> None:
    open_file(page, built_site, path)
    status = page.locator("[data-widget] [data-role=status]")
    message = status.locator("[data-role=status-text]", has_text="need this guide to be served")
    message.wait_for(timeout=10_000)
    text = status.inner_text()
    assert "python3 -m http.server 8000 --bind 127.0.0.1" in text and "http://127.0.0.1:8000/" in text
    assert status.get_attribute("data-state") == "error"
    assert page.locator("[data-widget] [data-role=retry]").is_hidden(), "Retry cannot help here"
    assert page.locator("[data-widget] [data-role=progress]").is_hidden()
    assert page.locator("[data-alliance-offline]").is_hidden(), "no offer of offline use from a file"


@pytest.mark.parametrize("path", ["tools/classifier.html", "tools/plan-builder.html"])
def test_from_a_file_a_tools_button_moves_the_focus_to_the_visible_message(
        page: Any, built_site: Path, path: str) -> None:
    open_file(page, built_site, path)
    message = page.locator("[data-widget] [data-role=status-text]", has_text="need this guide to be served")
    message.wait_for(timeout=10_000)
    page.locator("[data-widget] button[type=submit]").click()
    assert page.evaluate("document.activeElement.dataset.role") == "status-text"
    box = message.bounding_box()
    bottom = page.viewport_size["height"]
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= bottom, "in view"
    header = page.locator("header.md-header").bounding_box()
    assert header is None or box["y"] >= header["y"] + header["height"], "not under the sticky header"
    assert page.url.startswith("file://") and "#" not in page.url, "the form went nowhere"


@pytest.mark.parametrize("path", ["index.html", "evidence/fuentes-2014.html", "tools/classifier.html"])
def test_from_a_file_no_script_is_blocked_and_the_citation_tooltips_work(
        page: Any, built_site: Path, path: str) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    open_file(page, built_site, path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # a blocked script or a failed request is reported by now
    assert [m for m in messages if m.startswith(("error", "pageerror", "warning"))] == [], messages
    link = page.locator("article a.citation").first
    if link.count():
        link.hover()
        tooltip = page.locator("#citation-tooltip")
        tooltip.wait_for(state="visible", timeout=3000)
        key = link.get_attribute("href").split("#")[-1]
        reference = page.locator(f"[id='{key}']").inner_text()
        assert " ".join(tooltip.inner_text().split()) == " ".join(reference.split())


@pytest.fixture
def frame_site(tmp_path: Path) -> Path:
    """file-worker.html and .js in a copy of the guide's folders, a script of the guide's own, and one
    beside the guide (another application): each sets the page's title when it runs."""
    scripts = tmp_path / "site" / "assets" / "js"
    scripts.mkdir(parents=True)
    for name in ("file-worker.html", "file-worker.js"):
        (scripts / name).write_bytes((ROOT / "docs" / "assets" / "js" / name).read_bytes())
    (scripts / "own.js").write_text('document.title = "own script ran";', encoding="utf-8")
    (tmp_path / "otherapp").mkdir()
    (tmp_path / "otherapp" / "x.js").write_text('document.title = "escaped";', encoding="utf-8")
    return tmp_path


def _frame_runs(page: Any, frame_url: str, script: str) -> str:
    page.goto("about:blank")  # a new document each time (a change of fragment alone would keep the title)
    page.goto(f"{frame_url}#{quote(script, safe='')}")
    page.wait_for_timeout(500)
    return str(page.title())


def test_the_frame_worker_runs_only_the_guides_own_scripts_and_only_from_a_file(
        page: Any, frame_site: Path) -> None:
    site = frame_site / "site"
    frame = (site / "assets" / "js" / "file-worker.html").as_uri()
    base = site.as_uri()
    assert _frame_runs(page, frame, f"{base}/assets/js/own.js") == "own script ran"
    escapes = (f"{base}/../otherapp/x.js", f"{base}/%2e%2e/otherapp/x.js",
               f"{base}/assets/../../otherapp/x.js", (frame_site / "otherapp" / "x.js").as_uri(),
               "https://example.org/x.js", "not an address")
    for escape in escapes:
        assert _frame_runs(page, frame, escape) == "Search", escape
    # Served over http it does nothing at all, the site's own scripts included.
    with SiteServer(frame_site) as server:
        served = f"{server.url}site/assets/js/file-worker.html"
        for script in (f"{server.url}site/../otherapp/x.js", f"{server.url}site/assets/js/own.js"):
            assert _frame_runs(page, served, script) == "Search", script


def test_pages_and_search_work_from_a_file(page: Any, built_site: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_file(page, built_site, "index.html")
    assert "Therapeutic Alliance" in page.title()
    search_for(page, "pyramid")
    page.wait_for_selector(SEARCH_HIT, timeout=15_000)
    hits = page.locator(SEARCH_HIT).all_inner_texts()
    assert any("pyramid" in hit.lower() for hit in hits), hits
    page.locator(f"{SEARCH_HIT} a").first.click()
    page.wait_for_url(re.compile(r"^file://.*\.html"))
    assert errors == []


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "ALLIANCE_DEPLOY")}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bundle.py"), "--out", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return out


def test_the_bundle_is_a_zip_with_a_readme_and_a_launcher_for_each_system(bundle: Path) -> None:
    with zipfile.ZipFile(bundle / "alliance-guide.zip") as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        readme = archive.read("alliance-guide/README.txt").decode()
    for name in ("index.html", "README.txt", "serve.py", "start-linux.sh", "start-macos.command",
                 "start-windows.bat", "tools/classifier.html", "assets/pyodide/toolkit.json", "sw.js"):
        assert f"alliance-guide/{name}" in names, name
    for launcher in ("serve.py", "start-linux.sh", "start-macos.command"):
        assert modes[f"alliance-guide/{launcher}"] & 0o111, f"{launcher} is executable once unzipped"
    for words in ("start-windows.bat", "start-macos.command", "sh start-linux.sh", "python3 serve.py",
                  "http://127.0.0.1:8000/"):
        assert words in readme, words
    windows = (bundle / "alliance-guide" / "start-windows.bat").read_bytes()
    assert b"\r\n" in windows and b"serve.py" in windows


def test_the_bundle_opened_from_a_file_points_to_its_launchers(page: Any, bundle: Path) -> None:
    open_file(page, bundle / "alliance-guide", "tools/classifier.html")
    text = page.locator(f"{STATUS} [data-role=status-text]")
    text.filter(has_text="launcher").wait_for(timeout=10_000)
    assert "start-windows.bat" in text.inner_text() and "python3 serve.py" in text.inner_text()


@pytest.fixture
def launched(bundle: Path) -> Iterator[str]:
    """The Linux launcher run as a colleague would (without opening a browser): its address."""
    process = subprocess.Popen(["sh", str(bundle / "alliance-guide" / "start-linux.sh"), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        assert match, line
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(10)


def test_the_launcher_serves_the_bundle_in_one_step_and_the_tools_work(page: Any, launched: str) -> None:
    page.goto(launched + "tools/classifier.html")
    assert wait_ready(page, launched)["state"] == "ready"
    assert_same_as_cpython(page, launched)
