"""JSON-in, JSON-out entry points for the browser worker. They never raise.

``classify_json(payload)``: payload is the answers object, ``{"answers": {...}}``,
``{"form": {...}}`` (the page's form, see :mod:`alliance.formdata`),
``{"link": "#inputs=..."}`` (a share link's fragment) or a result document
(its answers are read). Success::

    {"ok": true, "result": {...}, "view": {...}, "text": "...", "markdown": "...",
     "form": {...}, "share": "inputs=...", "notes": [...], "plan_inputs": {...},
     "handoff": {"plan": {"form": {...}, "message": "...", "focus": "session_number"}}}

``plan_json(payload)``: payload is the plan inputs object, ``{"inputs": {...}}``,
``{"form": {...}}``, ``{"link": "#inputs=..."}`` or a plan document (its inputs
are read, and the plan built again). Success::

    {"ok": true, "plan": {...}, "view": {...}, "text": "...", "markdown": "...",
     "form": {...}, "share": "inputs=...", "notes": [...], "handoff": {}}

``view`` is what the page paints (:mod:`alliance.view`); ``text`` and
``markdown`` are what Copy and Download give; ``form`` fills the page's form;
``share`` is a share link's fragment (``contract.FRAGMENT_KEY``), versioned;
``notes`` say what a migration changed when the input was written for an
earlier version (:mod:`alliance.migrate`); ``handoff`` is what the page hands
to another widget in memory, never in a URL (the classifier hands the plan
builder the inputs its result gives, without the session number, which the
clinician enters). Failure (both)::

    {"ok": false, "error": {"type": "AllianceInputError", "message": "...", "summary": "...",
                            "notes": [...], "problems": [{"field": "...", "message": "...",
                                                          "control": "...", "label": "..."}]},
     "form": {...}}

where ``control`` is the form field a problem belongs to ("" if none) and
``label`` its label; there is always at least one problem. ``form`` is there
only when input written for an earlier version could be read in part: it
holds what was carried over, and the problems name what to answer again.
Anything unexpected is reported the same way with ``"type": "InternalError"``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from alliance.bridge import carried_inputs, plan_inputs_from_result
from alliance.classify import classify
from alliance.contract import FRAGMENT_KEY, PLAN_BUILDER
from alliance.errors import AllianceInputError, Problem
from alliance.formdata import FIELD_KINDS, QUESTION_KINDS, from_form, to_form
from alliance.migrate import ANSWERS_VERSION, PLAN_INPUTS_VERSION, read_answers, read_plan_inputs, versioned
from alliance.output import markdown, text
from alliance.plan import build_plan
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.questions import QUESTIONS_BY_ID
from alliance.view import View, plan_view, result_view

MAX_PAYLOAD = 100_000  # characters
MAX_NESTING = 64  # checked before parsing: deep recursion can exhaust Pyodide's stack
MAX_LINK = 4096  # characters of a share link's fragment after its key


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
        if _is_link(payload):
            raise AllianceInputError(_link_too_long(len(payload)))
        raise AllianceInputError(
            Problem(name, f"The input is too large ({len(payload):,} characters; an input holds at most "
                          f"{MAX_PAYLOAD:,}).")
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


def _is_link(payload: str) -> bool:
    """Whether the payload is a share link sent as ``{"link": ...}`` (the page's form for links)."""
    return re.match(r'\s*\{\s*"link"\s*:', payload) is not None


def _link_too_long(length: int) -> Problem:
    return Problem("link", f"The link is too long ({length:,} characters; a share link holds at most "
                           f"{MAX_LINK:,} characters after its #).")


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


def unwrap(data: object, key: str) -> object:
    """``data[key]`` when ``data`` is an object whose only key is ``key``; else ``data``."""
    if isinstance(data, Mapping) and len(data) == 1 and key in data:
        return data[key]
    return data


# Percent-encoding as the browser's encodeURIComponent does it (urllib.parse would do too, but the
# browser's Python has to compile it from source first, which delays the tools' start).
_KEPT = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")


def percent_encode(text: str) -> str:
    return "".join(chr(byte) if byte in _KEPT else f"%{byte:02X}" for byte in text.encode("utf-8"))


def percent_decode(text: str) -> str:
    """The text ``%XX`` escapes stand for; ``UnicodeError`` if they are not UTF-8."""
    return _ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), text.encode("utf-8")).decode("utf-8")


