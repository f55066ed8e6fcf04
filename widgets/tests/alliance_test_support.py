"""Shared helpers for the package's own tests (stdlib only: these tests also run in Pyodide)."""

from __future__ import annotations

import random
from collections.abc import Callable

from alliance.errors import AllianceInputError
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS, QUESTIONS_BY_ID

# A patient at each level, with no flags; each level adds what the step up needs.
NON_ENCOUNTER: dict[str, str] = {
    "presence": "partly-heard",
    "understanding": "fragments",
    "belief-harm": "no",
    "belief-damage": "no",
    "belief-protect": "no",
    "trust": "guarded",
    "agreement": "unclear",
    "participation": "occasional",
    "in-charge": "shared",
    "responsibility": "when-reminded",
    "help-available": "unsure",
    "care-seeking": "appropriate",
    "self-management": "partly",
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
    "participation": "active",
}
AUTONOMIC_AGENCY = {
    **EMPOWERING_COLLABORATION,
    "in-charge": "patient",
    "responsibility": "owns",
    "help-available": "yes",
}
BY_LEVEL: dict[str, dict[str, str]] = {
    "non-encounter": NON_ENCOUNTER,
    "seeking-support": SEEKING_SUPPORT,
    "empowering-collaboration": EMPOWERING_COLLABORATION,
    "autonomic-agency": AUTONOMIC_AGENCY,
}


def answers(base: dict[str, str] | None = None, **changes: str) -> dict[str, str]:
    """A copy of ``base`` (default: non-encounter) with changes; ``in_charge`` means ``in-charge``."""
    result = dict(NON_ENCOUNTER if base is None else base)
    for key, value in changes.items():
        question_id = key.replace("_", "-")
        assert question_id in QUESTIONS_BY_ID, question_id
        result[question_id] = value
    return result


def random_answers(rng: random.Random) -> dict[str, str]:
    """A random complete, valid answer set."""
    return {question.id: rng.choice(question.options).id for question in QUESTIONS}


def random_plan_inputs(
    rng: random.Random, texts: tuple[str, ...] = ("", "heat", "traction")
) -> dict[str, object]:
    """Random valid plan inputs: each optional field present or not."""
    inputs: dict[str, object] = {}
    for field in PLAN_FIELDS:
        if not field.required and rng.random() < 0.3:
            continue
        if field.kind == "single":
            inputs[field.id] = rng.choice(field.option_ids())
        elif field.kind == "multi":
            inputs[field.id] = rng.sample(list(field.option_ids()), rng.randrange(len(field.options) + 1))
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
