"""The stage classifier: answers -> level, what holds it there, flags, next steps.

Rule based and transparent:

- Each transition criterion of :mod:`alliance.model` is *met* when every one
  of its rules is satisfied; a rule names a question and the answers that
  satisfy it (``CRITERION_RULES``). The accepted answers of a question are
  always its strongest options, so a stronger answer never un-meets a
  criterion.
- The stage is the highest level whose every lower transition is fully met.
  Meeting one more criterion therefore never lowers the level.
- Flags (``unhealthy-autonomy``, ``unhelpful-model``, ``inconsistent``) never
  change the level; they qualify it (``qualified``) and come first in the
  next steps.
- The weakest cycle steps are the self-check answers with the lowest score
  (all of them on a tie); none when every step is answered "well".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from alliance import model
from alliance.errors import AllianceInputError, Problem
from alliance.questions import (
    QUESTION_IDS,
    QUESTIONS,
    QUESTIONS_BY_ID,
    SELF_CHECK,
    SELF_CHECK_BY_STEP,
)
from alliance.validate import capped, kind, show

DISCLAIMER = "A reflection aid for clinicians, not a diagnostic test."

FERREIRA = "ferreira2013therapeutic"
MICIAK = "miciak2018necessary"


@dataclass(frozen=True)
class Rule:
    """A criterion's rule: ``question`` must be answered with one of ``accepted``."""

    question: str
    accepted: frozenset[str]


def _rule(question: str, *accepted: str) -> Rule:
    return Rule(question, frozenset(accepted))


CRITERION_RULES: dict[str, tuple[Rule, ...]] = {
    "clinician-present": (_rule("presence", "heard", "understood"),),
    "patient-understanding": (_rule("understanding", "basic", "clear"),),
    "strong-alliance": (_rule("trust", "strong"), _rule("agreement", "agreed")),
    "active-participation": (_rule("participation", "active", "leading"),),
    "patient-in-charge": (_rule("in-charge", "patient"),),
    "takes-responsibility": (
        _rule("responsibility", "owns"),
        _rule("self-management", "partly", "regularly"),
    ),
    "knows-help-available": (_rule("help-available", "yes"),),
}

SELF_CHECK_SCORES: dict[str, int] = {"not-yet": 0, "partly": 1, "well": 2}
BELIEF_QUESTIONS: tuple[str, ...] = ("belief-harm", "belief-damage", "belief-protect")
BELIEF_PHRASES: dict[str, str] = {
    "belief-harm": "that pain means harm",
    "belief-damage": "that the spine is damaged or fragile",
    "belief-protect": "that the back must be braced and protected",
}

# Acting autonomously (the article's example: driving her own care seeking,
# refusing exercise, "very much in charge") ...
AUTONOMOUS_ACTS: tuple[Rule, ...] = (
    _rule("care-seeking", "shopping", "refusing"),
    _rule("in-charge", "patient"),
)
# ... without the foundation: understanding of condition, prognosis and options.
FOUNDATION = _rule("understanding", "basic", "clear")


CHECK_AGAIN = (
    " Check both answers again: one of them may need to change, or the difference is worth exploring "
    "with the patient."
)


@dataclass(frozen=True)
class Contradiction:
    """Two answers that cannot both describe the same patient."""

    first: Rule
    second: Rule
    explanation: str


CONTRADICTIONS: tuple[Contradiction, ...] = (
    Contradiction(
        _rule("presence", "not-heard"), _rule("trust", "strong"),
        "The patient did not seem to feel heard, yet the trust between you is described as strong.",
    ),
    Contradiction(
        _rule("in-charge", "patient"), _rule("responsibility", "avoids"),
        "The patient is described as in charge of their back, yet as seeing action on the plan "
        "as someone else's job.",
    ),
    Contradiction(
        _rule("responsibility", "owns"), _rule("self-management", "declines", "rarely"),
        "The patient is described as owning the plan and following it through, yet as seldom doing "
        "or declining self-management.",
    ),
    Contradiction(
        _rule("agreement", "agreed"), _rule("care-seeking", "refusing"),
        "You agree on goals and tasks, yet the patient refuses what is offered.",
    ),
    Contradiction(
        _rule("participation", "leading"), _rule("in-charge", "others"),
        "The patient leads in sessions and tries things between them, yet expects others to fix "
        "their back.",
    ),
    Contradiction(
        _rule("self-management", "regularly"), _rule("care-seeking", "refusing"),
        "Self-management is part of the patient's week, yet they refuse what is offered.",
    ),
)