def fragment(values: Mapping[str, object]) -> str:
    """A share link's fragment (without ``#``) holding ``values`` (with their version, if any)."""
    return f"{FRAGMENT_KEY}={percent_encode(json.dumps(values, ensure_ascii=False, separators=(',', ':')))}"


def from_link(link: object, what: str) -> object:
    """The JSON value a share link's fragment holds; ``AllianceInputError`` if there is none to use."""
    prefix = f"{FRAGMENT_KEY}="
    if not isinstance(link, str) or not link.lstrip("#").startswith(prefix):
        raise AllianceInputError(Problem("link", f"The link holds no {what} (its part after # must start "
                                                 f"with {prefix})."))
    raw = link.lstrip("#")[len(prefix):]
    if len(raw) > MAX_LINK:
        raise AllianceInputError(_link_too_long(len(raw)))
    try:
        value = parse_payload(percent_decode(raw), "link")
    except (AllianceInputError, UnicodeError):
        problem = Problem("link", f"The part of the link after # is not valid {what}.")
        raise AllianceInputError(problem) from None
    if not isinstance(value, Mapping):
        raise AllianceInputError(Problem("link", f"The part of the link after # must hold an object of "
                                                 f"{what}."))
    return value


# A document the tools wrote (a result, a plan): the key that marks it, and the key that holds what it
# was made from.
_DOCUMENT_SOURCES = {"answers": ("stage", "answers"), "inputs": ("aim", "inputs")}


def document_source(data: object, name: str) -> tuple[object, list[str]]:
    """What a result or plan document was made from (its answers, its inputs), with a note; any other
    data as it is. Reading a whole document so makes it again with the current rules."""
    marker, key = _DOCUMENT_SOURCES[name]
    if isinstance(data, Mapping) and marker in data and isinstance(data.get(key), Mapping):
        what = "result" if name == "answers" else "plan"
        return data[key], [f"This is a whole {what} file: it was made again from its "
                           f"{'answers' if name == 'answers' else 'inputs'} with the current rules."]
    return data, []


# What the error summary above a form says when what was entered there has problems, per request kind
# (the form drawn at build time says the same: macros/forms.py).
CHECK_SUMMARY: Mapping[str, str] = MappingProxyType({
    "classify": "Please check these answers:",
    "plan": "Please check these inputs:",
})


class _Request:
    """What a request asks about (``what``: "answers", "plan inputs"), whether it came in a link, and
    whether it came from the page (its form or a link: problems are then said in the form's words,
    without the ids that JSON written by hand needs)."""

    def __init__(self, payload: object, kind: str, kinds: Mapping[str, str], what: str, version: int) -> None:
        self.payload, self.kind, self.kinds, self.what, self.version = payload, kind, kinds, what, version
        self.name = "answers" if kind == "classify" else "inputs"
        self.linked = self.from_page = False
        self.notes: list[str] = []

    def values(self) -> object:
        """The answers or plan inputs the request holds, in any of its forms (see the module docstring)."""
        data = parse_payload(self.payload, self.name)
        if isinstance(data, Mapping) and len(data) == 1:
            if "form" in data:  # the page's form holds the current questions and inputs
                self.from_page = True
                return versioned(from_form(data["form"], self.kinds), self.version)
            if "link" in data:
                self.linked = self.from_page = True
                return from_link(data["link"], self.what)
        values, notes = document_source(data, self.name)
        self.notes += notes
        return unwrap(values, self.name)

    def summary(self, error: AllianceInputError) -> str:
        if error.notes:
            return (f"These {self.what} were made for an earlier version of the guide's tools. What was said "
                    "then is filled in; answer what is new:")
        if self.linked:
            return f"The {self.what} in this link were rejected, so nothing was filled in:"
        return CHECK_SUMMARY[self.kind]


