"""Plan section "Exercise and homework": its items in order (items whose focus holds move to
the top). While the patient's model of the back needs re-education, exercise serves it; otherwise
exactly one of the ``how-many`` items applies (how many exercises to start with), unless an exercise
programme made things worse, when the exercises are chosen unlike it."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, InputIs, Not
from alliance.rules.records import CORE, ItemRule
from alliance.rules.techniques import EXERCISE
from alliance.rules.terms import (
    LEVELS_1_2,
    LEVELS_3_4,
    SHORT_SESSION,
    UNHELPFUL_MODEL,
    YELLOW_FLAGS,
    believes,
    hands_over,
    harmed,
    weak,
)

SECTION = "exercise-homework"

# Few exercises: low readiness, a short session, a patient who says exercise does not work, or yellow flags.
FEW_EXERCISES = Any(InputIs("exercise_readiness", "low"), SHORT_SESSION, believes("exercise-does-not-work"),
                    YELLOW_FLAGS)
# How many exercises to start with is decided by the items below only when nothing else decides them.
USUAL_EXERCISE = All(Not(harmed(EXERCISE)), Not(UNHELPFUL_MODEL))
HOW_MANY_RATIONALE = (
    "Physiotherapists in Macphail's interviews often gave only one or two exercises to gain adherence, "
    "even when they felt more would help; the number follows the patient's readiness."
)


def _how_many(readiness: str, when: object, text: str) -> ItemRule:
    return ItemRule(
        id=f"exercise-homework.how-many.{readiness}",
        section=SECTION,
        title="How many exercises to start with",
        priority=CORE,
        when=All(USUAL_EXERCISE, when),  # type: ignore[arg-type]
        text=text,
        rationale=HOW_MANY_RATIONALE,
        cite=(model.MSC,),
        focus=weak("adapt"),
        proposes=(EXERCISE,),
    )


ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="exercise-homework.test-the-old-model",
        section=SECTION,
        title="Exercise that tests the old model gently",
        priority=CORE,
        when=UNHELPFUL_MODEL,
        text=(
            "Choose one or two exercises with the patient that gently test the old model of the back, "
            "such as "
            "bending to pick something up, or lifting something light, without bracing; choose them unlike "
            "anything that made things worse, build them up as the patient's confidence grows, and agree "
            "them "
            "together rather than leaving the patient to set them alone."
        ),
        rationale=(
            "The source article gives core bracing and avoiding bending as its example of a faulty model; "
            "exercise that shows the back coping with ordinary movement serves the re-education (the guide's "
            "reading)."
        ),
        cite=(model.ARTICLE,),
        focus=ALWAYS,
    ),
    ItemRule(
        id="exercise-homework.unlike-the-bad-programme",
        section=SECTION,
        title="Exercises unlike the programme that made things worse",
        priority=CORE,
        when=All(harmed(EXERCISE), Not(UNHELPFUL_MODEL)),
        text=(
            "Choose one or two exercises unlike the programme that made things worse, start gently, and "
            "explain how they differ."
        ),
        rationale=(
            "A treatment the patient had a bad experience with is not repeated; saying how this differs "
            "keeps their trust."
        ),
        cite=(model.MSC,),
        focus=ALWAYS,
    ),
    _how_many(
        "few", FEW_EXERCISES,
        "Set one or two exercises only, chosen with the patient, and agree when and where they will do them.",
    ),
    _how_many(
        "moderate", All(InputIs("exercise_readiness", "moderate"), Not(FEW_EXERCISES)),
        "Start with two exercises, chosen with the patient, and add more only once they manage them; agree "
        "when and where they will do them.",
    ),
    _how_many(
        "high", All(InputIs("exercise_readiness", "high"), Not(FEW_EXERCISES)),
        "Set a fuller programme the patient helps choose, and progress it over the sessions.",
    ),
    _how_many(
        "unknown", All(InputIs("exercise_readiness", "unknown"), Not(FEW_EXERCISES)),
        "Start with one or two exercises, then ask the patient how many they would realistically do.",
    ),
    ItemRule(
        id="exercise-homework.start-small",
        section=SECTION,
        title="Start small and build in steps",
        priority=CORE,
        when=YELLOW_FLAGS,
        text=(
            "Start with a dose the patient is sure they can manage, and build it up in small steps you "
            "agree, "
            "so that each session shows progress rather than a setback."
        ),
        rationale=(
            "The physiotherapists in Macphail's interviews, describing patients with yellow flags, often "
            "gave "
            "only one or two exercises to gain adherence; a small, steady dose is the guide's way of setting "
            "the pace with fear of movement, distress or a low expectation of recovery."
        ),
        cite=(model.MSC,),
    ),
    ItemRule(
        id="exercise-homework.patient-sets-homework",
        section=SECTION,
        title="The patient sets their own homework",
        when=hands_over(LEVELS_3_4),
        hands_over=True,
        text="Let the patient set their own homework and decide how it fits their week; you advise.",
        rationale="The patient being in charge and taking responsibility is the step up to autonomic agency.",
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="exercise-homework.homework-at-the-centre",
        section=SECTION,
        title="Homework at the centre of the plan",
        priority=CORE,
        when=LEVELS_1_2,
        text=(
            "Make the homework the centre of the plan: agree it together and write it down in the "
            "patient's words."
        ),
        rationale=(
            "\"The homework is the most important bit\", as one physiotherapist in Macphail's interviews "
            "put it."
        ),
        cite=(model.MSC,),
        focus=weak("educate-empower"),
    ),
    ItemRule(
        id="exercise-homework.keep-time-for-homework",
        section=SECTION,
        title="Keep time to agree the homework",
        when=SHORT_SESSION,
        text="Keep the last few minutes for agreeing the homework, however short the session.",
        rationale=(
            "Homework and self-management are the most important part of care in the clinicians' cycle."
        ),
        cite=(model.MSC,),
    ),
)
