"""JSON-in, JSON-out entry points for the browser worker. They never raise.

``classify_json(payload)``: payload is the answers object, or
``{"answers": {...}}``. Success::

    {"ok": true, "result": {...}, "markdown": "...", "text": "...", "plan_inputs": {...}}

``plan_json(payload)``: payload is the plan inputs object, or
``{"inputs": {...}}``. Success::

    {"ok": true, "plan": {...}, "markdown": "...", "text": "..."}

Failure (both)::

    {"ok": false, "error": {"type": "AllianceInputError", "message": "...",
                            "problems": [{"field": "...", "message": "..."}]}}

Anything unexpected is reported the same way with ``"type": "InternalError"``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from alliance.classify import classify
from alliance.errors import AllianceInputError, Problem
from alliance.output import plan_markdown, plan_text, result_markdown, result_text
from alliance.plan import build_plan, plan_inputs_from_result
from alliance.schema import unwrap

MAX_PAYLOAD = 100_000  # characters
MAX_NESTING = 64  # checked before parsing: deep recursion can exhaust Pyodide's stack


def parse_payload(payload: object, name: str) -> Any:
    """The JSON value in ``payload``; ``AllianceInputError`` if it is not JSON text of a sane size."""
    if isinstance(payload, bytes | bytearray):
        try:
            payload = bytes(payload).decode("utf-8")
        except UnicodeDecodeError:
            raise AllianceInputError(Problem(name, "The input is not UTF-8 text.")) from None
    if not isinstance(payload, str):
        raise AllianceInputError(Problem(name, f"The input must be JSON text, not {type(payload).__name__}."))
    if len(payload) > MAX_PAYLOAD:
        raise AllianceInputError(
            Problem(name, f"The input is too large ({len(payload)} characters; the limit is {MAX_PAYLOAD}).")
        )
    if _nesting(payload) > MAX_NESTING:
        raise AllianceInputError(Problem(name, f"The input is nested more than {MAX_NESTING} levels deep."))
    try:
        return json.loads(payload, parse_constant=_reject_constant)
    except _NotJson as error:
        message = f"The input contains {error}, which is not a valid JSON number."
    except json.JSONDecodeError as error:
        message = f"The input is not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}."
    except (ValueError, RecursionError):
        message = "The input is not valid JSON: it is nested too deeply or holds an oversized number."
    raise AllianceInputError(Problem(name, message))


def _nesting(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth -= 1
    return deepest


class _NotJson(Exception):
    pass


def _reject_constant(constant: str) -> object:
    raise _NotJson(constant)


def _respond(work: Callable[[], dict[str, Any]]) -> str:
    try:
        body = {"ok": True, **work()}
    except AllianceInputError as error:
        body = {"ok": False, "error": error.to_dict()}
    except Exception as error:  # the worker must always get an answer
        body = {
            "ok": False,
            "error": {
                "type": "InternalError",
                "message": f"Something went wrong inside the tool ({type(error).__name__}).",
                "problems": [],
            },
        }
    return json.dumps(body, ensure_ascii=False)


def classify_json(payload: str) -> str:
    """Classify the answers in ``payload`` (JSON text); JSON text back, never an exception."""

    def work() -> dict[str, Any]:
        result = classify(unwrap(parse_payload(payload, "answers"), "answers"))  # type: ignore[arg-type]
        return {
            "result": result.to_dict(),
            "markdown": result_markdown(result),
            "text": result_text(result),
            "plan_inputs": plan_inputs_from_result(result),
        }

    return _respond(work)


def plan_json(payload: str) -> str:
    """Build a plan from the inputs in ``payload`` (JSON text); JSON text back, never an exception."""

    def work() -> dict[str, Any]:
        plan = build_plan(unwrap(parse_payload(payload, "inputs"), "inputs"))  # type: ignore[arg-type]
        return {"plan": plan.to_dict(), "markdown": plan_markdown(plan), "text": plan_text(plan)}

    return _respond(work)
