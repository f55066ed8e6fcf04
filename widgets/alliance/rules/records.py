"""The kinds of rule the tables hold: each a condition (``when``) and what follows from it.

(Dataclasses without the generated comparisons: a rule is known by its id, and each generated
method costs time when the browser's Python imports the package.)

A rule's text may hold slots in braces. In the classifier's rules a slot names
a part of the condition (``Named``) and how to list the facts behind it:
``{acts:answers}`` lists the answers that made the ``acts`` part hold. In the
plan builder's rules a slot is one of ``rules.plan.SLOTS`` (``{level}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from alliance.conditions import NEVER, All, AnswerIn, Condition

# How a classifier rule's text may list the facts behind a named part of its condition.
LISTINGS: Mapping[str, str] = MappingProxyType({
    "answers": "the answers given, each as question: answer",
    "criteria": "the criteria in place",
    "phrases": "the rule's phrase for each answer",
})


@dataclass(eq=False, repr=False)
class Rule:
    """What every rule has: an id (stable: it names the rule on the rules page and in every "why")
    and the condition under which it applies."""

    id: str
    when: Condition

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    def texts(self) -> tuple[str, ...]:
        """The rule's texts that may hold slots."""
        return ()

    def citations(self) -> tuple[str, ...]:
        return ()


# --- the classifier ------------------------------------------------------------------------------


@dataclass(init=False, eq=False, repr=False)
class CriterionRule(Rule):
    """A transition criterion of the model is met when every answer condition holds."""

    criterion: str

    def __init__(self, criterion: str, *answers: AnswerIn) -> None:
        object.__setattr__(self, "id", f"criteria.{criterion}")
        object.__setattr__(self, "when", All(*answers))
        object.__setattr__(self, "criterion", criterion)

    @property
    def answers(self) -> tuple[AnswerIn, ...]:
        return self.when.conditions  # type: ignore[attr-defined,return-value]


@dataclass(eq=False, repr=False)
class FlagRule(Rule):
    """Raises the model's flag ``flag`` (its citations come with it), titled and explained."""

    flag: str
    title: str
    explanation: str

    def texts(self) -> tuple[str, ...]:
        return (self.title, self.explanation)


@dataclass(eq=False, repr=False)
class NextStepRule(Rule):
    """A next step for the clinician, tied to a cycle step or pyramid layer (``step``)."""

    text: str
    step: str
    cite: tuple[str, ...]
    phrases: Mapping[str, str] = field(default_factory=dict)  # for "{part:phrases}"

    def texts(self) -> tuple[str, ...]:
        return (self.text,)

    def citations(self) -> tuple[str, ...]:
        return self.cite


@dataclass(eq=False, repr=False)
class CarryRule(Rule):
    """What a classification carries into the plan builder: plan field ``field`` gets ``value``
    (added to the list for a multiple-choice field)."""

    field: str
    value: str


# --- the plan builder ----------------------------------------------------------------------------


@dataclass(eq=False, repr=False)
class Proposal(Rule):
    """A rule that proposes something, with why and its sources."""

    text: str
    rationale: str
    cite: tuple[str, ...]

    def texts(self) -> tuple[str, ...]:
        return (self.text, self.rationale)

    def citations(self) -> tuple[str, ...]:
        return self.cite


@dataclass(eq=False, repr=False)
class AimRule(Proposal):
    """The session's alliance aim; the first aim rule that applies gives it."""


@dataclass(eq=False, repr=False)
class AimNote(Rule):
    """A sentence added to the aim's rationale, with any citations it adds."""

    note: str
    cite: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        return (self.note,)

    def citations(self) -> tuple[str, ...]:
        return self.cite


@dataclass(eq=False, repr=False)
class ItemRule(Proposal):
    """An item of a plan section. Items whose ``focus`` holds come first in their section."""

    section: str
    focus: Condition = NEVER


@dataclass(eq=False, repr=False)
class LimitRule(Proposal):
    """Keeps only the first ``keep`` items of a section; if any were left out, adds this item."""

    section: str
    keep: int


@dataclass(eq=False, repr=False)
class AvoidRule(Rule):
    """Something the plan rules out, and why."""

    text: str
    why: str

    def texts(self) -> tuple[str, ...]:
        return (self.text, self.why)
