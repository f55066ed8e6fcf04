"""The plan builder's inputs, described as data, and their validation.

``PLAN_FIELDS`` describes every input, so the form is drawn from it, the JSON
Schema is built from it and the validator checks against it: nothing about the
inputs is written twice.

Some fields ask what a question of the classifier asks, with its options
(:class:`Mirror`): the beliefs, the care-seeking patterns, self-management so
far and the yellow flags. A classifier result carries its answers into them
as they are, and the plan builder reads them back in the classifier's terms
(:mod:`alliance.derive`) to raise the flags its inputs imply by the
classifier's own rules. A mirror may add options of its own ("voiced, but I
do not know how firmly"), each standing for the answers it may be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as default

from alliance import model
from alliance.errors import AllianceInputError, Problem
from alliance.questions import QUESTIONS_BY_ID, Option
from alliance.validate import capped, is_integer, kind, show, text_problem

FIELD_KINDS: tuple[str, ...] = ("single", "multi", "number", "text")


@dataclass(frozen=True)
class Mirror:
    """What ties a plan field to a classifier question: the question, and what the field's own extra
    options and (for a multiple choice) an empty list say in the question's terms: the answers they may
    be (None: any, the plan builder cannot tell)."""

    question: str
    extra: Mapping[str, tuple[str, ...] | None] = default(default_factory=dict)
    empty: tuple[str, ...] | None = None


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
    exclusive: tuple[str, ...] = ()  # for "multi": options that cannot be ticked with another
    mirror: Mirror | None = None  # the classifier question it asks, if any

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option_label(self, option_id: str) -> str:
        return next((option.label for option in self.options if option.id == option_id), option_id)


def _options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(option_id, label) for option_id, label in pairs)


UNSURE_HOW_FIRMLY = "unsure"
BELIEF_EXTRA = (UNSURE_HOW_FIRMLY, "Voiced, but I do not know how firmly")


def _mirror(
    field_id: str, question_id: str, label: str, help: str, *extra: tuple[str, str, tuple[str, ...] | None],
    after: str = "", empty: tuple[str, ...] | None = None, leave_out: tuple[str, ...] = (),
) -> Field:
    """A field asking what the classifier's question ``question_id`` asks, with its options (less
    ``leave_out``) and ``extra`` ones of its own (inserted after the option ``after``, or last)."""
    question = QUESTIONS_BY_ID[question_id]
    options = [option for option in question.options if option.id not in leave_out]
    added = [Option(option_id, option_label) for option_id, option_label, _means in extra]
    at = next((i + 1 for i, option in enumerate(options) if option.id == after), len(options))
    return Field(
        field_id, label, help, question.kind, options=(*options[:at], *added, *options[at:]),
        exclusive=tuple(o for o in question.exclusive if o not in leave_out),
        mirror=Mirror(question_id, {option_id: means for option_id, _label, means in extra}, empty),
    )


def _belief(field_id: str, question_id: str, label: str) -> Field:
    question = QUESTIONS_BY_ID[question_id]
    return _mirror(field_id, question_id, label, f"{question.text} {question.help}",
                   (*BELIEF_EXTRA, ("firmly", "partly")), after="partly")


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
        "screening", "Screening for serious pathology",
        "Whether you have checked for signs of a serious cause of the back pain (for example cancer, "
        "infection, a fracture, an inflammatory disease or cauda equina syndrome), as the NICE guideline "
        "asks. Not yet screened: the plan's first item is to screen. Concerns found: the plan gives no "
        "treatment, only what to do next.",
        "single",
        options=_options(
            ("not-yet", "Not yet screened"),
            ("clear", "Screened: nothing found"),
            ("concerns", "Concerns found"),
        ),
    ),
    Field(
        "patient_goals", "The patient's own goals",
        "Optional: what the patient wants to be able to do, briefly and in their words (for example "
        "\"pick up my grandson\"). The plan states it at the top.",
        "text", max_length=200,
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
    _belief("belief_harm", "belief-harm", "The belief that pain means harm"),
    _belief("belief_damage", "belief-damage", "The belief that the spine is damaged"),
    _belief("belief_protect", "belief-protect", "The belief that the back must be protected"),
    Field(
        "belief_exercise", "The belief that exercise does not work",
        "Does the patient believe that exercise has been tried and does not work? For example turning "
        "down exercise because it \"did nothing\" before.",
        "single",
        options=(*QUESTIONS_BY_ID["belief-harm"].options[:2], Option(*BELIEF_EXTRA),
                 *QUESTIONS_BY_ID["belief-harm"].options[2:]),
    ),
    _mirror(
        "care_seeking", "care-seeking", "Patterns in the patient's care seeking",
        "Optional: tick all that apply, or leave empty if you do not know. Think of the whole history: the "
        "professionals they have seen, the tests and treatments they asked for, and what they turned down.",
    ),
    _mirror(
        "self_management", "self-management", "Self-management so far",
        "How has the patient engaged with self-management and homework so far? If no homework has been set "
        "yet, answer for what they already do for their back on their own.",
        ("unknown", "I do not know yet", None),
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
        "Optional: name it in a few words, for example \"mobs\", \"dry needling\" or \"chiro\". The plan "
        "recognises the usual names of techniques, does not propose what it matches, and says so where "
        "it is unsure. If it cannot read every word while the patient expects hands-on care, it proposes "
        "no hands-on technique until you have checked.",
        "text", max_length=120,
    ),
    Field(
        "helped_before", "What helped before",
        "Optional: what the patient says helped, in a few words, for example \"mobs\" or \"walking\". "
        "Read like the field above; a treatment that also made things worse is still never proposed.",
        "text", max_length=120,
    ),
    Field(
        "exercise_readiness", "Readiness for exercise",
        "How ready the patient seems to take on exercise at home from now on: what they want, not what "
        "they already do (that is self-management, above).",
        "single",
        options=_options(
            ("low", "Low: reluctant, or has given up on exercise"),
            ("moderate", "Moderate: willing to try"),
            ("high", "High: keen to exercise"),
            ("unknown", "I do not know yet"),
        ),
    ),
    _mirror(
        "yellow_flags", "yellow-flags", "Yellow flags you have noticed",
        "Signs that recovery may be slower, in this guide's own words. They shape the plan's pace, the "
        "dose of exercise and what to explain.",
        empty=("none",), leave_out=("none",),
    ),
    Field(
        "time_minutes", "Time available in this session (minutes)",
        "The length of the session: the plan keeps to what fits in it.",
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
    "screening": "not-yet",
    "patient_goals": "",
    "yellow_flags": [],
    "expectations": [],
    "belief_harm": "not-discussed",
    "belief_damage": "not-discussed",
    "belief_protect": "not-discussed",
    "belief_exercise": "not-discussed",
    "care_seeking": [],
    "self_management": "unknown",
    "bad_experiences": [],
    "other_bad_experience": "",
    "helped_before": "",
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
            where = key if isinstance(key, str) else "inputs"
            problems.append(Problem(where, f"Unknown plan input {show(key)}.",
                                    f"the plan builder's inputs are {', '.join(PLAN_FIELDS_BY_ID)}"))
            continue
        field_problems, cleaned = _check_field(PLAN_FIELDS_BY_ID[key], value)
        problems += field_problems
        if not field_problems:
            clean[key] = cleaned
    for field in PLAN_FIELDS:
        if field.required and field.id not in inputs:
            problems.append(Problem(field.id, f"{field.label}: {_REQUIRED[field.kind]}"))
    if problems:
        raise AllianceInputError(capped(problems))
    ordered: dict[str, object] = {}
    for field in PLAN_FIELDS:
        value = clean.get(field.id, DEFAULTS.get(field.id))
        ordered[field.id] = list(value) if isinstance(value, list) else value
    return ordered


_REQUIRED = {"single": "choose one (this is required).", "number": "enter a whole number (this is required).",
             "multi": "tick at least one (this is required).", "text": "type something (this is required)."}


def _entered(value: object) -> str:
    """What was given, in words: "you entered “two”", "nothing was entered"."""
    if value is None or value == "":
        return "nothing was entered"
    return f"you entered {show(value)}" if isinstance(value, str | int | float) else f"it was {kind(value)}"


def _check_field(field: Field, value: object) -> tuple[list[Problem], object]:
    """Problems with one field's value (each names the field by its label), and the clean value."""
    where, label = field.id, field.label
    ids = f"the option ids are {', '.join(field.option_ids())}"
    if field.kind == "single":
        if not isinstance(value, str):
            return [Problem(where, f"{label}: choose one option ({_entered(value)}).", ids)], None
        if value not in field.option_ids():
            return [Problem(where, f"{label}: {show(value)} is not one of its options.", ids)], None
        return [], value
    if field.kind == "multi":
        if not isinstance(value, list | tuple):
            return [Problem(where, f"{label}: give a list of its options ({_entered(value)}).", ids)], None
        problems = []
        chosen: list[str] = []
        for item in value:
            if not isinstance(item, str) or item not in field.option_ids():
                problems.append(Problem(where, f"{label}: {show(item)} is not one of its options.", ids))
            elif item not in chosen:
                chosen.append(item)
        alone = [option for option in field.exclusive if option in chosen]
        if alone and len(chosen) > 1:
            problems.append(Problem(where, f"{label}: {show(alone[0])} cannot be ticked with another "
                                           "option."))
        order = field.option_ids()
        return problems, sorted(chosen, key=order.index)
    if field.kind == "number":
        if not is_integer(value):
            return [Problem(where, f"{label}: enter a whole number from {field.minimum} to {field.maximum} "
                                   f"({_entered(value)}).")], None
        number = int(value)  # type: ignore[call-overload]
        if (field.minimum is not None and number < field.minimum) or (
            field.maximum is not None and number > field.maximum
        ):
            return [Problem(where, f"{label}: enter a whole number from {field.minimum} to {field.maximum} "
                                   f"(you entered {number}).")], None
        return [], number
    if not isinstance(value, str):
        return [Problem(where, f"{label}: type text ({_entered(value)}).")], None
    unusable = text_problem(value)
    if unusable:
        return [Problem(where, f"{label}: {unusable}")], None
    text = " ".join(value.split())
    if field.max_length is not None and len(text) > field.max_length:
        return [Problem(where, f"{label}: keep it to {field.max_length:,} characters (it is {len(text):,}; "
                               "the text is too long).")], None
    return [], text


def _check() -> None:
    for field in PLAN_FIELDS:
        if field.kind not in FIELD_KINDS:
            kinds = ", ".join(FIELD_KINDS)
            raise ValueError(f"plan field {field.id!r}: unknown kind {field.kind!r} ({kinds})")
        if len(set(field.option_ids())) != len(field.options):
            raise ValueError(f"plan field {field.id!r}: two options share an id")
        if not set(field.exclusive) <= set(field.option_ids()) or (field.exclusive and field.kind != "multi"):
            raise ValueError(f"plan field {field.id!r}: an exclusive option it lacks, or one on a single "
                             "choice")
        if field.mirror is not None:
            question = QUESTIONS_BY_ID[field.mirror.question]
            own = set(field.option_ids()) - set(question.option_ids())
            if own != set(field.mirror.extra) or question.kind != field.kind:
                raise ValueError(f"plan field {field.id!r}: its own options must be those of its mirror's "
                                 "extra")
    if set(DEFAULTS) != {field.id for field in PLAN_FIELDS if not field.required}:
        raise ValueError("every optional plan field needs a default, and only those")


_check()
