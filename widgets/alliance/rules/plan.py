"""The session-plan builder's rules, in the order the builder applies them.

Before the rules, the builder derives what its inputs imply (:mod:`alliance.derive`): the flags the
classifier's own rules raise on them, beside those ticked, and what it reads in the treatments typed as
having made things worse or having helped (:mod:`alliance.recognise`).

1. ``AIMS``: the session's alliance aim; the first that applies (screening, then flags, then levels).
2. ``AIM_NOTES``: sentences added to the aim's rationale.
3. ``SECTIONS`` and ``ITEMS``: each section's items, section by section, one module per section; a
   section's items apply only when the section does (with concerns found on screening, only the
   screening section does). Every item that applies is a candidate; those whose focus holds move to the
   top of their section.
4. ``CAPACITY``: how many items the session has room for (the first rule that applies). The items are
   ranked (priority, then focus, then taking each section's next item in turn); the first ones are kept
   and the first three are the plan's top priorities. Items that do not fit are listed: those of the
   first three priorities (before anything else, safety, core) under ``LONGER_SLOT`` (the session needs
   a longer slot), the rest for later sessions.
5. ``SAFETY_NET``: what every plan says about when and where to seek help.
6. ``AVOID``: what the plan rules out, and why.
7. ``RECORD``: two lines for the clinical record (the aim and what was agreed), never the level.

Texts may hold the slots of ``SLOTS`` (``{level}``), filled from the inputs and what the builder
derived. The invariants every plan keeps are :mod:`alliance.invariants`, tested over every input in the
package's tests and in ``tests/unit/test_alliance_invariants.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from alliance import model
from alliance.conditions import (
    ALWAYS,
    HELPED,
    RAISED,
    UNREAD,
    All,
    Any,
    Condition,
    InputBelow,
    InputEmpty,
    InputGiven,
    InputIs,
    Not,
    Worse,
)
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.recognise import NOTHING_NAMED, recognise
from alliance.rules import (
    assessment_treatment,
    communication,
    education,
    exercise_homework,
    review,
    screening,
)
from alliance.rules.records import (
    AimNote,
    AimRule,
    AvoidRule,
    CapacityRule,
    ItemRule,
    SafetyRule,
    SectionRule,
)
from alliance.rules.techniques import FORCE, TECHNIQUES_BY_ID
from alliance.rules.terms import (
    AGENCY_WITH_YELLOW_FLAGS,
    BELIEF_FIELDS,
    CONCERNS,
    HOLD_THE_LEAD,
    INCONSISTENT,
    LEVEL_4,
    LEVELS_1_2,
    LEVELS_3_4,
    NO_CONCERNS,
    SHORT_SESSION,
    UNHEALTHY_AUTONOMY,
    UNHELPFUL_MODEL,
    YELLOW_FLAGS,
    holds,
    yellow,
)


def _section(module: object, title: str, when: Condition) -> SectionRule:
    section = str(getattr(module, "SECTION"))  # noqa: B009
    return SectionRule(id=f"sections.{section}", when=when, section=section, title=title)


SECTION_RULES: tuple[SectionRule, ...] = (
    _section(screening, "Before anything else", ALWAYS),
    _section(communication, "Communication and rapport", NO_CONCERNS),
    _section(education, "Education", NO_CONCERNS),
    _section(assessment_treatment, "Assessment and treatment", NO_CONCERNS),
    _section(exercise_homework, "Exercise and homework", NO_CONCERNS),
    _section(review, "What to review next time", NO_CONCERNS),
)
SECTIONS: Mapping[str, str] = MappingProxyType({rule.section: rule.title for rule in SECTION_RULES})


@dataclass(eq=False, repr=False)
class Slot:
    """A value a plan text can name in braces, worked out from the validated inputs and what the plan
    builder derived from them (``conditions.PLAN_DERIVED``)."""

    meaning: str
    value: Callable[[Mapping[str, object]], object]


_YELLOW = PLAN_FIELDS_BY_ID["yellow_flags"]
GOAL_CHECK_AFTER = 2  # sessions: when to check progress towards the goal (the guide's advice)


def _names(technique_ids: object) -> str:
    names = [TECHNIQUES_BY_ID[str(t)].name for t in technique_ids]  # type: ignore[attr-defined]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def _and(texts: list[str]) -> str:
    return ", ".join(texts[:-1]) + " and " + texts[-1] if len(texts) > 1 else "".join(texts)


def typed_reading(facts: Mapping[str, object]) -> str:
    """How the plan builder read the treatments typed as having made things worse, and having helped."""
    harm = recognise(str(facts["other_bad_experience"]))
    help_ = recognise(str(facts["helped_before"]), about="help")
    said = []
    certain = list(dict.fromkeys((*harm.certain, *help_.certain)))
    if certain:
        said.append(f"The plan builder reads it as {_names(certain)}, and proposes none of it.")
    for words, ids in (*harm.uncertain, *help_.uncertain):
        said.append(f"\u201c{words}\u201d may mean {_names(ids)}: the plan builder is not sure, so it "
                    "proposes none of these; check with the patient what they had.")
    if harm.helped:
        said.append(f"It reads {_names(harm.helped)} as having helped, not as having made things worse.")
    if harm.other:
        said.append(f"It reads {_and([f'“{w}”' for w in harm.other])} as a treatment the plan does not "
                    "propose.")
    if harm.unread:
        said.append(f"It could not read all of it ({unread_words(facts)}): check that nothing in this plan "
                    "is the same thing, and, if the patient expects hands-on care, the plan offers none "
                    "until you have checked.")
    return " ".join(said)


def unread_words(facts: Mapping[str, object]) -> str:
    """What the plan builder could not read in what was typed as having made things worse, in words."""
    unread = [str(word) for word in facts[UNREAD]]  # type: ignore[attr-defined]
    words = [f"\u201c{word}\u201d" for word in unread if word != NOTHING_NAMED]
    said = []
    if words:
        said.append(f"it does not know the word{'s' if len(words) > 1 else ''} {_and(words)}")
    if NOTHING_NAMED in unread:
        said.append("it names no treatment the plan builder knows")
    return "; ".join(said)


def helped_words(facts: Mapping[str, object]) -> str:
    helped = facts[HELPED]
    return _names(helped) if helped else "as the patient described it"


def holding_words(facts: Mapping[str, object]) -> str:
    """What holds the lead back, in words (a flag raised, a belief held firmly or not known how firmly)."""
    said = [f"the flag \u201c{flag.title}\u201d" for flag in model.FLAGS
            if flag.id in facts[RAISED]]  # type: ignore[operator]
    for field_id in BELIEF_FIELDS:
        label = PLAN_FIELDS_BY_ID[field_id].label
        belief = label[0].lower() + label[1:]
        if facts[field_id] == "firmly":
            said.append(f"{belief}, held firmly")
        elif facts[field_id] == "unsure":
            said.append(f"how firmly the patient holds {belief}")
    return "; ".join(said)


def unsure_words(facts: Mapping[str, object]) -> str:
    beliefs = [PLAN_FIELDS_BY_ID[f].label for f in BELIEF_FIELDS if facts[f] == "unsure"]
    return _and([belief[0].lower() + belief[1:] for belief in beliefs])


def capacity(facts: Mapping[str, object]) -> CapacityRule:
    """The capacity rule for these inputs (the first that applies)."""
    return next(rule for rule in CAPACITY if rule.when.holds(facts))


SLOTS: Mapping[str, Slot] = MappingProxyType({
    "level": Slot("the level's name", lambda facts: model.level(str(facts["level"])).name.lower()),
    "weakest": Slot(
        "the names of the weakest steps of the cycle",
        lambda facts: ", ".join(model.CYCLE_BY_ID[str(step)].name.lower()
                                for step in facts["weakest_steps"]),  # type: ignore[attr-defined]
    ),
    "minutes": Slot("the session's length in minutes", lambda facts: facts["time_minutes"]),
    "other": Slot("the treatment the clinician typed", lambda facts: facts["other_bad_experience"]),
    "typed_reading": Slot("how the plan builder read what was typed", typed_reading),
    "maybe": Slot("the treatments what was typed may mean",
                  lambda facts: _names(recognise(str(facts["other_bad_experience"])).maybe)),
    "unread": Slot("what the plan builder could not read in what was typed", unread_words),
    "helped": Slot("the treatments typed as having helped", helped_words),
    "holding": Slot("what holds the lead back", holding_words),
    "unsure": Slot("the beliefs voiced without knowing how firmly", unsure_words),
    "yellow": Slot(
        "the yellow flags noticed",
        lambda facts: ", ".join(_YELLOW.option_label(str(flag)).split(":")[0].lower()
                                for flag in facts["yellow_flags"]),  # type: ignore[attr-defined]
    ),
    "room": Slot("how many items the session has room for", lambda facts: capacity(facts).items),
    "check": Slot("the session at which to check progress (this one plus two: the guide's advice)",
                  lambda facts: int(facts["session_number"]) + GOAL_CHECK_AFTER),  # type: ignore[call-overload]
    "goal": Slot(
        "the patient's goal, or what they want to be able to do",
        lambda facts: "the patient's goal (at the top of this plan)" if facts["patient_goals"]
        else "what the patient wants to be able to do",
    ),
})

# --- 1. the aim ----------------------------------------------------------------------------------

AIMS: tuple[AimRule, ...] = (
    AimRule(
        id="aim.concerns-found",
        when=CONCERNS,
        text=(
            "Stop and arrange medical assessment: screening found concerns of serious pathology, so there is "
            "no treatment plan for today."
        ),
        rationale=(
            "The NICE guideline asks for specific causes of low back pain, such as cancer, infection, trauma "
            "or inflammatory disease, to be excluded first; the alliance work resumes once they are."
        ),
        cite=(model.NICE,),
        record="Screening found concerns of serious pathology; no treatment; medical assessment to arrange.",
    ),
    AimRule(
        id="aim.unhealthy-autonomy",
        when=UNHEALTHY_AUTONOMY,
        text=(
            "Lay the foundation first: help the patient understand their condition, its likely course and "
            "the options, so their independence rests on it."
        ),
        rationale=(
            "Your reflection puts the alliance at {level}, flagged for autonomy that is not positive: acting "
            "alone against the plan, or in charge of care seeking without the education foundation. The "
            "pyramid puts education on condition, prognosis and options at the base of a healthy alliance; "
            "without it, autonomy can be unhealthy."
        ),
        cite=(model.ARTICLE, model.HOLOPAINEN),
        record="Build the patient's understanding of their condition, its likely course and the options, "
               "within one plan agreed with the other professionals involved.",
    ),
    AimRule(
        id="aim.unhelpful-model",
        when=All(UNHELPFUL_MODEL, LEVELS_3_4),
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
        record="Re-educate the patient's beliefs about their back with an evidence-based picture.",
    ),
    AimRule(
        id="aim.unhelpful-model.early",
        when=All(UNHELPFUL_MODEL, LEVELS_1_2),
        text=(
            "Build the alliance on an evidence-based model of the back from the start: re-educate the "
            "patient's beliefs about their back as you build their trust, and keep the lead until the new "
            "picture has taken hold."
        ),
        rationale=(
            "The flag says the patient's care rests on a model of the back that is not evidence based; a "
            "model patient in a faulty model may come to more harm than good, so an alliance still being "
            "built is best built on an evidence-based picture."
        ),
        cite=(model.ARTICLE, model.MSC),
        record="Re-educate the patient's beliefs about their back with an evidence-based picture.",
    ),
    AimRule(
        id="aim.agency-with-yellow-flags",
        when=All(AGENCY_WITH_YELLOW_FLAGS, LEVEL_4),
        text=(
            "Keep the patient's autonomy healthy while the yellow flags last: they lead day to day, you keep "
            "reviews close and agree changes together, and help stays within reach."
        ),
        rationale=(
            "Autonomic agency is the top of the pyramid; with signs that recovery may be slower, this guide "
            "reads it as needing closer review before help is spaced out. The physiotherapists in Macphail's "
            "interviews described patients with yellow flags."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE, model.MSC),
        record="Support the patient's self-management with close review while the yellow flags last.",
    ),
    AimRule(
        id="aim.hold-the-lead",
        when=All(LEVELS_3_4, HOLD_THE_LEAD),
        text=(
            "Keep the lead shared for now: settle what holds the hand-over back ({holding}) before handing "
            "more of it to the patient."
        ),
        rationale=(
            "In the source article's reading of Holopainen et al., being in charge and taking "
            "responsibility, knowing help is available, separate empowering collaboration from autonomic "
            "agency; the guide's advice is to settle first what could make that autonomy unhealthy."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE),
        record="Build the patient's part in their care, settling first what holds the hand-over back.",
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
        record="Listen, and help the patient begin to understand their back pain.",
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
        record="Agree goals and tasks with the patient, and invite them to take an active part.",
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
        record="Hand the day-to-day management over to the patient, with a flare-up plan.",
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
        record="Support the patient's self-management; review, and keep help available.",
    ),
)

AIM_NOTES: tuple[AimNote, ...] = (
    AimNote(
        id="aim.note.weakest-steps",
        when=All(NO_CONCERNS, Not(InputEmpty("weakest_steps"))),
        note="Work first on the weakest step(s) of the cycle: {weakest}.",
        cite=(model.MSC,),
    ),
    AimNote(
        id="aim.note.contradictions",
        when=All(NO_CONCERNS, INCONSISTENT),
        note="Some answers contradicted each other: check them with the patient as you go.",
    ),
    AimNote(
        id="aim.note.yellow-flags",
        when=All(NO_CONCERNS, YELLOW_FLAGS),
        note="With yellow flags ({yellow}), keep the pace slow and the steps small (the guide's advice).",
    ),
)

# --- 3. the sections' items ---------------------------------------------------------------------

ITEMS: tuple[ItemRule, ...] = (
    *screening.ITEMS,
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
# In a session this short, core items that do not fit need a longer slot too (the guide's advice).
CORE_CANNOT_WAIT = SHORT_SESSION
# Said instead of leaving them for later when items that must not wait do not fit ({needed}: the fewest
# minutes whose room holds them, from CAPACITY).
LONGER_SLOT = (
    "This needs a longer slot: these items should not wait, and this {minutes}-minute session has room "
    "for about {room}. Book at least {needed} minutes, or a second session very soon, for:"
)

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
            "loss, or pain that is severe and constant, including at night."
        ),
        cite=(model.NICE,),
    ),
    SafetyRule(
        id="safety.fracture",
        when=ALWAYS,
        lead="Prompt medical review for a possible fracture:",
        text=(
            "pain after a significant fall or injury, or after a minor one in someone whose bones may be "
            "fragile, for example with osteoporosis or after long use of steroid tablets (the examples are "
            "the guide's)."
        ),
        cite=(model.NICE,),
    ),
    SafetyRule(
        id="safety.inflammatory",
        when=ALWAYS,
        lead="See their GP about an inflammatory cause:",
        text=(
            "back pain with stiffness that is worst in the morning and eases with movement, that began "
            "gradually in early adult life and has lasted for months: signs of an inflammatory disease such "
            "as spondyloarthritis (the signs are the guide's description)."
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
        lead="If the distress seems severe, or the patient speaks of harming themselves:",
        text=(
            "help them get support the same day: their GP, or emergency services if they are at risk now "
            "(the guide's advice)."
        ),
        cite=(),
    ),
)

# --- 6. what to avoid ----------------------------------------------------------------------------

_BAD_EXPERIENCES = PLAN_FIELDS_BY_ID["bad_experiences"]


def _avoid_technique(option_id: str) -> AvoidRule:
    name = TECHNIQUES_BY_ID[option_id].name
    if option_id in FORCE:
        why = (f"The patient reports that {name} made their back worse, so the plan does not propose it, nor "
               "any manual technique more forceful. Physiotherapists in Macphail's interviews changed their "
               "approach for exactly this reason.")
    else:
        why = (f"The patient reports that {name} made their back worse, so the plan does not propose it. "
               "Physiotherapists in Macphail's interviews changed their approach for exactly this reason.")
    return AvoidRule(id=f"avoid.{option_id}", when=Worse(option_id), text=f"No {name}", why=why)


AVOID: tuple[AvoidRule, ...] = (
    *(
        _avoid_technique(option.id)
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
        id="avoid.treatment-before-assessment",
        when=CONCERNS,
        text="No treatment until a doctor has assessed the concerns",
        why=(
            "No hands-on care and no exercise programme today: the concerns found on screening come first, "
            "and treatment can wait for the medical assessment."
        ),
    ),
    AvoidRule(
        id="avoid.damage-and-protection-messages",
        when=Any(holds("belief_damage"), holds("belief_protect"), UNHELPFUL_MODEL),
        text="No \"worn out\" or \"degenerate\" labels, and no \"protect your back\" messages",
        why="They feed the unhelpful model of the back this patient already holds.",
    ),
)

# --- 7. the clinical record ----------------------------------------------------------------------

RECORD_INTRO = (
    "Two lines for the notes, to complete after the session. They leave out the alliance level: it is your "
    "reflection, not an assessment finding (see the guide's Pitfalls)."
)
RECORD_AGREED = "Agreed with the patient:"
RECORD_REVIEW = "a review of progress at session {check}"
RECORD_HOMEWORK = "the homework: [what, when and where]"
RECORD_GOAL = "their goal, in their words: \u201c{goal_text}\u201d"
RECORD_MEDICAL = "medical assessment: [where and when]; what to do if it gets worse before then"
