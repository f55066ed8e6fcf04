"""From a classification result to the plan builder's inputs: the result's output, nothing else.

The level, the flags and the weakest steps come from the result; so do the
beliefs and the readiness for exercise the answers imply (``result.carry``,
from the table ``rules.classifier.CARRY``). What a result cannot know
(expectations, past treatments, time, rapport) takes its default, for the
clinician to fill in.
"""

from __future__ import annotations

from alliance.errors import AllianceInputError, Problem
from alliance.plan_fields import PLAN_FIELDS_BY_ID, validate_plan_inputs
from alliance.results import ClassificationResult
from alliance.validate import kind


def carried_inputs(result: ClassificationResult) -> dict[str, object]:
    """The plan inputs a classification result gives (the level, flags, weakest steps and what
    ``result.carry`` holds), and nothing else: not the session number, which only the clinician knows."""
    if not isinstance(result, ClassificationResult):
        raise AllianceInputError(Problem("result", f"Expected a classification result, not {kind(result)}."))
    inputs: dict[str, object] = {
        "level": result.stage,
        "weakest_steps": list(result.weakest_steps),
        "flags": list(result.flag_ids()),
    }
    for carried in result.carry:
        if PLAN_FIELDS_BY_ID[carried.field].kind == "multi":
            inputs.setdefault(carried.field, [])
            inputs[carried.field].append(carried.value)  # type: ignore[attr-defined]
        else:
            inputs[carried.field] = carried.value
    return inputs


def plan_inputs_from_result(result: ClassificationResult, session_number: int = 1) -> dict[str, object]:
    """The plan inputs a classification result implies, for session ``session_number`` (default 1)."""
    return validate_plan_inputs({**carried_inputs(result), "session_number": session_number})
