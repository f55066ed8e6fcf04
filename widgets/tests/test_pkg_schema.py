"""to_dict/from_dict round trips, and every document conforms to its JSON Schema."""

from __future__ import annotations

import random

from alliance.bridge import plan_inputs_from_result
from alliance.classify import classify
from alliance.plan import build_plan
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS, validate_answers
from alliance.results import ClassificationResult, Plan
from alliance.schema import ANSWERS_SCHEMA, PLAN_INPUTS_SCHEMA, PLAN_SCHEMA, RESULT_SCHEMA, SCHEMAS
from alliance.validate import check
from alliance_test_support import BY_LEVEL, answers, raises_input_error, random_answers, random_plan_inputs


def test_validated_answers_are_in_question_order_and_conform() -> None:
    row = answers(BY_LEVEL["empowering-collaboration"])
    data = validate_answers(dict(reversed(list(row.items()))))
    assert list(data) == [question.id for question in QUESTIONS]
    assert check(data, ANSWERS_SCHEMA) == []
    assert data == row


def test_results_round_trip_and_conform() -> None:
    rng = random.Random(21)
    for _ in range(150):
        result = classify(random_answers(rng))
        data = result.to_dict()
        assert check(data, RESULT_SCHEMA) == [], check(data, RESULT_SCHEMA)
        assert ClassificationResult.from_dict(data) == result
        assert ClassificationResult.from_dict(data).to_dict() == data


def test_plans_round_trip_and_conform() -> None:
    rng = random.Random(22)
    for _ in range(150):
        inputs = random_plan_inputs(rng)
        plan = build_plan(inputs)
        data = plan.to_dict()
        assert check(data["inputs"], PLAN_INPUTS_SCHEMA) == []
        assert check(data, PLAN_SCHEMA) == [], check(data, PLAN_SCHEMA)
        assert Plan.from_dict(data) == plan
        assert build_plan(data["inputs"]) == plan


def test_plan_inputs_from_a_result_conform() -> None:
    rng = random.Random(23)
    for _ in range(50):
        inputs = plan_inputs_from_result(classify(random_answers(rng)))
        assert check(inputs, PLAN_INPUTS_SCHEMA) == []


def test_schemas_name_exactly_the_keys_to_dict_produces() -> None:
    result = classify(BY_LEVEL["seeking-support"]).to_dict()
    assert set(RESULT_SCHEMA["properties"]) == set(result)
    plan = build_plan({"level": "seeking-support", "session_number": 1}).to_dict()
    assert set(PLAN_SCHEMA["properties"]) == set(plan)
    assert set(ANSWERS_SCHEMA["properties"]) == {"version", *(question.id for question in QUESTIONS)}
    assert set(PLAN_INPUTS_SCHEMA["properties"]) == {"version", *(field.id for field in PLAN_FIELDS)}
    assert all(schema["$schema"].endswith("2020-12/schema") for schema in SCHEMAS.values())


def test_documents_without_the_basis_of_their_lines_still_load() -> None:
    def without_basis(value: object) -> object:
        if isinstance(value, dict):
            return {key: without_basis(item) for key, item in value.items() if key != "basis"}
        return [without_basis(item) for item in value] if isinstance(value, list) else value

    result = classify(BY_LEVEL["seeking-support"])
    older = without_basis(result.to_dict())
    assert ClassificationResult.from_dict(older).next_steps[0].text == result.next_steps[0].text
    plan = build_plan({"level": "seeking-support", "session_number": 1})
    assert Plan.from_dict(without_basis(plan.to_dict())).aim.text == plan.aim.text


def test_from_dict_rejects_what_is_not_a_document() -> None:
    good = classify(BY_LEVEL["seeking-support"]).to_dict()
    broken = [
        None,
        [],
        {},
        {**good, "stage": "top"},
        {**good, "extra": 1},
        {**good, "flags": [{"id": "x"}]},
        {**good, "transitions": "none"},
        {**good, "stage": "autonomic-agency"},
    ]
    for bad in broken:
        raises_input_error(lambda bad=bad: ClassificationResult.from_dict(bad))
    plan = build_plan({"level": "seeking-support", "session_number": 1}).to_dict()
    for bad in [None, {}, {**plan, "aim": "be nice"}, {**plan, "inputs": {"level": "x"}}]:
        raises_input_error(lambda bad=bad: Plan.from_dict(bad))


def test_the_checker_reports_each_violation_with_its_path() -> None:
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": "integer", "minimum": 1},
            "tags": {"type": "array", "items": {"enum": ["a"]}, "uniqueItems": True},
        },
        "required": ["n"],
        "additionalProperties": False,
    }
    assert check({"n": 1, "tags": ["a"]}, schema) == []
    problems = check({"n": 0, "tags": ["a", "a", "b"], "z": True}, schema)
    fields = sorted(problem.field for problem in problems)
    assert fields == ["$.n", "$.tags", "$.tags[2]", "$.z"]
    assert [p.field for p in check({}, schema)] == ["$.n"]
    assert check(True, {"type": "integer"}) and check(float("nan"), {"type": "number"})
