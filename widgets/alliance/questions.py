"""The guide's own questions, each tied to one feature of the model.

The clinician answers them after a session, thinking about one patient. They
are written for this guide; they are not items of the Working Alliance
Inventory or of any other instrument, and the yellow flags are described in
the guide's own words, not in any screening questionnaire's.

Two groups:

- ``patient``: where the alliance with this patient stands. Each question's
  ``feature`` is a transition criterion of :mod:`alliance.model` (for example
  ``clinician-present``) or one of the extra features the classifier's flags
  and the plan read (``beliefs``, ``care-seeking``, ``autonomy``,
  ``self-management``, ``yellow-flags``).
- ``self-check``: the second half of the procedure, where the clinician asks
  where they fall short on the iterative cycle. Each question's ``feature`` is
  a cycle step id (``model.CYCLE``).

Options of the ordered questions run from the weakest answer to the
strongest; the classifier's thresholds name option ids, never positions.

Most questions take one answer (``kind == "single"``); a few take any number,
at least one (``"multi"``: care-seeking patterns that can all be true, the
yellow flags), with options that cannot be ticked with another
(``exclusive``: "appropriate", "none of these"). Answers map each question id
to an option id, or to a list of option ids for a multiple-choice question.
Each question has a ``short`` name, its own words in a listing ("care seeking:
driving it themselves").

Which questions a version of the answers has, and how answers written for an
earlier version are read, is :mod:`alliance.migrate`'s business.
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
    short: str  # the question's own words in a listing ("trust and bond")
    kind: str = "single"  # or "multi": any number of options, at least one
    exclusive: tuple[str, ...] = ()  # for "multi": options that cannot be ticked with another

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def label(self, option_id: str) -> str:
        return next(option.label for option in self.options if option.id == option_id)

    def quoted(self) -> str:
        """The question in its own words, quoted, for messages."""
        return f"\u201c{self.text}\u201d"


PATIENT = "patient"
SELF_CHECK = "self-check"
SINGLE, MULTI = "single", "multi"

# Features that are not transition criteria or cycle steps.
BELIEFS = "beliefs"
CARE_SEEKING = "care-seeking"
AUTONOMY = "autonomy"
SELF_MANAGEMENT = "self-management"
YELLOW_FLAGS = "yellow-flags"

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
    id: str, feature: str, group: str, short: str, text: str, help: str, *options: tuple[str, str],
    kind: str = SINGLE, exclusive: tuple[str, ...] = (),
) -> Question:
    return Question(
        id=id,
        text=text,
        help=help,
        options=tuple(Option(option_id, label) for option_id, label in options),
        feature=feature,
        group=group,
        short=short,
        kind=kind,
        exclusive=exclusive,
    )


_BELIEF_OPTIONS = (
    ("firmly", "Yes, firmly: it shapes what they do"),
    ("partly", "Partly: they mentioned it but are open to other views"),
    ("no", "No: they did not express this belief"),
    ("not-discussed", "We have not talked about this yet"),
)
_IN_CHARGE_OPTIONS = (
    ("others", "Others: they expect me or another professional to decide"),
    ("shared", "Shared: they decide with close guidance"),
    ("patient", "The patient: they decide, and use professionals for advice"),
)

_PATIENT_QUESTIONS: tuple[Question, ...] = (
    _q(
        "presence", "clinician-present", PATIENT, "feeling listened to",
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
        "understanding", "patient-understanding", PATIENT, "understanding of their back pain",
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
        "belief-harm", BELIEFS, PATIENT, "the belief that pain means harm",
        "Does the patient believe that pain means their back is being harmed?",
        "For example stopping any movement that hurts for fear of damage, or expecting that more "
        "pain means more injury.",
        *_BELIEF_OPTIONS,
    ),
    _q(
        "belief-damage", BELIEFS, PATIENT, "the belief that the spine is damaged",
        "Does the patient believe their spine is damaged, worn out or fragile?",
        "For example a scan report read as a broken back, or being told they have \"the spine of "
        "an 80-year-old\".",
        *_BELIEF_OPTIONS,
    ),
    _q(
        "belief-protect", BELIEFS, PATIENT, "the belief that the back must be protected",
        "Does the patient believe they must brace, guard or protect their back?",
        "For example always bracing the core, never bending or rounding the back, or avoiding "
        "lifting altogether.",
        *_BELIEF_OPTIONS,
    ),
    _q(
        "trust", "strong-alliance", PATIENT, "trust and bond",
        "How would you describe the trust and the bond between you and the patient?",
        "Think of how openly they talk to you, whether they accept your explanations, and whether "
        "they come back.",
        ("distrust", "Distrustful: they doubt what I say or expect me to let them down"),
        ("guarded", "Guarded: polite, but they keep their distance"),
        ("developing", "Developing: they are starting to trust me"),
        ("strong", "Strong: they trust me and talk openly"),
    ),
    _q(
        "agreement", "strong-alliance", PATIENT, "agreement on goals and tasks",
        "How far do you and the patient agree on the goals of care and on what each of you will do?",
        "Goals are what the patient wants to be able to do; tasks are what happens in and between "
        "sessions to get there.",
        ("disagree", "We disagree: they want something I do not think will help"),
        ("unclear", "Unclear: we have not talked about goals and tasks together"),
        ("partly", "Partly: we agree on the goals but not yet on how to get there"),
        ("agreed", "We agree on both, and they helped set them"),
    ),
    _q(
        "participation-treatment", "active-participation", PATIENT, "taking part in the treatment",
        "How did the patient take part in the assessment and the treatment?",
        "What they did in and between sessions, not whether they turned up. Taking part in decisions "
        "is the next question.",
        ("passive", "Passively: they waited to be examined and treated"),
        ("when-asked", "When asked: they joined in when I asked them to, but no more"),
        ("active", "Actively: they moved, tried things and told me what they noticed"),
        ("leading", "Leading: they brought ideas, tried things between sessions and reported back"),
    ),
    _q(
        "participation-decisions", "patient-in-charge", PATIENT, "taking part in decisions",
        "How did the patient take part in the decisions about their care?",
        "For example what to work on, which treatment to try, what the homework is.",
        ("leaves", "They left the decisions to me"),
        ("asks", "They asked questions, then went with what I suggested"),
        ("shares", "We decided together"),
        ("leads", "They led the decisions, with my advice"),
    ),
    _q(
        "in-charge-care-seeking", AUTONOMY, PATIENT, "in charge of care seeking",
        "Who decides when and where the patient seeks care: which professionals, tests and treatments?",
        "The patient's care seeking as a whole, beyond your sessions: who they see, what they ask "
        "for, whether they go elsewhere.",
        *_IN_CHARGE_OPTIONS,
    ),
    _q(
        "in-charge-treatment", "patient-in-charge", PATIENT, "in charge of day-to-day management",
        "Who leads the management of the patient's back from day to day?",
        "Not who is in charge of the sessions, or of where they seek care, but who leads what happens "
        "the rest of the week: exercise, activity, pacing.",
        ("others", "Others: they expect me or another professional to fix it"),
        ("shared", "Shared: they manage with my close guidance"),
        ("patient", "The patient: they lead it, and use me for advice"),
    ),
    _q(
        "responsibility", "takes-responsibility", PATIENT, "acting on the plan",
        "When the plan needs the patient to act, what do they do?",
        "For example keeping up an exercise, pacing an activity, or returning to work in steps.",
        ("avoids", "They see it as someone else's job"),
        ("when-reminded", "They act when reminded or checked on"),
        ("owns", "They own it and follow it through without prompting"),
    ),
    _q(
        "help-available", "knows-help-available", PATIENT, "knowing where to get help",
        "Does the patient know when and where to get help if their back flares up?",
        "For example knowing what a flare-up usually looks like, what to try first, and when to "
        "book an appointment or see their doctor.",
        ("no", "No: a flare-up would leave them stuck or in crisis"),
        ("unsure", "Unsure: they know they could come back but not when it would help"),
        ("yes", "Yes: they know what to do first and when to seek help"),
    ),
    _q(
        "care-seeking", CARE_SEEKING, PATIENT, "care seeking",
        "What patterns do you see in the patient's care seeking?",
        "Tick all that apply: several can be true at once. Think of the whole history: the professionals "
        "they have seen, the tests and treatments they asked for, and what they turned down.",
        ("appropriate", "Appropriate: they seek care when needed and follow one plan through"),
        ("dependent", "Dependent: they rely on frequent appointments for relief"),
        ("shopping", "Driving it themselves: going from one professional to the next for a fix "
         "(a scan, an injection, a new medication)"),
        ("refusing", "Refusing: they turn down what is offered, for example exercise, having "
         "decided it will not work"),
        kind=MULTI, exclusive=("appropriate",),
    ),
    _q(
        SELF_MANAGEMENT, SELF_MANAGEMENT, PATIENT, "self-management so far",
        "How has the patient engaged with self-management and homework so far?",
        "If no homework has been set yet, answer for what they already do for their back on their own.",
        ("declines", "They decline it or say it does not work"),
        ("rarely", "Rarely: they seldom do it"),
        ("partly", "Partly: some of it, some of the time"),
        ("regularly", "Regularly: it is part of their week"),
    ),
    _q(
        "yellow-flags", YELLOW_FLAGS, PATIENT, "yellow flags",
        "Have you noticed any of these in the patient?",
        "Tick all that apply. Psychological signs that recovery may be slower (often called yellow flags), "
        "in this guide's own words; they shape the pace of the plan, the dose of exercise and what to "
        "explain.",
        ("fear-of-movement", "Fear of movement: they avoid moving or activities, expecting pain or damage"),
        ("distress", "Distress: low mood, worry, or feeling overwhelmed by the pain"),
        ("low-expectation", "Low expectation of recovery: they do not expect to get better"),
        ("none", "None of these so far"),
        kind=MULTI, exclusive=("none",),
    ),
)

_SELF_CHECK_QUESTIONS: tuple[Question, ...] = (
    _q(
        "check-understand", "understand", SELF_CHECK, "your understanding of the patient",
        "Have I understood this patient's expectations, beliefs and past experience of care?",
        "Beyond the history and examination: what they expect from you, what they believe about "
        "their back, and what has helped or harmed before.",
        ("not-yet", "Not yet: I know the clinical picture but little of the person"),
        ("partly", "Partly: I know some of it but have not asked about all three"),
        ("well", "Well: I could tell a colleague what they expect, believe and have been through"),
    ),
    _q(
        "check-rapport", "rapport", SELF_CHECK, "your rapport",
        "Have I built rapport with this patient, in their own language?",
        "Reassurance, using the patient's own words for their pain, and humour where it suits them.",
        ("not-yet", "Not yet: our conversations feel formal or one-sided"),
        ("partly", "Partly: some reassurance, but I mostly use my own terms"),
        ("well", "Well: I reassure them in their words, and we have found a way of talking that works"),
    ),
    _q(
        "check-adapt", "adapt", SELF_CHECK, "adapting assessment and treatment",
        "Have I adapted the assessment and treatment to this patient?",
        "For example explaining why you ask them to fill in questionnaires, offering the hands-on "
        "care they expect alongside an active approach, or setting one or two exercises instead of "
        "many.",
        ("not-yet", "Not yet: they get my standard assessment and programme"),
        ("partly", "Partly: I have changed some things for them"),
        ("well", "Well: the assessment and treatment fit their expectations and what they will do"),
    ),
    _q(
        "check-educate", "educate-empower", SELF_CHECK, "educating and empowering",
        "Have I educated and empowered this patient to manage their back?",
        "For example that pain is not the same as harm, and that homework and self-management are "
        "the most important part.",
        ("not-yet", "Not yet: we have not talked about what their pain means or set homework"),
        ("partly", "Partly: some explanation or homework, but it has not landed yet"),
        ("well", "Well: they understand pain is not harm and own their homework"),
    ),
    _q(
        "check-review", "review", SELF_CHECK, "reviewing progress",
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

Answer = str | list[str]  # an option id, or a list of them for a multiple-choice question


def option_label(question_id: str, option_id: str) -> str:
    """The label of one answer to one question."""
    return QUESTIONS_BY_ID[question_id].label(option_id)


def chosen(answer: object) -> list[str]:
    """The option ids an answer holds (one for a single-choice question)."""
    return list(answer) if isinstance(answer, list | tuple) else [str(answer)]


def answer_words(question_id: str, answer: object) -> str:
    """The answer's labels, joined ("Driving it themselves: ...; Refusing: ...")."""
    return "; ".join(option_label(question_id, option) for option in chosen(answer))


