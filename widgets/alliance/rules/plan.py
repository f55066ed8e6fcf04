"""The session-plan builder's rules, in the order the builder applies them.

1. ``AIMS``: the session's alliance aim; the first that applies (flags before levels).
2. ``AIM_NOTES``: sentences added to the aim's rationale.
3. ``ITEMS``: each section's items, section by section (``SECTIONS``), one
   module per section. Every item that applies is a candidate; those whose
   focus holds move to the top of their section.
4. ``CAPACITY``: how many items the session has room for (the first rule that
   applies). The items are ranked (priority, then focus, then taking each
   section's next item in turn); the first ones are kept, the first three are
   the plan's top priorities, and the rest are listed for later sessions.
5. ``SAFETY_NET``: what every plan says about when and where to seek help.
6. ``AVOID``: what the plan rules out, and why.

Texts may hold the slots of ``SLOTS`` (``{level}``), filled from the inputs.
The invariants every plan keeps (nothing that made things worse is proposed,
no escalation, the lead kept while the model of the back is re-educated, one
coordinated plan, safety-netting, hands-on care the patient takes part in,
a plan that fits the session) are tested over every input in the package's
tests and in ``tests/unit/test_alliance_invariants.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from alliance import model
from alliance.conditions import ALWAYS, Any, InputBelow, InputEmpty, InputGiven, InputIs, Not, Worse
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.recognise import recognise
from alliance.rules import assessment_treatment, communication, education, exercise_homework, review
from alliance.rules.records import AimNote, AimRule, AvoidRule, CapacityRule, ItemRule, SafetyRule
from alliance.rules.techniques import TECHNIQUES_BY_ID
from alliance.rules.terms import (
    INCONSISTENT,
    UNHEALTHY_AUTONOMY,
    UNHELPFUL_MODEL,
    YELLOW_FLAGS,
    believes,
    yellow,
)

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


_YELLOW = PLAN_FIELDS_BY_ID["yellow_flags"]


def _names(technique_ids: object) -> str:
    names = [TECHNIQUES_BY_ID[str(t)].name for t in technique_ids]  # type: ignore[attr-defined]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def typed_reading(inputs: Mapping[str, object]) -> str:
    """How the plan builder read the treatment typed as having made things worse."""
    found = recognise(str(inputs["other_bad_experience"]))
    said = []
    if found.certain:
        said.append(f"The plan builder reads it as {_names(found.certain)}, and proposes none of it.")
    for words, ids in found.uncertain:
        said.append(f"\u201c{words}\u201d may mean {_names(ids)}: the plan builder is not sure, so it "
                    "proposes none of these; check with the patient what they had.")
    if not found.anything:
        said.append("The plan builder does not recognise it as one of the treatments it knows: check that "
                    "nothing in this plan is the same thing.")
    return " ".join(said)


def capacity(inputs: Mapping[str, object]) -> CapacityRule:
    """The capacity rule for these inputs (the first that applies)."""
    return next(rule for rule in CAPACITY if rule.when.holds(inputs))


SLOTS: Mapping[str, Slot] = MappingProxyType({
    "level": Slot("the level's name", lambda inputs: model.level(str(inputs["level"])).name.lower()),
    "weakest": Slot(
        "the names of the weakest steps of the cycle",
        lambda inputs: ", ".join(model.CYCLE_BY_ID[str(step)].name.lower()
                                 for step in inputs["weakest_steps"]),  # type: ignore[attr-defined]
    ),
    "minutes": Slot("the session's length in minutes", lambda inputs: inputs["time_minutes"]),
    "other": Slot("the treatment the clinician typed", lambda inputs: inputs["other_bad_experience"]),
    "typed_reading": Slot("how the plan builder read what was typed", typed_reading),
    "maybe": Slot("the treatments what was typed may mean",
                  lambda inputs: _names(recognise(str(inputs["other_bad_experience"])).maybe)),
    "yellow": Slot(
        "the yellow flags noticed",
        lambda inputs: ", ".join(_YELLOW.option_label(str(flag)).split(":")[0].lower()
                                 for flag in inputs["yellow_flags"]),  # type: ignore[attr-defined]
    ),
    "room": Slot("how many items the session has room for", lambda inputs: capacity(inputs).items),
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
            "Your reflection puts the alliance at {level}, flagged for autonomy that is not positive: in "
            "charge "
            "of care seeking, or acting alone, without the education foundation. The pyramid puts education "
            "on condition, prognosis and options at the base of a healthy alliance; without it, autonomy can "
            "be unhealthy."
        ),
        cite=(model.ARTICLE, model.HOLOPAINEN),
    ),
    AimRule(
        id="aim.unhelpful-model",
        when=UNHELPFUL_MODEL,
        text=(
            "Rebuild the model the alliance rests on: re-educate the patient's beliefs about their back with "
            "an evidence-based picture, keeping the collaboration you have, before handing over the lead."
        ),
        rationale=(
            "Your reflection puts the alliance at {level}, but flagged that it rests on a model of the back "
            "that is not evidence based; a model patient in a faulty model may come to more harm than good, "
            "so the lead is handed over only once the model is re-educated."
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
    AimNote(
        id="aim.note.yellow-flags",
        when=YELLOW_FLAGS,
        note="With yellow flags ({yellow}), keep the pace slow and the steps small (the guide's advice).",
    ),
)

# --- 3. the sections' items ---------------------------------------------------------------------

ITEMS: tuple[ItemRule, ...] = (
    *communication.ITEMS,
    *education.ITEMS,
    *assessment_treatment.ITEMS,
    *exercise_homework.ITEMS,
    *review.ITEMS,
)

# --- 4. what fits in the session -------------------------------------------------------------------

LATER = (
    "This {minutes}-minute session has room for about {room} items, so these are left for later sessions "
    "(the guide's advice: a plan you can carry out, not a list of everything):"
)
CAPACITY: tuple[CapacityRule, ...] = (
    CapacityRule(id="capacity.under-20-minutes", when=InputBelow("time_minutes", 20), items=3, text=LATER),
    CapacityRule(id="capacity.under-30-minutes", when=InputBelow("time_minutes", 30), items=4, text=LATER),
    CapacityRule(id="capacity.under-45-minutes", when=InputBelow("time_minutes", 45), items=6, text=LATER),
    CapacityRule(id="capacity.under-60-minutes", when=InputBelow("time_minutes", 60), items=8, text=LATER),
    CapacityRule(id="capacity.an-hour-or-more", when=ALWAYS, items=10, text=LATER),
)
TOP_PRIORITIES = 3

# --- 5. safety-netting ---------------------------------------------------------------------------
# In the guide's own words, following the NICE guideline on low back pain (NG59) for which signs call
# for medical assessment; the guideline's wording is not quoted.

SAFETY_NET: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="safety.emergency",
        when=ALWAYS,
        lead="Emergency care the same day (an emergency department):",
        text=(
            "new numbness or tingling around the back passage or genitals, new difficulty passing or holding "
            "urine or stools, or new or quickly worsening weakness or numbness in one or both legs."
        ),
        cite=(model.NICE,),
    ),
    SafetyRule(
        id="safety.urgent-review",
        when=ALWAYS,
        lead="Prompt medical review (their GP, urgently):",
        text=(
            "back pain with a fever or feeling generally unwell, a history of cancer, unexplained weight "
            "loss, "
            "pain after a significant fall or injury, or pain that is severe and constant, including at "
            "night."
        ),
        cite=(model.NICE,),
    ),
    SafetyRule(
        id="safety.come-back",
        when=ALWAYS,
        lead="Come back sooner, or see their GP:",
        text="if the pain is steadily getting worse rather than settling, or new symptoms appear.",
        cite=(model.NICE,),
    ),
    SafetyRule(
        id="safety.say-it",
        when=ALWAYS,
        lead="Say it in plain words:",
        text=(
            "go through these signs with the patient, say where they would go, and check they can tell it "
            "back (the guide's advice)."
        ),
        cite=(),
    ),
    SafetyRule(
        id="safety.distress",
        when=yellow("distress"),
        lead="If the distress seems severe:",
        text=(
            "or the patient speaks of harming themselves, help them get support the same day: their GP, or "
            "emergency services if they are at risk now (the guide's advice)."
        ),
        cite=(),
    ),
)

# --- 6. what to avoid ----------------------------------------------------------------------------

_BAD_EXPERIENCES = PLAN_FIELDS_BY_ID["bad_experiences"]

AVOID: tuple[AvoidRule, ...] = (
    *(
        AvoidRule(
            id=f"avoid.{option.id}",
            when=Worse(option.id),
            text=f"No {option.label.lower()}",
            why=(
                f"The patient reports that {option.label.lower()} made their back worse, so the plan does "
                "not propose it, nor anything more forceful. Physiotherapists in Macphail's interviews "
                "changed their approach for exactly this reason."
            ),
        )
        if option.id != "exercise-programme"
        else AvoidRule(
            id="avoid.exercise-programme",
            when=Worse("exercise-programme"),
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
        text="What the patient described as “{other}”",
        why="The patient reports that it made their back worse. {typed_reading}",
    ),
    AvoidRule(
        id="avoid.damage-and-protection-messages",
        when=Any(believes("structural-damage"), believes("brace-protect"), UNHELPFUL_MODEL),
        text="No \"worn out\" or \"degenerate\" labels, and no \"protect your back\" messages",
        why="They feed the unhelpful model of the back this patient already holds.",
    ),
)
