"""The guide's own questions, each tied to one feature of the model.

The clinician answers them after a session, thinking about one patient. They
are written for this guide; they are not items of the Working Alliance
Inventory or of any other instrument.

Two groups:

- ``patient``: where the alliance with this patient stands. Each question's
  ``feature`` is a transition criterion of :mod:`alliance.model` (for example
  ``clinician-present``) or one of the extra features the classifier's flags
  read (``beliefs``, ``care-seeking``).
- ``self-check``: the second half of the procedure, where the clinician asks
  where they fall short on the iterative cycle. Each question's ``feature`` is
  a cycle step id (``model.CYCLE``).

Options of the ordered questions run from the weakest answer to the
strongest; the classifier's thresholds name option ids, never positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from alliance import model
from alliance.errors import AllianceInputError, Problem
from alliance.validate import capped, kind, show


@dataclass(frozen=True)
class Option:
    """One answer to a question (or one choice of a plan field)."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """A question the clinician answers about one patient, or about themselves."""

    id: str
    text: str
    help: str
    options: tuple[Option, ...]
    feature: str  # the model criterion, extra feature or cycle step it informs
    group: str  # "patient" or "self-check"

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


PATIENT = "patient"
SELF_CHECK = "self-check"

# Features that are not transition criteria or cycle steps.
BELIEFS = "beliefs"
CARE_SEEKING = "care-seeking"
SELF_MANAGEMENT = "self-management"

GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        PATIENT,
        "Where the alliance with this patient stands",
        "Think of your last session with this patient and pick the answer closest to what you saw "
        "and heard. There are no right answers: the result is a reflection aid, not a test.",
    ),
    (
        SELF_CHECK,
        "Your own part: the cycle self-check",
        "Now look at your side of the relationship. For each step of the cycle, how far have you "
        "got with this patient so far?",
    ),
)


def _q(
    id: str, feature: str, group: str, text: str, help: str, *options: tuple[str, str]
) -> Question:
    return Question(
        id=id,
        text=text,
        help=help,
        options=tuple(Option(option_id, label) for option_id, label in options),
        feature=feature,
        group=group,
    )


_BELIEF_OPTIONS = (
    ("firmly", "Yes, firmly: it shapes what they do"),
    ("partly", "Partly: they mentioned it but are open to other views"),
    ("no", "No: they did not express this belief"),
    ("not-discussed", "We have not talked about this yet"),
)

_PATIENT_QUESTIONS: tuple[Question, ...] = (
    _q(
        "presence", "clinician-present", PATIENT,
        "In the last session, how far did the patient seem to feel listened to?",
        "Think of signs such as the patient repeating themselves, cutting the conversation short, "
        "or saying you were the first to really listen. Listening includes repeating their words "
        "back and asking them to say more.",
        ("not-heard", "They did not seem to feel heard: they repeated themselves or disengaged"),
        ("partly-heard", "Partly: they told their story but seemed unsure I had understood it"),
        ("heard", "They seemed to feel heard and told me what mattered to them"),
        ("understood", "They said or showed that they felt understood"),
    ),
    _q(
        "understanding", "patient-understanding", PATIENT,
        "How did the patient describe what is causing their back pain, what is likely to happen, "
        "and what can be done about it?",
        "Listen for the patient's own words about their condition, its likely course (prognosis) "
        "and the options. Whether their picture is evidence based is asked separately, below.",
        ("none", "They could not say: it is a mystery, or they are waiting for someone to find the cause"),
        ("fragments", "In fragments: a label or a scan finding, but no sense of course or options"),
        ("basic", "In broad terms: what it is and that there are things that can help"),
        ("clear", "Clearly, in their own words: the condition, its likely course and the options"),
    ),
    _q(
        "belief-harm", BELIEFS, PATIENT,
        "Does the patient believe that pain means their back is being harmed?",
        "For example stopping any movement that hurts for fear of damage, or expecting that more "
        "pain means more injury.",
        *_BELIEF_OPTIONS,
    ),
    _q(
        "belief-damage", BELIEFS, PATIENT,
        "Does the patient believe their spine is damaged, worn out or fragile?",
        "For example a scan report read as a broken back, or being told they have \"the spine of "
        "an 80-year-old\".",
        *_BELIEF_OPTIONS,
    ),
    _q(
        "belief-protect", BELIEFS, PATIENT,
        "Does the patient believe they must brace, guard or protect their back?",
        "For example always bracing the core, never bending or rounding the back, or avoiding "
        "lifting altogether.",
        *_BELIEF_OPTIONS,
    ),
    _q(
        "trust", "strong-alliance", PATIENT,
        "How would you describe the trust and the bond between you and the patient?",
        "Think of how openly they talk to you, whether they accept your explanations, and whether "
        "they come back.",
        ("distrust", "Distrustful: they doubt what I say or expect me to let them down"),
        ("guarded", "Guarded: polite, but they keep their distance"),
        ("developing", "Developing: they are starting to trust me"),
        ("strong", "Strong: they trust me and talk openly"),
    ),
    _q(
        "agreement", "strong-alliance", PATIENT,
        "How far do you and the patient agree on the goals of care and on what each of you will do?",
        "Goals are what the patient wants to be able to do; tasks are what happens in and between "
        "sessions to get there.",
        ("disagree", "We disagree: they want something I do not think will help"),
        ("unclear", "Unclear: we have not talked about goals and tasks together"),
        ("partly", "Partly: we agree on the goals but not yet on how to get there"),
        ("agreed", "We agree on both, and they helped set them"),
    ),
    _q(
        "participation", "active-participation", PATIENT,
        "How did the patient take part in the assessment, the decisions and the treatment?",
        "Active participation means the patient contributes, not only that they turn up and comply.",
        ("passive", "Passively: they waited to be examined, told and treated"),
        ("occasional", "Occasionally: they asked some questions but left the decisions to me"),
        ("active", "Actively: they helped decide and took part in the treatment"),
        ("leading", "Leading: they brought ideas, tried things between sessions and reported back"),
    ),
    _q(
        "in-charge", "patient-in-charge", PATIENT,
        "Who is in charge of managing the patient's back from day to day?",
        "Not who is in charge of the sessions, but who leads what happens the rest of the week.",
        ("others", "Others: they expect me or another professional to fix it"),
        ("shared", "Shared: they manage with my close guidance"),
        ("patient", "The patient: they lead it, and use me for advice"),
    ),
    _q(
        "responsibility", "takes-responsibility", PATIENT,
        "When the plan needs the patient to act, what do they do?",
        "For example keeping up an exercise, pacing an activity, or returning to work in steps.",
        ("avoids", "They see it as someone else's job"),
        ("when-reminded", "They act when reminded or checked on"),
        ("owns", "They own it and follow it through without prompting"),
    ),
    _q(
        "help-available", "knows-help-available", PATIENT,
        "Does the patient know when and where to get help if their back flares up?",
        "For example knowing what a flare-up usually looks like, what to try first, and when to "
        "book an appointment or see their doctor.",
        ("no", "No: a flare-up would leave them stuck or in crisis"),
        ("unsure", "Unsure: they know they could come back but not when it would help"),
        ("yes", "Yes: they know what to do first and when to seek help"),
    ),
    _q(
        "care-seeking", CARE_SEEKING, PATIENT,
        "What is the pattern of the patient's care seeking?",
        "Think of the whole history: the professionals they have seen, the tests and treatments "
        "they asked for, and what they turned down.",
        ("appropriate", "Appropriate: they seek care when needed and follow one plan through"),
        ("dependent", "Dependent: they rely on frequent appointments for relief"),
        ("shopping", "Driving it themselves: going from one professional to the next for a fix "
         "(a scan, an injection, a new medication)"),
        ("refusing", "Refusing: they turn down what is offered, for example exercise, having "
         "decided it will not work"),
    ),
    _q(
        SELF_MANAGEMENT, SELF_MANAGEMENT, PATIENT,
        "How has the patient engaged with self-management and homework so far?",
        "If no homework has been set yet, answer for what they already do for their back on their own.",
        ("declines", "They decline it or say it does not work"),
        ("rarely", "Rarely: they seldom do it"),
        ("partly", "Partly: some of it, some of the time"),
        ("regularly", "Regularly: it is part of their week"),
    ),
)

_SELF_CHECK_QUESTIONS: tuple[Question, ...] = (
    _q(
        "check-understand", "understand", SELF_CHECK,
        "Have I understood this patient's expectations, beliefs and past experience of care?",
        "Beyond the history and examination: what they expect from you, what they believe about "
        "their back, and what has helped or harmed before.",
        ("not-yet", "Not yet: I know the clinical picture but little of the person"),
        ("partly", "Partly: I know some of it but have not asked about all three"),
        ("well", "Well: I could tell a colleague what they expect, believe and have been through"),
    ),
    _q(
        "check-rapport", "rapport", SELF_CHECK,
        "Have I built rapport with this patient, in their own language?",
        "Reassurance, using the patient's own words for their pain, and humour where it suits them.",
        ("not-yet", "Not yet: our conversations feel formal or one-sided"),
        ("partly", "Partly: some reassurance, but I mostly use my own terms"),
        ("well", "Well: I reassure them in their words, and we have found a way of talking that works"),
    ),
    _q(
        "check-adapt", "adapt", SELF_CHECK,
        "Have I adapted the assessment and treatment to this patient?",
        "For example explaining why you ask them to fill in questionnaires, offering the hands-on "
        "care they expect alongside an active approach, or setting one or two exercises instead of "
        "many.",
        ("not-yet", "Not yet: they get my standard assessment and programme"),
        ("partly", "Partly: I have changed some things for them"),
        ("well", "Well: the assessment and treatment fit their expectations and what they will do"),
    ),
    _q(
        "check-educate", "educate-empower", SELF_CHECK,
        "Have I educated and empowered this patient to manage their back?",
        "For example that pain is not the same as harm, and that homework and self-management are "
        "the most important part.",
        ("not-yet", "Not yet: we have not talked about what their pain means or set homework"),
        ("partly", "Partly: some explanation or homework, but it has not landed yet"),
        ("well", "Well: they understand pain is not harm and own their homework"),
    ),
    _q(
        "check-review", "review", SELF_CHECK,
        "Have I reviewed progress with this patient?",
        "For example a clinical audit: looking together at their homework and their outcomes, to "
        "win buy-in and decide what to work on next.",
        ("not-yet", "Not yet: we have not looked back at progress together"),
        ("partly", "Partly: I check progress, but on my own rather than with them"),
        ("well", "Well: we review progress together and agree what comes next"),
    ),
)

QUESTIONS: tuple[Question, ...] = _PATIENT_QUESTIONS + _SELF_CHECK_QUESTIONS
QUESTIONS_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}
QUESTION_IDS: tuple[str, ...] = tuple(question.id for question in QUESTIONS)
SELF_CHECK_BY_STEP: dict[str, Question] = {
    question.feature: question for question in QUESTIONS if question.group == SELF_CHECK
}


def option_label(question_id: str, option_id: str) -> str:
    """The label of one answer to one question."""
    return next(option.label for option in QUESTIONS_BY_ID[question_id].options if option.id == option_id)


def validate_answers(answers: object) -> dict[str, str]:
    """The answers as a plain dict in question order, or ``AllianceInputError`` listing every problem.

    Problems: not an object; an unknown question id; an answer that is not a
    string; an option id the question does not have; a missing question.
    """
    if not isinstance(answers, Mapping):
        raise AllianceInputError(
            Problem("answers", f"The answers must be an object mapping question ids to option ids, "
                               f"not {kind(answers)}.")
        )
    problems: list[Problem] = []
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
    for question_id in QUESTION_IDS:
        if question_id not in answers:
            problems.append(Problem(question_id, f"Question '{question_id}' has no answer."))
    if problems:
        raise AllianceInputError(capped(problems))
    return {question_id: answers[question_id] for question_id in QUESTION_IDS}


def _check() -> None:
    if len(QUESTIONS_BY_ID) != len(QUESTIONS):
        raise ValueError("two questions share an id")
    groups = {group_id for group_id, _legend, _intro in GROUPS}
    features = set(model.CRITERIA_BY_ID) | set(model.CYCLE_IDS) | {BELIEFS, CARE_SEEKING, SELF_MANAGEMENT}
    for question in QUESTIONS:
        if question.group not in groups:
            raise ValueError(f"question {question.id!r}: unknown group {question.group!r}")
        if question.feature not in features:
            raise ValueError(f"question {question.id!r}: unknown feature {question.feature!r}")
        if len(set(question.option_ids())) != len(question.options):
            raise ValueError(f"question {question.id!r}: two options share an id")
    if set(SELF_CHECK_BY_STEP) != set(model.CYCLE_IDS):
        raise ValueError("the self-check needs exactly one question per cycle step")


_check()