@dataclass(frozen=True)
class CriterionStatus:
    id: str
    label: str
    because: tuple[str, ...] = ()  # for a missing criterion: the questions that hold it back

    def to_dict(self, missing: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label}
        if missing:
            data["because"] = list(self.because)
        return data


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


@dataclass(frozen=True)
class Flag:
    id: str  # "unhealthy-autonomy" | "unhelpful-model" | "inconsistent"
    title: str
    explanation: str
    questions: tuple[str, ...]
    cite: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "explanation": self.explanation,
            "questions": list(self.questions),
            "cite": list(self.cite),
        }


@dataclass(frozen=True)
class NextStep:
    text: str
    step: str  # a cycle step id or a pyramid layer id
    cite: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "step": self.step, "cite": list(self.cite)}


@dataclass(frozen=True)
class ClassificationResult:
    """What :func:`classify` returns; ``to_dict``/``from_dict`` give its JSON form."""

    stage: str
    transitions: tuple[TransitionStatus, ...]
    flags: tuple[Flag, ...]
    weakest_steps: tuple[str, ...]
    next_steps: tuple[NextStep, ...]
    answers: Mapping[str, str] = field(default_factory=dict)
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

    def to_dict(self) -> dict[str, Any]:
        level = self.level
        return {
            "stage": self.stage,
            "level": {"id": level.id, "number": level.number, "name": level.name, "summary": level.summary},
            "transitions": [transition.to_dict() for transition in self.transitions],
            "flags": [flag.to_dict() for flag in self.flags],
            "qualified": self.qualified,
            "weakest_steps": [
                {"id": step_id, "name": model.CYCLE_BY_ID[step_id].name} for step_id in self.weakest_steps
            ],
            "next_steps": [step.to_dict() for step in self.next_steps],
            "answers": dict(self.answers),
            "disclaimer": self.disclaimer,
        }

    @classmethod
    def from_dict(cls, data: object) -> ClassificationResult:
        """Rebuild a result from its ``to_dict`` form; ``AllianceInputError`` if it is not one."""
        from alliance.schema import RESULT_SCHEMA, require

        require(data, RESULT_SCHEMA, "result")
        assert isinstance(data, Mapping)
        if data["level"]["id"] != data["stage"]:
            message = f"result.level.id does not match result.stage {show(data['stage'])}"
            raise AllianceInputError(Problem("result.level.id", message))
        return cls(
            stage=data["stage"],
            transitions=tuple(
                TransitionStatus(
                    id=item["id"],
                    source=item["source"],
                    target=item["target"],
                    reached=item["reached"],
                    met=tuple(CriterionStatus(c["id"], c["label"]) for c in item["met"]),
                    missing=tuple(
                        CriterionStatus(c["id"], c["label"], tuple(c["because"])) for c in item["missing"]
                    ),
                )
                for item in data["transitions"]
            ),
            flags=tuple(
                Flag(f["id"], f["title"], f["explanation"], tuple(f["questions"]), tuple(f["cite"]))
                for f in data["flags"]
            ),
            weakest_steps=tuple(step["id"] for step in data["weakest_steps"]),
            next_steps=tuple(NextStep(s["text"], s["step"], tuple(s["cite"])) for s in data["next_steps"]),
            answers=dict(data.get("answers", {})),
            disclaimer=data["disclaimer"],
        )


# --- validation ---------------------------------------------------------------------------------


