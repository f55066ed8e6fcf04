"""The rule tables: conditions that say themselves in words, checks that name the rule, no dead rule."""

from __future__ import annotations

import random

from alliance import model
from alliance.classify import classify
from alliance.conditions import (
    ALWAYS,
    NEVER,
    SCOPE_ANSWERS,
    All,
    AnswerIn,
    Any,
    Flagged,
    InputBelow,
    InputEmpty,
    InputHas,
    InputIs,
    Met,
    Named,
    Not,
    Unknown,
)
from alliance.errors import RuleError
from alliance.plan import build_plan
from alliance.rules import ALL_RULES, CLASSIFIER_RULES, PLAN_RULES, RULES_BY_ID, check
from alliance.rules.records import AvoidRule, CarryRule, FlagRule, ItemRule, NextStepRule
from alliance_test_support import BY_LEVEL, random_answers, random_plan_inputs


def problems_of(*rules: object) -> str:
    """The message the checks give for these rules (as classifier or plan rules, by their kind)."""
    classifier = [r for r in rules if isinstance(r, FlagRule | NextStepRule | CarryRule)]
    plan = [r for r in rules if r not in classifier]
    try:
        check.check_tables((*CLASSIFIER_RULES, *classifier), (*PLAN_RULES, *plan))  # type: ignore[arg-type]
    except RuleError as error:
        return str(error)
    return ""


def item(rule_id: str, when: object, **more: object) -> ItemRule:
    fields = {"section": "education", "text": "Say so.", "rationale": "Because.", "cite": (model.MSC,),
              **more}
    return ItemRule(id=rule_id, when=when, **fields)  # type: ignore[arg-type]


def test_the_tables_as_shipped_pass_their_checks_and_ids_are_unique() -> None:
    assert problems_of() == ""
    assert len(RULES_BY_ID) == len(ALL_RULES)


def test_each_problem_names_its_rule() -> None:
    cases = {
        "unknown question 'mood'": NextStepRule("x.question", AnswerIn("mood", "good"), "Do.", "adapt", ()),
        "has no option 'maybe'": NextStepRule("x.option", AnswerIn("presence", "maybe"), "Do.", "adapt", ()),
        "unknown flag 'grumpy'": FlagRule("x.flag", AnswerIn("presence", "heard"), "grumpy", "T", "E"),
        "unknown cycle step or pyramid layer 'dance'": NextStepRule("x.step", ALWAYS, "Do.", "dance", ()),
        "cites 'smith2020'": item("x.cite", ALWAYS, cite=("smith2020",)),
        "unknown plan field 'mood'": item("x.field", InputHas("mood", "good")),
        "has no option 'tai-chi'": AvoidRule("x.avoid", InputHas("bad_experiences", "tai-chi"), "No", "Why"),
        "unknown slot {weather}": item("x.slot", ALWAYS, text="It is {weather}."),
        "unknown plan section 'poetry'": item("x.section", ALWAYS, section="poetry"),
        "a condition on the answers, used in a rule on the inputs": item("x.scope", AnswerIn("trust", "no")),
        "names no part of the condition": NextStepRule("x.part", ALWAYS, "Do {acts:answers}.", "adapt", ()),
        "a flag cannot depend on flags": FlagRule("x.loop", Flagged("inconsistent"), "inconsistent", "", ""),
        "the id is used twice": item("communication.humour", ALWAYS),
        "no option 'tired'": CarryRule("x.carry", ALWAYS, "exercise_readiness", "tired"),
    }
    for expected, rule in cases.items():
        message = problems_of(rule)
        assert f"rule {rule.id}: " in message and expected in message, (expected, message)


def test_conditions_say_themselves_in_plain_words() -> None:
    assert AnswerIn("presence", "heard", "understood").describe() == (
        "the answer to \u201cpresence\u201d is \u201cheard\u201d or \u201cunderstood\u201d")
    assert Not(AnswerIn("understanding", "basic", "clear")).describe().endswith(
        "is neither \u201cbasic\u201d nor \u201cclear\u201d")
    assert InputHas("expectations", "hands-on").describe() == (
        "\u201cWhat the patient expects from care\u201d includes \u201cHands-on treatment\u201d")
    assert Not(InputHas("bad_experiences", "massage")).describe().startswith(
        "\u201cTreatments that made things worse\u201d does not include")
    assert InputBelow("time_minutes", 20).describe().endswith("is under 20")
    assert Not(InputBelow("time_minutes", 20)).describe().endswith("is 20 or more")
    assert InputEmpty("rapport").describe().startswith("nothing is ticked")
    assert InputIs("session_number", 1).describe() == "\u201cSession number\u201d is 1"
    assert Met("strong-alliance").describe() == "\u201cA strong therapeutic alliance\u201d is in place"
    # Not over a group reads as the group of the negations (De Morgan).
    group = Not(Any(InputIs("session_number", 1), InputHas("rapport", "humour")))
    assert " and " in group.describe() and " or " not in group.describe()
    nested = All(InputIs("session_number", 1), Any(InputEmpty("rapport"), InputEmpty("expectations")))
    assert "(" in nested.describe()
    # an option is named by its label up to the colon
    assert InputIs("exercise_readiness",
                   "high").describe() == "\u201cReadiness for exercise\u201d is \u201cHigh\u201d"
    for rule in ALL_RULES:
        words = rule.when.describe()
        assert (words and "(" not in words[:1]) or words.count("(") == words.count(")"), rule.id
        assert "('" not in words and "Input" not in words, (rule.id, words)
        # Issue 21: a "When" line a clinician can read: a sentence of 200 characters or fewer (longer
        # parts are terms, defined once on the rules page).
        assert len(words) <= 200, (rule.id, len(words), words)
    for term in {t.id: t for rule in ALL_RULES for t in rule.when.terms()}.values():
        assert term.says and term.definition(), term.id


