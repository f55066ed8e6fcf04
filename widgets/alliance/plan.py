"""The session-plan builder: inputs (or a classification result) -> a session plan.

It interprets the tables of :mod:`alliance.rules.plan` in their order (aim,
aim notes, each section's items, what fits in the session, safety-netting,
what to avoid, the record); no judgement is written here. Besides the inputs,
the rules read what the builder derives from them: the flags the inputs imply
by the classifier's own rules (:mod:`alliance.derive`), beside those ticked
(``raised``), and what it reads in the treatments typed as having made things
worse or having helped (:mod:`alliance.recognise`): ``worse``,
``maybe-worse``, ``helped`` and ``unread``. Each line of the plan carries its
:class:`~alliance.results.Basis`: the rule and the facts that produced it,
each derived fact followed by the inputs it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping

from alliance import model
from alliance.bridge import plan_inputs_from_result
from alliance.conditions import Condition, InputBelow, Memo
from alliance.derive import plan_facts
from alliance.invariants import InvariantError, plan_violations
from alliance.migrate import read_plan_inputs
from alliance.plan_fields import PLAN_FIELDS_BY_ID, validate_plan_inputs
from alliance.results import (
    Avoid,
    Basis,
    ClassificationResult,
    Implied,
    Later,
    Plan,
    PlanItem,
    SafetyLine,
    Section,
)
from alliance.rules import classifier, exercise_homework
from alliance.rules import plan as rules
from alliance.rules.records import CORE, SAFETY, AimRule, ItemRule, Rule


class _Planning:
    """The validated inputs and derived facts as the rules read them, and texts filled from them."""

    def __init__(self, inputs: dict[str, object]) -> None:
        self.inputs = inputs
        derived, self.rests_on, self.implied = plan_facts(inputs)
        self.facts: dict[str, object] = Memo({**inputs, **derived})
        self.slots = {name: slot.value(self.facts) for name, slot in rules.SLOTS.items()}

    def applies(self, rule: Rule) -> Basis | None:
        """The basis of ``rule`` if it surely applies to these facts, else None."""
        outcome = rule.when.test(self.facts)
        return self.basis([rule.id], outcome.because) if outcome.holds is True else None

    def basis(self, rule_ids: list[str], because: tuple[str, ...]) -> Basis:
        """The facts behind ``because``, each derived fact followed by the inputs it rests on."""
        names = list(dict.fromkeys(name for fact in because for name in (fact, *self.rests_on.get(fact, ()))))
        return Basis(tuple(rule_ids), tuple((name, self.facts[name]) for name in names))

    def text(self, template: str, **more: object) -> str:
        return template.format_map({**self.slots, **more})

    def focus(self, condition: Condition) -> tuple[str, ...] | None:
        outcome = condition.test(self.facts)
        return outcome.because if outcome.holds is True else None

    def item(self, rule: ItemRule, basis: Basis) -> PlanItem:
        return PlanItem(self.text(rule.text), self.text(rule.rationale), rule.cite, basis, rule.title,
                        rule.section)


def _aim(work: _Planning) -> tuple[PlanItem, AimRule]:
    rule, basis = next((aim, b) for aim in rules.AIMS if (b := work.applies(aim)) is not None)
    notes = [(note, b) for note in rules.AIM_NOTES if (b := work.applies(note)) is not None]
    cite = list(rule.cite)
    cite += [key for note, _ in notes for key in note.cite if key not in cite]
    rationale = " ".join([work.text(rule.rationale), *(work.text(note.note) for note, _ in notes)])
    because = tuple(name for b in (basis, *(b for _, b in notes)) for name, _ in b.facts)
    return PlanItem(work.text(rule.text), rationale, tuple(dict.fromkeys(cite)),
                    work.basis([rule.id, *(note.id for note, _ in notes)], because)), rule


class _Candidate:
    """An item that applies, with what ranks it."""

    def __init__(self, rule: ItemRule, item: PlanItem, focus: bool, section: int, order: int) -> None:
        self.rule, self.item, self.focus, self.section, self.order = rule, item, focus, section, order
        self.turn = 0  # its place among its section's items of the same priority, in the section's order

    def shown(self) -> tuple[bool, int]:
        """Its place within its section: items in focus first, then the table's order."""
        return (not self.focus, self.order)


def _candidates(work: _Planning) -> list[_Candidate]:
    sections = list(rules.SECTIONS)
    open_sections = {rule.section for rule in rules.SECTION_RULES if work.applies(rule) is not None}
    found = []
    for order, rule in enumerate(rules.ITEMS):
        if rule.section not in open_sections:
            continue
        basis = work.applies(rule)
        if basis is None:
            continue
        focus = work.focus(rule.focus)
        if focus is not None:
            basis = work.basis(list(basis.rules), (*(name for name, _ in basis.facts), *focus))
        found.append(_Candidate(rule, work.item(rule, basis), focus is not None, sections.index(rule.section),
                                order))
    return found


def ranked(candidates: list[_Candidate]) -> list[_Candidate]:
    """Most important first: by priority (within it, what should not wait first), then each section's
    next item in turn (in the section's order: items in focus first), the sections in their order."""
    seen: dict[tuple[int, int], int] = {}
    for candidate in sorted(candidates, key=_Candidate.shown):
        key = (candidate.rule.priority, candidate.section)
        candidate.turn = seen.get(key, 0)
        seen[key] = candidate.turn + 1
    return sorted(candidates, key=lambda c: (c.rule.priority, c.rule.waits, c.turn, c.section))