def validate_answers(answers: object) -> dict[str, str]:
    """The answers as a plain dict, or ``AllianceInputError`` listing every problem.

    Problems: not an object; an unknown question id; an answer that is not a
    string; an option id the question does not have; a missing question.
    """
    if not isinstance(answers, Mapping):
        raise AllianceInputError(
            Problem("answers", f"The answers must be an object mapping question ids to option ids, "
                               f"not {kind(answers)}.")
        )
    problems: list[Problem] = []
    clean: dict[str, str] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or key not in QUESTIONS_BY_ID:
            problems.append(Problem(key if isinstance(key, str) else "answers",
                                    f"Unknown question {show(key)}."))
            continue
        question = QUESTIONS_BY_ID[key]
        if not isinstance(value, str):
            problems.append(Problem(key, f"Question '{key}': the answer must be an option id (a string), "
                                         f"not {kind(value)}."))
        elif value not in question.option_ids():
            problems.append(Problem(key, f"Option {show(value)} is not valid for question '{key}' "
                                         f"(valid: {', '.join(question.option_ids())})."))
        else:
            clean[key] = value
    for question_id in QUESTION_IDS:
        if question_id not in answers:
            problems.append(Problem(question_id, f"Question '{question_id}' has no answer."))
    if problems:
        raise AllianceInputError(capped(problems))
    return clean


# --- the rules ----------------------------------------------------------------------------------


def _holds(rule: Rule, answers: Mapping[str, str]) -> bool:
    return answers[rule.question] in rule.accepted


def criterion_status(criterion: model.Criterion, answers: Mapping[str, str]) -> tuple[bool, CriterionStatus]:
    """Whether the criterion is met, and its status (with the questions that fall short)."""
    short = tuple(rule.question for rule in CRITERION_RULES[criterion.id] if not _holds(rule, answers))
    return not short, CriterionStatus(criterion.id, criterion.label, short)


def _transitions(answers: Mapping[str, str]) -> tuple[str, tuple[TransitionStatus, ...]]:
    stage = model.LEVELS[0].id
    still_climbing = True
    statuses: list[TransitionStatus] = []
    for transition in model.TRANSITIONS:
        met: list[CriterionStatus] = []
        missing: list[CriterionStatus] = []
        for criterion in transition.criteria:
            ok, status = criterion_status(criterion, answers)
            (met if ok else missing).append(status)
        reached = still_climbing and not missing
        if reached:
            stage = transition.target
        still_climbing = reached
        statuses.append(
            TransitionStatus(transition.id, transition.source, transition.target, reached,
                             tuple(met), tuple(missing))
        )
    return stage, tuple(statuses)


def _met_ids(transitions: tuple[TransitionStatus, ...]) -> set[str]:
    return {criterion.id for transition in transitions for criterion in transition.met}


def _flags(answers: Mapping[str, str], transitions: tuple[TransitionStatus, ...]) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    acts = [rule.question for rule in AUTONOMOUS_ACTS if _holds(rule, answers)]
    if acts and not _holds(FOUNDATION, answers):
        flags.append(Flag(
            "unhealthy-autonomy",
            model.UNHEALTHY_BY_ID["autonomy-without-foundation"].name,
            "The patient acts on their own (" + "; ".join(_describe(q, answers) for q in acts)
            + ") without understanding their condition, its likely course or the options ("
            + _describe("understanding", answers) + "). This autonomy is not the positive autonomy "
            "at the top of the pyramid: it needs the education foundation first.",
            (*acts, "understanding"),
            (model.ARTICLE, model.HOLOPAINEN),
        ))
    firm = [q for q in BELIEF_QUESTIONS if answers[q] == "firmly"]
    built = sorted(_met_ids(transitions) & {"strong-alliance", "active-participation", "patient-in-charge",
                                            "takes-responsibility"})
    if firm and built:
        names = ", ".join(model.CRITERIA_BY_ID[c].label.lower() for c in built)
        flags.append(Flag(
            "unhelpful-model",
            model.UNHEALTHY_BY_ID["autonomy-on-unhelpful-model"].name,
            f"Collaboration or autonomy is in place ({names}), but it rests on beliefs that are not "
            "evidence based (" + "; ".join(_describe(q, answers) for q in firm) + "). A patient can "
            "become a model patient in a faulty model, such as fear-driven bracing or \"the spine of "
            "an 80-year-old\", which may do more harm than good.",
            tuple(firm),
            (model.ARTICLE, model.MSC),
        ))
    for contradiction in CONTRADICTIONS:
        if _holds(contradiction.first, answers) and _holds(contradiction.second, answers):
            flags.append(Flag(
                "inconsistent",
                f"'{contradiction.first.question}' and '{contradiction.second.question}' contradict "
                "each other",
                contradiction.explanation + CHECK_AGAIN,
                (contradiction.first.question, contradiction.second.question),
                (model.MSC,),
            ))
    return tuple(flags)