def _answer_problems(question: Question, value: object) -> tuple[list[Problem], Answer | None]:
    where, words = question.id, question.quoted()
    ids = f"the option ids are {', '.join(question.option_ids())}"
    if value is None or value == []:
        return [Problem(where, f"{words} has no answer.")], None
    if question.kind == SINGLE:
        if not isinstance(value, str):
            message = f"{words}: the answer must be one of its options, not {kind(value)}."
            return [Problem(where, message, ids)], None
        if value not in question.option_ids():
            return [Problem(where, f"{words}: {show(value)} is not one of its answers.", ids)], None
        return [], value
    values = [value] if isinstance(value, str) else value  # one option id for a multiple choice: a list
    if not isinstance(values, list | tuple):
        message = f"{words}: the answer must be a list of its options, not {kind(value)}."
        return [Problem(where, message, ids)], None
    unknown = [item for item in values if not isinstance(item, str) or item not in question.option_ids()]
    if unknown:
        return [Problem(where, f"{words}: {', '.join(show(item) for item in unknown)} "
                               f"{'is' if len(unknown) == 1 else 'are'} not among its answers.", ids)], None
    picked = [option for option in question.option_ids() if option in values]
    if not picked:
        return [Problem(where, f"{words} has no answer: tick at least one.")], None
    alone = [option for option in picked if option in question.exclusive]
    if alone and len(picked) > 1:
        label = question.label(alone[0]).split(":", 1)[0]
        return [Problem(where, f"{words}: \u201c{label}\u201d cannot be ticked together with another "
                               "answer.")], None
    return [], picked


