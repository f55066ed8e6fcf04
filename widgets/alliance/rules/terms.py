"""Conditions on the plan inputs that many plan rules share, named once."""

from __future__ import annotations

from alliance.conditions import Any, InputBelow, InputHas, InputIs, Not

FIRST_SESSION = InputIs("session_number", 1)
LATER_SESSION = Not(FIRST_SESSION)
SHORT_SESSION_MINUTES = 20  # below this, the plan keeps to one message and one or two exercises
SHORT_SESSION = InputBelow("time_minutes", SHORT_SESSION_MINUTES)

LEVEL_1 = InputIs("level", "non-encounter")
LEVEL_2 = InputIs("level", "seeking-support")
LEVELS_1_2 = InputIs("level", "non-encounter", "seeking-support")
LEVELS_3_4 = InputIs("level", "empowering-collaboration", "autonomic-agency")
LEVEL_4 = InputIs("level", "autonomic-agency")

UNHEALTHY_AUTONOMY = InputHas("flags", "unhealthy-autonomy")
UNHELPFUL_MODEL = InputHas("flags", "unhelpful-model")
INCONSISTENT = InputHas("flags", "inconsistent")

HANDS_ON_EXPECTED = InputHas("expectations", "hands-on")
# Manual techniques the plan may propose, in order of preference.
MANUAL_TECHNIQUES: tuple[str, ...] = ("mobilisation", "massage", "spinal-manipulation")
MANUAL_TECHNIQUE_AVAILABLE = Any(*(Not(InputHas("bad_experiences", t)) for t in MANUAL_TECHNIQUES))


def weak(*steps: str) -> InputHas | Any:
    """Any of these cycle steps is among the clinician's weakest."""
    conditions = [InputHas("weakest_steps", step) for step in steps]
    return conditions[0] if len(conditions) == 1 else Any(*conditions)


def made_worse(technique: str) -> InputHas:
    """The patient says this treatment made their back worse."""
    return InputHas("bad_experiences", technique)


def believes(belief: str) -> InputHas:
    return InputHas("beliefs", belief)


def expects(expectation: str) -> InputHas:
    return InputHas("expectations", expectation)
