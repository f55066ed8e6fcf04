"""The checks the rule tables pass when the package is imported; each problem names its rule."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from alliance import model
from alliance.conditions import ALWAYS, SCOPE_ANSWERS, SCOPE_INPUTS, All, Flagged, Not
from alliance.errors import RuleError
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.questions import QUESTIONS, SELF_CHECK
from alliance.rules import classifier, plan
from alliance.rules.records import (
    ANSWER,
    LISTINGS,
    AimRule,
    CapacityRule,
    CarryRule,
    CriterionRule,
    FlagRule,
    ItemRule,
    NextStepRule,
    Rule,
    SafetyRule,
)
from alliance.rules.techniques import (
    EVERY,
    FORCE,
    GUIDE,
    HANDS_ON_PREFERENCE,
    NAMES,
    OTHER_TREATMENTS,
    TECHNIQUES,
    WORD_LISTS,
)
from alliance.rules.terms import HOLD_THE_LEAD

RULE_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
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
    if isinstance(rule, SafetyRule) and not rule.lead:
        return ["a safety-netting line needs a lead"]
    if isinstance(rule, NextStepRule) and rule.step not in STEP_IDS:
        return [f"unknown cycle step or pyramid layer {rule.step!r}"]
    if isinstance(rule, CarryRule):
        field = PLAN_FIELDS_BY_ID.get(rule.field)
        if field is None or field.kind not in ("single", "multi"):
            return [f"{rule.field!r} is not a choice field of the plan builder"]
        if rule.value == ANSWER and field.mirror is None:
            return [f"plan field {rule.field!r} asks no question of the classifier, so it cannot take an "
                    "answer"]
        if rule.value != ANSWER and rule.value not in field.option_ids():
            return [f"plan field {rule.field!r} has no option {rule.value!r}"]
    if isinstance(rule, AimRule) and not rule.record:
        return ["an aim needs its words for the clinical record"]
    if isinstance(rule, ItemRule):
        return _item_problems(rule)
    if isinstance(rule, CapacityRule) and rule.items < plan.TOP_PRIORITIES:
        return [f"a session must have room for at least {plan.TOP_PRIORITIES} items (the top priorities)"]
    return []


def _item_problems(rule: ItemRule) -> list[str]:
    problems = []
    if rule.section not in plan.SECTIONS:
        problems.append(f"unknown plan section {rule.section!r} (sections: {', '.join(plan.SECTIONS)})")
    if not rule.title:
        problems.append("an item needs a title (its words among the plan's priorities)")
    problems += [f"proposes {t!r}, which is not a treatment of the table techniques" for t in rule.proposes
                 if t not in EVERY]
    if rule.serves_goal and not ("want to be able to do" in rule.text or "{goal}" in rule.text):
        problems.append("serves the patient's goal, so its text must say how (\"what they want to be able "
                        "to do\" or {goal})")
    # An item that hands the lead to the patient applies only while nothing holds the lead back.
    if rule.hands_over and not (isinstance(rule.when, All) and Not(HOLD_THE_LEAD) in rule.when.conditions):
        problems.append("hands the lead to the patient, so its condition must be hands_over(...)")
    return problems


def _invented_numbers(rule: Rule) -> list[str]:
    """A number in a cited text must be one its sources give; the guide's own numbers carry no citation."""
    cited = rule.citations()
    if not cited:
        return []
    sourced = set().union(*(model.SOURCED_NUMBERS.get(key, frozenset()) for key in cited))
    found = {number for text in rule.texts() for number in NUMBER.findall(slot_free(text))}
    return [f"the number {number} is in a cited text but in none of its sources' numbers "
            "(model.SOURCED_NUMBERS): cite nothing for the guide's own numbers"
            for number in sorted(found - sourced)]


def slot_free(text: str) -> str:
    return re.sub(r"\{[^}]*\}", " ", text)


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
    if plan.CAPACITY[-1].when != ALWAYS:
        problems.append("the last rule of plan.CAPACITY must always apply")
    if not any(rule.when == ALWAYS and model.NICE in rule.cite for rule in plan.SAFETY_NET):
        problems.append("plan.SAFETY_NET needs lines that always apply, cited to the NICE guideline")
    problems += _technique_problems()
    problems += _term_problems((*classifier_rules, *plan_rules))
    return problems


def _term_problems(rules: Iterable[Rule]) -> list[str]:
    """Each term's id names one term (the rules page defines each once, by its id)."""
    seen: dict[str, object] = {}
    problems = []
    for rule in rules:
        conditions = (rule.when, *([rule.focus] if isinstance(rule, ItemRule) else []))
        for term in (term for condition in conditions for term in condition.terms()):
            if seen.setdefault(term.id, term) != term:
                problems.append(f"two different terms have the id {term.id!r} (rule {rule.id})")
    return sorted(set(problems))


def _technique_problems() -> list[str]:
    options = set(PLAN_FIELDS_BY_ID["bad_experiences"].option_ids())
    problems = []
    if {t.id for t in TECHNIQUES} != options:
        problems.append("rules.techniques.TECHNIQUES needs one entry per option of 'bad_experiences'")
    if not set(FORCE) <= options or not set(HANDS_ON_PREFERENCE) <= set(FORCE):
        problems.append("FORCE must list options of 'bad_experiences', HANDS_ON_PREFERENCE manual ones")
    spellings = [name.spelling for name in NAMES]
    problems += [f"NAMES: {spelling!r} is listed twice" for spelling in sorted(set(spellings))
                 if spellings.count(spelling) > 1]
    for name in NAMES:
        if not set(name.certain) | set(name.maybe) or not set(name.certain) | set(name.maybe) <= options:
            problems.append(f"NAMES: {name.spelling!r} must read as treatments of 'bad_experiences'")
        if set(name.certain) & set(name.maybe) or not name.note:
            problems.append(f"NAMES: {name.spelling!r} needs a note, and cannot be certain and unsure at "
                            "once")
        if name.source != GUIDE and name.source not in model.SOURCES:
            problems.append(f"NAMES: {name.spelling!r} cites {name.source!r}, which model.SOURCES does not "
                            "list")
        if not re.fullmatch(r"[a-z0-9 ]+\*?", name.spelling.replace("* ", " ")):
            problems.append(f"NAMES: {name.spelling!r} is not lower-case words (a * only ends a word)")
    problems += [f"OTHER_TREATMENTS: {word!r} is also a name of NAMES" for word in sorted(OTHER_TREATMENTS)
                 if word in spellings]
    names = list(WORD_LISTS)
    problems += [f"{a} and {b} share {', '.join(sorted(WORD_LISTS[a] & WORD_LISTS[b]))}"
                 for i, a in enumerate(names) for b in names[i + 1:] if WORD_LISTS[a] & WORD_LISTS[b]]
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
            own += _invented_numbers(rule)
            unknown = [key for key in rule.citations() if key not in model.SOURCES]
            own += [f"cites {key!r}, which model.SOURCES does not list" for key in unknown]
            problems += [f"rule {rule.id}: {problem}" for problem in own]
    problems += _table_problems(classifier_rules, plan_rules)
    if problems:
        raise RuleError("The rule tables have problems:\n" + "\n".join(f"- {p}" for p in problems))
