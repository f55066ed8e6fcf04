"""The plan's safety invariants as hypothesis properties, one per invariant, over every valid plan input
and over every classifier result carried into the plan builder, in every format.

The checks themselves are :mod:`alliance.invariants` (the plan builder runs the structural ones on every
plan it builds); ``widgets/tests/test_pkg_invariants.py`` runs them exhaustively and by seeded samples,
also inside Pyodide. What each property caught in the code before issue 16 is in the report of that
change; the shrunk counterexamples are kept below as explicit examples.
"""

from __future__ import annotations

import json

import pytest
from alliance import build_plan, classify
from alliance.api import fragment, plan_json
from alliance.bridge import carried_inputs
from alliance.invariants import InvariantError, format_violations, plan_violations
from alliance.migrate import PLAN_INPUTS_VERSION, versioned
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import MULTI, QUESTIONS
from alliance.results import Plan
from alliance.rules import plan as plan_rules
from alliance.rules.records import ItemRule
from alliance.rules.techniques import MAYBE, TECHNIQUES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=250, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)

# What a clinician may type as a treatment that made things worse: the known names in any case, with
# punctuation, spelling variants and typos around them, or any text at all.
NAMES = sorted(
    {name.replace("*", suffix) for t in TECHNIQUES for name in t.names for suffix in ("", "ion", "ed")}
    | {name.replace("*", "") for name, _ids in MAYBE}
)


@st.composite
def typed_names(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    name = draw(
        st.sampled_from(
            [
                name,
                name.upper(),
                name.title(),
                name.replace(" ", "-"),
                name.replace("s", "z"),
                ".".join(name) if len(name) <= 4 else name,
            ]
        )
    )
    if len(name) > 6 and draw(st.booleans()):  # a typo: one letter dropped
        cut = draw(st.integers(1, len(name) - 2))
        name = name[:cut] + name[cut + 1 :]
    before = draw(st.sampled_from(["", "the ", "2x ", "my "]))
    after = draw(st.sampled_from(["", "!", " and massage", " (twice)", " / heat"]))
    return (before + name + after)[:120]


TYPED = typed_names() | st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), max_size=60)


def _field_value(field):  # type: ignore[no-untyped-def]
    if field.id == "other_bad_experience":
        return TYPED
    if field.kind == "single":
        return st.sampled_from(field.option_ids())
    if field.kind == "multi":
        return st.lists(st.sampled_from(field.option_ids()), max_size=len(field.options), unique=True)
    if field.kind == "number":
        return st.integers(field.minimum, field.maximum)
    return st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), max_size=field.max_length)


plan_inputs = st.fixed_dictionaries(
    {field.id: _field_value(field) for field in PLAN_FIELDS if field.required},
    optional={field.id: _field_value(field) for field in PLAN_FIELDS if not field.required},
)


def _answer(question):  # type: ignore[no-untyped-def]
    if question.kind != MULTI:
        return st.sampled_from(question.option_ids())
    others = [option for option in question.option_ids() if option not in question.exclusive]
    return st.sampled_from([[option] for option in question.exclusive]) | st.lists(
        st.sampled_from(others), min_size=1, max_size=len(others), unique=True
    )


answers = st.fixed_dictionaries({question.id: _answer(question) for question in QUESTIONS})


# Every valid plan input, and every classifier result carried into the plan builder (as the page hands it
# over, with the session number and what the clinician adds).
def _from_result(answered: dict[str, object], added: dict[str, object]) -> Plan:
    """The plan the plan builder makes from a result handed over, with what the clinician adds."""
    return build_plan({**added, **carried_inputs(classify(answered))})


plans = plan_inputs.map(build_plan) | st.builds(_from_result, answers, plan_inputs)


def broken(plan: Plan, number: str) -> list[str]:
    """Violations of invariant ``number``, structural and in every format."""
    return [
        p
        for p in plan_violations(plan) + format_violations(plan)
        if p.startswith(number) or ":" in p.split(" ")[0]
    ]


def _plan(**inputs: object) -> Plan:
    return build_plan({"level": "non-encounter", "session_number": 1, **inputs})


