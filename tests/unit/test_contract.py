"""The names shared with the browser are defined once (alliance.contract) and
docs/assets/js/contract.mjs is their current, generated copy; the browser code
spells none of them and reads only names and view fields that exist."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess

import pytest
from alliance import QUESTIONS, api, build_plan, classify, contract, view

from tests.conftest import ROOT

JS_DIR = ROOT / "docs" / "assets" / "js"
STRONGEST = {question.id: question.options[-1].id for question in QUESTIONS}
JS_FILES = sorted(path for path in JS_DIR.glob("*.*js") if path != ROOT / contract.JS_PATH)


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
    assert json.loads(result.stdout) == contract.exported()


def test_every_request_kind_has_its_api_function() -> None:
    for kind, function in contract.REQUESTS.items():
        assert callable(getattr(api, function, None)), f"request {kind!r}: alliance.api.{function} is missing"


def test_every_widget_module_exists() -> None:
    for name, module in contract.WIDGETS.items():
        assert (JS_DIR / module).is_file(), f"widget {name!r}: {module} is not in {JS_DIR}"
    assert (ROOT / "docs" / contract.PATHS["worker"]).is_file()
    assert (ROOT / "docs" / contract.PATHS["rules"].replace(".html", ".md")).is_file()


def _spelled_names() -> set[str]:
    """Names that only the contract may spell (the worker's protocol, paths, modules, data-* values...)."""
    return {
        *contract.REQUESTS, *contract.REQUESTS.values(),
        contract.MESSAGES["REPLY"], contract.MESSAGES["REPLY_ERROR"], contract.MESSAGES["PROGRESS"],
        *contract.WIDGETS.values(),
        contract.WORKER_NAME, contract.FRAGMENT_KEY,
        *(path for key, path in contract.PATHS.items() if key != "js"),
        *contract.ROLES.values(), *contract.ACTIONS.values(), *contract.BLOCKS.values(),
        *contract.WORDS.values(),
        *(contract.RUNTIME[key] for key in ("toolkit", "service_worker", "workbox", "tools_cache")),
    }


@pytest.mark.parametrize("path", JS_FILES, ids=lambda path: path.name)
def test_browser_code_takes_shared_names_from_the_contract(path) -> None:
    literals = set(re.findall(r"""["'`]\.?/?([^"'`\s]+)["'`]""", path.read_text(encoding="utf-8")))
    spelled = sorted(literals & _spelled_names())
    assert not spelled, f"{path.name} spells {spelled}: import them from contract.mjs"


@pytest.mark.parametrize("path", JS_FILES, ids=lambda path: path.name)
def test_browser_code_reads_only_names_the_contract_has(path) -> None:
    exported = contract.exported()
    used = re.findall(r"\b([A-Z][A-Z_]+)\.([A-Za-z_]+)\b", path.read_text(encoding="utf-8"))
    for group, name in used:
        if group in exported:
            assert name in exported[group], f"{path.name} reads {group}.{name}, which the contract lacks"


# What the painter calls each part of a view (variable name in ui-view.mjs / ui-widget.mjs -> record).
VIEW_PARTS = {"view": view.View, "block": view.Block, "line": view.Line, "sub": view.Line,
              "reasons": view.Why, "rule": view.RuleRef, "reference": view.Reference, "segment": view.Segment}


@pytest.mark.parametrize("name", ["ui-view.mjs", "ui-widget.mjs"])
def test_the_painter_reads_only_fields_the_view_has(name: str) -> None:
    source = (JS_DIR / name).read_text(encoding="utf-8")
    for variable, record in VIEW_PARTS.items():
        fields = {field.name for field in dataclasses.fields(record)}
        for attribute in re.findall(rf"(?<![\w-]){variable}\.([a-z_]+)\b", source):
            assert attribute in {*fields, "length"}, f"{name}: {variable}.{attribute} is not a field"
    said = set(re.findall(r"\.said\.([a-z]+)", source))
    plan = build_plan({"level": "seeking-support", "session_number": 1})
    assert said <= set(view.plan_view(plan).said) and said <= set(view.result_view(classify(STRONGEST)).said)