def test_a_condition_on_what_is_not_known_is_undecided_and_never_holds() -> None:
    facts = {"trust": Unknown(("guarded", "strong")), "agreement": "agreed", "care-seeking": Unknown()}
    assert AnswerIn("trust", "strong").test(facts).holds is None
    assert AnswerIn("trust", "strong", "guarded").test(facts).holds is True
    assert AnswerIn("trust", "distrust").test(facts).holds is False
    assert All(AnswerIn("trust", "strong"), AnswerIn("agreement", "agreed")).test(facts).holds is None
    assert All(AnswerIn("trust", "distrust"), AnswerIn("care-seeking", "shopping")).test(facts).holds is False
    assert Any(AnswerIn("agreement", "agreed"), AnswerIn("care-seeking",
                                                         "shopping")).test(facts).holds is True
    assert Not(AnswerIn("care-seeking", "shopping")).test(facts).holds is None
    assert not Not(AnswerIn("care-seeking", "shopping")).holds(facts)  # undecided is never "holds"


def test_a_condition_reports_the_facts_that_decided_it() -> None:
    facts = {"trust": "strong", "agreement": "unclear", "presence": "heard"}
    both = All(AnswerIn("trust", "strong"), AnswerIn("agreement", "agreed"), AnswerIn("presence", "heard"))
    assert both.test(facts) == (False, ("agreement",))  # the one that fails
    either = Any(AnswerIn("trust", "strong"), AnswerIn("agreement", "agreed"), AnswerIn("presence", "heard"))
    assert either.test(facts) == (True, ("trust", "presence"))  # the ones that hold
    assert Not(either).test(facts) == (False, ("trust", "presence"))
    named = All(Named("acts", AnswerIn("trust", "strong")), Named("other", AnswerIn("presence", "heard")))
    assert named.parts(facts) == {"acts": ("trust",), "other": ("presence",)}
    assert ALWAYS.test({}) == (True, ()) and NEVER.test({}) == (False, ())
    assert SCOPE_ANSWERS in AnswerIn("trust", "strong").problems("inputs")[0]


def test_every_rule_applies_to_some_input_no_rule_is_dead() -> None:
    rng = random.Random(41)
    used: set[str] = set()
    yellow_agency = {**BY_LEVEL["autonomic-agency"], "yellow-flags": ["distress"]}
    answer_sets = [*BY_LEVEL.values(), yellow_agency, *(random_answers(rng) for _ in range(1500))]
    for answers in answer_sets:
        result = classify(answers)
        for line in (*result.flags, *result.next_steps, *result.carry):
            used.update(line.basis.rules)
        used.update(c.basis.rules[0] for t in result.transitions for c in t.met)
    short = {"level": "seeking-support", "session_number": 1, "time_minutes": 15,
             "belief_harm": "firmly", "belief_protect": "partly", "belief_damage": "unsure"}
    every_manual = {"level": "seeking-support", "session_number": 2, "expectations": ["hands-on"],
                    "bad_experiences": ["mobilisation", "massage", "spinal-manipulation"]}
    times = [{"level": "seeking-support", "session_number": 1, "time_minutes": minutes}
             for minutes in (10, 25, 35, 50, 90)]
    agency = [{"level": "autonomic-agency", "session_number": 4, "yellow_flags": ["distress"],
               "time_minutes": 120, "screening": "clear"}]
    for inputs in [short, every_manual, *times, *agency, *(random_plan_inputs(rng) for _ in range(1500))]:
        plan = build_plan(inputs)
        waiting = [*(plan.later.items if plan.later else ()), *(plan.longer.items if plan.longer else ())]
        lines = (plan.aim, *plan.items(), *waiting, *plan.safety, *plan.avoid, *plan.implied)
        used.update(rule for line in lines for rule in line.basis.rules)
        used.update(plan.later.basis.rules if plan.later else ())
        used.update(f"sections.{section.id}" for section in plan.sections if section.items)
    assert {rule.id for rule in ALL_RULES} - used == set()
