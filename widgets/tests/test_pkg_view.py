"""The view: what every format shows, in order, with the level count, the step up that holds the
patient, citations in APA order, and for every line from a rule, why it is there."""

from __future__ import annotations

import json
import random
import re

from alliance import model
from alliance.api import classify_json
from alliance.citations import in_list_order
from alliance.classify import classify
from alliance.contract import BLOCKS, PATHS
from alliance.output import text
from alliance.plan import build_plan
from alliance.questions import QUESTIONS_BY_ID, option_label
from alliance.rules import RULES_BY_ID
from alliance.rules.classifier import PROCEDURES
from alliance.rules.plan import SECTIONS
from alliance.view import Block, Line, View, plan_view, result_view, rule_anchor
from alliance_test_support import BY_LEVEL, answers, random_answers, random_plan_inputs


def block(view: View, block_id: str) -> Block:
    return next(b for b in view.blocks if b.id == block_id)


def every_line(view: View) -> list[Line]:
    def walk(lines):  # type: ignore[no-untyped-def]
        for line in lines:
            yield line
            yield from walk(line.lines)

    return [line for b in view.blocks for line in walk(b.lines)]


def test_the_result_view_says_the_level_with_its_count_and_what_holds_the_patient() -> None:
    for level_id, row in BY_LEVEL.items():
        result = classify(row)
        view = result_view(result)
        level = model.level(level_id)
        words = f"{level.name}, the {level.ordinal} of the four levels of encounter"
        stage = block(view, "stage").lines[0]
        assert (stage.lead, stage.text) == ("Your answers point to:", words)
        assert not any(char.isdigit() for char in stage.text), "a category, not a score"
        summary = block(view, "summary").lines  # a clean table row fits the level's description
        assert summary[0].text == level.summary and summary[1].text.startswith("In this guide") == (
            level.reading_by == model.GUIDE)
        figure = block(view, "levels")
        assert figure.kind == BLOCKS["FIGURE"] and figure.highlight == (level_id,)
        holding = block(view, "holding")
        if level.number == len(model.LEVELS):
            assert "no step up remains" in holding.lines[0].text
            continue
        target = model.LEVELS[level.number]
        assert target.name in holding.lines[0].text
        shown = [line.lead for line in block(view, "holding-criteria").lines]
        step_up = model.TRANSITIONS[level.number - 1]
        assert shown == [f"{c.label}:" for c in step_up.criteria]


def test_a_missing_criterion_shows_the_answers_that_hold_it_each_linked_to_its_question() -> None:
    result = classify(answers(BY_LEVEL["seeking-support"], trust="guarded"))
    criteria = block(result_view(result), "holding-criteria").lines
    strong = next(line for line in criteria if line.lead.startswith("A strong therapeutic alliance"))
    assert strong.text == "missing"
    assert [(line.field, line.lead, line.text) for line in strong.lines] == [
        (q, QUESTIONS_BY_ID[q].text, option_label(q, result.answers[q])) for q in ("trust", "agreement")]


def test_a_strict_step_up_that_holds_a_patient_who_meets_every_later_criterion_is_explained() -> None:
    # One middling answer ("partly heard") drops a patient who meets every later criterion to level 1;
    # the result says which answer holds them, that the later criteria are met, and does not describe
    # level 1 ("does not feel met ... does not understand") against the answers.
    result = classify(answers(BY_LEVEL["autonomic-agency"], presence="partly-heard"))
    assert result.stage == "non-encounter"
    view = result_view(result)
    assert not [b for b in view.blocks if b.id == "summary"]
    mixed = block(view, "mixed-picture")
    texts = [line.text for line in mixed.lines]
    assert texts[0].startswith("Your answers do not fit the usual picture of this level")
    assert texts[1].startswith("Every criterion of the later steps up is met")
    assert texts[2] == "What holds the patient here: feeling listened to: partly."
    assert [line.field for line in mixed.lines[2].lines] == ["presence"]
    for line in every_line(view):
        assert "does not feel met" not in line.text and "does not yet understand" not in line.text


def test_the_level_summary_never_contradicts_the_answers() -> None:
    rng = random.Random(23)
    for _ in range(300):
        result = classify(random_answers(rng))
        shown = [b for b in result_view(result).blocks if b.id == "summary"]
        step_up = result.holding()
        if shown and step_up is not None:
            index = result.transitions.index(step_up)
            assert not [c for t in result.transitions[index:] for c in t.met], result.answers


