"""The names shared with the browser are defined once (alliance.contract) and
docs/assets/js/contract.mjs is their current, generated copy."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from alliance import api, contract

from tests.conftest import ROOT

JS_DIR = ROOT / "docs" / "assets" / "js"


def test_contract_module_is_current() -> None:
    path = ROOT / contract.JS_PATH
    assert path.read_text(encoding="utf-8") == contract.js_module(), (
        f"{path} is stale: run `python -m alliance contract --write {contract.JS_PATH}`"
    )


def test_the_browser_reads_the_same_names_as_python() -> None:
    script = (
        f"import({json.dumps((ROOT / contract.JS_PATH).as_uri())})"
        ".then((m) => console.log(JSON.stringify(m)))"
    )
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                            check=True)
    names = json.loads(result.stdout)
    assert names == {
        "REQUESTS": dict(contract.REQUESTS),
        "MESSAGES": dict(contract.MESSAGES),
        "WIDGETS": dict(contract.WIDGETS),
        "FRAGMENT_KEY": contract.FRAGMENT_KEY,
        "WORKER_NAME": contract.WORKER_NAME,
        "PATHS": dict(contract.PATHS),
        "RUNTIME": dict(contract.RUNTIME),
    }


def test_every_request_kind_has_its_api_function() -> None:
    for kind, function in contract.REQUESTS.items():
        assert callable(getattr(api, function, None)), f"request {kind!r}: alliance.api.{function} is missing"


def test_every_widget_module_exists() -> None:
    for name, module in contract.WIDGETS.items():
        assert (JS_DIR / module).is_file(), f"widget {name!r}: {module} is not in {JS_DIR}"
    assert (ROOT / "docs" / contract.PATHS["worker"]).is_file()


def _spelled_names() -> set[str]:
    """Names that only the contract may spell (the worker's protocol, paths, modules)."""
    return {
        *contract.REQUESTS.values(),
        contract.MESSAGES["REPLY"], contract.MESSAGES["REPLY_ERROR"], contract.MESSAGES["PROGRESS"],
        *contract.WIDGETS.values(),
        contract.WORKER_NAME,
        *(path for key, path in contract.PATHS.items() if key != "js"),
        *(contract.RUNTIME[key] for key in ("toolkit", "service_worker", "workbox", "tools_cache")),
    }


@pytest.mark.parametrize("path", sorted(JS_DIR.glob("*.*js")), ids=lambda path: path.name)
def test_browser_code_takes_shared_names_from_the_contract(path) -> None:
    if path == ROOT / contract.JS_PATH:
        return
    literals = set(re.findall(r"""["'`]\.?/?([^"'`\s]+)["'`]""", path.read_text(encoding="utf-8")))
    spelled = sorted(literals & _spelled_names())
    assert not spelled, f"{path.name} spells {spelled}: import them from contract.mjs"