def _control(field: str) -> str:
    """The form field a problem's field (``answers.presence``, ``$.inputs.beliefs[1]``) belongs to."""
    tokens = [token for token in re.split(r"[.\[\]$]", field) if token]
    known = [token for token in tokens if token in QUESTIONS_BY_ID or token in PLAN_FIELDS_BY_ID]
    return known[-1] if known else ""


def _label(control: str) -> str:
    if control in QUESTIONS_BY_ID:
        return QUESTIONS_BY_ID[control].text
    return PLAN_FIELDS_BY_ID[control].label if control else ""


def _error(error: AllianceInputError, summary: str, plain: bool) -> dict[str, Any]:
    problems = [{**problem.to_dict(plain), "control": control, "label": _label(control)}
                for problem in error.problems for control in [_control(problem.field)]]
    return {**error.to_dict(plain), "summary": summary, "notes": list(error.notes), "problems": problems}


def _respond(request: _Request, work: Callable[[object], dict[str, Any]]) -> str:
    try:
        body = {"ok": True, **work(request.values()), "notes": request.notes}
    except AllianceInputError as error:
        body = {"ok": False, "error": _error(error, request.summary(error), request.from_page)}
        if error.partial is not None:
            body["form"] = to_form(error.partial)
    except Exception as error:  # the worker must always get an answer
        message = f"Something went wrong inside the tool ({type(error).__name__})."
        body = {
            "ok": False,
            "error": {
                "type": "InternalError",
                "message": message,
                "summary": "The tool could not work this out:",
                "notes": [],
                "problems": [{"field": "", "message": message, "control": "", "label": ""}],
            },
        }
    return json.dumps(body, ensure_ascii=False)


HANDOFF_MESSAGE = (
    "Filled in from the stage classifier's result: the level, the flags, the weakest steps and what the "
    "answers say about beliefs (and how firmly they are held), care seeking, self-management and yellow "
    "flags. Enter the session number, whether you have screened for serious pathology and what you know of "
    "the patient, then build the plan."
)


def _shown(view: View, inputs: Mapping[str, Any], version: int) -> dict[str, Any]:
    """What the browser shows of a result or a plan: its view, as text and Markdown, the form
    filled in with its inputs, and its share link."""
    return {
        "view": view.to_dict(),
        "text": text(view),
        "markdown": markdown(view),
        "form": to_form(inputs),
        "share": fragment(versioned(inputs, version)),
    }


def classify_json(payload: str) -> str:
    """Classify the answers in ``payload`` (JSON text); JSON text back, never an exception."""

    request = _Request(payload, "classify", QUESTION_KINDS, "answers", ANSWERS_VERSION)

    def work(answers: object) -> dict[str, Any]:
        read = read_answers(answers)
        request.notes += read.notes
        result = classify(read.values)
        return {
            "result": result.to_dict(),
            **_shown(result_view(result), result.answers, ANSWERS_VERSION),
            "plan_inputs": plan_inputs_from_result(result),
            "handoff": {PLAN_BUILDER: {"form": to_form(carried_inputs(result)), "message": HANDOFF_MESSAGE,
                                       "focus": "session_number"}},
        }

    return _respond(request, work)


def plan_json(payload: str) -> str:
    """Build a plan from the inputs in ``payload`` (JSON text); JSON text back, never an exception."""

    request = _Request(payload, "plan", FIELD_KINDS, "plan inputs", PLAN_INPUTS_VERSION)

    def work(inputs: object) -> dict[str, Any]:
        read = read_plan_inputs(inputs)
        request.notes += read.notes
        plan = build_plan(read.values)
        return {
            "plan": plan.to_dict(),
            **_shown(plan_view(plan), plan.inputs, PLAN_INPUTS_VERSION),
            "handoff": {},
        }

    return _respond(request, work)
