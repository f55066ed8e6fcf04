"""The classifier: a table for every level and flag, validation, and rule properties."""

from __future__ import annotations

import random

from alliance import model
from alliance.classify import classify
from alliance.errors import AllianceInputError
from alliance.questions import QUESTION_IDS, QUESTIONS_BY_ID
from alliance.results import ClassificationResult
from alliance.rules.classifier import CONTRADICTIONS, CRITERIA
from alliance_test_support import BY_LEVEL, answers, raises_input_error, random_answers

CRITERION_RULES = {rule.criterion: rule.answers for rule in CRITERIA}


def flag_ids(result: ClassificationResult) -> list[str]:
    return [flag.id for flag in result.flags]


# --- levels ---------------------------------------------------------------------------------------


def test_each_level_from_its_table_row() -> None:
    for level_id, row in BY_LEVEL.items():
        result = classify(row)
        assert result.stage == level_id
        assert result.flags == (), (level_id, result.flags)
        assert result.qualified is False
        reached = [t.reached for t in result.transitions]
        number = model.level(level_id).number
        assert reached == [index < number - 1 for index in range(len(model.TRANSITIONS))]


def test_each_single_missing_criterion_holds_the_patient_one_level_down() -> None:
    top = BY_LEVEL["autonomic-agency"]
    weakest = {
        "presence": "partly-heard",
        "understanding": "fragments",
        "trust": "developing",
        "agreement": "partly",
        "participation-treatment": "when-asked",
        "participation-decisions": "asks",
        "in-charge-treatment": "shared",
        "responsibility": "when-reminded",
        "help-available": "unsure",
        "self-management": "rarely",
    }
    for transition in model.TRANSITIONS:
        for criterion in transition.criteria:
            for rule in CRITERION_RULES[criterion.id]:
                row = answers(top, **{rule.question.replace("-", "_"): weakest[rule.question]})
                if rule.question == "self-management":
                    row["responsibility"] = "when-reminded"  # owning the plan but rarely doing it contradicts
                result = classify(row)
                assert result.stage == transition.source, (criterion.id, rule.question, result.stage)
                status = next(t for t in result.transitions if t.id == transition.id)
                missing = {c.id: c.because for c in status.missing}
                assert criterion.id in missing
                assert rule.question in missing[criterion.id]


def test_a_higher_criterion_met_without_the_lower_ones_does_not_lift_the_level() -> None:
    row = answers(BY_LEVEL["autonomic-agency"], presence="not-heard", trust="developing")
    result = classify(row)
    assert result.stage == "non-encounter"
    third = result.transitions[2]
    assert not third.reached and not third.missing  # its criteria are met, but the steps below are not


def test_missing_lists_the_questions_that_hold_the_patient_there() -> None:
    result = classify(BY_LEVEL["seeking-support"])
    step = result.transitions[1]
    because = {criterion.id: set(criterion.because) for criterion in step.missing}
    assert because == {"strong-alliance": {"trust", "agreement"},
                       "active-participation": {"participation-treatment"}}


def test_taking_part_in_treatment_and_in_decisions_are_asked_apart() -> None:
    collaborating = answers(BY_LEVEL["empowering-collaboration"], participation_treatment="active",
                            participation_decisions="shares")
    assert classify(collaborating).stage == "empowering-collaboration"
    # Issue 21: the active-but-dependent patient. Taking an active part in the treatment while asking the
    # clinician to decide each change is collaboration (level 3); relying on the clinician to decide is
    # what the step to agency removes, so the decisions hold the patient there, by name.
    for decisions in ("asks", "leaves"):
        deferring = classify(answers(collaborating, participation_decisions=decisions))
        assert deferring.stage == "empowering-collaboration", decisions
        step = deferring.transitions[2]
        assert "participation-decisions" in {q for c in step.missing for q in c.because}
    agency = answers(BY_LEVEL["autonomic-agency"], participation_decisions="asks")
    dependent = classify(agency)
    assert dependent.stage == "empowering-collaboration"
    assert {c.id: c.because for c in dependent.transitions[2].missing} == {
        "patient-in-charge": ("participation-decisions",)}
    assert classify(answers(agency, participation_decisions="leads")).stage == "autonomic-agency"


# --- flags ----------------------------------------------------------------------------------------


