"""Shared helpers for the package's own tests (stdlib only: these tests also run in Pyodide)."""

from __future__ import annotations

import random
from collections.abc import Callable

from alliance.errors import AllianceInputError
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import MULTI, QUESTIONS, QUESTIONS_BY_ID, Question

# A patient at each level, with no flags; each level adds what the step up needs.
NON_ENCOUNTER: dict[str, object] = {
    "presence": "partly-heard",
    "understanding": "fragments",
    "belief-harm": "no",
    "belief-damage": "no",
    "belief-protect": "no",
    "trust": "guarded",
    "agreement": "unclear",
    "participation-treatment": "when-asked",
    "participation-decisions": "asks",
    "in-charge-care-seeking": "shared",
    "in-charge-treatment": "shared",
    "responsibility": "when-reminded",
    "help-available": "unsure",
    "care-seeking": ["appropriate"],
    "self-management": "partly",
    "yellow-flags": ["none"],
    "check-understand": "partly",
    "check-rapport": "partly",
    "check-adapt": "partly",
    "check-educate": "partly",
    "check-review": "partly",
}
SEEKING_SUPPORT = {**NON_ENCOUNTER, "presence": "heard", "understanding": "basic"}
EMPOWERING_COLLABORATION = {
    **SEEKING_SUPPORT,
    "trust": "strong",
    "agreement": "agreed",
    "participation-treatment": "active",
    "participation-decisions": "shares",
}
AUTONOMIC_AGENCY = {
    **EMPOWERING_COLLABORATION,
    "in-charge-treatment": "patient",
    "responsibility": "owns",
    "help-available": "yes",
}
BY_LEVEL: dict[str, dict[str, object]] = {
    "non-encounter": NON_ENCOUNTER,
    "seeking-support": SEEKING_SUPPORT,
    "empowering-collaboration": EMPOWERING_COLLABORATION,
    "autonomic-agency": AUTONOMIC_AGENCY,
}


def answers(base: dict[str, object] | None = None, **changes: object) -> dict[str, object]:
    """A copy of ``base`` (default: non-encounter) with changes; ``in_charge_treatment`` means
    ``in-charge-treatment``."""
    result = dict(NON_ENCOUNTER if base is None else base)
    for key, value in changes.items():
        question_id = key.replace("_", "-")
        assert question_id in QUESTIONS_BY_ID, question_id
        result[question_id] = value
    return result


def random_answer(question: Question, rng: random.Random) -> object:
    """A random valid answer: one option, or for a multiple choice a non-empty set that respects its
    exclusive options."""
    if question.kind != MULTI:
        return rng.choice(question.options).id
    if rng.random() < 0.25:
        return [rng.choice(question.options).id]
    others = [option for option in question.option_ids() if option not in question.exclusive]
    return sorted(rng.sample(others, rng.randint(1, len(others))), key=question.option_ids().index)


def every_answer(question: Question) -> list[object]:
    """Every valid answer to a question (for a multiple choice, every allowed set)."""
    if question.kind != MULTI:
        return list(question.option_ids())
    others = [option for option in question.option_ids() if option not in question.exclusive]
    sets: list[object] = [[option] for option in question.exclusive]
    for mask in range(1, 2 ** len(others)):
        sets.append([option for bit, option in enumerate(others) if mask >> bit & 1])
    return sets


def random_answers(rng: random.Random) -> dict[str, object]:
    """A random complete, valid answer set."""
    return {question.id: random_answer(question, rng) for question in QUESTIONS}


# The review of issue 21 typed these as having made things worse; before it, each let a hands-on technique
# be proposed with only a general caution.
REVIEW_TYPED = ("PAIVMs", "the osteo", "bone setter pushing on my spine",
                "she popped my back and it locked up",
                "Kaltenborn", "activator", "McTimoney", "activator and McTimoney",
                "grade V thrust, then grade IV PAs")
TYPED = ("", "heat", "traction", "spinal mobilisation", "Mobs", "manip", "S.T.M.", "acupuncture/dry needling",
         "TENS", "mobilization", "massge", "physio", "the chiropractor", "Pilates", "manual therapy",
         "<b>taping</b> & @someone", "mobs helped, but the manip made it worse", "the thing she did",
         "massage \U0001f44d", *REVIEW_TYPED)


def random_choice(field: object, rng: random.Random) -> list[str]:
    """A random set of a multiple-choice field's options that respects its exclusive options."""
    options = list(field.option_ids())  # type: ignore[attr-defined]
    exclusive = field.exclusive  # type: ignore[attr-defined]
    if exclusive and rng.random() < 0.2:
        return [rng.choice(exclusive)]
    others = [option for option in options if option not in exclusive]
    return sorted(rng.sample(others, rng.randrange(len(others) + 1)), key=options.index)


def random_plan_inputs(rng: random.Random, texts: tuple[str, ...] = TYPED) -> dict[str, object]:
    """Random valid plan inputs: each optional field present or not."""
    inputs: dict[str, object] = {}
    for field in PLAN_FIELDS:
        if not field.required and rng.random() < 0.3:
            continue
        if field.kind == "single":
            inputs[field.id] = rng.choice(field.option_ids())
        elif field.kind == "multi":
            inputs[field.id] = random_choice(field, rng)
        elif field.kind == "number":
            inputs[field.id] = rng.randint(field.minimum or 0, field.maximum or 100)
        else:
            inputs[field.id] = rng.choice(texts)
    return inputs


def raises_input_error(call: Callable[[], object]) -> AllianceInputError:
    """The ``AllianceInputError`` that ``call`` raises (fails if it returns or raises anything else)."""
    try:
        call()
    except AllianceInputError as error:
        return error
    raise AssertionError("expected AllianceInputError, but the call returned")
