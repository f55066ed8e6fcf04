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
    "level": "the level's name",
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
    """A transition criterion of the model is met when every answer condition holds. ``note``: what the
    rules page says about how the rule came to be (a change, whose reading it is)."""

    criterion: str
    note: str

    def __init__(self, criterion: str, *answers: AnswerIn, note: str = "") -> None:
        object.__setattr__(self, "id", f"criteria.{criterion}")
        object.__setattr__(self, "when", All(*answers))
        object.__setattr__(self, "criterion", criterion)
        object.__setattr__(self, "note", note)

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


ANSWER = ""  # a CarryRule's value: the answer itself, for a plan field that asks the same question


@dataclass(eq=False, repr=False)
class CarryRule(Rule):
    """What a classification carries into the plan builder: plan field ``field`` gets ``value``
    (added to the list for a multiple-choice field), or, with ``value == ANSWER``, the answer to the
    question the field asks (``plan_fields.Mirror``) as it is."""

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
    """The session's alliance aim; the first aim rule that applies gives it. ``record``: the aim in the
    words of the clinical record, which never name the alliance level (see Pitfalls)."""

    record: str = ""

    def texts(self) -> tuple[str, ...]:
        return (self.text, self.rationale, self.record)


@dataclass(eq=False, repr=False)
class AimNote(Rule):
    """A sentence added to the aim's rationale, with any citations it adds."""

    note: str
    cite: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        return (self.note,)

    def citations(self) -> tuple[str, ...]:
        return self.cite


# How much an item matters when the session has room for only some (``CapacityRule``): what must come
# before anything else (screening for serious pathology), items that keep the plan safe, then what the
# aim rests on, then the rest. Within one priority, items in focus come first, then sections in their
# order, then the table's order. Items that should not wait (``ItemRule.urgent``, and those before anything
# else or for safety) come first within their priority; when they do not fit, the plan says the session
# needs a longer slot, and leaves the rest for later sessions.
FIRST, SAFETY, CORE, USUAL, EXTRA = -1, 0, 1, 2, 3


@dataclass(eq=False, repr=False)
class ItemRule(Proposal):
    """An item of a plan section, ``title`` its few words in the plan's priorities. Items whose
    ``focus`` holds come first in their section. ``proposes``: the treatments (options of
    ``bad_experiences``) the item offers, which it must never offer when they made things worse.
    ``hands_over``: the item hands the lead to the patient, which a plan never does while anything holds
    the lead back (``rules.terms.HOLD_THE_LEAD``). ``urgent``: the item should not wait for a later
    session (like those before anything else and for safety, always)."""

    section: str
    title: str = ""
    priority: int = USUAL
    focus: Condition = NEVER
    proposes: tuple[str, ...] = ()
    hands_over: bool = False
    urgent: bool = False
    serves_goal: bool = False  # the item says how it serves the patient's goal (the plan links the goal)

    @property
    def waits(self) -> bool:
        """Whether the item may be left for a later session."""
        return not self.urgent and self.priority > SAFETY


@dataclass(eq=False, repr=False)
class SectionRule(Rule):
    """A section of the plan (``section``), its ``title``, and when its items apply at all."""

    section: str
    title: str

    def texts(self) -> tuple[str, ...]:
        return (self.title,)


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
