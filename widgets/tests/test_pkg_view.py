"""The view: what every format shows, in order, with the level count, the step up that holds the
patient, citations in APA order, and for every line from a rule, why it is there."""

from __future__ import annotations

import json
import random

from alliance import model
from alliance.api import classify_json
from alliance.citations import in_apa_order
from alliance.classify import classify
from alliance.contract import BLOCKS, PATHS
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
        words = f"Level {level.number} of {len(model.LEVELS)}: {level.name}"
        assert block(view, "stage").lines[0].text == words
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


def test_every_line_from_a_rule_says_why_with_the_rule_and_the_facts() -> None:
    rng = random.Random(17)
    views = [result_view(classify(random_answers(rng))) for _ in range(40)]
    views += [plan_view(build_plan(random_plan_inputs(rng))) for _ in range(40)]
    ruled = {"stage", "holding-criteria", "flags", "weakest", "next-steps", "aim", "avoid", *SECTIONS}
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
    hands_on = next(line for line in block(view, "assessment-treatment").lines if "massage" in line.text)
    rule_ids = [rule.id for rule in hands_on.why.rules]
    assert rule_ids == ["assessment-treatment.hands-on.massage.others-left-out"]
    assert "What the patient expects from care: Hands-on treatment" in hands_on.why.facts
    assert "Treatments that made things worse: Spinal mobilisation" in hands_on.why.facts
    assert RULES_BY_ID[hands_on.why.rules[0].id].when.holds(build_plan(inputs).inputs)


def test_a_flags_why_names_the_answers_and_what_the_classifier_derived_from_them() -> None:
    result = classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly"))
    flag = block(result_view(result), "flags").lines[0]
    assert flag.why.rules[0].id == "flags.unhelpful-model"
    assert any(fact.startswith(QUESTIONS_BY_ID["belief-protect"].text) for fact in flag.why.facts)
    assert "A strong therapeutic alliance: in place" in flag.why.facts
    assert any(fact.startswith(QUESTIONS_BY_ID["trust"].text) for fact in flag.why.facts)


def test_citations_are_in_apa_order_and_the_references_are_exactly_those_cited() -> None:
    rng = random.Random(19)
    for view in [result_view(classify(random_answers(rng))), plan_view(build_plan(random_plan_inputs(rng)))]:
        cited: set[str] = set()
        for line in every_line(view):
            assert list(line.keys) == in_apa_order(line.keys)
            assert [s.key for s in line.cite if s.key] == list(line.keys)
            cited.update(line.keys)
        assert [reference.key for reference in view.references] == in_apa_order(cited)


def test_the_json_carries_every_lines_basis_and_the_view() -> None:
    reply = json.loads(classify_json(json.dumps(answers(care_seeking="shopping", understanding="none"))))
    result, view = reply["result"], reply["view"]
    assert result["flags"][0]["basis"]["rules"] == ["flags.unhealthy-autonomy"]
    assert {"id": "care-seeking", "value": "shopping"} in result["flags"][0]["basis"]["facts"]
    assert all(step["basis"]["rules"] for step in result["next_steps"])
    assert result["level"]["basis"]["rules"] == ["stage"]
    assert [b["kind"] for b in view["blocks"]][:2] == [BLOCKS["PARAGRAPH"]] * 2
    assert view["announce"].startswith("Result: level 1 of 4")