def test_unhealthy_autonomy_when_acting_alone_against_care() -> None:
    # Issue 21: a harmful behaviour (going from one professional to the next, refusing what is offered),
    # at any level of understanding.
    for change in ({"care_seeking": ["shopping"]}, {"care_seeking": ["refusing"]},
                   {"care_seeking": ["shopping", "refusing"]}):
        for understanding in ("none", "clear"):
            result = classify(answers(**change, understanding=understanding))
            assert "unhealthy-autonomy" in flag_ids(result), (change, understanding)
            flag = next(f for f in result.flags if f.id == "unhealthy-autonomy")
            assert flag.questions == ("care-seeking",)
            assert result.qualified
            assert result.next_steps[0].step == "education-foundation"
    # Or in charge, on a harmful belief held firmly, without the foundation.
    for change in ({"in_charge_treatment": "patient"}, {"in_charge_care_seeking": "patient"}):
        result = classify(answers(**change, understanding="none", belief_protect="firmly"))
        flag = next(f for f in result.flags if f.id == "unhealthy-autonomy")
        assert {"understanding", "belief-protect"} <= set(flag.questions), change


def test_no_unhealthy_autonomy_from_a_gap_in_knowledge_alone() -> None:
    # Issue 21: being in charge without the foundation, with no harmful behaviour and no belief held
    # firmly, is not unhealthy autonomy.
    for change in ({"in_charge_treatment": "patient"}, {"in_charge_care_seeking": "patient"}):
        for belief in ("partly", "no", "not-discussed"):
            row = answers(**change, understanding="none", belief_harm=belief)
            assert "unhealthy-autonomy" not in flag_ids(classify(row)), (change, belief)
    assert "unhealthy-autonomy" not in flag_ids(classify(answers(understanding="none")))
    firm_but_foundation = answers(in_charge_treatment="patient", understanding="basic", belief_harm="firmly")
    assert "unhealthy-autonomy" not in flag_ids(classify(firm_but_foundation))


def test_in_charge_of_care_seeking_but_not_of_treatment_is_unhealthy_autonomy_not_a_contradiction() -> None:
    # The article's own picture: deciding where to seek care, leaving the treatment to others, even with
    # some understanding of the condition.
    row = answers(BY_LEVEL["seeking-support"], in_charge_care_seeking="patient", in_charge_treatment="others",
                  care_seeking=["shopping", "refusing"], responsibility="avoids")
    result = classify(row)
    assert set(flag_ids(result)) == {"unhealthy-autonomy"}
    flag = next(f for f in result.flags if f.title == "In charge of care seeking, not of treatment")
    assert set(flag.questions) == {"in-charge-care-seeking", "in-charge-treatment", "care-seeking"}
    assert "in charge of care seeking: the patient" in flag.explanation
    # Deciding where to seek care and leaving the treatment to others is no flag on its own (issue 21).
    plain = answers(BY_LEVEL["seeking-support"], in_charge_care_seeking="patient",
                    in_charge_treatment="others")
    assert "unhealthy-autonomy" not in flag_ids(classify(plain))
    assert "GP" in result.next_steps[0].text
    assert not any(step.text.startswith("Hand over the lead") for step in result.next_steps)


def test_unhelpful_model_when_collaboration_rests_on_a_firm_unhelpful_belief() -> None:
    for belief in ("belief_harm", "belief_damage", "belief_protect"):
        result = classify(answers(BY_LEVEL["autonomic-agency"], **{belief: "firmly"}))
        assert result.stage == "autonomic-agency"
        assert flag_ids(result) == ["unhelpful-model"]
        assert result.flags[0].questions == (belief.replace("_", "-"),)
        assert result.qualified
        assert result.next_steps[0].step == "educate-empower"


def test_no_unhelpful_model_without_collaboration_or_with_beliefs_only_partly_held() -> None:
    assert "unhelpful-model" not in flag_ids(classify(answers(belief_harm="firmly")))
    # Issue 21: the flag is for levels 3 and 4; at levels 1 and 2 the beliefs are addressed as such.
    strong_but_level_2 = answers(BY_LEVEL["seeking-support"], trust="strong", agreement="agreed",
                                 belief_harm="firmly")
    result = classify(strong_but_level_2)
    assert result.stage == "seeking-support" and "unhelpful-model" not in flag_ids(result)
    assert any("pain means harm" in step.text for step in result.next_steps)
    partly = classify(answers(BY_LEVEL["autonomic-agency"], belief_harm="partly"))
    assert "unhelpful-model" not in flag_ids(partly)
    assert any("pain means harm" in step.text for step in partly.next_steps)


