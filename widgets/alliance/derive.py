"""What the plan builder's inputs say in the classifier's terms, and the flags they raise by the
classifier's own rules.

The plan builder never trusts a missing flag. It reads its inputs as the classifier's facts
(:func:`answer_facts`) and runs the classifier's flag rules (``rules.classifier.FLAGS``, the very same
conditions) on them (:func:`implied_flags`):

- the level gives the stage, and every criterion of the steps below it is met, so each answer those
  criteria read is one of the answers that meet them (level 3: the trust is strong, the goals are
  agreed...);
- a field that asks what a question asks (``plan_fields.Mirror``: the beliefs, the care-seeking
  patterns, self-management so far, the yellow flags) gives that question's answer, or, for its own
  options, the answers it may be ("voiced, but I do not know how firmly": firmly or partly);
- everything else is :class:`~alliance.conditions.Unknown`.

A flag is implied only when its rule surely holds on these facts. Where a rule is undecided because an
input was left unsure, the plan builder's own rules fail safe (``rules.terms.HOLD_THE_LEAD``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from alliance import model
from alliance.conditions import (
    HELPED,
    HOLDING_BACK,
    MAYBE_WORSE,
    MET,
    MISSING,
    RAISED,
    STAGE,
    UNREAD,
    WORSE,
    Unknown,
)
from alliance.plan_fields import PLAN_FIELDS, PLAN_FIELDS_BY_ID
from alliance.questions import QUESTIONS
from alliance.recognise import HELP, recognise
from alliance.rules import classifier


class Implied(NamedTuple):
    """A flag the inputs imply: the flag, the classifier's rule that raised it, and the plan inputs it
    rests on."""

    flag: str
    rule: str
    inputs: tuple[str, ...]


def _level_facts(level: str) -> tuple[dict[str, object], dict[str, tuple[str, ...]]]:
    """The criteria and answers a level fixes, and what is unknown about the rest."""
    facts: dict[str, object] = {STAGE: level}
    allowed: dict[str, tuple[str, ...]] = {}
    number = model.level(level).number
    rules = {rule.criterion: rule for rule in classifier.CRITERIA}
    for index, transition in enumerate(model.TRANSITIONS, 1):
        for criterion in transition.criteria:
            if index < number:  # a step up below the level: met
                facts[criterion.id] = MET
                for answer in rules[criterion.id].answers:
                    allowed[answer.question] = answer.options
            else:  # at the level's own step up, one criterion at least is missing; above it, unknown
                facts[criterion.id] = Unknown((MET, HOLDING_BACK if index == number else MISSING))
    return facts, allowed


def answer_facts(inputs: Mapping[str, object]) -> tuple[dict[str, object], dict[str, tuple[str, ...]]]:
    """The classifier's facts as these (validated) plan inputs give them, and for each fact the plan
    inputs it rests on."""
    facts, allowed = _level_facts(str(inputs["level"]))
    rests_on: dict[str, tuple[str, ...]] = {name: ("level",) for name in facts}
    mirrors = {field.mirror.question: field for field in PLAN_FIELDS if field.mirror is not None}
    for question in QUESTIONS:
        field = mirrors.get(question.id)
        if field is not None:
            facts[question.id] = _mirrored(field, inputs[field.id], allowed.get(question.id))
            rests_on[question.id] = (field.id,)
        elif question.id in allowed:
            options = allowed[question.id]
            facts[question.id] = options[0] if len(options) == 1 else Unknown(options)
            rests_on[question.id] = ("level",)
        else:
            facts[question.id] = Unknown(None if question.kind == "multi" else question.option_ids())
    return facts, rests_on


def _mirrored(field: object, value: object, allowed: tuple[str, ...] | None) -> object:
    """A mirrored field's value as the question's answer (an :class:`Unknown` for what it leaves open)."""
    mirror = field.mirror  # type: ignore[attr-defined]
    if isinstance(value, list):
        if value:
            return list(value)
        return list(mirror.empty) if mirror.empty is not None else Unknown(None)
    if value in mirror.extra:
        may_be = mirror.extra[value]
        if may_be is None:
            may_be = allowed
        elif allowed is not None:
            may_be = tuple(option for option in may_be if option in allowed) or may_be
        if may_be is None:
            return Unknown(None)
        return may_be[0] if len(may_be) == 1 else Unknown(may_be)
    return value


def implied_flags(inputs: Mapping[str, object]) -> tuple[Implied, ...]:
    """The flags the inputs imply by the classifier's flag rules, in the rules' order (a flag once)."""
    facts, rests_on = answer_facts(inputs)
    found: dict[str, Implied] = {}
    for rule in classifier.FLAGS:
        outcome = rule.when.test(facts)
        if outcome.holds is True and rule.flag not in found:
            fields = tuple(dict.fromkeys(field for name in outcome.because
                                         for field in rests_on.get(name, ())))
            found[rule.flag] = Implied(rule.flag, rule.id, fields)
    return tuple(found.values())


def raised_flags(inputs: Mapping[str, object]) -> tuple[list[str], tuple[Implied, ...]]:
    """Every flag raised (ticked, or implied and not ticked), in the model's order, and those implied
    without being ticked."""
    ticked = set(inputs["flags"])  # type: ignore[call-overload]
    implied = tuple(found for found in implied_flags(inputs) if found.flag not in ticked)
    raised = ticked | {found.flag for found in implied}
    return [flag.id for flag in model.FLAGS if flag.id in raised], implied


TYPED = ("other_bad_experience", "helped_before")


def plan_facts(
    inputs: Mapping[str, object],
) -> tuple[dict[str, object], dict[str, tuple[str, ...]], tuple[Implied, ...]]:
    """What the rules read beyond the inputs (each list in the options' order), the inputs each rests on,
    and the flags implied without being ticked: the treatments made worse (ticked, or named for certain
    in what was typed), those the typed words may mean, those typed as having helped, what could not be
    read in the treatment typed as having made things worse, and the flags raised (ticked, or implied by
    the classifier's rules)."""
    order = PLAN_FIELDS_BY_ID["bad_experiences"].option_ids()
    harm = recognise(str(inputs["other_bad_experience"]))
    help_ = recognise(str(inputs["helped_before"]), about=HELP)
    worse = set(inputs["bad_experiences"]) | set(harm.certain) | set(help_.certain)  # type: ignore[call-overload]
    maybe = (set(harm.maybe) | set(help_.maybe)) - worse
    helped = (set(harm.helped) | set(help_.helped)) - worse - maybe
    raised, implied = raised_flags(inputs)
    facts = {
        WORSE: [t for t in order if t in worse],
        MAYBE_WORSE: [t for t in order if t in maybe],
        HELPED: [t for t in order if t in helped],
        UNREAD: list(harm.unread),
        RAISED: raised,
    }
    rests_on = {
        WORSE: ("bad_experiences", *TYPED),
        MAYBE_WORSE: TYPED,
        HELPED: TYPED,
        UNREAD: ("other_bad_experience",),
        RAISED: tuple(dict.fromkeys(("flags", *(field for found in implied for field in found.inputs)))),
    }
    return facts, rests_on, implied
