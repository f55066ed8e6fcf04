"""Conditions on the plan inputs that many plan rules share, named once. The longer ones are
:class:`~alliance.conditions.Term` s: the rules say them in a few words, and the rules page defines each
once."""

from __future__ import annotations

from alliance import model
from alliance.conditions import (
    All,
    Any,
    Condition,
    Helped,
    InputBelow,
    InputEmpty,
    InputHas,
    InputIs,
    MaybeWorse,
    Not,
    Raised,
    Term,
    TypedUnread,
    Worse,
)
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.rules.techniques import EVERY, FORCE, HANDS_ON_PREFERENCE, TECHNIQUES_BY_ID

FIRST_SESSION = InputIs("session_number", 1)
LATER_SESSION = Not(FIRST_SESSION)
FROM_SESSION_4 = Not(InputBelow("session_number", 4))
SHORT_SESSION_MINUTES = 20  # below this, the plan keeps to one message and one or two exercises
SHORT_SESSION = InputBelow("time_minutes", SHORT_SESSION_MINUTES)

LEVEL_1 = InputIs("level", "non-encounter")
LEVEL_2 = InputIs("level", "seeking-support")
LEVELS_1_2 = Term("level-1-or-2", "the level is 1 or 2", InputIs("level", "non-encounter", "seeking-support"),
                  denies="the level is 3 or 4")
LEVELS_3_4 = Term("level-3-or-4", "the level is 3 or 4",
                  InputIs("level", "empowering-collaboration", "autonomic-agency"),
                  denies="the level is 1 or 2")
LEVEL_4 = InputIs("level", "autonomic-agency")

# Screening for serious pathology.
NOT_SCREENED = InputIs("screening", "not-yet")
CONCERNS = InputIs("screening", "concerns")
NO_CONCERNS = Not(CONCERNS)

# The flags, ticked or implied by the inputs through the classifier's own rules (alliance.derive).
UNHEALTHY_AUTONOMY = Raised("unhealthy-autonomy")
UNHELPFUL_MODEL = Raised("unhelpful-model")
INCONSISTENT = Raised("inconsistent")
AGENCY_WITH_YELLOW_FLAGS = Raised("agency-with-yellow-flags")
# The patient's model of the back needs re-education, or their autonomy is unhealthy.
MODEL_OR_AUTONOMY = Any(UNHELPFUL_MODEL, UNHEALTHY_AUTONOMY)
ANY_FLAG = Term("a-flag-raised", "a flag is raised (ticked, or implied by the inputs)",
                Any(*(Raised(flag.id) for flag in model.FLAGS)), denies="no flag is raised")

BELIEF_FIELDS = ("belief_harm", "belief_damage", "belief_protect", "belief_exercise")


def holds(belief_field: str) -> Term:
    """The patient voiced this belief (held firmly, partly, or how firmly is not known)."""
    label = PLAN_FIELDS_BY_ID[belief_field].label
    belief = label[0].lower() + label[1:]
    return Term(f"voices-{belief_field.replace('_', '-')}", f"the patient voices {belief}",
                InputIs(belief_field, "firmly", "partly", "unsure"),
                denies=f"the patient does not voice {belief}")


FIRM_OR_UNSURE = Term(
    "a-belief-held-firmly-or-unsure",
    "a harmful belief is held firmly, or it is not known how firmly",
    Any(*(InputIs(field, "firmly", "unsure") for field in BELIEF_FIELDS)),
    denies="no harmful belief is held firmly, and none is voiced without knowing how firmly",
)
UNSURE_HOW_FIRMLY = Term("unsure-how-firmly", "a harmful belief is voiced without knowing how firmly",
                         Any(*(InputIs(field, "unsure") for field in BELIEF_FIELDS)))
# What holds back handing the lead to the patient (and a fuller programme): a flag, or a harmful belief
# held firmly or not known how firmly (the safe reading of what is not known).
HOLD_THE_LEAD = Term(
    "the-lead-held-back",
    "the lead is held back",
    Any(ANY_FLAG, FIRM_OR_UNSURE),
    denies="nothing holds the lead back",
)

YELLOW_FLAGS = Not(InputEmpty("yellow_flags"))
EXPECTATIONS_UNKNOWN = Term("expectations-unknown", "what the patient expects from care is not yet known",
                            Any(InputEmpty("expectations"), InputHas("expectations", "unknown")))