def test_beside_the_result_it_says_what_the_classifier_is_not() -> None:
    view = result_view(classify(BY_LEVEL["seeking-support"]))
    reflection = " ".join(line.text for line in block(view, "reflection").lines)
    assert "not a measurement" in reflection and "algorithm" in reflection
    assert "Working Alliance Inventory" in reflection
    assert set(block(view, "reflection").lines[1].keys) == {model.FERREIRA}


def test_every_line_from_a_rule_says_why_with_the_rule_and_the_facts() -> None:
    rng = random.Random(17)
    views = [result_view(classify(random_answers(rng))) for _ in range(40)]
    views += [plan_view(build_plan(random_plan_inputs(rng))) for _ in range(40)]
    ruled = {"stage", "holding-criteria", "flags", "weakest", "next-steps", "aim", "avoid", "safety", "later",
             *SECTIONS}
    for view in views:
        for section in view.blocks:
            if section.id in ruled and not (section.id == "flags" and section.kind == BLOCKS["PARAGRAPH"]):
                for line in section.lines:
                    assert line.why is not None, (section.id, line.text)
                    for rule in line.why.rules:
                        assert rule.id in RULES_BY_ID or rule.id in PROCEDURES
                        assert rule.href == f"{PATHS['rules']}#{rule_anchor(rule.id)}"
                        assert rule.text
                    assert line.why.summary and line.why.intro


def test_a_plan_items_why_names_the_rule_that_applies_and_the_inputs_it_read() -> None:
    inputs = {"level": "seeking-support", "session_number": 2, "expectations": ["hands-on"],
              "bad_experiences": ["mobilisation"]}
    view = plan_view(build_plan(inputs))
    hands_on = next(line for line in block(view, "assessment-treatment").lines if "soft-tissue" in line.text)
    rule_ids = [rule.id for rule in hands_on.why.rules]
    assert rule_ids == ["assessment-treatment.hands-on.massage"]
    assert "What the patient expects from care: Hands-on treatment" in hands_on.why.facts
    assert ("Treatments that made things worse (ticked, or recognised in what was typed): Spinal mobilisation"
            in hands_on.why.facts)
    assert "What seems to work for rapport: none" in [line.text for line in block(view, "inputs").lines]


def test_a_flags_why_names_the_answers_and_what_the_classifier_derived_from_them() -> None:
    result = classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly"))
    flag = block(result_view(result), "flags").lines[0]
    assert flag.why.rules[0].id == "flags.unhelpful-model"
    assert any(fact.startswith(QUESTIONS_BY_ID["belief-protect"].text) for fact in flag.why.facts)
    assert "A strong therapeutic alliance: in place" in flag.why.facts
    assert any(fact.startswith(QUESTIONS_BY_ID["trust"].text) for fact in flag.why.facts)


def test_citations_are_in_list_order_and_the_references_are_exactly_those_cited() -> None:
    rng = random.Random(19)
    for view in [result_view(classify(random_answers(rng))), plan_view(build_plan(random_plan_inputs(rng)))]:
        cited: set[str] = set()
        for line in every_line(view):
            assert list(line.keys) == in_list_order(line.keys)
            assert [s.key for s in line.cite if s.key] == list(line.keys)
            cited.update(line.keys)
        assert [reference.key for reference in view.references] == in_list_order(cited)


def test_the_json_carries_every_lines_basis_and_the_view() -> None:
    reply = json.loads(classify_json(json.dumps(answers(care_seeking=["shopping"], understanding="none"))))
    result, view = reply["result"], reply["view"]
    assert result["flags"][0]["basis"]["rules"] == ["flags.unhealthy-autonomy.behaviour"]
    assert {"id": "care-seeking", "value": ["shopping"]} in result["flags"][0]["basis"]["facts"]
    assert all(step["basis"]["rules"] for step in result["next_steps"])
    assert result["level"]["basis"]["rules"] == ["stage"]
    assert [b["kind"] for b in view["blocks"]][:2] == [BLOCKS["PARAGRAPH"]] * 2
    assert view["announce"] == (
        "Result: your answers point to Non-encounters, the first of the four levels of encounter.")


def test_exports_name_questions_in_their_own_words_never_by_id() -> None:
    # Issue 18: the classifier's text named questions by their internal ids ("'presence' and 'trust'").
    rng = random.Random(29)
    ids = [question.id for question in QUESTIONS_BY_ID.values()]
    for _ in range(150):
        rendered = text(result_view(classify(random_answers(rng))))
        for question_id in ids:  # as a title named them ('presence'), or a listing ("(care-seeking: ...")
            assert f"'{question_id}'" not in rendered, question_id
            assert not re.search(rf"[(;] ?{re.escape(question_id)}: ", rendered), question_id