@SETTINGS
@given(plans)
@example(
    _plan(other_bad_experience="spinal mobilisation", expectations=["hands-on"])
)  # proposed before the fix
def test_1_what_harmed_is_never_proposed(plan: Plan) -> None:
    assert not broken(plan, "1"), (plan.inputs, broken(plan, "1"))


@SETTINGS
@given(plans)
@example(_plan(bad_experiences=["mobilisation", "massage"], expectations=["hands-on"]))  # manipulation before
@example(_plan(bad_experiences=["massage"], expectations=["hands-on"]))  # mobilisation before
def test_2_no_escalation(plan: Plan) -> None:
    assert not broken(plan, "2"), (plan.inputs, broken(plan, "2"))


@SETTINGS
@given(plans)
@example(
    build_plan(
        {
            "level": "autonomic-agency",
            "session_number": 2,
            "flags": ["unhelpful-model"],
            "exercise_readiness": "high",
            "time_minutes": 45,
        }
    )
)  # the braced-back case before
def test_3_the_lead_stays_while_the_model_is_re_educated(plan: Plan) -> None:
    assert not broken(plan, "3"), (plan.inputs, broken(plan, "3"))


@SETTINGS
@given(plans)
@example(_plan(flags=["unhealthy-autonomy"]))  # no coordination before
@example(_plan(expectations=["hands-on", "injection-medication"]))  # "refer to the prescriber" before
def test_4_one_coordinated_plan(plan: Plan) -> None:
    assert not broken(plan, "4"), (plan.inputs, broken(plan, "4"))


@SETTINGS
@given(plans)
@example(_plan())  # no safety-netting in any format before
def test_5_safety_netting_on_every_plan_in_every_format(plan: Plan) -> None:
    assert not broken(plan, "5"), (plan.inputs, broken(plan, "5"))


@SETTINGS
@given(plans)
@example(_plan(expectations=["hands-on"]))  # "Include a hands-on technique (spinal mobilisation)" before
def test_6_hands_on_care_the_patient_takes_part_in(plan: Plan) -> None:
    assert not broken(plan, "6"), (plan.inputs, broken(plan, "6"))


@SETTINGS
@given(plans)
@example(_plan(time_minutes=30))  # 11 items before (14 for a fuller first session)
def test_7_a_plan_that_fits_the_session(plan: Plan) -> None:
    assert not broken(plan, "7"), (plan.inputs, broken(plan, "7"))


@SETTINGS
@given(plans)
def test_a_share_link_rebuilds_the_same_plan(plan: Plan) -> None:
    link = "#" + fragment(versioned(plan.inputs, PLAN_INPUTS_VERSION))
    reply = json.loads(plan_json(json.dumps({"link": link})))
    assert reply["ok"] and reply["plan"] == plan.to_dict()


@pytest.mark.parametrize(
    ("faulty", "number"),
    [
        (
            ItemRule(
                id="x.escalate",
                section="assessment-treatment",
                title="Manipulate",
                when=plan_rules.ALWAYS,
                text="Offer spinal manipulation.",
                rationale="None.",
                cite=(),
                proposes=("spinal-manipulation",),
            ),
            "1",
        ),
        (
            ItemRule(
                id="x.hand-over",
                section="review",
                title="Let go",
                when=plan_rules.ALWAYS,
                hands_over=True,
                priority=0,
                text="Space out the sessions.",
                rationale="None.",
                cite=(),
            ),
            "3",
        ),
    ],
)
def test_a_faulty_rule_gives_an_error_never_an_unsafe_plan(
    monkeypatch, faulty: ItemRule, number: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(plan_rules, "ITEMS", (faulty, *plan_rules.ITEMS))
    inputs = {
        "level": "autonomic-agency",
        "session_number": 2,
        "flags": ["unhelpful-model"],
        "bad_experiences": ["spinal-manipulation"],
        "time_minutes": 120,
    }
    with pytest.raises(InvariantError, match=f"{number}: "):
        build_plan(inputs)
