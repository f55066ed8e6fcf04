"""Files and links made before the questions and rules changed (version 1; for plan inputs, version 2
too) load through the versioned migration, or fail with a message that says what changed; they never
load silently wrong."""

from __future__ import annotations

import json

from alliance.api import classify_json, fragment, plan_json
from alliance.classify import classify
from alliance.errors import AllianceInputError
from alliance.migrate import ANSWERS_VERSION, PLAN_INPUTS_VERSION, read_answers, read_plan_inputs, versioned
from alliance.plan import build_plan
from alliance.results import ClassificationResult, Plan
from alliance_test_support import BY_LEVEL, raises_input_error

# widgets/examples/answers-unhealthy-autonomy.json as version 1 wrote it.
ANSWERS_1 = {
    "presence": "partly-heard",
    "understanding": "fragments",
    "belief-harm": "firmly",
    "belief-damage": "firmly",
    "belief-protect": "no",
    "trust": "guarded",
    "agreement": "disagree",
    "participation": "active",
    "in-charge": "patient",
    "responsibility": "when-reminded",
    "help-available": "unsure",
    "care-seeking": "shopping",
    "self-management": "declines",
    "check-understand": "not-yet",
    "check-rapport": "partly",
    "check-adapt": "not-yet",
    "check-educate": "not-yet",
    "check-review": "partly",
}
# widgets/examples/plan-inputs-session-2.json as version 1 wrote it (no version, no goals, no yellow flags).
PLAN_INPUTS_1 = {
    "level": "seeking-support",
    "session_number": 2,
    "expectations": ["hands-on", "diagnosis"],
    "beliefs": ["pain-means-harm"],
    "bad_experiences": ["spinal-manipulation"],
    "exercise_readiness": "low",
    "time_minutes": 30,
    "rapport": ["humour", "plain-language"],
    "weakest_steps": ["adapt"],
    "flags": [],
}
# The same as version 2 wrote it (before issue 21): one list of beliefs, with the goals and yellow flags.
PLAN_INPUTS_2 = {**PLAN_INPUTS_1, "version": 2, "patient_goals": "Get through a full shift at work",
                 "yellow_flags": ["fear-of-movement"]}


def call(function, payload: object) -> dict:  # type: ignore[no-untyped-def, type-arg]
    return json.loads(function(json.dumps(payload)))


def test_version_1_answers_carry_over_what_they_said_and_ask_what_is_new() -> None:
    error = raises_input_error(lambda: classify(ANSWERS_1))
    # "active" said both: took part in the treatment and helped decide. Driving the care seeking
    # ("shopping") says the patient decides where care is sought. Only the yellow flags are new.
    assert [problem.field for problem in error.problems] == ["yellow-flags"]
    assert "is new since these answers were made" in error.problems[0].message
    assert error.partial is not None
    assert {
        key: error.partial[key]
        for key in (
            "in-charge-treatment",
            "participation-treatment",
            "participation-decisions",
            "care-seeking",
            "in-charge-care-seeking",
        )
    } == {
        "in-charge-treatment": "patient",
        "participation-treatment": "active",
        "participation-decisions": "shares",
        "care-seeking": ["shopping"],
        "in-charge-care-seeking": "patient",
    }
    assert any("now two questions" in note for note in error.notes)


def test_what_version_1_could_not_say_is_asked_never_guessed() -> None:
    occasional = {**ANSWERS_1, "participation": "occasional", "care-seeking": "appropriate"}
    error = raises_input_error(lambda: classify(occasional))
    assert [p.field for p in error.problems] == [
        "participation-treatment",
        "in-charge-care-seeking",
        "yellow-flags",
    ]
    assert error.partial["participation-decisions"] == "asks"  # type: ignore[index]
    answered = {
        **occasional,
        "participation-treatment": "when-asked",
        "in-charge-care-seeking": "others",
        "yellow-flags": ["none"],
    }
    read = read_answers(answered)
    assert read.version == 1 and read.notes
    assert classify(answered).stage == classify(read.values).stage


def test_a_version_1_answers_link_fills_in_what_carries_over_and_names_what_is_new() -> None:
    reply = call(classify_json, {"link": "#" + fragment(ANSWERS_1)})
    assert reply["ok"] is False
    error = reply["error"]
    assert error["summary"].startswith("These answers were made for an earlier version")
    assert error["notes"] and [p["control"] for p in error["problems"]] == ["yellow-flags"]
    assert reply["form"]["in-charge-treatment"] == ["patient"] and reply["form"]["care-seeking"] == [
        "shopping"
    ]


def test_current_answers_carry_their_version_and_load_as_they_are() -> None:
    reply = call(classify_json, BY_LEVEL["seeking-support"])
    again = call(classify_json, {"link": "#" + reply["share"]})
    assert again["ok"] and again["result"] == reply["result"] and again["notes"] == []
    assert read_answers(versioned(BY_LEVEL["seeking-support"], ANSWERS_VERSION)).notes == ()


