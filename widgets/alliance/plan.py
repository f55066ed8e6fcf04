"""The session-plan builder: inputs (or a classification result) -> a session plan.

It interprets the tables of :mod:`alliance.rules.plan` in their order (aim,
aim notes, each section's items, what fits in the session, safety-netting,
what to avoid); no judgement is written here. Besides the inputs, the rules
read what the builder recognises in the treatment typed as having made things
worse (:mod:`alliance.recognise`): the derived facts ``worse`` and
``maybe-worse``. Each line of the plan carries its
:class:`~alliance.results.Basis`: the rule and the facts that produced it.
"""

from __future__ import annotations

from collections.abc import Mapping

from alliance.bridge import plan_inputs_from_result
from alliance.conditions import MAYBE_WORSE, WORSE, Condition
from alliance.invariants import InvariantError, plan_violations
from alliance.migrate import read_plan_inputs
from alliance.plan_fields import PLAN_FIELDS_BY_ID, validate_plan_inputs
from alliance.recognise import recognise
from alliance.results import Avoid, Basis, ClassificationResult, Later, Plan, PlanItem, SafetyLine, Section
from alliance.rules import plan as rules
from alliance.rules.records import ItemRule, Rule


def derived_facts(inputs: Mapping[str, object]) -> dict[str, object]:
    """What the rules read beyond the inputs: the treatments made worse (ticked, or recognised for
    certain in what was typed) and those the typed words may mean, each in the options' order."""
    order = PLAN_FIELDS_BY_ID["bad_experiences"].option_ids()
    found = recognise(str(inputs["other_bad_experience"]))
    worse = set(inputs["bad_experiences"]) | set(found.certain)  # type: ignore[call-overload]
    return {
        WORSE: [t for t in order if t in worse],
        MAYBE_WORSE: [t for t in order if t in found.maybe and t not in worse],
    }


class _Planning:
    """The validated inputs and derived facts as the rules read them, and texts filled from them."""

    def __init__(self, inputs: dict[str, object]) -> None:
        self.inputs = inputs
        self.facts: dict[str, object] = {**inputs, **derived_facts(inputs)}
        self.slots = {name: slot.value(inputs) for name, slot in rules.SLOTS.items()}

    def applies(self, rule: Rule) -> Basis | None:
        """The basis of ``rule`` if it applies to these inputs, else None."""
        outcome = rule.when.test(self.facts)
        return self.basis([rule.id], outcome.because) if outcome.holds else None

    def basis(self, rule_ids: list[str], because: tuple[str, ...]) -> Basis:
        return Basis(tuple(rule_ids), tuple((name, self.facts[name]) for name in dict.fromkeys(because)))

    def text(self, template: str) -> str:
        return template.format_map(self.slots)

    def focus(self, condition: Condition) -> tuple[str, ...] | None:
        outcome = condition.test(self.facts)
        return outcome.because if outcome.holds else None

    def item(self, rule: ItemRule, basis: Basis) -> PlanItem:
        return PlanItem(self.text(rule.text), self.text(rule.rationale), rule.cite, basis, rule.title,
                        rule.section)


def _aim(work: _Planning) -> PlanItem:
    rule, basis = next((aim, b) for aim in rules.AIMS if (b := work.applies(aim)) is not None)
    notes = [(note, b) for note in rules.AIM_NOTES if (b := work.applies(note)) is not None]
    cite = list(rule.cite)
    cite += [key for note, _ in notes for key in note.cite if key not in cite]
    rationale = " ".join([work.text(rule.rationale), *(work.text(note.note) for note, _ in notes)])
    because = tuple(name for b in (basis, *(b for _, b in notes)) for name, _ in b.facts)
    return PlanItem(work.text(rule.text), rationale, tuple(dict.fromkeys(cite)),
                    work.basis([rule.id, *(note.id for note, _ in notes)], because))


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
    found = []
    for order, rule in enumerate(rules.ITEMS):
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
    """Most important first: by priority, then each section's next item in turn (in the section's
    order: items in focus first), the sections in their order."""
    seen: dict[tuple[int, int], int] = {}
    for candidate in sorted(candidates, key=_Candidate.shown):
        key = (candidate.rule.priority, candidate.section)
        candidate.turn = seen.get(key, 0)
        seen[key] = candidate.turn + 1
    return sorted(candidates, key=lambda c: (c.rule.priority, c.turn, c.section))


def _sections(work: _Planning) -> tuple[tuple[Section, ...], tuple[PlanItem, ...], Later | None]:
    """The sections with the items that fit in the session (in focus first, then in table order), the
    top priorities, and the items left for later."""
    capacity = rules.capacity(work.inputs)
    order = ranked(_candidates(work))
    kept, left = order[:capacity.items], order[capacity.items:]
    sections = tuple(
        Section(section, title, tuple(c.item for c in sorted(
            (c for c in kept if c.rule.section == section), key=_Candidate.shown)))
        for section, title in rules.SECTIONS.items()
    )
    later = None
    if left:
        basis = work.applies(capacity)
        assert basis is not None
        later = Later(work.text(capacity.text), basis, tuple(c.item for c in left))
    return sections, tuple(c.item for c in kept[:rules.TOP_PRIORITIES]), later


def _safety(work: _Planning) -> tuple[SafetyLine, ...]:
    return tuple(SafetyLine(work.text(rule.lead), work.text(rule.text), rule.cite, basis)
                 for rule in rules.SAFETY_NET if (basis := work.applies(rule)) is not None)


def _avoid(work: _Planning) -> tuple[Avoid, ...]:
    return tuple(Avoid(work.text(rule.text), work.text(rule.why), basis)
                 for rule in rules.AVOID if (basis := work.applies(rule)) is not None)


def build_plan(inputs: Mapping[str, object] | ClassificationResult) -> Plan:
    """A session plan from the inputs (see ``PLAN_FIELDS``) or from a classification result.

    Inputs written for an earlier version are read through :mod:`alliance.migrate`. Raises
    ``AllianceInputError`` listing every problem with the inputs, and :class:`InvariantError` rather
    than return a plan that breaks a safety invariant (:mod:`alliance.invariants`).
    """
    if isinstance(inputs, ClassificationResult):
        inputs = plan_inputs_from_result(inputs)
    work = _Planning(validate_plan_inputs(read_plan_inputs(inputs).values))
    sections, priorities, later = _sections(work)
    plan = Plan(aim=_aim(work), sections=sections, avoid=_avoid(work), inputs=work.inputs,
                priorities=priorities, later=later, safety=_safety(work))
    broken = plan_violations(plan)
    if broken:  # a fault in the rule tables: never hand out a plan that is not safe
        raise InvariantError("The plan breaks the tools' safety invariants: " + "; ".join(broken))
    return plan
