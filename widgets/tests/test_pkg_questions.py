"""The questions: the guide's own, complete, tied to the model."""

from __future__ import annotations

import re

from alliance import model
from alliance.questions import GROUPS, QUESTIONS, QUESTIONS_BY_ID, SELF_CHECK_BY_STEP

KEBAB = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")


def test_ids_are_short_stable_kebab_case_and_unique() -> None:
    ids = [question.id for question in QUESTIONS]
    assert len(ids) == len(set(ids))
    for question in QUESTIONS:
        assert KEBAB.match(question.id), question.id
        assert all(KEBAB.match(option.id) for option in question.options), question.id
    assert set(QUESTIONS_BY_ID) == set(ids)


def test_each_question_has_text_help_and_three_to_five_options() -> None:
    for question in QUESTIONS:
        assert question.text.endswith("?"), question.id
        assert len(question.help) > 20, question.id
        assert 3 <= len(question.options) <= 5, question.id
        assert all(option.label.strip() for option in question.options), question.id


def test_every_transition_criterion_has_a_question() -> None:
    features = {question.feature for question in QUESTIONS}
    assert set(model.CRITERIA_BY_ID) <= features


def test_the_issue_features_are_all_asked_about() -> None:
    features = {question.feature for question in QUESTIONS}
    assert {"beliefs", "care-seeking", "self-management"} <= features
    belief_texts = " ".join(q.text.lower() for q in QUESTIONS if q.feature == "beliefs")
    for belief in ("harm", "damaged", "brace"):
        assert belief in belief_texts
    assert "agree on the goals" in QUESTIONS_BY_ID["agreement"].text
    assert "trust" in QUESTIONS_BY_ID["trust"].text


def test_self_check_has_one_question_per_cycle_step_in_order() -> None:
    self_check = [question for question in QUESTIONS if question.group == "self-check"]
    assert [question.feature for question in self_check] == list(model.CYCLE_IDS)
    assert set(SELF_CHECK_BY_STEP) == set(model.CYCLE_IDS)


def test_groups_are_the_patient_then_the_self_check() -> None:
    assert [group_id for group_id, _legend, _intro in GROUPS] == ["patient", "self-check"]
    assert {question.group for question in QUESTIONS} == {"patient", "self-check"}
    assert all(legend and intro for _id, legend, intro in GROUPS)
