"""What the tools return, as records, and their JSON form (``to_dict`` / ``from_dict``).

Every line of a result or plan carries its :class:`Basis`: the rule(s) that
produced it and the facts (answers, inputs, or what the classifier derived
from the answers) that made the rule apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from alliance import model
from alliance.errors import AllianceInputError, Problem
from alliance.migrate import PLAN_VERSION, RESULT_VERSION, VERSION_KEY
from alliance.plan_fields import validate_plan_inputs
from alliance.schema import PLAN_SCHEMA, RESULT_SCHEMA, require
from alliance.validate import show

DISCLAIMER = "A reflection aid for clinicians, not a diagnostic test."


@dataclass(frozen=True)
class Basis:
    """Why a line is there: the rule ids (the first gave the line) and the facts, as (name, value)."""

    rules: tuple[str, ...] = ()
    facts: tuple[tuple[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        facts = [{"id": name, "value": value} for name, value in self.facts]
        return {"rules": list(self.rules), "facts": facts}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Basis:
        if not data:
            return cls()
        return cls(tuple(data["rules"]), tuple((fact["id"], fact["value"]) for fact in data["facts"]))


def _basis(data: Mapping[str, Any]) -> Basis:
    return Basis.from_dict(data.get("basis"))


# --- the classifier ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionStatus:
    id: str
    label: str
    because: tuple[str, ...] = ()  # for a missing criterion: the questions that hold it back
    basis: Basis = Basis()

    def to_dict(self, missing: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label}
        if missing:
            data["because"] = list(self.because)
        data["basis"] = self.basis.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CriterionStatus:
        return cls(data["id"], data["label"], tuple(data.get("because", ())), _basis(data))


@dataclass(frozen=True)
class TransitionStatus:
    id: str
    source: str
    target: str
    reached: bool
    met: tuple[CriterionStatus, ...]
    missing: tuple[CriterionStatus, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "reached": self.reached,
            "met": [criterion.to_dict(False) for criterion in self.met],
            "missing": [criterion.to_dict(True) for criterion in self.missing],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TransitionStatus:
        return cls(
            data["id"], data["source"], data["target"], data["reached"],
            tuple(CriterionStatus.from_dict(c) for c in data["met"]),
            tuple(CriterionStatus.from_dict(c) for c in data["missing"]),
        )


@dataclass(frozen=True)
class Flag:
    """A flag the classifier raised (``id`` is one of ``model.FLAGS``)."""

    id: str
    title: str
    explanation: str
    questions: tuple[str, ...]
    cite: tuple[str, ...]
    basis: Basis = Basis()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "explanation": self.explanation,
            "questions": list(self.questions),
            "cite": list(self.cite),
            "basis": self.basis.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Flag:
        return cls(data["id"], data["title"], data["explanation"], tuple(data["questions"]),
                   tuple(data["cite"]), _basis(data))


@dataclass(frozen=True)
class NextStep:
    text: str
    step: str  # a cycle step id or a pyramid layer id
    cite: tuple[str, ...]
    basis: Basis = Basis()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "step": self.step, "cite": list(self.cite), "basis": self.basis.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NextStep:
        return cls(data["text"], data["step"], tuple(data["cite"]), _basis(data))


@dataclass(frozen=True)
class Carried:
    """A plan input the answers imply (a belief held, readiness for exercise)."""

    field: str
    value: str
    basis: Basis = Basis()

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "basis": self.basis.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Carried:
        return cls(data["field"], data["value"], _basis(data))


@dataclass(frozen=True)
class ClassificationResult:
    """What :func:`alliance.classify` returns."""

    stage: str
    transitions: tuple[TransitionStatus, ...]
    flags: tuple[Flag, ...]
    weakest_steps: tuple[str, ...]
    next_steps: tuple[NextStep, ...]
    answers: Mapping[str, str] = field(default_factory=dict)
    carry: tuple[Carried, ...] = ()
    stage_basis: Basis = Basis()
    weakest_basis: Basis = Basis()
    disclaimer: str = DISCLAIMER

    @property
    def level(self) -> model.Level:
        return model.level(self.stage)

    @property
    def qualified(self) -> bool:
        """True when any flag is raised: the level must not read as plain success."""
        return bool(self.flags)

    def flag_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(flag.id for flag in self.flags))

    def holding(self) -> TransitionStatus | None:
        """The step up that holds the patient at this level (None at the top level)."""
        return next((t for t in self.transitions if not t.reached), None)

    def to_dict(self) -> dict[str, Any]:
        level = self.level
        return {
            VERSION_KEY: RESULT_VERSION,
            "stage": self.stage,
            "level": {"id": level.id, "number": level.number, "name": level.name, "summary": level.summary,
                      "basis": self.stage_basis.to_dict()},
            "transitions": [transition.to_dict() for transition in self.transitions],
            "flags": [flag.to_dict() for flag in self.flags],
            "qualified": self.qualified,
            "weakest_steps": [
                {"id": step_id, "name": model.CYCLE_BY_ID[step_id].name} for step_id in self.weakest_steps
            ],
            "weakest_steps_basis": self.weakest_basis.to_dict(),
            "next_steps": [step.to_dict() for step in self.next_steps],
            "carry": [carried.to_dict() for carried in self.carry],
            "answers": dict(self.answers),
            "disclaimer": self.disclaimer,
        }

    @classmethod
    def from_dict(cls, data: object) -> ClassificationResult:
        """Rebuild a result from its ``to_dict`` form; ``AllianceInputError`` if it is not one, or if an
        earlier version wrote it (classify its answers again: see :mod:`alliance.migrate`)."""
        _current(data, RESULT_VERSION, "result", "classify its answers again, which reads older answers")
        require(data, RESULT_SCHEMA, "result")
        assert isinstance(data, Mapping)
        if data["level"]["id"] != data["stage"]:
            raise AllianceInputError(f"result.level.id does not match result.stage {show(data['stage'])}")
        return cls(
            stage=data["stage"],
            transitions=tuple(TransitionStatus.from_dict(t) for t in data["transitions"]),
            flags=tuple(Flag.from_dict(f) for f in data["flags"]),
            weakest_steps=tuple(step["id"] for step in data["weakest_steps"]),
            next_steps=tuple(NextStep.from_dict(s) for s in data["next_steps"]),
            answers=dict(data.get("answers", {})),
            carry=tuple(Carried.from_dict(c) for c in data.get("carry", ())),
            stage_basis=_basis(data["level"]),
            weakest_basis=Basis.from_dict(data.get("weakest_steps_basis")),
            disclaimer=data["disclaimer"],
        )


# --- the plan builder ----------------------------------------------------------------------------


def _current(data: object, version: int, what: str, instead: str) -> None:
    """``AllianceInputError`` saying what to do if ``data`` was written by an earlier version."""
    if not isinstance(data, Mapping):
        return
    written = data.get(VERSION_KEY, 1)
    if isinstance(written, int) and not isinstance(written, bool) and 1 <= written < version:
        raise AllianceInputError(Problem(VERSION_KEY, (
            f"This {what} was written by an earlier version of the guide's tools (version {written}), whose "
            f"questions and rules have since changed (see the tools' rules page): {instead}."
        )))


@dataclass(frozen=True)
class PlanItem:
    """A line of the plan: what to do, why, its sources (none: the guide's own advice), the rule's
    ``title`` (its words among the priorities) and its ``section``."""

    text: str
    rationale: str
    cite: tuple[str, ...]
    basis: Basis = Basis()
    title: str = ""
    section: str = ""

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"text": self.text, "rationale": self.rationale, "cite": list(self.cite),
                                   "basis": self.basis.to_dict()}
        if self.title:
            data.update(title=self.title, section=self.section)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanItem:
        return cls(data["text"], data["rationale"], tuple(data["cite"]), _basis(data), data.get("title", ""),
                   data.get("section", ""))


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[PlanItem, ...]

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "items": [item.to_dict() for item in self.items]}


@dataclass(frozen=True)
class Avoid:
    text: str
    why: str
    basis: Basis = Basis()

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "why": self.why, "basis": self.basis.to_dict()}


@dataclass(frozen=True)
class SafetyLine:
    """A line of the plan's safety-netting: when and where to seek help."""

    lead: str
    text: str
    cite: tuple[str, ...]
    basis: Basis = Basis()

    def to_dict(self) -> dict[str, object]:
        return {"lead": self.lead, "text": self.text, "cite": list(self.cite), "basis": self.basis.to_dict()}


@dataclass(frozen=True)
class Later:
    """The items a session has no room for: why (``text``, the capacity rule's) and the items."""

    text: str
    basis: Basis
    items: tuple[PlanItem, ...]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "basis": self.basis.to_dict(), "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True)
class Implied:
    """A flag the plan inputs imply by the classifier's own rule (``basis``: that rule, and the inputs)."""

    flag: str
    title: str
    text: str
    basis: Basis = Basis()

    def to_dict(self) -> dict[str, object]:
        return {"flag": self.flag, "title": self.title, "text": self.text, "basis": self.basis.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Implied:
        return cls(data["flag"], data["title"], data["text"], _basis(data))


def _later(data: Mapping[str, Any] | None) -> Later | None:
    if not data:
        return None
    return Later(data["text"], _basis(data), tuple(PlanItem.from_dict(i) for i in data["items"]))


@dataclass(frozen=True)
class Plan:
    """What :func:`alliance.build_plan` returns: the aim, the sections' items that fit in the session
    (``priorities``: the first three of them by importance; ``longer``: those that should not wait but do
    not fit, so the session needs a longer slot; ``later``: those left for later sessions), the
    safety-netting, what to avoid, the flags the inputs imply (``implied``), two lines for the clinical
    record (``record``) and the inputs."""

    aim: PlanItem
    sections: tuple[Section, ...]
    avoid: tuple[Avoid, ...]
    inputs: Mapping[str, object]
    priorities: tuple[PlanItem, ...] = ()
    later: Later | None = None
    safety: tuple[SafetyLine, ...] = ()
    longer: Later | None = None
    implied: tuple[Implied, ...] = ()
    record: tuple[str, ...] = ()

    def items(self) -> tuple[PlanItem, ...]:
        """Every section item of the plan, in the sections' order."""
        return tuple(item for section in self.sections for item in section.items)

    def to_dict(self) -> dict[str, object]:
        return {
            VERSION_KEY: PLAN_VERSION,
            "aim": self.aim.to_dict(),
            "priorities": [item.to_dict() for item in self.priorities],
            "sections": [section.to_dict() for section in self.sections],
            "longer": self.longer.to_dict() if self.longer else None,
            "later": self.later.to_dict() if self.later else None,
            "safety": [line.to_dict() for line in self.safety],
            "avoid": [avoid.to_dict() for avoid in self.avoid],
            "implied": [implied.to_dict() for implied in self.implied],
            "record": list(self.record),
            "inputs": dict(self.inputs),
        }

    @classmethod
    def from_dict(cls, data: object) -> Plan:
        """Rebuild a plan from its ``to_dict`` form; ``AllianceInputError`` if it is not one, or if an
        earlier version wrote it (build it again from its inputs, which still load)."""
        _current(data, PLAN_VERSION, "plan", "build it again from its inputs, which the plan builder still "
                 "reads (python -m alliance plan reads a whole plan file and takes its inputs)")
        require(data, PLAN_SCHEMA, "plan")
        assert isinstance(data, Mapping)
        return cls(
            aim=PlanItem.from_dict(data["aim"]),
            sections=tuple(
                Section(s["id"], s["title"], tuple(PlanItem.from_dict(i) for i in s["items"]))
                for s in data["sections"]
            ),
            avoid=tuple(Avoid(a["text"], a["why"], _basis(a)) for a in data["avoid"]),
            inputs=validate_plan_inputs(data["inputs"]),
            priorities=tuple(PlanItem.from_dict(i) for i in data["priorities"]),
            later=_later(data["later"]),
            safety=tuple(SafetyLine(line["lead"], line["text"], tuple(line["cite"]), _basis(line))
                         for line in data["safety"]),
            longer=_later(data["longer"]),
            implied=tuple(Implied.from_dict(i) for i in data["implied"]),
            record=tuple(data["record"]),
        )
