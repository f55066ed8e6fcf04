"""The plan builder: each input changes the plan as documented; exclusions are respected."""

from __future__ import annotations

from alliance import model
from alliance.bridge import plan_inputs_from_result
from alliance.classify import classify
from alliance.plan import build_plan
from alliance.plan_fields import PLAN_FIELDS, PLAN_FIELDS_BY_ID
from alliance.results import Plan
from alliance.rules.plan import SECTIONS
from alliance_test_support import BY_LEVEL, answers, raises_input_error


def plan(**inputs: object) -> Plan:
    return build_plan({"level": "seeking-support", "session_number": 2, **inputs})


def items(result: Plan, section: str | None = None) -> list[str]:
    sections = [s for s in result.sections if section is None or s.id == section]
    return [item.text for s in sections for item in s.items]


def everything(result: Plan) -> str:
    return " ".join(items(result)).lower()


def test_fields_cover_the_documented_inputs() -> None:
    ids = [field.id for field in PLAN_FIELDS]
    for expected in (
        "level",
        "session_number",
        "expectations",
        "beliefs",
        "bad_experiences",
        "exercise_readiness",
        "time_minutes",
        "rapport",
        "weakest_steps",
        "flags",
    ):
        assert expected in ids
    assert PLAN_FIELDS_BY_ID["level"].option_ids() == model.LEVEL_IDS
    assert PLAN_FIELDS_BY_ID["weakest_steps"].option_ids() == model.CYCLE_IDS
    assert {"hands-on", "injection-medication", "imaging", "diagnosis", "advice-only", "unknown"} == set(
        PLAN_FIELDS_BY_ID["expectations"].option_ids()
    )
    assert {"humour", "reassurance", "plain-language"} == set(PLAN_FIELDS_BY_ID["rapport"].option_ids())
    for field in PLAN_FIELDS:
        assert field.kind in ("single", "multi", "number", "text")
        assert field.label and field.help
        if field.kind in ("single", "multi"):
            assert field.options
        if field.kind == "number":
            assert field.minimum is not None and field.maximum is not None


def test_every_plan_has_the_sections_in_order_each_item_cited() -> None:
    for level_id in model.LEVEL_IDS:
        for session in (1, 2, 5):
            result = build_plan({"level": level_id, "session_number": session})
            assert [s.id for s in result.sections] == list(SECTIONS)
            assert result.aim.text and result.aim.rationale and result.aim.cite
            for section in result.sections:
                assert section.items, (level_id, session, section.id)
                for item in section.items:
                    assert item.text and item.rationale and item.cite


def test_the_aim_follows_the_level() -> None:
    aims = {
        level_id: build_plan({"level": level_id, "session_number": 1}).aim.text
        for level_id in model.LEVEL_IDS
    }
    assert "towards seeking support" in aims["non-encounter"]
    assert "towards empowering collaboration" in aims["seeking-support"]
    assert "towards autonomic agency" in aims["empowering-collaboration"]
    assert "healthy" in aims["autonomic-agency"]
    assert len(set(aims.values())) == 4


def test_first_session_differs_from_later_ones() -> None:
    first, later = plan(session_number=1), plan(session_number=2)
    assert any("Next session, review the homework" in text for text in items(first, "review"))
    assert any("Open this session by reviewing" in text for text in items(later, "review"))
    assert any("questionnaires" in text for text in items(first, "assessment-treatment"))
    assert not any("questionnaires" in text for text in items(later, "assessment-treatment"))


def test_hands_on_expected_pairs_a_manual_technique_with_pain_education() -> None:
    result = plan(expectations=["hands-on"])
    manual = [t for t in items(result, "assessment-treatment") if "hands-on technique" in t]
    assert manual and "mobilisation" in manual[0] and "pain education" in manual[0]
    assert not any("hands-on technique" in t for t in items(plan(expectations=["advice-only"])))


