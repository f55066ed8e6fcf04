"""MkDocs hook (``hooks:`` in mkdocs.yml): the browser contract in the theme's templates.

``overrides/main.html`` starts the Python worker early on widget pages, before
any module can load; it reads the worker's path, its name and the message
types from ``contract`` (:mod:`alliance.contract`), as the browser modules do
from ``contract.mjs``, so no name is spelled a second time.
"""

from __future__ import annotations

from typing import Any

from alliance import contract


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.globals["contract"] = {
        "PATHS": dict(contract.PATHS),
        "MESSAGES": dict(contract.MESSAGES),
        "WORKER_NAME": contract.WORKER_NAME,
        "WORDS": dict(contract.WORDS),
    }
    return env