HANDS_ON_EXPECTED = InputHas("expectations", "hands-on")
READ_WHOLE = Not(TypedUnread())
NOT_READ_WHOLE = TypedUnread()
# The patient already exercises: regularly, or partly from session 4 on (no starter dose then).
ALREADY_EXERCISES = Term(
    "already-exercises",
    "the patient already exercises",
    Any(InputIs("self_management", "regularly"), All(FROM_SESSION_4, InputIs("self_management", "partly"))),
    denies="the patient does not already exercise",
)


def _name(technique: str) -> str:
    return TECHNIQUES_BY_ID[technique].name


def harmed(technique: str) -> Term:
    """The patient says this treatment made things worse, or what was typed may mean it."""
    return Term(f"{technique}-harmed",
                f"{_name(technique)} made things worse (or what was typed may mean it)",
                Any(Worse(technique), MaybeWorse(technique)),
                denies=f"nothing says {_name(technique)} made things worse")


def no_escalation(technique: str) -> Term:
    """Neither this manual technique nor any less forceful one made things worse (``FORCE``): then
    offering it is no step up from anything that harmed."""
    up_to = FORCE[: FORCE.index(technique) + 1]
    return Term(
        f"nothing-rules-out-{technique}",
        f"nothing that made things worse rules out {_name(technique)}",
        All(*(Not(harmed(t)) for t in up_to)),
        denies=f"what made things worse rules out {_name(technique)} (it, or something less forceful)",
    )


def helped(technique: str) -> Helped:
    return Helped(technique)


def _before(first: str, then: str) -> Condition:
    """``first`` comes before ``then`` among the hands-on techniques: one that helped before comes
    first, then ``HANDS_ON_PREFERENCE``'s order."""
    if HANDS_ON_PREFERENCE.index(first) < HANDS_ON_PREFERENCE.index(then):
        return Any(helped(first), Not(helped(then)))
    return All(helped(first), Not(helped(then)))


def hands_on_offered(technique: str) -> Term:
    """The patient expects hands-on care, what was typed as making things worse is read whole, and
    ``technique`` is the first technique nothing rules out (what helped before first, then
    ``HANDS_ON_PREFERENCE``)."""
    others = [t for t in HANDS_ON_PREFERENCE if t != technique]
    return Term(
        f"offer-{technique}",
        f"{_name(technique)} is the hands-on technique to offer",
        All(HANDS_ON_EXPECTED, READ_WHOLE, no_escalation(technique),
            *(Not(All(no_escalation(other), _before(other, technique))) for other in others)),
        denies=f"{_name(technique)} is not the hands-on technique to offer",
    )


HANDS_ON_OFFERED = Term("hands-on-offered", "a hands-on technique is offered",
                        Any(*(hands_on_offered(t) for t in HANDS_ON_PREFERENCE)),
                        denies="no hands-on technique is offered")
NO_HANDS_ON_TECHNIQUE = All(HANDS_ON_EXPECTED, READ_WHOLE, Not(HANDS_ON_OFFERED))
HANDS_ON_UNSURE = All(HANDS_ON_EXPECTED, NOT_READ_WHOLE)
SOMETHING_HELPED = Term("something-helped", "something is typed as having helped before",
                        Any(*(helped(t) for t in EVERY)), denies="nothing is typed as having helped before")


def hands_over(when: Condition) -> Condition:
    """The condition of an item that hands the lead to the patient: ``when``, and nothing holds the lead
    back."""
    return All(when, Not(HOLD_THE_LEAD))


def weak(*steps: str) -> InputHas | Term:
    """Any of these cycle steps is among the clinician's weakest."""
    conditions = [InputHas("weakest_steps", step) for step in steps]
    if len(conditions) == 1:
        return conditions[0]
    names = " or ".join(f"\u201c{model.CYCLE_BY_ID[step].name}\u201d" for step in steps)
    return Term(f"weak-{'-'.join(steps)}", f"{names} is among your weakest steps of the cycle",
                Any(*conditions))


def expects(expectation: str) -> InputHas:
    return InputHas("expectations", expectation)


def yellow(flag: str) -> InputHas:
    return InputHas("yellow_flags", flag)