def test_a_technique_with_a_bad_experience_is_never_proposed_and_the_plan_says_why() -> None:
    result = plan(expectations=["hands-on"], bad_experiences=["spinal-manipulation", "mobilisation"])
    text = everything(result)
    assert "manipulation" not in text and "mobilisation" not in text
    assert "massage" in text
    avoided = {avoid.text: avoid.why for avoid in result.avoid}
    assert "No spinal manipulation" in avoided and "No spinal mobilisation" in avoided
    assert all("made their back worse" in why for why in avoided.values())


def test_every_manual_technique_ruled_out_means_none_is_proposed() -> None:
    result = plan(
        expectations=["hands-on"], bad_experiences=["spinal-manipulation", "mobilisation", "massage"]
    )
    text = everything(result)
    assert "manipulation" not in text and "mobilisation" not in text and "massage" not in text
    assert any("made things worse before" in t for t in items(result, "assessment-treatment"))
    assert len(result.avoid) == 3


def test_each_bad_experience_is_avoided_with_a_reason() -> None:
    for option in PLAN_FIELDS_BY_ID["bad_experiences"].options:
        result = plan(bad_experiences=[option.id], expectations=["hands-on"])
        assert result.avoid and all(avoid.why for avoid in result.avoid)
        if option.id != "exercise-programme":
            assert option.label.lower() not in everything(result), option.id
    exercise = plan(bad_experiences=["exercise-programme"])
    assert any(
        "unlike the programme that made things worse" in t for t in items(exercise, "exercise-homework")
    )


def test_another_bad_experience_in_free_text_is_avoided() -> None:
    result = plan(other_bad_experience="  hot   packs ")
    assert result.avoid[0].text == "No hot packs"
    assert result.inputs["other_bad_experience"] == "hot packs"


def test_each_expectation_shapes_the_education() -> None:
    markers = {
        "imaging": "scan",
        "diagnosis": "working explanation",
        "injection-medication": "injection",
        "advice-only": "advice the patient came for",
    }
    for expectation, marker in markers.items():
        assert any(marker in t for t in items(plan(expectations=[expectation]), "education")), expectation
    assert any(
        "what the patient expects" in t for t in items(plan(expectations=["unknown"]), "communication")
    )


def test_each_belief_is_addressed() -> None:
    markers = {
        "pain-means-harm": "pain is not the same as harm",
        "structural-damage": "80-year-old",
        "brace-protect": "bracing",
        "exercise-does-not-work": "exercise the patient has tried",
    }
    for belief, marker in markers.items():
        assert any(marker in t for t in items(plan(beliefs=[belief]), "education")), belief
    assert any("worn out" in avoid.text for avoid in plan(beliefs=["structural-damage"]).avoid)


def test_low_readiness_gives_one_or_two_exercises() -> None:
    def exercise(readiness: str, **extra: object) -> str:
        return items(plan(exercise_readiness=readiness, **extra), "exercise-homework")[0]

    assert "one or two exercises only" in exercise("low")
    assert "Start with two exercises" in exercise("moderate")
    assert "fuller programme" in exercise("high")
    assert "how many they would realistically do" in exercise("unknown")
    assert "one or two exercises only" in exercise("high", time_minutes=15)
    assert "one or two exercises only" in exercise("high", beliefs=["exercise-does-not-work"])


def test_time_available_shapes_the_session() -> None:
    short, long = plan(time_minutes=15, beliefs=["pain-means-harm", "brace-protect"]), plan(time_minutes=60)
    assert any("short session (15 minutes)" in t for t in items(short, "education"))
    assert any("last few minutes" in t for t in items(short, "exercise-homework"))
    first = build_plan({"level": "non-encounter", "session_number": 1, "time_minutes": 60})
    assert any("first 20 minutes" in t for t in items(first, "communication"))
    assert not any("short session" in t for t in items(long))


def test_what_works_for_rapport_is_used() -> None:
    markers = {"humour": "humour", "reassurance": "Reassure", "plain-language": "plain language"}
    for option, marker in markers.items():
        texts = items(plan(rapport=[option]), "communication")
        assert any(marker in t for t in texts), option
    assert any(
        "Find out what this patient responds to" in t for t in items(plan(rapport=[]), "communication")
    )


