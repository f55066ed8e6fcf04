"""Shared fixtures: one strict build of the guide, a local server, a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from bench.static_host import Served

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep build logs to what matters
__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "Browser", "SiteServer", "build_site", "copy_project"]


def build_site(config: Path, dest: Path, site_url: str | None = None,
               env: dict[str, str] | None = None, tool: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` for ``config`` into ``dest`` (optionally for ``site_url``, with the
    environment variables ``env`` added, and with ``tool`` for MkDocs: ``"properdocs"``)."""
    env = {**os.environ, **({"SITE_URL": site_url} if site_url else {}), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env=env,
    )


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project's site sources in ``dest/project``, to break on purpose.

    ``node_modules`` is linked, not copied: the post-build asset step needs it.
    """
    skip = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "tests", "bench",
                                  "__pycache__", "*.egg-info", ".*_cache")
    project = dest / "project"
    shutil.copytree(ROOT, project, ignore=skip)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def bundle_server() -> Any:
    """The bundle's scripts/bundle/serve.py as a module (it is a script beside the site, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_serve", ROOT / "scripts" / "bundle" / "serve.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the test server will use; the site is built for it (SITE_URL)."""
    return _free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The guide, built once per test session with ``--strict``, for the test server's address.

    Building for the real address matters: Material's instant navigation only
    intercepts links whose URL matches the sitemap, which carries ``site_url``.
    """
    dest = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", dest, site_url=f"http://127.0.0.1:{site_port}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-6000:]}")
    return dest


class SiteServer:
    """A folder served on 127.0.0.1 as a static host would (bench/static_host.py: gzip, ETag and
    304s, byte ranges, and the site's ``_headers``, so the Content-Security-Policy arrives as a
    real header), on a free port unless given one."""

    def __init__(self, root: Path, port: int = 0, **options: object) -> None:
        self.served = Served(root, port, **options)  # type: ignore[arg-type]
        self.httpd = self.served.host

    @property
    def url(self) -> str:
        return self.served.url

    def __enter__(self) -> SiteServer:
        self.served.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.served.__exit__(*exc)


@pytest.fixture(scope="session")
def site_server(built_site: Path, site_port: int) -> Iterator[SiteServer]:
    """The built guide served on 127.0.0.1 at the address it was built for."""
    with SiteServer(built_site, site_port) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(site_server: SiteServer) -> str:
    """Base URL of the built guide served on 127.0.0.1."""
    return site_server.url


class Browser:
    """Playwright's browser, whose new contexts bypass the pages' Content-Security-Policy unless asked.

    Every page of the guide carries a strict policy (macros/csp.py), which forbids
    eval(): Playwright's wait_for_function() evaluates its predicate that way, and
    add_script_tag() (axe-core) inserts an inline script. Tests that use them get
    contexts that bypass the policy; the policy itself is tested with it enforced
    (``new_context(bypass_csp=False)``, tests/browser/test_csp.py).
    """

    def __init__(self, browser: object) -> None:
        self._browser = browser

    def new_context(self, **options: object) -> object:
        options.setdefault("bypass_csp", True)
        return self._browser.new_context(**options)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (see ``Browser``)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield Browser(instance)
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context and page; ``page.requested_urls`` logs every request."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()
