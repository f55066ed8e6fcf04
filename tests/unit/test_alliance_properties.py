"""Property tests with hypothesis for the classifier, the plan builder and the JSON API.

The package's own tests (widgets/tests) use stdlib randomness so they also run
in Pyodide; these add hypothesis' search and shrinking under CPython.
"""

from __future__ import annotations

import json
import math
from urllib.parse import quote, unquote

from alliance import AllianceInputError, ClassificationResult, Plan, build_plan, classify
from alliance.api import classify_json, fragment, from_link, percent_decode, percent_encode, plan_json
from alliance.conditions import PLAN_DERIVED
from alliance.derive import plan_facts
from alliance.formdata import FIELD_KINDS, QUESTION_KINDS, from_form, to_form
from alliance.output import markdown, text
from alliance.plan_fields import PLAN_FIELDS, validate_plan_inputs
from alliance.questions import QUESTIONS, QUESTIONS_BY_ID
from alliance.rules import RULES_BY_ID
from alliance.rules.classifier import CRITERIA
from alliance.rules.techniques import TECHNIQUES_BY_ID
from alliance.schema import PLAN_SCHEMA, RESULT_SCHEMA
from alliance.validate import check
from alliance.view import plan_view, result_view
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.alliance_strategies import answers, examples, plan_inputs

SETTINGS = settings(
    max_examples=examples(300), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
FUZZ = settings(SETTINGS, max_examples=examples(150))

valid_answers = answers
CRITERION_RULES = {rule.criterion: rule.answers for rule in CRITERIA}
ordered_questions = sorted({answer.question for rule in CRITERIA for answer in rule.answers})

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5)
    ),
    max_leaves=30,
)
question_keys = st.sampled_from([q.id for q in QUESTIONS]) | st.text(max_size=15)
option_values = st.sampled_from([o.id for q in QUESTIONS for o in q.options]) | json_values
answer_like = st.dictionaries(question_keys, option_values, max_size=25)


valid_plan_inputs = plan_inputs
plan_keys = st.sampled_from([field.id for field in PLAN_FIELDS]) | st.text(max_size=15)
plan_like = st.dictionaries(
    plan_keys, json_values | st.sampled_from(["non-encounter", "low", "humour"]), max_size=12
)


@SETTINGS
@given(valid_answers)
def test_every_valid_answer_set_gives_a_conforming_deterministic_result(answers: dict[str, str]) -> None:
    result = classify(answers)
    assert result == classify(dict(answers))
    data = result.to_dict()
    assert check(data, RESULT_SCHEMA) == []
    assert ClassificationResult.from_dict(json.loads(json.dumps(data))) == result
    assert data["qualified"] == bool(data["flags"])


@SETTINGS
@given(valid_answers, st.sampled_from(ordered_questions))
def test_a_stronger_answer_never_lowers_the_level(answers: dict[str, str], question_id: str) -> None:
    options = QUESTIONS_BY_ID[question_id].option_ids()
    index = options.index(answers[question_id])
    stronger = {**answers, question_id: options[min(index + 1, len(options) - 1)]}
    assert classify(stronger).level.number >= classify(answers).level.number


@SETTINGS
@given(valid_answers, st.data())
def test_meeting_one_more_criterion_never_lowers_the_level(
    answers: dict[str, str], data: st.DataObject
) -> None:
    before = classify(answers)
    missing = [c.id for t in before.transitions for c in t.missing]
    if not missing:
        return
    criterion = data.draw(st.sampled_from(missing))
    changed = dict(answers)
    for rule in CRITERION_RULES[criterion]:
        if changed[rule.question] not in rule.options:
            changed[rule.question] = data.draw(st.sampled_from(rule.options))
    after = classify(changed)
    assert criterion in {c.id for t in after.transitions for c in t.met}
    assert after.level.number >= before.level.number


@FUZZ
@given(answer_like)
def test_any_answer_like_input_gives_a_result_or_the_documented_error(answers: dict[object, object]) -> None:
    try:
        result = classify(answers)  # type: ignore[arg-type]
    except AllianceInputError as error:
        assert error.problems and all(p.message for p in error.problems)
        return
    assert isinstance(result, ClassificationResult)


@FUZZ
@given(json_values)
def test_any_json_value_gives_a_result_or_the_documented_error(value: object) -> None:
    for function in (classify, build_plan):
        try:
            function(value)  # type: ignore[arg-type]
        except AllianceInputError as error:
            assert error.problems


