"""The session-plan builder's rules, in the order the builder applies them.

1. ``AIMS``: the session's alliance aim; the first that applies (flags before levels).
2. ``AIM_NOTES``: sentences added to the aim's rationale.
3. ``ITEMS``: each section's items, section by section (``SECTIONS``), one
   module per section. Every item that applies is listed; those whose focus
   holds move to the top of their section.
4. ``LIMITS``: a section cut short (its first items kept, a note added).
5. ``AVOID``: what the plan rules out, and why.

Texts may hold the slots of ``SLOTS`` (``{level}``), filled from the inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from alliance import model
from alliance.conditions import Any, InputEmpty, InputGiven, InputIs, Not
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.rules import assessment_treatment, communication, education, exercise_homework, review
from alliance.rules.records import AimNote, AimRule, AvoidRule, ItemRule, LimitRule
from alliance.rules.terms import INCONSISTENT, UNHEALTHY_AUTONOMY, UNHELPFUL_MODEL, believes, made_worse

SECTIONS: Mapping[str, str] = MappingProxyType({
    communication.SECTION: "Communication and rapport",
    education.SECTION: "Education",
    assessment_treatment.SECTION: "Assessment and treatment",
    exercise_homework.SECTION: "Exercise and homework",
    review.SECTION: "What to review next time",
})


@dataclass(eq=False, repr=False)
class Slot:
    """A value a plan text can name in braces, worked out from the validated inputs."""

    meaning: str
    value: Callable[[Mapping[str, object]], object]


SLOTS: Mapping[str, Slot] = MappingProxyType({
    "level": Slot("the level's name", lambda inputs: model.level(str(inputs["level"])).name.lower()),
    "weakest": Slot(
        "the names of the weakest steps of the cycle",
        lambda inputs: ", ".join(model.CYCLE_BY_ID[str(step)].name.lower()
                                 for step in inputs["weakest_steps"]),  # type: ignore[attr-defined]
    ),
    "minutes": Slot("the session's length in minutes", lambda inputs: inputs["time_minutes"]),
    "first_third": Slot(
        "a third of the session's minutes, at least 5",
        lambda inputs: max(5, round(int(inputs["time_minutes"]) / 3)),  # type: ignore[call-overload]
    ),
    "other": Slot("the treatment the clinician typed", lambda inputs: inputs["other_bad_experience"]),
})

# --- 1. the aim ----------------------------------------------------------------------------------

AIMS: tuple[AimRule, ...] = (
    AimRule(
        id="aim.unhealthy-autonomy",
        when=UNHEALTHY_AUTONOMY,
        text=(
            "Lay the foundation first: help the patient understand their condition, its likely course and "
            "the options, so their independence rests on it."
        ),
        rationale=(
            "The classifier placed the patient at {level}, flagged for autonomy without the education "
            "foundation. The pyramid puts education on condition, prognosis and options at the base of a "
            "healthy alliance; without it, autonomy can be unhealthy."
        ),
        cite=(model.ARTICLE, model.HOLOPAINEN),
    ),
    AimRule(
        id="aim.unhelpful-model",
        when=UNHELPFUL_MODEL,
        text=(
            "Rebuild the model the alliance rests on: replace unhelpful beliefs about the back with an "
            "evidence-based picture, keeping the collaboration you have."
        ),
        rationale=(
            "The classifier placed the patient at {level}, but flagged that it rests on a model of the back "
            "that is not evidence based; a model patient in a faulty model may come to more harm than good."
        ),
        cite=(model.ARTICLE, model.MSC),
    ),
    AimRule(
        id="aim.non-encounter",
        when=InputIs("level", "non-encounter"),
        text=(
            "Be present, and help the patient begin to understand their back pain (towards seeking support)."
        ),
        rationale=(
            "Holopainen et al. found that what separates non-encounters from seeking support is the "
            "professional being present and the patient starting to understand their low back pain."
        ),
        cite=(model.HOLOPAINEN, model.FUENTES),
    ),
    AimRule(
        id="aim.seeking-support",
        when=InputIs("level", "seeking-support"),
        text=(
            "Build a strong alliance and invite the patient to take an active part (towards empowering "
            "collaboration)."
        ),
        rationale=(
            "Holopainen et al. found that a strong therapeutic alliance and the patient's active "
            "participation separate seeking support from empowering collaboration."
        ),
        cite=(model.HOLOPAINEN,),
    ),
    AimRule(
        id="aim.empowering-collaboration",
        when=InputIs("level", "empowering-collaboration"),
        text=(
            "Hand over the lead: the patient in charge of their back and taking responsibility, knowing "
            "help is there (towards autonomic agency)."
        ),
        rationale=(
            "In the source article's reading of Holopainen et al., being in charge and taking responsibility "
            "while knowing help is available separate empowering collaboration from autonomic agency."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    AimRule(
        id="aim.autonomic-agency",
        when=InputIs("level", "autonomic-agency"),
        text="Keep the patient's autonomy healthy: they lead, you review, and help stays available.",
        rationale=(
            "Autonomic agency is the top of the pyramid; the work now is to keep it resting on an "
            "evidence-based understanding and to keep help within reach."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
)

AIM_NOTES: tuple[AimNote, ...] = (
    AimNote(
        id="aim.note.weakest-steps",
        when=Not(InputEmpty("weakest_steps")),
        note="Work first on the weakest step(s) of the cycle: {weakest}.",
        cite=(model.MSC,),
    ),
    AimNote(
        id="aim.note.contradictions",
        when=INCONSISTENT,
        note="Some answers contradicted each other: check them with the patient as you go.",
    ),
)

# --- 3. the sections' items, and 4. their limits -------------------------------------------------

ITEMS: tuple[ItemRule, ...] = (
    *communication.ITEMS,
    *education.ITEMS,
    *assessment_treatment.ITEMS,
    *exercise_homework.ITEMS,
    *review.ITEMS,
)
LIMITS: tuple[LimitRule, ...] = education.LIMITS

# --- 5. what to avoid ----------------------------------------------------------------------------

_BAD_EXPERIENCES = PLAN_FIELDS_BY_ID["bad_experiences"]

AVOID: tuple[AvoidRule, ...] = (
    *(
        AvoidRule(
            id=f"avoid.{option.id}",
            when=made_worse(option.id),
            text=f"No {option.label.lower()}",
            why=(
                f"The patient reports that {option.label.lower()} made their back worse, so the plan does "
                "not propose it. Physiotherapists in Macphail's interviews changed their approach for "
                "exactly this reason."
            ),
        )
        if option.id != "exercise-programme"
        else AvoidRule(
            id="avoid.exercise-programme",
            when=made_worse("exercise-programme"),
            text="Not the exercise programme that made things worse",
            why=(
                "The patient reports that an exercise programme made their back worse. Choose different, "
                "gentler exercises with them and say how they differ."
            ),
        )
        for option in _BAD_EXPERIENCES.options
    ),
    AvoidRule(
        id="avoid.typed-by-the-clinician",
        when=InputGiven("other_bad_experience"),
        text="No {other}",
        why="The patient reports that it made their back worse, so the plan does not propose it.",
    ),
    AvoidRule(
        id="avoid.damage-and-protection-messages",
        when=Any(believes("structural-damage"), believes("brace-protect"), UNHELPFUL_MODEL),
        text="No \"worn out\" or \"degenerate\" labels, and no \"protect your back\" messages",
        why="They feed the unhelpful model of the back this patient already holds.",
    ),
)
