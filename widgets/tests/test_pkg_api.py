"""The JSON entry points the browser worker calls: JSON in, JSON out, never an exception."""

from __future__ import annotations

import json
import random

from alliance.api import MAX_PAYLOAD, classify_json, plan_json
from alliance_test_support import BY_LEVEL, answers


def call(function, payload: object) -> dict:  # type: ignore[no-untyped-def, type-arg]
    reply = function(payload)
    assert isinstance(reply, str)
    return json.loads(reply)


def test_classify_json_success_carries_result_markdown_and_plan_inputs() -> None:
    reply = call(classify_json, json.dumps(BY_LEVEL["seeking-support"]))
    assert reply["ok"] is True
    assert reply["result"]["stage"] == "seeking-support"
    assert "Seeking support" in reply["markdown"] and "[@" in reply["markdown"]
    assert reply["plan_inputs"]["level"] == "seeking-support"
    wrapped = call(classify_json, json.dumps({"answers": BY_LEVEL["seeking-support"]}))
    assert wrapped["result"] == reply["result"]


def test_plan_json_success_carries_plan_markdown_and_text() -> None:
    classified = call(classify_json, json.dumps(answers(BY_LEVEL["non-encounter"], check_rapport="not-yet")))
    inputs = {**classified["plan_inputs"], "session_number": 2, "bad_experiences": ["massage"]}
    reply = call(plan_json, json.dumps(inputs))
    assert reply["ok"] is True
    assert next(s["id"] for s in reply["plan"]["sections"]) == "communication"
    assert reply["plan"]["avoid"][0]["text"] == "No massage or soft-tissue work"
    assert "[@" in reply["markdown"] and "[@" not in reply["text"]
    assert call(plan_json, json.dumps({"inputs": inputs}))["plan"] == reply["plan"]


def test_failures_are_reported_as_documented() -> None:
    row = answers()
    del row["trust"]
    reply = call(classify_json, json.dumps(row))
    assert reply["ok"] is False
    error = reply["error"]
    assert error["type"] == "AllianceInputError"
    assert error["problems"] == [{"field": "trust", "message": "Question 'trust' has no answer."}]
    assert error["message"] == "Question 'trust' has no answer."


def test_bad_payloads_never_raise() -> None:
    payloads: list[object] = [
        "",
        "{",
        "[]",
        "null",
        "1",
        '"x"',
        "NaN",
        '{"presence": NaN}',
        '{"session_number": Infinity}',
        "[" * 5000 + "]" * 5000,
        "1" * 5000,
        b"\xff\xfe",
        None,
        42,
        {"presence": "heard"},
        '{"level": "non-encounter", "session_number": 1e400}',
        "\ud800",
    ]
    for payload in payloads:
        for function in (classify_json, plan_json):
            reply = call(function, payload)
            assert reply["ok"] is False, (function.__name__, payload)
            assert reply["error"]["type"] == "AllianceInputError"
            assert reply["error"]["problems"]


def test_payload_size_is_capped() -> None:
    big = json.dumps(
        {"level": "non-encounter", "session_number": 1, "other_bad_experience": "x" * MAX_PAYLOAD}
    )
    reply = call(plan_json, big)
    assert reply["ok"] is False and "too large" in reply["error"]["message"]


def test_random_json_never_raises() -> None:
    rng = random.Random(31)
    atoms: list[object] = [None, True, 0, -3, 1.5, "", "heard", "level", "session_number", "non-encounter"]

    def value(depth: int) -> object:
        roll = rng.random()
        if depth > 3 or roll < 0.5:
            return rng.choice(atoms)
        if roll < 0.75:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        keys = ["presence", "level", "session_number", "answers", "inputs", "x"]
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randrange(4))}

    for _ in range(300):
        payload = json.dumps(value(0))
        for function in (classify_json, plan_json):
            reply = call(function, payload)
            assert reply["ok"] in (True, False)
            if not reply["ok"]:
                assert reply["error"]["type"] == "AllianceInputError"
