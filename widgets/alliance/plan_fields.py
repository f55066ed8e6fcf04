"""The plan builder's inputs, described as data, and their validation.

``PLAN_FIELDS`` describes every input, so the form is drawn from it, the JSON
Schema is built from it and the validator checks against it: nothing about the
inputs is written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from alliance import model
from alliance.errors import AllianceInputError, Problem
from alliance.questions import Option
from alliance.validate import capped, is_integer, kind, show

FIELD_KINDS: tuple[str, ...] = ("single", "multi", "number", "text")


@dataclass(frozen=True)
class Field:
    """One input of the plan builder."""

    id: str
    label: str
    help: str
    kind: str  # one of FIELD_KINDS
    options: tuple[Option, ...] = ()
    required: bool = False
    minimum: int | None = None  # for "number"
    maximum: int | None = None  # for "number"
    max_length: int | None = None  # for "text"

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option_label(self, option_id: str) -> str:
        return next((option.label for option in self.options if option.id == option_id), option_id)


def _options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(option_id, label) for option_id, label in pairs)


PLAN_FIELDS: tuple[Field, ...] = (
    Field(
        "level", "Where the alliance stands now",
        "The level from the stage classifier, or your own judgement.",
        "single",
        options=tuple(Option(level.id, f"{level.number}. {level.name}") for level in model.LEVELS),
        required=True,
    ),
    Field(
        "session_number", "Session number",
        "1 for the first session with this patient.",
        "number", required=True, minimum=1, maximum=100,
    ),
    Field(
        "expectations", "What the patient expects from care",
        "Tick all that apply; leave empty if you do not know yet.",
        "multi",
        options=_options(
            ("hands-on", "Hands-on treatment"),
            ("injection-medication", "An injection or medication"),
            ("imaging", "A scan or X-ray"),
            ("diagnosis", "A diagnosis: to be told what is wrong"),
            ("advice-only", "Advice only"),
            ("unknown", "I do not know yet"),
        ),
    ),
    Field(
        "beliefs", "Unhelpful beliefs the patient holds",
        "Tick the beliefs about their back that the patient has expressed.",
        "multi",
        options=_options(
            ("pain-means-harm", "Pain means harm or damage"),
            ("structural-damage", "The spine is damaged, worn out or fragile"),
            ("brace-protect", "The back must be braced, guarded or protected"),
            ("exercise-does-not-work", "Exercise has been tried and does not work"),
        ),
    ),
    Field(
        "bad_experiences", "Treatments that made things worse",
        "Treatments the patient says made their back worse. The plan will not propose them.",
        "multi",
        options=_options(
            ("spinal-manipulation", "Spinal manipulation"),
            ("mobilisation", "Spinal mobilisation"),
            ("massage", "Massage or soft-tissue work"),
            ("needling", "Dry needling or acupuncture"),
            ("electrotherapy", "Electrotherapy (for example TENS or interferential)"),
            ("exercise-programme", "An exercise programme"),
        ),
    ),
    Field(
        "other_bad_experience", "Another treatment that made things worse",
        "Optional: name it in a few words; the plan lists it under what to avoid.",
        "text", max_length=120,
    ),
    Field(
        "exercise_readiness", "Readiness for exercise",
        "How ready the patient seems to do exercise at home.",
        "single",
        options=_options(
            ("low", "Low: reluctant, or has given up on exercise"),
            ("moderate", "Moderate: willing to try"),
            ("high", "High: keen to exercise"),
            ("unknown", "I do not know yet"),
        ),
    ),
    Field(
        "time_minutes", "Time available in this session (minutes)",
        "The length of the session.",
        "number", minimum=10, maximum=120,
    ),
    Field(
        "rapport", "What seems to work for rapport",
        "Tick what this patient responds to; leave empty if you do not know yet.",
        "multi",
        options=_options(
            ("humour", "Humour"),
            ("reassurance", "Reassurance"),
            ("plain-language", "Plain language, in the patient's own words"),
        ),
    ),
    Field(
        "weakest_steps", "Weakest steps of the cycle",
        "Optional: from the self-check, the steps where you fall shortest with this patient.",
        "multi",
        options=tuple(Option(step.id, f"{step.number}. {step.name}") for step in model.CYCLE),
    ),
    Field(
        "flags", "Flags from the classifier",
        "Optional: cautions raised by the stage classifier.",
        "multi",
        options=tuple(Option(flag.id, flag.title) for flag in model.FLAGS),
    ),
)

PLAN_FIELDS_BY_ID: dict[str, Field] = {field.id: field for field in PLAN_FIELDS}

# The value an optional field takes when it is left out.
DEFAULTS: dict[str, object] = {
    "expectations": [],
    "beliefs": [],
    "bad_experiences": [],
    "other_bad_experience": "",
    "exercise_readiness": "unknown",
    "time_minutes": 30,
    "rapport": [],
    "weakest_steps": [],
    "flags": [],
}


def validate_plan_inputs(inputs: object) -> dict[str, object]:
    """The inputs in field order with defaults filled in, or ``AllianceInputError`` listing every problem."""
    if not isinstance(inputs, Mapping):
        raise AllianceInputError(
            Problem("inputs", "The plan inputs must be an object mapping field ids to values, "
                              f"not {kind(inputs)}.")
        )
    problems: list[Problem] = []
    clean: dict[str, object] = {}
    for key, value in inputs.items():
        if not isinstance(key, str) or key not in PLAN_FIELDS_BY_ID:
            valid = ", ".join(PLAN_FIELDS_BY_ID)
            problems.append(Problem(key if isinstance(key, str) else "inputs",
                                    f"Unknown plan field {show(key)} (valid: {valid})."))
            continue
        field_problems, cleaned = _check_field(PLAN_FIELDS_BY_ID[key], value)
        problems += field_problems
        if not field_problems:
            clean[key] = cleaned
    for field in PLAN_FIELDS:
        if field.required and field.id not in inputs:
            problems.append(Problem(field.id, f"Plan field '{field.id}' ({field.label}) is required."))
    if problems:
        raise AllianceInputError(capped(problems))
    ordered: dict[str, object] = {}
    for field in PLAN_FIELDS:
        value = clean.get(field.id, DEFAULTS.get(field.id))
        ordered[field.id] = list(value) if isinstance(value, list) else value
    return ordered


def _check_field(field: Field, value: object) -> tuple[list[Problem], object]:
    where = field.id
    if field.kind == "single":
        if not isinstance(value, str):
            message = f"Plan field '{where}' must be one option id (a string), not {kind(value)}."
            return [Problem(where, message)], None
        if value not in field.option_ids():
            return [Problem(where, f"Option {show(value)} is not valid for plan field '{where}' "
                                   f"(valid: {', '.join(field.option_ids())}).")], None
        return [], value
    if field.kind == "multi":
        if not isinstance(value, list | tuple):
            message = f"Plan field '{where}' must be a list of option ids, not {kind(value)}."
            return [Problem(where, message)], None
        problems = []
        chosen: list[str] = []
        for item in value:
            if not isinstance(item, str) or item not in field.option_ids():
                problems.append(Problem(where, f"Option {show(item)} is not valid for plan field '{where}' "
                                               f"(valid: {', '.join(field.option_ids())})."))
            elif item not in chosen:
                chosen.append(item)
        order = field.option_ids()
        return problems, sorted(chosen, key=order.index)
    if field.kind == "number":
        if not is_integer(value):
            return [Problem(where, f"Plan field '{where}' must be a whole number, not {show(value)}.")], None
        number = int(value)  # type: ignore[call-overload]
        if (field.minimum is not None and number < field.minimum) or (
            field.maximum is not None and number > field.maximum
        ):
            return [Problem(where, f"Plan field '{where}' must be between {field.minimum} and "
                                   f"{field.maximum}, not {number}.")], None
        return [], number
    if not isinstance(value, str):
        return [Problem(where, f"Plan field '{where}' must be text, not {kind(value)}.")], None
    text = " ".join(value.split())
    if field.max_length is not None and len(text) > field.max_length:
        return [Problem(where, f"Plan field '{where}' is longer than {field.max_length} characters.")], None
    if any(not character.isprintable() for character in text):
        return [Problem(where, f"Plan field '{where}' contains control characters.")], None
    return [], text


def _check() -> None:
    for field in PLAN_FIELDS:
        if field.kind not in FIELD_KINDS:
            kinds = ", ".join(FIELD_KINDS)
            raise ValueError(f"plan field {field.id!r}: unknown kind {field.kind!r} ({kinds})")
        if len(set(field.option_ids())) != len(field.options):
            raise ValueError(f"plan field {field.id!r}: two options share an id")
    if set(DEFAULTS) != {field.id for field in PLAN_FIELDS if not field.required}:
        raise ValueError("every optional plan field needs a default, and only those")


_check()
