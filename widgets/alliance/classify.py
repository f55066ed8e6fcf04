"""The stage classifier: answers -> level, what holds it there, flags, next steps.

It interprets the tables of :mod:`alliance.rules.classifier` in their order
(criteria, level, weakest steps, flags, next steps, what to carry into the
plan); no judgement is written here. Each line of the result carries its
:class:`~alliance.results.Basis`: the rule and the facts that produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from alliance import model
from alliance.conditions import HOLDING_BACK, MET, MISSING, STAGE
from alliance.migrate import read_answers
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.questions import (
    QUESTIONS_BY_ID,
    SELF_CHECK_BY_STEP,
    Answer,
    chosen,
    option_label,
    validate_answers,
)
from alliance.results import (
    Basis,
    Carried,
    ClassificationResult,
    CriterionStatus,
    Flag,
    NextStep,
    TransitionStatus,
)
from alliance.rules import classifier as rules
from alliance.rules.records import ANSWER, Rule


class _Listed:
    """The facts behind a named part of a condition, listed as a rule's text asks (``{acts:answers}``)."""

    def __init__(
        self, names: tuple[str, ...], facts: Mapping[str, object], phrases: Mapping[str, str]
    ) -> None:
        self.names, self.answers, self.phrases = names, facts, phrases

    def __format__(self, listing: str) -> str:
        if listing == "level":
            return " or ".join(model.level(str(self.answers[name])).name for name in self.names
                               if name == STAGE)
        if listing == "answers":
            return "; ".join(f"{QUESTIONS_BY_ID[name].short}: {_gist(name, self.answers[name])}"  # type: ignore[arg-type]
                             for name in self.names if name in QUESTIONS_BY_ID)
        if listing == "criteria":
            return ", ".join(model.CRITERIA_BY_ID[name].label.lower() for name in self.names
                             if name in model.CRITERIA_BY_ID)
        return "; ".join(self.phrases[name] for name in self.names if name in self.phrases)


def _gist(question_id: str, answer: Answer) -> str:
    """An answer's labels up to their colons ("Driving it themselves: ..." -> "driving it themselves")."""
    gists = [option_label(question_id, option).split(":", 1)[0] for option in chosen(answer)]
    return " and ".join(gist[0].lower() + gist[1:] for gist in gists)


class _Classification:
    """The facts of one classification as the rules read them, and what each derived fact rests on."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.facts: dict[str, object] = dict(answers)
        self.rests_on: dict[str, tuple[str, ...]] = {}  # a derived fact -> the facts it was derived from

    def derive(self, name: str, value: object, because: Iterable[str]) -> None:
        self.facts[name] = value
        self.rests_on[name] = tuple(dict.fromkeys(because))

    def basis(self, rule_ids: Iterable[str], because: Iterable[str]) -> Basis:
        """The facts behind ``because``, each derived fact followed by what it rests on."""
        names: list[str] = []
        pending = list(because)
        while pending:
            name = pending.pop(0)
            if name not in names:
                names.append(name)
                pending = [*self.rests_on.get(name, ()), *pending]
        return Basis(tuple(rule_ids), tuple((name, self.facts[name]) for name in names))

    def text(self, rule: Rule, template: str) -> str:
        phrases = getattr(rule, "phrases", {})
        parts = rule.when.parts(self.facts)
        listed = {name: _Listed(names, self.facts, phrases) for name, names in parts.items()}
        return template.format_map(listed)


def _criteria(work: _Classification) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Each criterion id -> (met, the questions that decided it: all if met, else those that fall short)."""
    return {rule.criterion: rule.when.test(work.facts) for rule in rules.CRITERIA}


def _transitions(work: _Classification) -> tuple[str, tuple[TransitionStatus, ...]]:
    criteria = _criteria(work)
    by_criterion = {rule.criterion: rule.id for rule in rules.CRITERIA}
    stage, climbing, holding_found = model.LEVELS[0].id, True, False
    statuses: list[TransitionStatus] = []
    for transition in model.TRANSITIONS:
        met, missing = [], []
        for criterion in transition.criteria:
            ok, because = criteria[criterion.id]
            basis = Basis((by_criterion[criterion.id],), tuple((q, work.answers[q]) for q in because))
            status = CriterionStatus(criterion.id, criterion.label, () if ok else because, basis)
            (met if ok else missing).append(status)
        reached = climbing and not missing
        holding = not reached and not holding_found
        holding_found = holding_found or holding
        for status in met:
            work.derive(status.id, MET, criteria[status.id][1])
        for status in missing:
            work.derive(status.id, HOLDING_BACK if holding else MISSING, status.because)
        if reached:
            stage = transition.target
        climbing = reached
        statuses.append(TransitionStatus(transition.id, transition.source, transition.target, reached,
                                         tuple(met), tuple(missing)))
    return stage, tuple(statuses)