def test_weakest_steps_come_first_and_shape_the_aim() -> None:
    result = plan(weakest_steps=["review"], session_number=3)
    assert "review" in result.aim.rationale.lower()
    assert items(result, "review")[0].startswith("Open this session by reviewing")
    adapt = plan(weakest_steps=["adapt"], expectations=["hands-on"])
    assert "questionnaires" in items(adapt, "assessment-treatment")[0]


def test_flags_drive_the_aim() -> None:
    assert "foundation first" in plan(flags=["unhealthy-autonomy"]).aim.text
    assert "Rebuild the model" in plan(flags=["unhelpful-model"]).aim.text
    inconsistent = plan(flags=["inconsistent"])
    assert items(inconsistent, "communication")[0].startswith("Check the answers that contradicted")


def test_higher_levels_hand_over_the_lead() -> None:
    top = build_plan({"level": "autonomic-agency", "session_number": 6})
    assert any("flare-up plan" in t for t in items(top, "review"))
    assert any("own homework" in t for t in items(top, "exercise-homework"))
    low = build_plan({"level": "non-encounter", "session_number": 1})
    assert not any("flare-up plan" in t for t in items(low, "review"))
    assert any("Stay with the patient" in t for t in items(low, "communication"))


def test_a_classification_result_carries_into_the_plan() -> None:
    row = answers(
        BY_LEVEL["seeking-support"], belief_harm="firmly", self_management="rarely", check_adapt="not-yet"
    )
    result = classify(row)
    inputs = plan_inputs_from_result(result)
    assert inputs["level"] == "seeking-support"
    assert inputs["beliefs"] == ["pain-means-harm"]
    assert inputs["exercise_readiness"] == "low"
    assert inputs["weakest_steps"] == ["adapt"]
    assert build_plan(result) == build_plan(inputs)
    flagged = classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly"))
    assert plan_inputs_from_result(flagged)["flags"] == ["unhelpful-model"]


def test_defaults_fill_the_optional_inputs() -> None:
    result = build_plan({"level": "seeking-support", "session_number": 1})
    assert result.inputs["time_minutes"] == 30
    assert result.inputs["exercise_readiness"] == "unknown"
    assert result.inputs["bad_experiences"] == [] and result.avoid == ()


def test_invalid_inputs_name_every_problem() -> None:
    error = raises_input_error(lambda: build_plan({}))
    assert [p.field for p in error.problems] == ["level", "session_number"]
    error = raises_input_error(
        lambda: build_plan(
            {
                "level": "top",
                "session_number": 0,
                "rapport": ["jokes"],
                "colour": "red",
                "time_minutes": 2.5,
                "other_bad_experience": "x" * 121,
            }
        )
    )
    fields = {p.field for p in error.problems}
    assert fields == {"level", "session_number", "rapport", "colour", "time_minutes", "other_bad_experience"}
    assert "Option 'top' is not valid for plan field 'level'" in str(error)
    assert "Unknown plan field 'colour'" in str(error)


def test_wrong_types_in_plan_inputs_raise_the_documented_error() -> None:
    for bad in (
        None,
        [],
        "plan",
        1,
        {"level": 1, "session_number": 1},
        {"level": "non-encounter", "session_number": True},
        {"level": "non-encounter", "session_number": float("nan")},
        {"level": "non-encounter", "session_number": float("inf")},
        {"level": "non-encounter", "session_number": 1, "beliefs": "pain-means-harm"},
        {"level": "non-encounter", "session_number": 1, "other_bad_experience": "a\x00b"},
        {"level": "non-encounter", "session_number": 1, "beliefs": [["pain-means-harm"]]},
    ):
        raises_input_error(lambda bad=bad: build_plan(bad))  # type: ignore[misc]


def test_whole_floats_and_duplicates_are_accepted_and_normalised() -> None:
    result = build_plan(
        {"level": "non-encounter", "session_number": 2.0, "rapport": ["humour", "reassurance", "humour"]}
    )
    assert result.inputs["session_number"] == 2 and isinstance(result.inputs["session_number"], int)
    assert result.inputs["rapport"] == ["humour", "reassurance"]  # field order, once each
