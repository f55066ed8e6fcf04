"""Firefox and WebKit, driven through one API (driver.py), for the engine tests and the bench.

- Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi (firefox.py, with
  firefox_bridge.mjs in Node); no geckodriver.
- WebKit: Debian's WebKitGTK, WebKitWebDriver under ``xvfb-run -a`` with selenium's WebKitGTK
  options and the MiniBrowser that libwebkit2gtk-4.1-0 ships (webkit.py).

``start(name, root)`` starts one; what each needs from Debian is in ``NEEDS``.
"""

from __future__ import annotations

from pathlib import Path

from bench.engines.driver import Engine

ENGINES = ("firefox", "webkit")
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
# What each engine needs from Debian; `make test` and `make bench` install them (scripts/ensure-browsers.sh).
NEEDS = {
    "firefox": ["/usr/bin/firefox-esr"],
    "webkit": ["/usr/bin/WebKitWebDriver", MINIBROWSER, "/usr/bin/xvfb-run"],
}


class Missing(Exception):
    """A browser the engine needs is not installed; the message says what and how to get it."""


def start(name: str, root: Path) -> Engine:
    """Start the engine ``name`` (one of ``ENGINES``); ``root`` is the project (its node_modules)."""
    missing = [path for path in NEEDS[name] if not Path(path).exists()]
    if missing:
        raise Missing(f"{name}: {', '.join(missing)} missing: run `make test` or `make bench` (which run "
                      "scripts/ensure-browsers.sh: Debian's firefox-esr, webkit2gtk-driver and xvfb)")
    if name == "firefox":
        from bench.engines.firefox import Firefox

        return Firefox(root)
    from bench.engines.webkit import WebKit

    return WebKit()
