"""Versions of what the tools read and write, and how what an earlier version wrote is read.

Everything the tools write for people to keep (share links, the classifier's
answers, plan inputs, result and plan documents) carries ``"version"``. What
an earlier version wrote either loads through the migration below, with notes
saying what changed, or fails with a message that says what changed and what
to do. It never loads silently wrong: an answer the old questions cannot give
is asked again, not guessed.

- Answers, version 1 (before the clinical review of issue 16): one question
  "who is in charge" (about day-to-day management), one about taking part in
  assessment, decisions and treatment, one care-seeking pattern, no yellow
  flags. Version 2 asks who leads day-to-day management and who decides where
  care is sought separately, asks about taking part in the treatment and in
  decisions separately, lets care-seeking patterns be ticked together, and
  asks about yellow flags. What version 1 said exactly is carried over; each
  question it cannot answer is reported by its id, with what changed.
- Plan inputs, version 1: the same inputs as version 2 less the patient's
  goals and the yellow flags, which version 2 adds as optional inputs.
- Plan inputs, version 2 (before the clinical review of issue 21): one list
  of beliefs the patient voiced, without how firmly. Version 3 asks about each
  belief as the classifier does (firmly, partly, not at all, not discussed),
  and adds the screening for serious pathology, the care-seeking patterns,
  self-management so far and what helped before. A belief version 2 ticked is
  read as voiced without knowing how firmly (``unsure``: the plan keeps the
  lead and asks to check, which is the safe reading), one it did not tick as
  not discussed (version 2 did not say whether it was asked); the screening as
  not yet done (the plan's first item is to screen). Each note says what is
  new and how it was read.

Inputs without ``"version"`` are read as version 1 when they hold a key only
version 1 had (``participation``, ``in-charge``), or, for plan inputs, as the
latest version whose keys they fit: 3 with a key only version 3 has, 2 with
the list of beliefs and a key version 2 added, 1 otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from alliance.errors import AllianceInputError, Problem
from alliance.questions import QUESTIONS_BY_ID
from alliance.validate import is_integer, kind, show

VERSION_KEY = "version"
ANSWERS_VERSION = 2
PLAN_INPUTS_VERSION = 3
RESULT_VERSION = 3
PLAN_VERSION = 3


class Read(NamedTuple):
    """Values read from a document (still to be validated), the version they were written for, and
    notes on what a migration changed (empty for the current version)."""

    values: dict[str, object]
    version: int
    notes: tuple[str, ...]


def versioned(values: Mapping[str, object], version: int) -> dict[str, object]:
    """``values`` with the version they are written for, first."""
    return {VERSION_KEY: version, **{key: value for key, value in values.items() if key != VERSION_KEY}}


def _version(data: Mapping[str, object], current: int, what: str, guess: int) -> int:
    if VERSION_KEY not in data:
        return guess
    version = data[VERSION_KEY]
    if not is_integer(version) or int(version) < 1:  # type: ignore[call-overload]
        message = f"The {what} have a version that is not a whole number from 1 ({show(version)})."
        raise AllianceInputError(Problem(VERSION_KEY, message))
    number = int(version)  # type: ignore[call-overload]
    if number > current:
        message = (f"The {what} were made by a newer version of the guide's tools (version {number}), and "
                   f"this one reads versions 1 to {current}: open them with the newer version of the guide.")
        raise AllianceInputError(Problem(VERSION_KEY, message))
    return number


def _object(data: object, what: str) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise AllianceInputError(
            Problem(what.split()[-1], f"The {what} must be an object, not {kind(data)}.")
        )
    return data


# --- answers -------------------------------------------------------------------------------------

ANSWERS_1_ONLY = ("participation", "in-charge")

ANSWERS_CHANGES_1_TO_2: tuple[str, ...] = (
    "\u201cWho is in charge\u201d is now two questions: who leads the management of the back from day to day "
    "(what the old question asked, carried over) and who decides where the patient seeks care (new).",
    "Taking part in assessment, decisions and treatment is now two questions: taking part in the "
    "assessment and treatment, and taking part in decisions. Where the old answer said both, it is "
    "carried over.",
    "Care-seeking patterns can now be ticked together; the one ticked is carried over.",
    "A new question asks about yellow flags (fear of movement, distress, a low expectation of recovery).",
)

# Version 1's answer to "participation" -> what it said about treatment and about decisions (None: it
# did not say).
_PARTICIPATION_1: dict[str, tuple[str | None, str | None]] = {
    "passive": ("passive", "leaves"),  # "waited to be examined, told and treated"
    "occasional": (None, "asks"),  # "asked some questions but left the decisions to me"
    "active": ("active", "shares"),  # "helped decide and took part in the treatment"
    "leading": ("leading", None),  # "brought ideas, tried things between sessions and reported back"
}


def answers_1_to_2(old: Mapping[str, object]) -> tuple[dict[str, object], list[str]]:
    """Version 1 answers as version 2 answers, and the questions version 1 cannot answer."""
    new = {key: value for key, value in old.items() if key not in (*ANSWERS_1_ONLY, VERSION_KEY)}
    if "in-charge" in old:
        new["in-charge-treatment"] = old["in-charge"]
    treatment, decisions = _PARTICIPATION_1.get(str(old.get("participation")), (None, None))
    if treatment:
        new["participation-treatment"] = treatment
    if decisions:
        new["participation-decisions"] = decisions
    seeking = old.get("care-seeking")
    if isinstance(seeking, str):
        new["care-seeking"] = [seeking]
    if seeking == "shopping":  # "going from one professional to the next": the patient decides
        new["in-charge-care-seeking"] = "patient"
    unanswered = [
        question
        for question in (
            "participation-treatment",
            "participation-decisions",
            "in-charge-care-seeking",
            "yellow-flags",
        )
        if question not in new
    ]
    return new, unanswered


def read_answers(data: object) -> Read:
    """The answers in ``data``, migrated to the current questions; ``AllianceInputError`` if they cannot
    be (each question an earlier version cannot answer is a problem naming it, and the error's
    ``partial`` holds what was carried over, its ``notes`` what changed)."""
    answers = _object(data, "answers")
    guess = 1 if any(key in answers for key in ANSWERS_1_ONLY) else ANSWERS_VERSION
    version = _version(answers, ANSWERS_VERSION, "answers", guess)
    if version == ANSWERS_VERSION:
        return Read({k: v for k, v in answers.items() if k != VERSION_KEY}, version, ())
    migrated, unanswered = answers_1_to_2(answers)
    if unanswered:
        problems = [
            Problem(
                question,
                f"{QUESTIONS_BY_ID[question].quoted()} is new since these answers "
                "were made, and they cannot say: choose an answer.",
            )
            for question in unanswered
        ]
        error = AllianceInputError(problems)
        error.partial, error.notes = migrated, ANSWERS_CHANGES_1_TO_2
        raise error
    return Read(migrated, version, ANSWERS_CHANGES_1_TO_2)


# --- plan inputs ---------------------------------------------------------------------------------

PLAN_INPUTS_2_NEW = ("patient_goals", "yellow_flags")
PLAN_INPUTS_3_NEW = ("screening", "belief_harm", "belief_damage", "belief_protect", "belief_exercise",
                     "care_seeking", "self_management", "helped_before")
PLAN_INPUTS_CHANGES_1_TO_2 = (
    "the plan builder now also asks for the patient's own goals and the yellow flags you have noticed: they "
    "are left empty here, so add them if you know them."
)
# Version 2's list of beliefs -> version 3's field for each belief.
BELIEFS_2_TO_3: dict[str, str] = {
    "pain-means-harm": "belief_harm",
    "structural-damage": "belief_damage",
    "brace-protect": "belief_protect",
    "exercise-does-not-work": "belief_exercise",
}
PLAN_INPUTS_CHANGES_2_TO_3 = (
    "the plan builder now asks how firmly the patient holds each belief: a belief ticked here is read as "
    "voiced without knowing how firmly, so the plan keeps the lead and asks you to check, and one not "
    "ticked as not discussed yet",
    "it asks whether serious pathology has been screened for: read here as not yet, so the plan's first "
    "item is to screen; change it if you have",
    "it asks about the patient's care-seeking patterns, their self-management so far and what helped "
    "before: left empty here (not known), so add them if you know them",
)
PLAN_REBUILT = "The plan is built with the current rules."


def plan_inputs_2_to_3(old: Mapping[str, object]) -> dict[str, object]:
    """Version 1 or 2 plan inputs as version 3 inputs (still to be validated): each belief of the old
    list in its own field (``unsure`` if ticked, ``not-discussed`` if not); the new fields left to their
    defaults."""
    new = {key: value for key, value in old.items() if key not in ("beliefs", VERSION_KEY)}
    beliefs = old.get("beliefs", [])
    if not isinstance(beliefs, list | tuple) or not all(
        isinstance(belief, str) and belief in BELIEFS_2_TO_3 for belief in beliefs
    ):
        valid = ", ".join(BELIEFS_2_TO_3)
        message = (f"Unhelpful beliefs the patient holds (as version 2 of the plan builder asked): give a "
                   f"list of {valid} ({show(beliefs)} cannot be read).")
        raise AllianceInputError(Problem("beliefs", message))
    for belief, field in BELIEFS_2_TO_3.items():
        new[field] = "unsure" if belief in beliefs else "not-discussed"
    return new


def _plan_version_guess(inputs: Mapping[str, object]) -> int:
    if any(key in inputs for key in PLAN_INPUTS_3_NEW):
        return PLAN_INPUTS_VERSION
    return 2 if any(key in inputs for key in PLAN_INPUTS_2_NEW) else 1


def read_plan_inputs(data: object) -> Read:
    """The plan inputs in ``data``, migrated to the current fields (still to be validated)."""
    inputs = _object(data, "plan inputs")
    version = _version(inputs, PLAN_INPUTS_VERSION, "plan inputs", _plan_version_guess(inputs))
    values = {key: value for key, value in inputs.items() if key != VERSION_KEY}
    if version == PLAN_INPUTS_VERSION:
        return Read(values, version, ())
    said = (
        f"These inputs were made for version {version} of the plan builder"
        if VERSION_KEY in inputs
        else f"These inputs have no version number, so they are read as made for version {version} of the "
        "plan builder"
    )
    changes = ([PLAN_INPUTS_CHANGES_1_TO_2] if version == 1 else []) + list(PLAN_INPUTS_CHANGES_2_TO_3)
    notes = [f"{said}: {changes[0]}", *(f"Also: {change}." if not change.endswith(".") else f"Also: {change}"
                                       for change in changes[1:]), PLAN_REBUILT]
    notes[0] = notes[0] if notes[0].endswith(".") else notes[0] + "."
    return Read(plan_inputs_2_to_3(values), version, tuple(notes))