def _describe(question_id: str, answers: Mapping[str, str]) -> str:
    question = QUESTIONS_BY_ID[question_id]
    label = next(option.label for option in question.options if option.id == answers[question_id])
    gist = label.split(":", 1)[0]  # labels read "Gist: detail"
    return f"{question_id}: {gist[0].lower()}{gist[1:]}"


def _weakest_steps(answers: Mapping[str, str]) -> tuple[str, ...]:
    scores = {step: SELF_CHECK_SCORES[answers[question.id]] for step, question in SELF_CHECK_BY_STEP.items()}
    lowest = min(scores.values())
    if lowest == max(SELF_CHECK_SCORES.values()):
        return ()
    return tuple(step_id for step_id in model.CYCLE_IDS if scores[step_id] == lowest)


# What to work on when a criterion is missing: (text, step, citation keys).
CRITERION_NEXT_STEPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "clinician-present": (
        "Be present: spend the first part of the session asking about symptoms, lifestyle and what "
        "the patient thinks is causing the pain; repeat their words back, ask them to say more, stay "
        "in the room and end with encouragement.",
        "presence-and-understanding", (model.FUENTES, MICIAK),
    ),
    "patient-understanding": (
        "Lay the education foundation: explain the condition, its likely course and the options in "
        "the patient's own words, and check what they take away.",
        "education-foundation", (model.ARTICLE, model.STENNER),
    ),
    "strong-alliance": (
        "Build the alliance: agree with the patient what they want to be able to do and what each of "
        "you will do to get there, and ask what matters most to them.",
        "alliance-and-participation", (model.STENNER, FERREIRA),
    ),
    "active-participation": (
        "Invite active participation: share decisions, explain why you ask them to fill in "
        "questionnaires, and let them try things in the session.",
        "adapt", (model.MSC, model.HOLOPAINEN),
    ),
    "patient-in-charge": (
        "Hand over the lead: let the patient set their own homework and decide how to fit it into "
        "their week, with you as adviser.",
        "positive-autonomy", (model.ARTICLE, model.HOLOPAINEN),
    ),
    "takes-responsibility": (
        "Win buy-in for self-management: review the homework together as a clinical audit (what they "
        "did, what changed) so they see it working and own it.",
        "review", (model.MSC,),
    ),
    "knows-help-available": (
        "Agree a flare-up plan: what to try first, and when and where to seek help, so the patient "
        "knows help is there if they need it.",
        "positive-autonomy", (model.HOLOPAINEN, model.ARTICLE),
    ),
}

FLAG_NEXT_STEPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "unhealthy-autonomy": (
        "Before building on the patient's independence, lay the foundation: their condition, its "
        "likely course and the evidence-based options, so their drive goes into a plan that can help.",
        "education-foundation", (model.ARTICLE, model.HOLOPAINEN),
    ),
    "unhelpful-model": (
        "Revisit the model of the back the patient is working with: pain is not the same as harm, "
        "and an evidence-based, biopsychosocial picture replaces bracing and \"worn-out spine\" "
        "messages, in their own words.",
        "educate-empower", (model.MSC, model.ARTICLE),
    ),
}

STEP_NEXT_STEPS: dict[str, str] = {
    "understand": "Ask about the patient's expectations of care, their beliefs about their back and what "
                  "has helped or made things worse before.",
    "rapport": "Build rapport: reassure, use the patient's own words for their pain, and use humour "
               "if it suits them.",
    "adapt": "Adapt assessment and treatment: explain why questionnaires are asked, give hands-on care "
             "if it is expected alongside the active approach, and set one or two exercises rather "
             "than many.",
    "educate-empower": "Educate and empower: explain that pain is not the same as harm, and make the "
                       "homework the most important part of care.",
    "review": "Review progress together: look at the homework and outcomes with the patient (a "
              "clinical audit) to win buy-in, then go round the cycle again.",
}