def minutes_for(count: int) -> int:
    """The fewest minutes whose session has room for ``count`` items (``rules.CAPACITY``), or, if none
    has, those of the roomiest."""
    limits = [rule.when.limit for rule in rules.CAPACITY if isinstance(rule.when, InputBelow)]
    starts = sorted({PLAN_FIELDS_BY_ID["time_minutes"].minimum or 1, *limits})
    return next((minutes for minutes in starts if rules.capacity({"time_minutes": minutes}).items >= count),
                starts[-1])


def _sections(
    work: _Planning,
) -> tuple[tuple[Section, ...], tuple[PlanItem, ...], Later | None, Later | None]:
    """The sections with the items that fit in the session (in focus first, then in table order), the
    top priorities, the items that should not wait but do not fit, and those left for later."""
    capacity = rules.capacity(work.facts)
    order = ranked(_candidates(work))
    # what keeps the plan safe is never left out
    room = max(capacity.items, len([c for c in order if c.rule.priority <= SAFETY]))
    kept, left = order[:room], order[room:]
    sections = tuple(
        Section(section, title, tuple(c.item for c in sorted(
            (c for c in kept if c.rule.section == section), key=_Candidate.shown)))
        for section, title in rules.SECTIONS.items()
    )
    short = rules.CORE_CANNOT_WAIT.holds(work.facts)

    def waits(candidate: _Candidate) -> bool:
        return candidate.rule.waits and not (short and candidate.rule.priority <= CORE)

    urgent = [c for c in left if not waits(c)]
    rest = [c for c in left if waits(c)]
    basis = work.applies(capacity)
    assert basis is not None
    longer = later = None
    if urgent:
        needed = minutes_for(len([c for c in order if not waits(c)]))
        longer = Later(work.text(rules.LONGER_SLOT, needed=needed), basis, tuple(c.item for c in urgent))
    if rest:
        later = Later(work.text(capacity.text), basis, tuple(c.item for c in rest))
    return sections, tuple(c.item for c in kept[:rules.TOP_PRIORITIES]), longer, later


def _safety(work: _Planning) -> tuple[SafetyLine, ...]:
    return tuple(SafetyLine(work.text(rule.lead), work.text(rule.text), rule.cite, basis)
                 for rule in rules.SAFETY_NET if (basis := work.applies(rule)) is not None)


def _avoid(work: _Planning) -> tuple[Avoid, ...]:
    return tuple(Avoid(work.text(rule.text), work.text(rule.why), basis)
                 for rule in rules.AVOID if (basis := work.applies(rule)) is not None)


def _implied(work: _Planning) -> tuple[Implied, ...]:
    """The flags the inputs imply without being ticked, each with the classifier's rule and the inputs."""
    implied = work.implied
    titles = {rule.id: rule.title for rule in classifier.FLAGS}
    return tuple(
        Implied(found.flag, model.FLAGS_BY_ID[found.flag].title,
                f"{model.FLAGS_BY_ID[found.flag].summary} The classifier's rule "
                f"\u201c{titles[found.rule]}\u201d holds for what you entered, so the plan treats the flag "
                "as raised.",
                Basis((found.rule,), tuple((name, work.facts[name]) for name in found.inputs)))
        for found in implied
    )


def _record(work: _Planning, aim: AimRule, sections: tuple[Section, ...]) -> tuple[str, ...]:
    """The two lines for the clinical record: the aim (never the level), and what was agreed."""
    agreed = []
    if work.inputs["screening"] == "concerns":
        agreed.append(rules.RECORD_MEDICAL)
    else:
        if work.inputs["patient_goals"]:
            agreed.append(work.text(rules.RECORD_GOAL, goal_text=work.inputs["patient_goals"]))
        if any(s.id == exercise_homework.SECTION and s.items for s in sections):
            agreed.append(rules.RECORD_HOMEWORK)
        agreed.append(work.text(rules.RECORD_REVIEW))
    return (f"Aim: {aim.record}", f"{rules.RECORD_AGREED} {'; '.join(agreed)}.")


def build_plan(inputs: Mapping[str, object] | ClassificationResult) -> Plan:
    """A session plan from the inputs (see ``PLAN_FIELDS``) or from a classification result.

    Inputs written for an earlier version are read through :mod:`alliance.migrate`. Raises
    ``AllianceInputError`` listing every problem with the inputs, and :class:`InvariantError` rather
    than return a plan that breaks a safety invariant (:mod:`alliance.invariants`).
    """
    if isinstance(inputs, ClassificationResult):
        inputs = plan_inputs_from_result(inputs)
    work = _Planning(validate_plan_inputs(read_plan_inputs(inputs).values))
    sections, priorities, longer, later = _sections(work)
    aim, aim_rule = _aim(work)
    plan = Plan(aim=aim, sections=sections, avoid=_avoid(work), inputs=work.inputs,
                priorities=priorities, later=later, safety=_safety(work), longer=longer,
                implied=_implied(work), record=_record(work, aim_rule, sections))
    broken = plan_violations(plan)
    if broken:  # a fault in the rule tables: never hand out a plan that is not safe
        raise InvariantError("The plan breaks the tools' safety invariants: " + "; ".join(broken))
    return plan
