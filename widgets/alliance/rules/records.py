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
    """A rule that proposes something, with why and its sources. With no sources (``cite == ()``) it
    is the guide's own advice, and says so."""

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


# How much an item matters when the session has room for only some (``CapacityRule``): items that
# keep the plan safe first, then what the aim rests on, then the rest. Within one priority, items in
# focus come first, then sections in their order, then the table's order.
SAFETY, CORE, USUAL, EXTRA = 0, 1, 2, 3


@dataclass(eq=False, repr=False)
class ItemRule(Proposal):
    """An item of a plan section, ``title`` its few words in the plan's priorities. Items whose
    ``focus`` holds come first in their section. ``proposes``: the treatments (options of
    ``bad_experiences``) the item offers, which it must never offer when they made things worse.
    ``hands_over``: the item hands the lead to the patient, which a plan never does while the patient's
    model of the back needs re-education or their autonomy is unhealthy."""

    section: str
    title: str = ""
    priority: int = USUAL
    focus: Condition = NEVER
    proposes: tuple[str, ...] = ()
    hands_over: bool = False


@dataclass(eq=False, repr=False)
class CapacityRule(Rule):
    """How many section items a session has room for (the first rule that applies gives it); the
    items left out are listed for later sessions with ``text``. The numbers are the guide's own
    advice, so the rule cites nothing."""

    items: int
    text: str


@dataclass(eq=False, repr=False)
class SafetyRule(Rule):
    """A line of the plan's safety-netting: when and where to seek help (``lead``, then ``text``)."""

    lead: str
    text: str
    cite: tuple[str, ...]

    def texts(self) -> tuple[str, ...]:
        return (self.lead, self.text)

    def citations(self) -> tuple[str, ...]:
        return self.cite


@dataclass(eq=False, repr=False)
class AvoidRule(Rule):
    """Something the plan rules out, and why."""

    text: str
    why: str

    def texts(self) -> tuple[str, ...]:
        return (self.text, self.why)
