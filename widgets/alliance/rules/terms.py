"""Conditions on the plan inputs that many plan rules share, named once."""

from __future__ import annotations

from alliance.conditions import (
    All,
    Any,
    Condition,
    InputBelow,
    InputEmpty,
    InputHas,
    InputIs,
    MaybeWorse,
    Not,
    Worse,
)
from alliance.rules.techniques import FORCE, HANDS_ON_PREFERENCE

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
# While the patient's model of the back needs re-education, or their autonomy is unhealthy, the plan
# keeps the lead: no item hands it to the patient (ItemRule.hands_over).
KEEP_THE_LEAD = Any(UNHELPFUL_MODEL, UNHEALTHY_AUTONOMY)

YELLOW_FLAGS = Not(InputEmpty("yellow_flags"))
HANDS_ON_EXPECTED = InputHas("expectations", "hands-on")


def harmed(technique: str) -> Condition:
    """The patient says this treatment made things worse, or what was typed may mean it."""
    return Any(Worse(technique), MaybeWorse(technique))


def no_escalation(technique: str) -> Condition:
    """Neither this manual technique nor any less forceful one made things worse (``FORCE``): then
    offering it is no step up from anything that harmed."""
    up_to = FORCE[: FORCE.index(technique) + 1]
    return All(*(Not(harmed(t)) for t in up_to))


def hands_on_offered(technique: str) -> Condition:
    """The patient expects hands-on care and ``technique`` is the first of ``HANDS_ON_PREFERENCE`` that
    is no step up from anything that harmed."""
    earlier = HANDS_ON_PREFERENCE[: HANDS_ON_PREFERENCE.index(technique)]
    return All(HANDS_ON_EXPECTED, no_escalation(technique), *(Not(no_escalation(t)) for t in earlier))


HANDS_ON_OFFERED = Any(*(hands_on_offered(t) for t in HANDS_ON_PREFERENCE))
NO_HANDS_ON_TECHNIQUE = All(HANDS_ON_EXPECTED, Not(HANDS_ON_OFFERED))


def hands_over(when: Condition) -> Condition:
    """The condition of an item that hands the lead to the patient: ``when``, and not while the plan
    keeps the lead."""
    return All(when, Not(KEEP_THE_LEAD))


def weak(*steps: str) -> InputHas | Any:
    """Any of these cycle steps is among the clinician's weakest."""
    conditions = [InputHas("weakest_steps", step) for step in steps]
    return conditions[0] if len(conditions) == 1 else Any(*conditions)


def made_worse(technique: str) -> Condition:
    """The patient says this treatment made their back worse (or what was typed may mean it)."""
    return harmed(technique)


def believes(belief: str) -> InputHas:
    return InputHas("beliefs", belief)


def expects(expectation: str) -> InputHas:
    return InputHas("expectations", expectation)


def yellow(flag: str) -> InputHas:
    return InputHas("yellow_flags", flag)
