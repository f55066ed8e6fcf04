"""The checks the rule tables pass when the package is imported; each problem names its rule."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from alliance import model
from alliance.conditions import SCOPE_ANSWERS, SCOPE_INPUTS, Flagged
from alliance.errors import RuleError
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.questions import QUESTIONS, SELF_CHECK
from alliance.rules import classifier, plan
from alliance.rules.records import (
    LISTINGS,
    CarryRule,
    CriterionRule,
    FlagRule,
    ItemRule,
    LimitRule,
    NextStepRule,
    Rule,
)

RULE_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
STEP_IDS = frozenset(model.CYCLE_IDS) | frozenset(model.PYRAMID_BY_ID)


def slots(text: str) -> list[tuple[str, str]]:
    """The ``(name, listing)`` of every ``{name:listing}`` slot in ``text``."""
    return [(name, spec or "") for _literal, name, spec, _conversion in string.Formatter().parse(text)
            if name is not None]


def _slot_problems(rule: Rule, scope: str) -> list[str]:
    problems = []
    parts = set(rule.when.parts({}))
    for text in rule.texts():
        try:
            found = slots(text)
        except ValueError as error:
            problems.append(f"a text has a broken slot ({error})")
            continue
        for name, listing in found:
            if scope == SCOPE_INPUTS:
                if name not in plan.SLOTS or listing:
                    problems.append(f"unknown slot {{{name}}} (plan texts may use: {', '.join(plan.SLOTS)})")
            elif name not in parts:
                problems.append(f"slot {{{name}}} names no part of the condition (parts: {sorted(parts)})")
            elif listing not in LISTINGS:
                problems.append(f"slot {{{name}:{listing}}}: unknown listing (known: {', '.join(LISTINGS)})")
            elif listing == "phrases" and not isinstance(rule, NextStepRule):
                problems.append(f"slot {{{name}:phrases}}: only next steps have phrases")
    if isinstance(rule, NextStepRule) and rule.phrases:
        unknown = set(rule.phrases) - {leaf.fact for leaf in rule.when.leaves()}
        problems += [f"a phrase for {fact!r}, which the condition does not read" for fact in sorted(unknown)]
    return problems


def _own_problems(rule: Rule) -> list[str]:
    """What is wrong with this rule beyond its condition and slots."""
    if isinstance(rule, CriterionRule):
        return _criterion_problems(rule)
    if isinstance(rule, FlagRule) and rule.flag not in model.FLAGS_BY_ID:
        return [f"unknown flag {rule.flag!r} (model flags: {', '.join(model.FLAGS_BY_ID)})"]
    if isinstance(rule, FlagRule) and any(isinstance(leaf, Flagged) for leaf in rule.when.leaves()):
        return ["a flag cannot depend on flags (they are raised together)"]
    if isinstance(rule, NextStepRule) and rule.step not in STEP_IDS:
        return [f"unknown cycle step or pyramid layer {rule.step!r}"]
    if isinstance(rule, CarryRule):
        field = PLAN_FIELDS_BY_ID.get(rule.field)
        if field is None or field.kind not in ("single", "multi"):
            return [f"{rule.field!r} is not a choice field of the plan builder"]
        if rule.value not in field.option_ids():
            return [f"plan field {rule.field!r} has no option {rule.value!r}"]
    if isinstance(rule, ItemRule | LimitRule) and rule.section not in plan.SECTIONS:
        return [f"unknown plan section {rule.section!r} (sections: {', '.join(plan.SECTIONS)})"]
    if isinstance(rule, LimitRule) and rule.keep < 1:
        return ["a limit must keep at least one item"]
    return []


def _criterion_problems(rule: CriterionRule) -> list[str]:
    if rule.criterion not in model.CRITERIA_BY_ID:
        return [f"unknown criterion {rule.criterion!r}"]
    problems = []
    for answer in rule.answers:
        question = next((q for q in QUESTIONS if q.id == answer.question), None)
        if question is None or not set(answer.options) <= set(question.option_ids()):
            continue  # reported by the condition's own check
        # Only a question's strongest options: a stronger answer must never un-meet a criterion.
        options = question.option_ids()
        if set(options[len(options) - len(answer.options):]) != set(answer.options):
            problems.append(f"the rule on {answer.question!r} must accept its strongest options only")
    return problems


def _table_problems(classifier_rules: Iterable[Rule], plan_rules: Iterable[Rule]) -> list[str]:
    """Problems of the tables as a whole (each rule may be right while the table is not)."""
    problems = []
    criteria = [rule.criterion for rule in classifier.CRITERIA]
    if sorted(criteria) != sorted(model.CRITERIA_BY_ID):
        problems.append("classifier.CRITERIA needs exactly one rule per criterion of the model")
    raised = {rule.flag for rule in classifier.FLAGS}
    problems += [f"the model's flag {flag!r} has no rule that raises it"
                 for flag in model.FLAGS_BY_ID if flag not in raised]
    for question in QUESTIONS:
        if question.group == SELF_CHECK and set(question.option_ids()) != set(classifier.SELF_CHECK_SCORES):
            problems.append(f"self-check question {question.id!r} needs the options of SELF_CHECK_SCORES")
    cited = model.all_citation_keys() | {key for rule in (*classifier_rules, *plan_rules)
                                         for key in rule.citations()}
    problems += [f"model.SOURCES lists {key!r}, which nothing cites" for key in sorted(model.SOURCES - cited)]
    return problems


def check_tables(classifier_rules: Iterable[Rule], plan_rules: Iterable[Rule]) -> None:
    """Raise :class:`RuleError` listing every problem of the tables, each naming its rule."""
    classifier_rules, plan_rules = tuple(classifier_rules), tuple(plan_rules)
    problems: list[str] = []
    seen: set[str] = set()
    names = {*model.LEVELS_BY_ID, *model.CRITERIA_BY_ID, *model.FLAGS_BY_ID, *model.CYCLE_IDS}
    for scope, rules in ((SCOPE_ANSWERS, classifier_rules), (SCOPE_INPUTS, plan_rules)):
        for rule in rules:
            own = []
            if not RULE_ID.match(rule.id):
                own.append("a rule id is lower-case words joined by '.' or '-'")
            if rule.id in seen or rule.id in names:
                own.append("the id is used twice")
            seen.add(rule.id)
            own += rule.when.problems(scope)
            own += _slot_problems(rule, scope)
            own += _own_problems(rule)
            unknown = [key for key in rule.citations() if key not in model.SOURCES]
            own += [f"cites {key!r}, which model.SOURCES does not list" for key in unknown]
            problems += [f"rule {rule.id}: {problem}" for problem in own]
    problems += _table_problems(classifier_rules, plan_rules)
    if problems:
        raise RuleError("The rule tables have problems:\n" + "\n".join(f"- {p}" for p in problems))