@SETTINGS
@given(valid_answers, st.sampled_from([q.id for q in QUESTIONS]), json_values)
def test_an_invalid_answer_is_the_documented_error_naming_the_question(
    answers: dict[str, str], question_id: str, bad: object
) -> None:
    if isinstance(bad, str) and bad in QUESTIONS_BY_ID[question_id].option_ids():
        return
    try:
        classify({**answers, question_id: bad})
    except AllianceInputError as error:
        assert [p.field for p in error.problems] == [question_id]
    else:
        raise AssertionError("an invalid answer was accepted")


@SETTINGS
@given(valid_plan_inputs)
def test_every_valid_plan_input_gives_a_conforming_plan(inputs: dict[str, object]) -> None:
    plan = build_plan(inputs)
    assert plan == build_plan(dict(inputs))
    data = plan.to_dict()
    assert check(data, PLAN_SCHEMA) == []
    assert Plan.from_dict(json.loads(json.dumps(data))) == plan
    for technique in plan.inputs["bad_experiences"]:  # type: ignore[union-attr]
        name = TECHNIQUES_BY_ID[technique].name
        assert any(name in avoid.text for avoid in plan.avoid) or technique == "exercise-programme"


@FUZZ
@given(plan_like)
def test_any_plan_like_input_gives_a_plan_or_the_documented_error(inputs: dict[str, object]) -> None:
    try:
        plan = build_plan(inputs)
    except AllianceInputError as error:
        assert error.problems
        return
    assert isinstance(plan, Plan)


@FUZZ
@given(st.text(max_size=200) | json_values.map(lambda v: json.dumps(v, allow_nan=True)))
def test_the_json_api_never_raises(payload: str) -> None:
    for function in (classify_json, plan_json):
        reply = json.loads(function(payload))
        assert reply["ok"] in (True, False)
        if not reply["ok"]:
            assert reply["error"]["type"] == "AllianceInputError", reply
            assert reply["error"]["problems"]


def test_nan_and_infinity_are_refused_as_numbers() -> None:
    for number in (math.nan, math.inf, -math.inf):
        try:
            build_plan({"level": "non-encounter", "session_number": number})
        except AllianceInputError as error:
            assert error.problems[0].field == "session_number"
        else:
            raise AssertionError(f"{number} accepted")


@SETTINGS
@given(valid_plan_inputs)
def test_every_plan_line_names_a_rule_that_applies_to_its_inputs(inputs: dict[str, object]) -> None:
    plan = build_plan(inputs)
    facts = {**plan.inputs, **plan_facts(plan.inputs)[0]}
    for line in (plan.aim, *plan.items(), *plan.safety, *plan.avoid):
        assert line.basis.rules
        for rule_id in line.basis.rules:
            assert RULES_BY_ID[rule_id].when.holds(facts), rule_id
        assert {name for name, _ in line.basis.facts} <= {*plan.inputs, *PLAN_DERIVED}


@SETTINGS
@given(valid_answers)
def test_every_result_renders_in_every_format_from_one_view(answers: dict[str, str]) -> None:
    view = result_view(classify(answers))
    for rendered in (text(view), markdown(view)):
        assert view.blocks[0].lines[0].text in rendered and view.footer in rendered
    for reference in view.references:
        assert reference.text in text(view)


@SETTINGS
@given(valid_plan_inputs)
def test_a_plan_survives_the_form_and_the_share_link(inputs: dict[str, object]) -> None:
    clean = validate_plan_inputs(inputs)
    assert validate_plan_inputs(from_form(to_form(clean), FIELD_KINDS)) == clean
    assert validate_plan_inputs(from_link("#" + fragment(clean), "plan inputs")) == clean
    again = build_plan(from_form(to_form(clean), FIELD_KINDS))
    assert plan_view(build_plan(clean)).to_dict() == plan_view(again).to_dict()


@SETTINGS
@given(valid_answers)
def test_answers_survive_the_form(answers: dict[str, str]) -> None:
    assert from_form(to_form(answers), QUESTION_KINDS) == answers


@SETTINGS
@given(st.text(max_size=60))
def test_share_links_are_percent_encoded_as_the_browser_encodes_them(text: str) -> None:
    encoded = percent_encode(text)
    assert encoded == quote(text, safe="-_.!~*'()")  # encodeURIComponent's unescaped characters
    assert percent_decode(encoded) == text == unquote(encoded)