def _stage_because(transitions: tuple[TransitionStatus, ...]) -> list[str]:
    """The criteria that put the patient at their level: those of every step up reached, and the
    ones missing at the next."""
    holding = next((t for t in transitions if not t.reached), None)
    reached = [c.id for t in transitions if t.reached for c in t.met]
    return reached + ([c.id for c in holding.missing] if holding else [])


def _weakest_steps(work: _Classification) -> tuple[str, ...]:
    scores = {step: rules.SELF_CHECK_SCORES[work.answers[question.id]]
              for step, question in SELF_CHECK_BY_STEP.items()}
    lowest = min(scores.values())
    weakest = () if lowest == max(rules.SELF_CHECK_SCORES.values()) else tuple(
        step_id for step_id in model.CYCLE_IDS if scores[step_id] == lowest
    )
    for step_id in model.CYCLE_IDS:
        work.derive(step_id, step_id in weakest, [SELF_CHECK_BY_STEP[step_id].id])
    return weakest


def _flags(work: _Classification) -> tuple[Flag, ...]:
    raised: list[Flag] = []
    for rule in rules.FLAGS:
        outcome = rule.when.test(work.facts)
        if outcome.holds:
            questions = tuple(name for name in outcome.because if name in QUESTIONS_BY_ID)
            raised.append(Flag(rule.flag, work.text(rule, rule.title), work.text(rule, rule.explanation),
                               questions, model.FLAGS_BY_ID[rule.flag].cite,
                               work.basis([rule.id], outcome.because)))
    for flag in model.FLAGS:
        because = [name for f in raised if f.id == flag.id for name, _ in f.basis.facts]
        work.derive(flag.id, bool(because), because)
    return tuple(raised)


def _next_steps(work: _Classification) -> tuple[NextStep, ...]:
    steps: dict[str, NextStep] = {}
    for rule in rules.NEXT_STEPS:
        outcome = rule.when.test(work.facts)
        if outcome.holds:
            text = work.text(rule, rule.text)
            basis = work.basis([rule.id], outcome.because)
            steps.setdefault(text, NextStep(text, rule.step, rule.cite, basis))
    return tuple(steps.values())


def _carry(work: _Classification) -> tuple[Carried, ...]:
    carried = []
    for rule in rules.CARRY:
        outcome = rule.when.test(work.facts)
        if not outcome.holds:
            continue
        if rule.value != ANSWER:
            carried.append(Carried(rule.field, rule.value, work.basis([rule.id], outcome.because)))
            continue
        mirror = PLAN_FIELDS_BY_ID[rule.field].mirror
        assert mirror is not None
        answer = work.answers[mirror.question]
        values = () if mirror.empty is not None and tuple(chosen(answer)) == mirror.empty else chosen(answer)
        basis = work.basis([rule.id], [mirror.question])
        carried += [Carried(rule.field, value, basis) for value in values]
    return tuple(carried)


def classify(answers: Mapping[str, object]) -> ClassificationResult:
    """Classify one patient's answers; ``AllianceInputError`` if they are incomplete or invalid, or were
    written for an earlier version of the questions that they cannot answer (:mod:`alliance.migrate`)."""
    work = _Classification(validate_answers(read_answers(answers).values))
    stage, transitions = _transitions(work)
    work.derive(STAGE, stage, _stage_because(transitions))
    weakest = _weakest_steps(work)
    flags = _flags(work)
    return ClassificationResult(
        stage=stage,
        transitions=transitions,
        flags=flags,
        weakest_steps=weakest,
        next_steps=_next_steps(work),
        answers=work.answers,
        carry=_carry(work),
        stage_basis=work.basis([rules.STAGE_RULE], [STAGE]),
        weakest_basis=work.basis([rules.WEAKEST_RULE], [q.id for q in SELF_CHECK_BY_STEP.values()]),
    )