def test_every_contradiction_is_flagged_and_named() -> None:
    for first, second, _clash in CONTRADICTIONS:
        row = answers(BY_LEVEL["seeking-support"])
        row[first.question] = first.options[0]
        row[second.question] = second.options[0]
        result = classify(row)
        named = [flag.questions for flag in result.flags if flag.id == "inconsistent"]
        assert (first.question, second.question) in named
        assert result.qualified


def test_two_contradictions_give_two_named_flags() -> None:
    row = answers(presence="not-heard", trust="strong", participation_treatment="leading",
                  in_charge_treatment="others")
    inconsistent = [flag for flag in classify(row).flags if flag.id == "inconsistent"]
    assert {flag.questions for flag in inconsistent} == {
        ("presence", "trust"),
        ("participation-treatment", "in-charge-treatment"),
    }
    # Named in the questions' own words, never by their ids.
    assert {f.title for f in inconsistent} == {
        "Answers on feeling listened to and trust and bond contradict each other",
        "Answers on taking part in the treatment and in charge of day-to-day management contradict each "
        "other",
    }


def test_a_flagged_top_level_is_never_presented_as_plain_success() -> None:
    result = classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly"))
    data = result.to_dict()
    assert data["stage"] == "autonomic-agency" and data["qualified"] is True
    assert not any("Keep the autonomy healthy" in step.text for step in result.next_steps)


def test_yellow_flags_qualify_agency_and_the_classifier_says_why() -> None:
    # Issue 21: a level-4 patient with fear of movement, distress or a low expectation of recovery gets no
    # "space out reviews", and the result says why.
    for yellow in (["fear-of-movement"], ["distress"], ["low-expectation"], ["fear-of-movement", "distress"]):
        result = classify(answers(BY_LEVEL["autonomic-agency"], yellow_flags=yellow))
        assert result.stage == "autonomic-agency" and result.qualified, yellow
        assert flag_ids(result) == ["agency-with-yellow-flags"]
        assert "does not suggest spacing out reviews" in result.flags[0].explanation
        texts = " ".join(step.text for step in result.next_steps)
        assert "space out reviews" not in texts.replace("space reviews out only once", "") and \
            "Keep reviews close" in texts, texts
    plain = classify(BY_LEVEL["autonomic-agency"])
    assert any("space out reviews" in step.text for step in plain.next_steps) and not plain.flags
    # Below agency, yellow flags set the pace but qualify no level.
    assert not classify(answers(BY_LEVEL["empowering-collaboration"], yellow_flags=["distress"])).flags


def test_inconsistent_answers_hold_back_the_hand_over() -> None:
    row = answers(BY_LEVEL["empowering-collaboration"], responsibility="owns", self_management="rarely")
    result = classify(row)
    assert "inconsistent" in flag_ids(result)
    assert not any(step.text.startswith("Hand over the lead") for step in result.next_steps)


# --- the self-check -------------------------------------------------------------------------------


def test_weakest_step_is_the_lowest_self_check_answer() -> None:
    result = classify(answers(check_adapt="not-yet", check_review="well"))
    assert result.weakest_steps == ("adapt",)
    assert result.next_steps[0].step == "adapt"


def test_weakest_steps_on_a_tie_are_all_named_in_cycle_order() -> None:
    row = answers(check_review="not-yet", check_understand="not-yet", check_rapport="well")
    assert classify(row).weakest_steps == ("understand", "review")


def test_no_weakest_step_when_every_step_is_done_well() -> None:
    row = answers(**{f"check_{s}": "well" for s in ("understand", "rapport", "adapt", "educate", "review")})
    assert classify(row).weakest_steps == ()


# --- next steps -----------------------------------------------------------------------------------


def test_next_steps_are_cited_and_tied_to_the_model() -> None:
    known_steps = set(model.CYCLE_IDS) | set(model.PYRAMID_BY_ID)
    rng = random.Random(7)
    for _ in range(200):
        result = classify(random_answers(rng))
        assert result.next_steps
        for step in result.next_steps:
            assert step.step in known_steps
            # cited, or the guide's own check (which answers contradict each other)
            assert step.cite or "the guide's own" in step.text, step.text
            assert all(isinstance(key, str) and key for key in step.cite)


def test_next_steps_address_the_step_up_that_is_missing() -> None:
    result = classify(BY_LEVEL["non-encounter"])
    steps = {step.step for step in result.next_steps}
    assert {"presence-and-understanding", "education-foundation"} <= steps
    top = classify(BY_LEVEL["autonomic-agency"])
    assert any(step.step == "positive-autonomy" for step in top.next_steps)


# --- validation -----------------------------------------------------------------------------------