def validate_answers(answers: object) -> dict[str, Answer]:
    """The answers as a plain dict in question order, or ``AllianceInputError`` listing every problem.

    A multiple-choice answer comes back as a list in the options' order, once each. Problems: not
    an object; an unknown question id; an answer of the wrong type; an option id the question does
    not have; options that exclude each other; a missing question. Messages name the question in its
    own words. (Answers written for an earlier version of the questions are read by
    :func:`alliance.migrate.read_answers`, which then calls this.)
    """
    if not isinstance(answers, Mapping):
        raise AllianceInputError(
            Problem("answers", f"The answers must be an object mapping question ids to option ids, "
                               f"not {kind(answers)}.")
        )
    problems: list[Problem] = []
    clean: dict[str, Answer] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or key not in QUESTIONS_BY_ID:
            problems.append(Problem(key if isinstance(key, str) else "answers",
                                    f"Unknown question {show(key)}."))
            continue
        found, answer = _answer_problems(QUESTIONS_BY_ID[key], value)
        problems += found
        if answer is not None:
            clean[key] = answer
    for question in QUESTIONS:
        if question.id not in answers:
            problems.append(Problem(question.id, f"{question.quoted()} has no answer."))
    if problems:  # in the questions' order, unknown questions last
        order = {question_id: index for index, question_id in enumerate(QUESTION_IDS)}
        problems.sort(key=lambda problem: order.get(problem.field, len(order)))
        raise AllianceInputError(capped(problems))
    return {question_id: clean[question_id] for question_id in QUESTION_IDS}