def _next_steps(
    stage: str,
    answers: Mapping[str, str],
    transitions: tuple[TransitionStatus, ...],
    flags: tuple[Flag, ...],
    weakest: tuple[str, ...],
) -> tuple[NextStep, ...]:
    steps: list[NextStep] = []
    for flag in flags:
        if flag.id in FLAG_NEXT_STEPS:
            text, step, cite = FLAG_NEXT_STEPS[flag.id]
            steps.append(NextStep(text, step, cite))
        elif flag.id == "inconsistent":
            steps.append(NextStep(
                f"Look again at '{flag.questions[0]}' and '{flag.questions[1]}': "
                + flag.explanation.removesuffix(CHECK_AGAIN)
                + " Understanding the patient better may explain it.",
                "understand", (model.MSC, model.STENNER),
            ))
    for step_id in weakest:
        steps.append(NextStep(STEP_NEXT_STEPS[step_id], step_id, model.CYCLE_BY_ID[step_id].cite))
    blocking = next((t for t in transitions if not t.reached), None)
    if blocking is not None:
        for criterion in blocking.missing:
            text, step, cite = CRITERION_NEXT_STEPS[criterion.id]
            steps.append(NextStep(text, step, cite))
    held = [q for q in BELIEF_QUESTIONS if answers[q] in ("firmly", "partly")]
    if held and not any(flag.id == "unhelpful-model" for flag in flags):
        steps.append(NextStep(
            "Address the unhelpful beliefs the patient voiced (" + "; ".join(BELIEF_PHRASES[q] for q in held)
            + "): pain is not the "
            "same as harm; offer an evidence-based picture of the back in their own words.",
            "educate-empower", (model.MSC, model.ARTICLE),
        ))
    if any(answers[q] == "not-discussed" for q in BELIEF_QUESTIONS) and "understand" not in weakest:
        steps.append(NextStep(
            "Ask what the patient believes about their back: whether pain means harm, whether the spine "
            "is damaged, whether it needs protecting.",
            "understand", (model.MSC, model.STENNER),
        ))
    if stage == model.LEVELS[-1].id and not flags:
        steps.append(NextStep(
            "Keep the autonomy healthy: space out reviews, keep the flare-up plan current and make sure "
            "the patient knows they can come back.",
            "positive-autonomy", (model.HOLOPAINEN, model.ARTICLE),
        ))
    unique: dict[str, NextStep] = {}
    for step in steps:
        unique.setdefault(step.text, step)
    return tuple(unique.values())


def classify(answers: Mapping[str, str]) -> ClassificationResult:
    """Classify one patient's answers; ``AllianceInputError`` if they are incomplete or invalid."""
    clean = validate_answers(answers)
    stage, transitions = _transitions(clean)
    flags = _flags(clean, transitions)
    weakest = _weakest_steps(clean)
    return ClassificationResult(
        stage=stage,
        transitions=transitions,
        flags=flags,
        weakest_steps=weakest,
        next_steps=_next_steps(stage, clean, transitions, flags, weakest),
        answers={question.id: clean[question.id] for question in QUESTIONS},
    )


def _check_rules() -> None:
    if set(CRITERION_RULES) != set(model.CRITERIA_BY_ID):
        raise ValueError("every model criterion needs a rule, and only those")
    for rules in CRITERION_RULES.values():
        for rule in rules:
            question = QUESTIONS_BY_ID[rule.question]
            if not rule.accepted <= set(question.option_ids()):
                raise ValueError(f"rule on {rule.question!r} names an unknown option")
            # accepted answers must be the question's strongest options (monotone)
            options = question.option_ids()
            if set(options[len(options) - len(rule.accepted):]) != rule.accepted:
                raise ValueError(f"rule on {rule.question!r} must accept the strongest options")
    for question in QUESTIONS:
        if question.group == SELF_CHECK and set(question.option_ids()) != set(SELF_CHECK_SCORES):
            raise ValueError(f"self-check question {question.id!r} needs the options not-yet/partly/well")


_check_rules()
