"""The plan's safety invariants as hypothesis properties, one per invariant, over every valid plan input
and over every classifier result carried into the plan builder, in every format.

The checks themselves are :mod:`alliance.invariants` (the plan builder runs the structural ones on every
plan it builds); ``widgets/tests/test_pkg_invariants.py`` runs them exhaustively and by seeded samples,
also inside Pyodide. The counterexamples the code before issues 16 and 21 gave are kept as explicit
examples. The properties of issue 21 (sections 1, 2, 4 and 6) are also checked here without the
invariant code, from the inputs alone.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from alliance import build_plan, classify
from alliance.api import fragment, plan_json
from alliance.bridge import carried_inputs
from alliance.errors import AllianceInputError
from alliance.invariants import (
    InvariantError,
    format_violations,
    plan_violations,
    rule_of,
    session_violations,
)
from alliance.migrate import PLAN_INPUTS_VERSION, versioned
from alliance.recognise import recognise
from alliance.results import Plan
from alliance.rules import plan as plan_rules
from alliance.rules.records import ItemRule
from alliance.rules.techniques import FORCE
from alliance.rules.terms import BELIEF_FIELDS
from alliance.validate import BIDI_CONTROLS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.unit.alliance_strategies import AROUND, answers, examples, plan_inputs, typed_harm

SETTINGS = settings(
    max_examples=examples(250), deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


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


def offered(plan: Plan) -> set[str]:
    return {t for item in plan.items() if (rule := rule_of(item)) for t in rule.proposes}


REVIEW_AGENCY = {"level": "autonomic-agency", "session_number": 2, "time_minutes": 60,
                 "belief_harm": "firmly",
                 "belief_damage": "firmly", "belief_protect": "firmly", "exercise_readiness": "high"}


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
# issue 21
@example(_plan(other_bad_experience="grade V thrust, then grade IV PAs", expectations=["hands-on"]))
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
)  # the braced-back case before issue 16
@example(build_plan(REVIEW_AGENCY))  # issue 21: the beliefs at level 4, no flag ticked
@example(build_plan({**REVIEW_AGENCY, "level": "empowering-collaboration"}))  # and at level 3
@example(build_plan({"level": "autonomic-agency", "session_number": 5, "yellow_flags": ["distress"]}))
@example(build_plan({"level": "autonomic-agency", "session_number": 5, "flags": ["inconsistent"]}))
def test_3_the_lead_is_held_back_while_anything_says_it_should_be(plan: Plan) -> None:
    assert not broken(plan, "3"), (plan.inputs, broken(plan, "3"))


@SETTINGS
@given(plan_inputs, st.sampled_from(("empowering-collaboration", "autonomic-agency")),
       st.sampled_from(BELIEF_FIELDS), st.sampled_from(("firmly", "unsure")))
@example({"session_number": 2, "time_minutes": 60, "exercise_readiness": "high"}, "autonomic-agency",
         "belief_protect", "firmly")
def test_3_at_levels_3_and_4_a_belief_held_firmly_means_no_hand_over(
    inputs: dict[str, object], level: str, belief: str, strength: str
) -> None:
    """Issue 21, section 1, from the inputs alone: at level 3 or 4 with a harmful belief held firmly (or
    not known how firmly), no item hands the lead over, sets the patient's own homework, spaces the
    sessions out or sets a fuller programme."""
    plan = build_plan({**inputs, "level": level, belief: strength})
    assert not [item.title for item in plan.items() if (rule := rule_of(item)) and (
        rule.hands_over or rule.id == "exercise-homework.how-many.high")], plan.inputs
    texts = " ".join(item.text for item in plan.items())
    assert "set their own homework" not in texts and "fuller programme" not in texts
    assert "Space out the sessions" not in texts


@SETTINGS
@given(plan_inputs, st.sampled_from(("empowering-collaboration", "autonomic-agency")),
       st.lists(st.sampled_from(("unhelpful-model", "unhealthy-autonomy", "inconsistent",
                                 "agency-with-yellow-flags")), min_size=1, unique=True))
def test_3_any_flag_ticked_or_implied_means_no_hand_over(
    inputs: dict[str, object], level: str, flags: list[str]
) -> None:
    plan = build_plan({**inputs, "level": level, "flags": flags})
    assert not [item.title for item in plan.items() if (rule := rule_of(item)) and rule.hands_over]


@SETTINGS
@given(plan_inputs, st.lists(st.sampled_from(("fear-of-movement", "distress", "low-expectation")), min_size=1,
                             unique=True))
def test_3_yellow_flags_at_agency_mean_no_spacing_out(inputs: dict[str, object], yellow: list[str]) -> None:
    plan = build_plan({**inputs, "level": "autonomic-agency", "yellow_flags": yellow})
    waiting = [*plan.items(), *(plan.later.items if plan.later else ()),
               *(plan.longer.items if plan.longer else ())]
    assert "Space out the sessions" not in [item.title for item in waiting]


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
# issue 21: a 10-minute slot
@example(_plan(time_minutes=10, expectations=["hands-on"], belief_harm="firmly"))
def test_7_a_plan_that_fits_the_session_and_follows_it(plan: Plan) -> None:
    assert not broken(plan, "7"), (plan.inputs, broken(plan, "7"))
    assert not session_violations(plan), (plan.inputs, session_violations(plan))


@SETTINGS
@given(typed_harm(), plan_inputs, st.booleans())
@example(("she popped my back and it locked up", ("spinal-manipulation", "mobilisation")), {}, True)
@example(("activator and McTimoney", ("spinal-manipulation", "massage", "mobilisation")), {}, True)
def test_8_a_technique_typed_in_any_listed_spelling_and_anything_more_forceful_are_never_proposed(
    typed: tuple[str, tuple[str, ...]], inputs: dict[str, object], hands_on: bool
) -> None:
    """Issue 21, section 2, from the inputs alone: whatever else the inputs say."""
    text, techniques = typed
    expectations = ["hands-on"] if hands_on else []
    plan = build_plan({"level": "seeking-support", "session_number": 2, **inputs,
                       "other_bad_experience": text,
                       "expectations": expectations, "helped_before": ""})
    ruled_out = set(techniques) | {
        stronger for t in techniques if t in FORCE for stronger in FORCE[FORCE.index(t):]}
    assert not offered(plan) & ruled_out, (text, offered(plan))
    assert not broken(plan, "8"), (text, broken(plan, "8"))


@SETTINGS
@given(typed_harm(), st.text(alphabet=st.characters(categories=["L"]), min_size=3, max_size=12))
def test_8_typed_harm_not_read_whole_proposes_no_hands_on_technique(
    typed: tuple[str, tuple[str, ...]], unknown: str
) -> None:
    text = f"{typed[0][:100]} {unknown}"
    plan = build_plan({"level": "seeking-support", "session_number": 2, "screening": "clear",
                       "expectations": ["hands-on"], "other_bad_experience": text})
    if recognise(" ".join(text.split())).unread:
        assert not offered(plan) & set(FORCE), (text, offered(plan))
        assert any(item.title.startswith("Check what made things worse") for item in plan.items())


@SETTINGS
@given(plans)
# issue 21: red flags
@example(_plan(screening="concerns", expectations=["hands-on"], exercise_readiness="high"))
def test_9_serious_pathology_comes_first(plan: Plan) -> None:
    assert not broken(plan, "9"), (plan.inputs, broken(plan, "9"))
    if plan.inputs["screening"] == "concerns":
        assert not offered(plan) and plan.aim.text.startswith("Stop")
    elif plan.inputs["screening"] == "not-yet":
        assert plan.priorities[0].title == "Screen for serious pathology first" == plan.items()[0].title


@SETTINGS
@given(plans)
def test_10_the_record_never_names_the_level(plan: Plan) -> None:
    assert not broken(plan, "10"), (plan.inputs, plan.record)


@SETTINGS
@given(plans)
def test_a_share_link_rebuilds_the_same_plan(plan: Plan) -> None:
    link = "#" + fragment(versioned(plan.inputs, PLAN_INPUTS_VERSION))
    reply = json.loads(plan_json(json.dumps({"link": link})))
    assert reply["ok"] and reply["plan"] == plan.to_dict()


# Text a clinician may type in any language: letters and marks of any script, digits, spaces,
# punctuation, symbols (emoji), and the joiners and marks text needs (ZWJ, ZWNJ, LRM, RLM, soft hyphen).
TEXT_NEEDS = "\u200d\u200c\u200e\u200f\u00ad"
free_text = st.text(alphabet=st.characters(categories=["L", "M", "N", "Zs", "P", "S"],
                                           include_characters=TEXT_NEEDS), max_size=100)


@SETTINGS
@given(free_text)
def test_free_text_in_any_script_is_accepted(text: str) -> None:
    plan = build_plan({"level": "seeking-support", "session_number": 1, "patient_goals": text})
    assert plan.inputs["patient_goals"] == " ".join(text.split())


@SETTINGS
@given(free_text, st.sampled_from(sorted(BIDI_CONTROLS) + [chr(c) for c in (*range(0, 9), 11, 12,
                                                                             *range(14, 32), 127)]),
       st.integers(0, 100))
def test_free_text_with_a_control_character_or_a_bidirectional_override_is_refused(
    text: str, bad: str, at: int
) -> None:
    typed = text[:at] + bad + text[at:]
    with pytest.raises(AllianceInputError) as error:
        build_plan({"level": "seeking-support", "session_number": 1, "other_bad_experience": typed[:120]})
    message = error.value.problems[0].message
    assert f"U+{ord(bad):04X}" in message and unicodedata.category(bad) in ("Cc", "Cf")


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
        (
            ItemRule(
                id="x.exercise-despite-concerns",
                section="screening",
                title="Exercise anyway",
                when=plan_rules.ALWAYS,
                priority=0,
                text="Set a programme.",
                rationale="None.",
                cite=(),
                proposes=("exercise-programme",),
            ),
            "9",
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
        "screening": "concerns" if number == "9" else "clear",
    }
    with pytest.raises(InvariantError, match=f"{number}: "):
        build_plan(inputs)


def test_the_words_around_a_typed_name_are_all_known() -> None:
    """The strategy above puts a name among words the reader knows, so the property is about the name."""
    assert recognise(" ".join(AROUND)).unread in ((), ("(no treatment named)",))