def test_missing_answers_list_each_missing_question() -> None:
    row = answers()
    del row["trust"], row["check-review"]
    error = raises_input_error(lambda: classify(row))
    assert [problem.field for problem in error.problems] == ["trust", "check-review"]
    assert f"{QUESTIONS_BY_ID['trust'].quoted()} has no answer" in str(error)


def test_empty_answers_list_every_question() -> None:
    error = raises_input_error(lambda: classify({}))
    assert [problem.field for problem in error.problems] == list(QUESTION_IDS)


def test_unknown_question_and_option_ids_are_named() -> None:
    row = answers(presence="maybe")
    row["mood"] = "good"
    error = raises_input_error(lambda: classify(row))
    messages = str(error)
    assert f"{QUESTIONS_BY_ID['presence'].quoted()}: 'maybe' is not one of its answers" in messages
    assert "not-heard, partly-heard, heard, understood" in messages
    assert "Unknown question 'mood'" in messages
    assert {problem.field for problem in error.problems} == {"presence", "mood"}


def test_wrong_types_raise_the_documented_error() -> None:
    bad_inputs: list[object] = [
        None,
        3,
        "presence",
        ["presence"],
        {1: "x"},
        {"presence": 1},
        {"presence": ["heard"]},
        {"presence": None},
        {"care-seeking": []},
        {"care-seeking": ["appropriate", "shopping"]},
        {"care-seeking": ["shop"]},
        {"yellow-flags": ["none", "distress"]},
        {"presence": "x" * 100_000},
        {(): ()},
        float("nan"),
    ]
    for bad in bad_inputs:
        error = raises_input_error(lambda bad=bad: classify(bad))  # type: ignore[misc]
        assert isinstance(error, ValueError) and error.problems
        assert all(len(problem.message) < 400 for problem in error.problems)


def test_random_mutations_of_valid_answers_give_a_result_or_the_documented_error() -> None:
    rng = random.Random(11)
    junk: list[object] = [None, 0, -1, 2.5, True, "", "heard ", "HEARD", [], {}, "x" * 50]
    for _ in range(300):
        row: dict[object, object] = dict(random_answers(rng))
        key = rng.choice(list(row))
        action = rng.randrange(3)
        if action == 0:
            row[key] = rng.choice(junk)
            if isinstance(row[key], list) and QUESTIONS_BY_ID[key].kind == "multi":
                row[key] = [rng.choice(junk[4:7])]
        elif action == 1:
            del row[key]
        else:
            row[rng.choice([*junk[4:7], "unknown-question"])] = "heard"  # type: ignore[index]
        try:
            classify(row)  # type: ignore[arg-type]
        except AllianceInputError as error:
            assert error.problems
        else:
            raise AssertionError(f"accepted invalid answers: {row!r}")


# --- properties -----------------------------------------------------------------------------------


def test_deterministic() -> None:
    rng = random.Random(3)
    for _ in range(100):
        row = random_answers(rng)
        assert classify(row) == classify(dict(row))
        assert classify(row).to_dict() == classify(dict(reversed(list(row.items())))).to_dict()


def test_a_stronger_answer_never_lowers_the_level() -> None:
    ordered = sorted({rule.question for rules in CRITERION_RULES.values() for rule in rules})  # single choice
    rng = random.Random(5)
    for _ in range(400):
        row = random_answers(rng)
        before = classify(row).level.number
        question = QUESTIONS_BY_ID[rng.choice(ordered)]
        options = question.option_ids()
        index = options.index(row[question.id])
        if index + 1 < len(options):
            row[question.id] = options[index + 1]
            assert classify(row).level.number >= before, (question.id, row)


def test_meeting_one_more_criterion_never_lowers_the_level() -> None:
    rng = random.Random(9)
    for _ in range(300):
        row = random_answers(rng)
        result = classify(row)
        missing = [c for t in result.transitions for c in t.missing]
        if not missing:
            continue
        criterion = rng.choice(missing)
        for rule in CRITERION_RULES[criterion.id]:
            if row[rule.question] not in rule.options:
                row[rule.question] = rule.options[0]
        after = classify(row)
        met = {c.id for t in after.transitions for c in t.met}
        assert criterion.id in met
        assert after.level.number >= result.level.number


def test_the_stage_is_the_highest_level_whose_lower_steps_are_all_met() -> None:
    rng = random.Random(13)
    for _ in range(300):
        result = classify(random_answers(rng))
        expected = model.LEVELS[0].id
        for transition in result.transitions:
            if transition.missing:
                break
            expected = transition.target
        assert result.stage == expected
