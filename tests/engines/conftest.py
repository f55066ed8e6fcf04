"""Firefox and WebKit for the engine tests: each started once per test module, on the guide built
once for the session and served by bench/static_host.py at the address it was built for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.engines.driver import Engine

ENGINES = ("firefox", "webkit")
# What each engine needs from Debian; `make test` installs them (scripts/ensure-browsers.sh).
NEEDS = {
    "firefox": ["/usr/bin/firefox-esr"],
    "webkit": ["/usr/bin/WebKitWebDriver", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
               "/usr/bin/xvfb-run"],
}


def start(name: str) -> Engine:
    missing = [path for path in NEEDS[name] if not Path(path).exists()]
    if missing:
        pytest.fail(f"{name}: {', '.join(missing)} missing: run `make test` (scripts/ensure-browsers.sh "
                    "installs Debian's firefox-esr, webkit2gtk-driver and xvfb)")
    if name == "firefox":
        from tests.engines.firefox import Firefox

        return Firefox(ROOT)
    from tests.engines.webkit import WebKit

    return WebKit()


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """Each engine in turn, started once for the module's tests."""
    started = start(request.param)
    yield started
    started.close()
