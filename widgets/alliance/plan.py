"""The session-plan builder: its inputs (described as data) and ``build_plan``.

``PLAN_FIELDS`` describes every input, so forms are drawn from it and the
validator checks against it: nothing about the inputs is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance import model
from alliance.questions import Option


@dataclass(frozen=True)
class Field:
    """One input of the plan builder."""

    id: str
    label: str
    help: str
    kind: str  # "single" | "multi" | "number" | "text"
    options: tuple[Option, ...] = ()
    required: bool = False
    minimum: int | None = None  # for "number"
    maximum: int | None = None  # for "number"
    max_length: int | None = None  # for "text"

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


def _options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(option_id, label) for option_id, label in pairs)


FLAG_TITLES: dict[str, str] = {
    "unhealthy-autonomy": "Unhealthy autonomy",
    "unhelpful-model": "Built on an unhelpful model of the back",
    "inconsistent": "Answers that contradict each other",
}

# Manual techniques the plan may propose, in order of preference.
MANUAL_TECHNIQUES: tuple[str, ...] = ("mobilisation", "massage", "spinal-manipulation")

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
        options=tuple(Option(flag_id, title) for flag_id, title in FLAG_TITLES.items()),
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