def _check() -> None:
    if len(QUESTIONS_BY_ID) != len(QUESTIONS):
        raise ValueError("two questions share an id")
    groups = {group_id for group_id, _legend, _intro in GROUPS}
    features = (set(model.CRITERIA_BY_ID) | set(model.CYCLE_IDS)
                | {BELIEFS, CARE_SEEKING, AUTONOMY, SELF_MANAGEMENT, YELLOW_FLAGS})
    for question in QUESTIONS:
        if question.group not in groups:
            raise ValueError(f"question {question.id!r}: unknown group {question.group!r}")
        if question.feature not in features:
            raise ValueError(f"question {question.id!r}: unknown feature {question.feature!r}")
        if len(set(question.option_ids())) != len(question.options):
            raise ValueError(f"question {question.id!r}: two options share an id")
        if question.kind not in (SINGLE, MULTI) or not set(question.exclusive) <= set(question.option_ids()):
            raise ValueError(f"question {question.id!r}: unknown kind, or an exclusive option it lacks")
        if question.kind == SINGLE and question.exclusive:
            raise ValueError(f"question {question.id!r}: only a multiple choice has exclusive options")
    if set(SELF_CHECK_BY_STEP) != set(model.CYCLE_IDS):
        raise ValueError("the self-check needs exactly one question per cycle step")


_check()