def test_version_1_plan_inputs_load_with_a_note_saying_what_changed() -> None:
    read = read_plan_inputs(PLAN_INPUTS_1)
    assert read.version == 1 and "patient's own goals and the yellow flags" in read.notes[0]
    assert build_plan(PLAN_INPUTS_1).inputs["yellow_flags"] == []
    reply = call(plan_json, {"link": "#" + fragment(PLAN_INPUTS_1)})
    assert reply["ok"] and reply["notes"] == list(read.notes)
    assert reply["share"].startswith("inputs=%7B%22version%22%3A3")
    marked = call(plan_json, {**PLAN_INPUTS_1, "version": 1})
    assert marked["notes"][0].startswith("These inputs were made for version 1")


def test_version_2_plan_inputs_load_the_beliefs_safely_with_a_note_for_each_new_field() -> None:
    # Issue 21: version 2 said which beliefs were voiced, not how firmly. Read as voiced without knowing
    # how firmly ("unsure"): the lead is held back and the plan asks to check; not ticked: not held.
    read = read_plan_inputs(PLAN_INPUTS_2)
    assert read.version == 2
    assert read.values["belief_harm"] == "unsure" and read.values["belief_protect"] == "not-discussed"
    assert "beliefs" not in read.values
    notes = " ".join(read.notes)
    assert "how firmly" in notes and "not yet" in notes and "first item is to screen" in notes
    assert "care-seeking patterns" in notes and "what helped before" in notes
    result = build_plan(PLAN_INPUTS_2)
    assert result.inputs["screening"] == "not-yet"
    assert result.items()[0].title == "Screen for serious pathology first"
    assert any(item.title == "Ask how firmly the patient holds their beliefs" for item in result.items())
    unversioned = {key: value for key, value in PLAN_INPUTS_2.items() if key != "version"}
    for values, first_note in ((PLAN_INPUTS_2, read.notes[0]), (unversioned,
                                                                "These inputs have no version number, "
                                                                "so they are read as made for version 2")):
        reply = call(plan_json, {"link": "#" + fragment(values)})
        assert reply["ok"] and reply["notes"][0].startswith(first_note)
        assert reply["notes"][1:] == list(read.notes[1:])
        assert reply["share"].startswith(f"inputs=%7B%22version%22%3A{PLAN_INPUTS_VERSION}")
        assert reply["form"]["belief_harm"] == ["unsure"]
    # the level-4 case of the review, as version 2 wrote it, no longer hands over the lead
    agency = build_plan({"version": 2, "level": "autonomic-agency", "session_number": 2, "time_minutes": 60,
                         "beliefs": ["pain-means-harm", "structural-damage", "brace-protect"],
                         "exercise_readiness": "high"})
    titles = [item.title for item in agency.items()]
    assert "The patient sets their own homework" not in titles and "Space out the sessions" not in titles
    bad = raises_input_error(lambda: build_plan({**PLAN_INPUTS_2, "beliefs": ["pain"]}))
    assert bad.problems[0].field == "beliefs" and "version 2" in bad.problems[0].message


def test_a_newer_or_broken_version_is_refused_with_what_to_do() -> None:
    for version, words in (
        (4, "made by a newer version of the guide's tools (version 4)"),
        ("two", "not a whole number"),
        (0, "not a whole number"),
    ):
        for function, values in ((plan_json, PLAN_INPUTS_1), (classify_json, BY_LEVEL["seeking-support"])):
            if function is classify_json and version == 4:
                version, words = 3, "made by a newer version of the guide's tools (version 3)"
            reply = call(function, {**values, "version": version})
            assert reply["ok"] is False and words in reply["error"]["message"], (function, version)


def test_result_and_plan_documents_carry_their_version_and_older_ones_say_what_to_do() -> None:
    result = classify(BY_LEVEL["seeking-support"])
    assert ClassificationResult.from_dict(result.to_dict()) == result
    older = {key: value for key, value in result.to_dict().items() if key != "version"}
    error = raises_input_error(lambda: ClassificationResult.from_dict(older))
    assert "earlier version" in str(error) and "classify its answers again" in str(error)
    plan = build_plan({"level": "seeking-support", "session_number": 1})
    assert Plan.from_dict(plan.to_dict()).to_dict() == plan.to_dict()
    older_plan = {key: value for key, value in plan.to_dict().items() if key != "version"}
    assert "build it again from its inputs" in str(raises_input_error(lambda: Plan.from_dict(older_plan)))
    version_2 = {**plan.to_dict(), "version": 2}
    assert "(version 2)" in str(raises_input_error(lambda: Plan.from_dict(version_2)))


def test_a_whole_version_1_plan_file_is_built_again_from_its_inputs() -> None:
    old_plan = {
        "aim": {"text": "...", "rationale": "...", "cite": []},
        "sections": [],
        "avoid": [],
        "inputs": PLAN_INPUTS_1,
    }
    reply = call(plan_json, old_plan)
    assert reply["ok"] and reply["plan"]["inputs"]["session_number"] == 2
    assert any("whole plan file" in note for note in reply["notes"])
    assert isinstance(raises_input_error(lambda: read_plan_inputs([])), AllianceInputError)
