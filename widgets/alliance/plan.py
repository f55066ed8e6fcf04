"""The session-plan builder: inputs (or a classification result) -> a session plan.

It interprets the tables of :mod:`alliance.rules.plan` in their order (aim,
aim notes, each section's items, limits, what to avoid); no judgement is
written here. Each line of the plan carries its
:class:`~alliance.results.Basis`: the rule and the inputs that produced it.
"""

from __future__ import annotations

from collections.abc import Mapping

from alliance.bridge import plan_inputs_from_result
from alliance.conditions import Condition
from alliance.plan_fields import validate_plan_inputs
from alliance.results import Avoid, Basis, ClassificationResult, Plan, PlanItem, Section
from alliance.rules import plan as rules
from alliance.rules.records import Rule


class _Planning:
    """The validated inputs as the rules read them, and the plan's texts filled from them."""

    def __init__(self, inputs: dict[str, object]) -> None:
        self.inputs = inputs
        self.slots = {name: slot.value(inputs) for name, slot in rules.SLOTS.items()}

    def applies(self, rule: Rule) -> Basis | None:
        """The basis of ``rule`` if it applies to these inputs, else None."""
        outcome = rule.when.test(self.inputs)
        return self.basis([rule.id], outcome.because) if outcome.holds else None

    def basis(self, rule_ids: list[str], because: tuple[str, ...]) -> Basis:
        return Basis(tuple(rule_ids), tuple((name, self.inputs[name]) for name in dict.fromkeys(because)))

    def text(self, template: str) -> str:
        return template.format_map(self.slots)

    def focus(self, condition: Condition) -> tuple[str, ...] | None:
        outcome = condition.test(self.inputs)
        return outcome.because if outcome.holds else None


def _aim(work: _Planning) -> PlanItem:
    rule, basis = next((aim, b) for aim in rules.AIMS if (b := work.applies(aim)) is not None)
    notes = [(note, b) for note in rules.AIM_NOTES if (b := work.applies(note)) is not None]
    cite = list(rule.cite)
    cite += [key for note, _ in notes for key in note.cite if key not in cite]
    rationale = " ".join([work.text(rule.rationale), *(work.text(note.note) for note, _ in notes)])
    because = tuple(name for b in (basis, *(b for _, b in notes)) for name, _ in b.facts)
    return PlanItem(work.text(rule.text), rationale, tuple(dict.fromkeys(cite)),
                    work.basis([rule.id, *(note.id for note, _ in notes)], because))


def _sections(work: _Planning) -> tuple[Section, ...]:
    """Each section's items in table order, cut by its limits, then those in focus first."""
    drafted: dict[str, list[tuple[bool, PlanItem]]] = {section: [] for section in rules.SECTIONS}
    for rule in rules.ITEMS:
        basis = work.applies(rule)
        if basis is None:
            continue
        focus = work.focus(rule.focus)
        if focus is not None:
            basis = work.basis(list(basis.rules), (*(name for name, _ in basis.facts), *focus))
        drafted[rule.section].append(
            (focus is not None, PlanItem(work.text(rule.text), work.text(rule.rationale), rule.cite, basis))
        )
    for limit in rules.LIMITS:
        basis = work.applies(limit)
        items = drafted[limit.section]
        if basis is not None and len(items) > limit.keep:
            del items[limit.keep:]
            note = PlanItem(work.text(limit.text), work.text(limit.rationale), limit.cite, basis)
            items.append((False, note))
    return tuple(
        Section(section, title, tuple(item for focus, item in drafted[section] if focus)
                + tuple(item for focus, item in drafted[section] if not focus))
        for section, title in rules.SECTIONS.items()
    )


def _avoid(work: _Planning) -> tuple[Avoid, ...]:
    return tuple(Avoid(work.text(rule.text), work.text(rule.why), basis)
                 for rule in rules.AVOID if (basis := work.applies(rule)) is not None)


def build_plan(inputs: Mapping[str, object] | ClassificationResult) -> Plan:
    """A session plan from the inputs (see ``PLAN_FIELDS``) or from a classification result.

    Raises ``AllianceInputError`` listing every problem with the inputs.
    """
    if isinstance(inputs, ClassificationResult):
        inputs = plan_inputs_from_result(inputs)
    work = _Planning(validate_plan_inputs(inputs))
    return Plan(aim=_aim(work), sections=_sections(work), avoid=_avoid(work), inputs=work.inputs)
