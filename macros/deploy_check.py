"""MkDocs hook (``hooks:`` in mkdocs.yml): a deployment build must know its address.

``site_url`` (``SITE_URL``) is where the site will live. Material's instant
navigation works only there (it reads the sitemap, which carries that address):
elsewhere every link is a full page load. Canonical links and link previews
name it too. The default, ``http://127.0.0.1:8000/``, is right for ``make
serve``, the tests and the shareable bundle (``make bundle`` serves it there),
and wrong for any host.

A build is "for deployment" when ``ALLIANCE_DEPLOY`` is set, as ``make dist``
does. Then a missing ``SITE_URL``, or one that names this machine, prints a
banner on standard error naming the fix. It is a warning, not a failure: a
copy for an intranet whose address is not known yet still builds, and tools
and pages work at any address. Other builds stay quiet.
"""

from __future__ import annotations

import os
import sys
from typing import Any
from urllib.parse import urlsplit

DEPLOY_ENV = "ALLIANCE_DEPLOY"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}


def problem(site_url: str | None, env_site_url: str | None) -> str | None:
    """Why this deployment build's address is wrong, or None."""
    if not env_site_url:
        return "SITE_URL is not set"
    host = urlsplit(site_url or "").hostname or ""
    if host in LOCAL_HOSTS:
        return f"SITE_URL is {env_site_url}, an address on this machine only"
    return None


def banner(reason: str) -> str:
    rule = "!" * 78
    return "\n".join([
        rule,
        f"WARNING: building for deployment, but {reason}.",
        "  Instant navigation will not work on the host (every page change reloads the",
        "  page and restarts the tools' Python), and canonical links and link previews",
        "  will point to the wrong address.",
        "  Fix: give the address the site will be served at, ending with a slash:",
        "    SITE_URL=https://example.org/guide/ make dist",
        rule,
    ])


def on_config(config: Any, **kwargs: Any) -> Any:
    if os.environ.get(DEPLOY_ENV):
        reason = problem(config.get("site_url"), os.environ.get("SITE_URL"))
        if reason:
            print(banner(reason), file=sys.stderr, flush=True)
    return config
