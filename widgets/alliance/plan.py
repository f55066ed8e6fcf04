"""The session-plan builder: its inputs (described as data) and ``build_plan``.

``PLAN_FIELDS`` describes every input, so forms are drawn from it and the
validator checks against it: nothing about the inputs is written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alliance import model
from alliance.errors import AllianceInputError, Problem
from alliance.questions import Option
from alliance.validate import capped, is_integer, kind, show

if TYPE_CHECKING:
    from alliance.classify import ClassificationResult


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

SECTION_TITLES: dict[str, str] = {
    "communication": "Communication and rapport",
    "education": "Education",
    "assessment-treatment": "Assessment and treatment",
    "exercise-homework": "Exercise and homework",
    "review": "What to review next time",
}

TECHNIQUE_NAMES: dict[str, str] = {
    option.id: option.label for option in PLAN_FIELDS_BY_ID["bad_experiences"].options
}

MICIAK = "miciak2018necessary"
OKEEFFE = "okeeffe2016influences"
HALL = "hall2010influence"
SHORT_SESSION = 20  # minutes: below this, the plan keeps to one message and one or two exercises


@dataclass(frozen=True)
class PlanItem:
    text: str
    rationale: str
    cite: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "rationale": self.rationale, "cite": list(self.cite)}


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

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "why": self.why}


@dataclass(frozen=True)
class Plan:
    """What :func:`build_plan` returns; ``to_dict``/``from_dict`` give its JSON form."""

    aim: PlanItem
    sections: tuple[Section, ...]
    avoid: tuple[Avoid, ...]
    inputs: Mapping[str, object]

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "aim": self.aim.to_dict(),
            "sections": [section.to_dict() for section in self.sections],
            "avoid": [avoid.to_dict() for avoid in self.avoid],
            "inputs": dict(self.inputs),
        }

    @classmethod
    def from_dict(cls, data: object) -> Plan:
        """Rebuild a plan from its ``to_dict`` form; ``AllianceInputError`` if it is not one."""
        from alliance.schema import PLAN_SCHEMA, require

        require(data, PLAN_SCHEMA, "plan")
        assert isinstance(data, Mapping)

        def item(d: Mapping[str, Any]) -> PlanItem:
            return PlanItem(d["text"], d["rationale"], tuple(d["cite"]))

        return cls(
            aim=item(data["aim"]),
            sections=tuple(
                Section(s["id"], s["title"], tuple(item(i) for i in s["items"])) for s in data["sections"]
            ),
            avoid=tuple(Avoid(a["text"], a["why"]) for a in data["avoid"]),
            inputs=validate_plan_inputs(data["inputs"]),
        )


# --- validation ---------------------------------------------------------------------------------


def validate_plan_inputs(inputs: object) -> dict[str, object]:
    """The inputs with defaults filled in, or ``AllianceInputError`` listing every problem."""
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


def plan_inputs_from_result(result: ClassificationResult, session_number: int = 1) -> dict[str, object]:
    """Carry a classification result into the plan builder's inputs.

    The level, flags and weakest steps come straight from the result; beliefs
    and readiness for exercise are read from its answers. ``session_number``
    (default 1) and the inputs a result cannot know (expectations, bad
    experiences, time, rapport) take their defaults, for the clinician to fill.
    """
    from alliance.classify import ClassificationResult as Result

    if not isinstance(result, Result):
        raise AllianceInputError(Problem("result", f"Expected a classification result, not {kind(result)}."))
    answers = result.answers
    beliefs = [belief for question, belief in BELIEF_FROM_QUESTION.items()
               if answers.get(question) in ("firmly", "partly")]
    if answers.get("self-management") == "declines" or answers.get("care-seeking") == "refusing":
        beliefs.append("exercise-does-not-work")
    inputs: dict[str, object] = {
        "level": result.stage,
        "session_number": session_number,
        "beliefs": beliefs,
        "exercise_readiness": READINESS_FROM_SELF_MANAGEMENT.get(
            str(answers.get("self-management")), "unknown"
        ),
        "weakest_steps": list(result.weakest_steps),
        "flags": list(result.flag_ids()),
    }
    return validate_plan_inputs(inputs)


BELIEF_FROM_QUESTION: dict[str, str] = {
    "belief-harm": "pain-means-harm",
    "belief-damage": "structural-damage",
    "belief-protect": "brace-protect",
}
READINESS_FROM_SELF_MANAGEMENT: dict[str, str] = {
    "declines": "low",
    "rarely": "low",
    "partly": "moderate",
    "regularly": "high",
}


# --- the builder --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """The validated inputs, as the rules read them."""

    level: str
    session: int
    expectations: frozenset[str]
    beliefs: frozenset[str]
    bad: frozenset[str]
    other_bad: str
    readiness: str
    minutes: int
    rapport: frozenset[str]
    weakest: tuple[str, ...]
    flags: frozenset[str]

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> _Context:
        return cls(
            level=data["level"],
            session=data["session_number"],
            expectations=frozenset(data["expectations"]),
            beliefs=frozenset(data["beliefs"]),
            bad=frozenset(data["bad_experiences"]),
            other_bad=data["other_bad_experience"],
            readiness=data["exercise_readiness"],
            minutes=data["time_minutes"],
            rapport=frozenset(data["rapport"]),
            weakest=tuple(data["weakest_steps"]),
            flags=frozenset(data["flags"]),
        )

    @property
    def number(self) -> int:
        return model.level(self.level).number

    @property
    def first(self) -> bool:
        return self.session == 1

    @property
    def short(self) -> bool:
        return self.minutes < SHORT_SESSION

    def weak(self, *steps: str) -> bool:
        return any(step in self.weakest for step in steps)


class _Draft:
    """Items collected per section; focus items (weakest steps, flags) go first."""

    def __init__(self) -> None:
        self.items: dict[str, list[tuple[bool, PlanItem]]] = {section: [] for section in SECTION_TITLES}
        self.avoid: list[Avoid] = []

    def add(
        self, section: str, text: str, rationale: str, cite: tuple[str, ...], focus: bool = False
    ) -> None:
        self.items[section].append((focus, PlanItem(text, rationale, cite)))

    def sections(self) -> tuple[Section, ...]:
        return tuple(
            Section(
                section_id,
                title,
                tuple(item for focus, item in self.items[section_id] if focus)
                + tuple(item for focus, item in self.items[section_id] if not focus),
            )
            for section_id, title in SECTION_TITLES.items()
        )


LEVEL_AIMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "non-encounter": (
        "Be present, and help the patient begin to understand their back pain (towards seeking support).",
        "Holopainen et al. found that what separates non-encounters from seeking support is the "
        "professional being present and the patient starting to understand their low back pain.",
        (model.HOLOPAINEN, model.FUENTES),
    ),
    "seeking-support": (
        "Build a strong alliance and invite the patient to take an active part (towards empowering "
        "collaboration).",
        "Holopainen et al. found that a strong therapeutic alliance and the patient's active "
        "participation separate seeking support from empowering collaboration.",
        (model.HOLOPAINEN,),
    ),
    "empowering-collaboration": (
        "Hand over the lead: the patient in charge of their back and taking responsibility, knowing "
        "help is there (towards autonomic agency).",
        "In the source article's reading of Holopainen et al., being in charge and taking responsibility "
        "while knowing help is available separate empowering collaboration from autonomic agency.",
        (model.HOLOPAINEN, model.ARTICLE),
    ),
    "autonomic-agency": (
        "Keep the patient's autonomy healthy: they lead, you review, and help stays available.",
        "Autonomic agency is the top of the pyramid; the work now is to keep it resting on an "
        "evidence-based understanding and to keep help within reach.",
        (model.HOLOPAINEN, model.ARTICLE),
    ),
}


def _aim(ctx: _Context) -> PlanItem:
    text, rationale, cite = LEVEL_AIMS[ctx.level]
    level_name = model.level(ctx.level).name.lower()
    if "unhealthy-autonomy" in ctx.flags:
        text = ("Lay the foundation first: help the patient understand their condition, its likely course "
                "and the options, so their independence rests on it.")
        rationale = (f"The classifier placed the patient at {level_name}, flagged for autonomy without the "
                     "education foundation. The pyramid puts education on condition, prognosis and options "
                     "at the base of a healthy alliance; without it, autonomy can be unhealthy.")
        cite = (model.ARTICLE, model.HOLOPAINEN)
    elif "unhelpful-model" in ctx.flags:
        text = ("Rebuild the model the alliance rests on: replace unhelpful beliefs about the back with an "
                "evidence-based picture, keeping the collaboration you have.")
        rationale = (f"The classifier placed the patient at {level_name}, but flagged that it rests on "
                     "a model of the back that is not evidence based; a model patient in a faulty model "
                     "may come to more harm than good.")
        cite = (model.ARTICLE, model.MSC)
    notes = []
    if ctx.weakest:
        names = ", ".join(model.CYCLE_BY_ID[step].name.lower() for step in ctx.weakest)
        notes.append(f"Work first on the weakest step(s) of the cycle: {names}.")
        cite = (*cite, model.MSC) if model.MSC not in cite else cite
    if "inconsistent" in ctx.flags:
        notes.append("Some answers contradicted each other: check them with the patient as you go.")
    return PlanItem(text, " ".join([rationale, *notes]), cite)


def _avoid(ctx: _Context, draft: _Draft) -> None:
    for technique in PLAN_FIELDS_BY_ID["bad_experiences"].option_ids():
        if technique not in ctx.bad:
            continue
        name = TECHNIQUE_NAMES[technique].lower()
        if technique == "exercise-programme":
            draft.avoid.append(Avoid(
                "Not the exercise programme that made things worse",
                "The patient reports that an exercise programme made their back worse. Choose different, "
                "gentler exercises with them and say how they differ.",
            ))
        else:
            draft.avoid.append(Avoid(
                f"No {name}",
                f"The patient reports that {name} made their back worse, so the plan does not propose it. "
                "Physiotherapists in Macphail's interviews changed their approach for exactly this reason.",
            ))
    if ctx.other_bad:
        draft.avoid.append(Avoid(
            f"No {ctx.other_bad}",
            "The patient reports that it made their back worse, so the plan does not propose it.",
        ))
    if ctx.beliefs & {"structural-damage", "brace-protect"} or "unhelpful-model" in ctx.flags:
        draft.avoid.append(Avoid(
            "No \"worn out\" or \"degenerate\" labels, and no \"protect your back\" messages",
            "They feed the unhelpful model of the back this patient already holds.",
        ))


def _communication(ctx: _Context, draft: _Draft) -> None:
    section = "communication"
    if ctx.first or ctx.number == 1 or ctx.weak("understand", "rapport"):
        minutes = max(5, round(ctx.minutes / 3))
        draft.add(
            section,
            f"Spend about the first {minutes} minutes asking about symptoms, lifestyle and what the patient "
            "thinks is causing the pain; repeat their words back and ask them to say more.",
            "In Fuentes et al.'s experiment, an enhanced alliance (by a secondary summary: about 10 minutes "
            "of this kind of listening at the start, the therapist staying in the room, encouragement at "
            "the end) was followed by larger reductions in pain than limited interaction, with active "
            "or sham interferential current alike.",
            (model.FUENTES,),
            focus=ctx.weak("rapport", "understand"),
        )
    if ctx.number == 1:
        draft.add(
            section,
            "Stay with the patient throughout the session, and end with a word of encouragement.",
            "Non-encounters are experiences of not being met; being present is the first step up.",
            (model.HOLOPAINEN, MICIAK),
            focus=True,
        )
    if ctx.first or ctx.weak("understand") or not ctx.expectations or "unknown" in ctx.expectations:
        draft.add(
            section,
            "Ask what the patient expects from care, what they believe about their back, and what has "
            "helped or made it worse before.",
            "Understanding expectations, beliefs and past experience is what lets you build rapport and "
            "adapt assessment and treatment (Macphail's interviews); what matters to people is often "
            "simple but voiced in an unstructured way (Stenner et al.).",
            (model.MSC, model.STENNER),
            focus=ctx.weak("understand"),
        )
    rapport = {
        "reassurance": (
            "Reassure the patient, about what their pain means and about what you will do together.",
            "Every physiotherapist in Macphail's interviews mentioned reassurance as part of building "
            "rapport.",
        ),
        "plain-language": (
            "Talk in plain language, using the patient's own words for their pain and their goals.",
            "Every physiotherapist in Macphail's interviews mentioned using the patient's language.",
        ),
        "humour": (
            "Use humour where it suits: a light remark to build a joking link.",
            "One physiotherapist in Macphail's interviews felt a joking link with a patient brought better "
            "adherence; it helps only where it suits the person.",
        ),
    }
    for option_id, (text, rationale) in rapport.items():
        if option_id in ctx.rapport:
            draft.add(section, text, rationale, (model.MSC,), focus=ctx.weak("rapport"))
    if not ctx.rapport:
        draft.add(
            section,
            "Find out what this patient responds to: reassure, use their own words, try humour only if it "
            "seems to suit them, and note what works for next time.",
            "The physiotherapists in Macphail's interviews built rapport in a wide range of styles; "
            "reassurance and the patient's own language were common to all.",
            (model.MSC,),
            focus=ctx.weak("rapport"),
        )
    if ctx.number >= 3:
        draft.add(
            section,
            "Let the patient set the agenda: ask what they want from today's session.",
            "Meaningful conversations about what matters to the person encourage an active role in "
            "their care.",
            (model.STENNER, model.HOLOPAINEN),
        )
    if "inconsistent" in ctx.flags:
        draft.add(
            section,
            "Check the answers that contradicted each other by asking the patient about them directly.",
            "A contradiction in how you see the patient is a cue to understand them better before planning "
            "further.",
            (model.MSC,),
            focus=True,
        )


BELIEF_ITEMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pain-means-harm": (
        "Explain that pain is not the same as harm, in the patient's words and tied to their own experience.",
        "One physiotherapist in Macphail's interviews named \"pain equals harm\" as the problem that, once "
        "addressed, usually makes treatment of these patients successful.",
        (model.MSC,),
    ),
    "structural-damage": (
        "Revisit what the patient was told about their spine (labels such as \"worn out\" or \"the spine "
        "of an 80-year-old\") and offer an evidence-based, biopsychosocial picture of their back.",
        "The source article warns that a patient educated in a faulty model can become a model patient in "
        "it, which may do more harm than good.",
        (model.ARTICLE,),
    ),
    "brace-protect": (
        "Talk through bracing and protecting the back: ask where the idea came from, and build confidence "
        "in ordinary movement step by step.",
        "The source article gives core bracing and avoiding bending as its example of a well-meant but "
        "faulty model.",
        (model.ARTICLE,),
    ),
    "exercise-does-not-work": (
        "Acknowledge the exercise the patient has tried, and explain how this plan differs: fewer "
        "exercises, chosen together and reviewed together.",
        "In the source article, a patient who refused exercise because she \"had tried that\" needed "
        "education about her condition and options before anything else could work.",
        (model.ARTICLE, model.MSC),
    ),
}

EXPECTATION_ITEMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "imaging": (
        "Ask what the patient hopes a scan would show; explain what it could and could not tell you, and "
        "how you will find out what you need instead.",
        "People need information and understanding from a consultation (Stenner et al.); an expectation "
        "left unanswered can stop them listening to the rest.",
        (model.STENNER, model.MSC),
    ),
    "diagnosis": (
        "Give a clear working explanation of what you think is going on, and what it means for what they "
        "can do.",
        "People need information and understanding from a consultation.",
        (model.STENNER,),
    ),
    "injection-medication": (
        "Acknowledge the wish for an injection or medication; explain where these fit among the options, "
        "refer to the prescriber where appropriate, and present the active plan as the core.",
        "The source article's example patient went from specialist to specialist for injections and "
        "medication without understanding her condition or options.",
        (model.ARTICLE,),
    ),
    "advice-only": (
        "Give the advice the patient came for, clearly and early in the session.",
        "Meeting what the person came for is part of what matters most to them.",
        (model.STENNER,),
    ),
}


def _education(ctx: _Context, draft: _Draft) -> None:
    section = "education"
    educate_focus = ctx.weak("educate-empower") or "unhelpful-model" in ctx.flags
    for belief, (text, rationale, cite) in BELIEF_ITEMS.items():
        if belief in ctx.beliefs:
            draft.add(section, text, rationale, cite, focus=educate_focus)
    if ctx.number <= 2 or "unhealthy-autonomy" in ctx.flags:
        draft.add(
            section,
            "Explain the condition, its likely course and the options in plain words, and ask the patient "
            "to tell it back in their own words.",
            "Education on condition, prognosis and options is the foundation of the pyramid; autonomy "
            "without it can be unhealthy.",
            (model.ARTICLE, model.HOLOPAINEN),
            focus="unhealthy-autonomy" in ctx.flags,
        )
    if ctx.number >= 3:
        draft.add(
            section,
            "Check that the model the patient manages by is evidence based: ask them to explain what their "
            "pain means and what they would do in a flare-up.",
            "An educated, engaged patient can still be working with a faulty model of the back; the "
            "alliance must rest on an evidence-based, biopsychosocial approach.",
            (model.ARTICLE,),
            focus="unhelpful-model" in ctx.flags,
        )
    for expectation, (text, rationale, cite) in EXPECTATION_ITEMS.items():
        if expectation in ctx.expectations:
            draft.add(section, text, rationale, cite)
    if ctx.first or ctx.weak("educate-empower"):
        draft.add(
            section,
            "Weave education into the conversation rather than delivering a lecture: ask, listen, then "
            "explain.",
            "In Traeger et al.'s trial, sessions of pain education added to usual care did not reduce pain "
            "more than sessions of active listening; the source article reads both as parts of building "
            "the alliance.",
            (model.TRAEGER, model.ARTICLE),
        )
    if ctx.short and len(draft.items[section]) > 2:
        draft.items[section] = draft.items[section][:2]
        draft.add(
            section,
            f"This is a short session ({ctx.minutes} minutes): keep education to the messages above and "
            "leave the rest for later sessions.",
            "Adapting to what the patient can take in, rather than covering everything, is part of "
            "the cycle.",
            (model.MSC,),
        )


MANUAL_RATIONALE = (
    "The patient expects hands-on care. One physiotherapist in Macphail's interviews gave manual therapy "
    "where it was expected because patients who did not get it listened less to his active approach; the "
    "source article suggests, after a first session of \"just talk\", a manual technique in the second "
    "while discussing pain education."
)


def _assessment_treatment(ctx: _Context, draft: _Draft) -> None:
    section = "assessment-treatment"
    adapt_focus = ctx.weak("adapt")
    if ctx.first or adapt_focus:
        draft.add(
            section,
            "Explain why you ask the patient to fill in questionnaires: you want to understand their problem "
            "from several angles.",
            "A physiotherapist in Macphail's interviews explained questionnaires rather than simply handing "
            "them over.",
            (model.MSC,),
            focus=adapt_focus,
        )
    if "hands-on" in ctx.expectations:
        available = [technique for technique in MANUAL_TECHNIQUES if technique not in ctx.bad]
        excluded = any(technique in ctx.bad for technique in MANUAL_TECHNIQUES)
        not_these = " Leave out what made things worse (see what to avoid)." if excluded else ""
        if available:
            name = TECHNIQUE_NAMES[available[0]].lower()
            draft.add(
                section,
                f"Include a hands-on technique ({name}) and talk through pain education while you do it; "
                "link it to the active approach rather than letting it replace it." + not_these,
                MANUAL_RATIONALE,
                (model.MSC, model.ARTICLE),
                focus=adapt_focus,
            )
        else:
            draft.add(
                section,
                "The patient expects hands-on care, but the manual techniques on offer made things worse "
                "before: say so openly, use your hands in the examination, and explain why the active "
                "approach comes first.",
                MANUAL_RATIONALE,
                (model.MSC, model.ARTICLE),
                focus=adapt_focus,
            )
    if ctx.number == 2 or (ctx.number == 1 and not ctx.first):
        draft.add(
            section,
            "Invite the patient to take part: ask them to show you what aggravates and eases the pain, and "
            "decide the next step together.",
            "Active participation in assessment, decisions and treatment is part of what moves a patient to "
            "empowering collaboration.",
            (model.HOLOPAINEN, model.MSC),
        )
    if ctx.number >= 3:
        draft.add(
            section,
            "Offer choices between treatment options and let the patient decide, with your reasons on the "
            "table.",
            "Being in charge and taking responsibility are what separate autonomic agency from "
            "collaboration.",
            (model.HOLOPAINEN, model.ARTICLE),
        )
    if "unhealthy-autonomy" in ctx.flags:
        draft.add(
            section,
            "Offer choices within the evidence-based options, so the patient's wish to be in charge goes "
            "into the plan rather than around it.",
            "The source article's example patient was in charge of her care seeking but not of her "
            "treatment: autonomous, but not in a positive way.",
            (model.ARTICLE,),
            focus=True,
        )


def _exercise(ctx: _Context, draft: _Draft) -> None:
    section = "exercise-homework"
    few = ctx.readiness == "low" or ctx.short or "exercise-does-not-work" in ctx.beliefs
    if few:
        text = ("Set one or two exercises only, chosen with the patient, and agree when and where they will "
                "do them.")
    elif ctx.readiness == "moderate":
        text = ("Start with two exercises, chosen with the patient, and add more only once they manage "
                "them; agree when and where they will do them.")
    elif ctx.readiness == "high":
        text = ("Set a fuller programme the patient helps choose, and progress it over the sessions.")
    else:
        text = ("Start with one or two exercises, then ask the patient how many they would realistically do.")
    draft.add(
        section,
        text,
        "Physiotherapists in Macphail's interviews often gave only one or two exercises to gain adherence, "
        "even when they felt more would help; the number follows the patient's readiness.",
        (model.MSC,),
        focus=ctx.weak("adapt"),
    )
    if "exercise-programme" in ctx.bad:
        draft.add(
            section,
            "Choose exercises unlike the programme that made things worse, start gently, and explain how "
            "this is different.",
            "A treatment the patient had a bad experience with is not repeated; saying how this differs "
            "keeps their trust.",
            (model.MSC,),
            focus=True,
        )
    if ctx.number >= 3:
        draft.add(
            section,
            "Let the patient set their own homework and decide how it fits their week; you advise.",
            "The patient being in charge and taking responsibility is the step up to autonomic agency.",
            (model.HOLOPAINEN, model.ARTICLE),
        )
    else:
        draft.add(
            section,
            "Make the homework the centre of the plan: agree it together and write it down in the "
            "patient's words.",
            "\"The homework is the most important bit\", as one physiotherapist in Macphail's interviews "
            "put it.",
            (model.MSC,),
            focus=ctx.weak("educate-empower"),
        )
    if ctx.short:
        draft.add(
            section,
            "Keep the last few minutes for agreeing the homework, however short the session.",
            "Homework and self-management are the most important part of care in the clinicians' cycle.",
            (model.MSC,),
        )


def _review(ctx: _Context, draft: _Draft) -> None:
    section = "review"
    review_focus = ctx.weak("review")
    if ctx.first:
        draft.add(
            section,
            "Next session, review the homework together as a clinical audit: what the patient did, what "
            "changed, what got in the way.",
            "Clinicians in Macphail's interviews used clinical audit to win buy-in for home exercise.",
            (model.MSC,),
            focus=review_focus,
        )
    else:
        draft.add(
            section,
            "Open this session by reviewing the last homework together (a clinical audit: what the patient "
            "did, what changed, what got in the way), and again next time.",
            "Clinicians in Macphail's interviews used clinical audit to win buy-in for home exercise.",
            (model.MSC,),
            focus=review_focus,
        )
    if "hands-on" in ctx.expectations and any(t not in ctx.bad for t in MANUAL_TECHNIQUES):
        draft.add(
            section,
            "Ask how the hands-on technique, and the explanation that went with it, landed.",
            "The technique was there to help the patient listen to the active approach; check that it did.",
            (model.MSC,),
        )
    if ctx.number >= 3:
        draft.add(
            section,
            "Agree or update a flare-up plan: what to try first, and when and where to seek help.",
            "Knowing help is available if required is part of autonomic agency.",
            (model.HOLOPAINEN, model.ARTICLE),
        )
    if ctx.number == 4:
        draft.add(
            section,
            "Consider spacing out the sessions, making clear the patient can come back.",
            "The patient now leads; help stays within reach.",
            (model.HOLOPAINEN, model.ARTICLE),
        )
    draft.add(
        section,
        "Before the next session, judge again where the alliance stands and where you fall short on the "
        "cycle (the stage classifier), then go round the cycle again.",
        "The source article suggests consulting both frameworks before each session and including a plan "
        "for the alliance in every session plan.",
        (model.ARTICLE, model.MSC),
    )


def build_plan(inputs: Mapping[str, object] | ClassificationResult) -> Plan:
    """A session plan from the inputs (see ``PLAN_FIELDS``) or from a classification result.

    Raises ``AllianceInputError`` listing every problem with the inputs.
    """
    from alliance.classify import ClassificationResult as Result

    if isinstance(inputs, Result):
        inputs = plan_inputs_from_result(inputs)
    data = validate_plan_inputs(inputs)
    ctx = _Context.read(data)
    draft = _Draft()
    _avoid(ctx, draft)
    _communication(ctx, draft)
    _education(ctx, draft)
    _assessment_treatment(ctx, draft)
    _exercise(ctx, draft)
    _review(ctx, draft)
    return Plan(aim=_aim(ctx), sections=draft.sections(), avoid=tuple(draft.avoid), inputs=data)
