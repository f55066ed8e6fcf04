"""Plan section "Exercise and homework": its items in order (items whose focus holds move to
the top). While the patient's model of the back needs re-education, exercise serves it; otherwise
exactly one of the ``how-many`` items applies (how many exercises to start with), unless an exercise
programme made things worse, when the exercises are chosen unlike it."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, InputIs, Not, Term
from alliance.rules.records import CORE, ItemRule
from alliance.rules.techniques import EXERCISE
from alliance.rules.terms import (
    ALREADY_EXERCISES,
    HOLD_THE_LEAD,
    LEVELS_1_2,
    LEVELS_3_4,
    SHORT_SESSION,
    UNHELPFUL_MODEL,
    YELLOW_FLAGS,
    hands_over,
    harmed,
    holds,
    weak,
)

SECTION = "exercise-homework"

# Few exercises: low readiness, a short session, a patient who says exercise does not work or seldom does
# any, or yellow flags.
FEW_EXERCISES = Term(
    "few-exercises",
    "one or two exercises suit best",
    Any(InputIs("exercise_readiness", "low"), SHORT_SESSION, holds("belief_exercise"),
        InputIs("self_management", "declines", "rarely"), YELLOW_FLAGS),
    denies="nothing calls for only one or two exercises",
)
# How many exercises to start with is decided by the items below only when nothing else decides them.
USUAL_EXERCISE = Term(
    "usual-exercise",
    "nothing else decides the exercise",
    All(Not(harmed(EXERCISE)), Not(UNHELPFUL_MODEL), Not(ALREADY_EXERCISES)),
    denies="something else decides the exercise",
)
SOME_READINESS = Term(
    "some-readiness",
    "readiness is moderate, or high while the lead is held back",
    Any(InputIs("exercise_readiness", "moderate"), All(InputIs("exercise_readiness", "high"), HOLD_THE_LEAD)),
)
GOAL = " towards what they want to be able to do"
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
        serves_goal=True,
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
            "such as bending to pick something up, or lifting something light, without bracing, ideally "
            "part of what they want to be able to do; choose them unlike "
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
        serves_goal=True,
    ),
    ItemRule(
        id="exercise-homework.unlike-the-bad-programme",
        section=SECTION,
        title="Exercises unlike the programme that made things worse",
        priority=CORE,
        when=All(harmed(EXERCISE), Not(UNHELPFUL_MODEL)),
        text=(
            f"Choose one or two exercises unlike the programme that made things worse{GOAL}, start gently, "
            "and explain how they differ."
        ),
        rationale=(
            "A treatment the patient had a bad experience with is not repeated; saying how this differs "
            "keeps their trust."
        ),
        cite=(model.MSC,),
        focus=ALWAYS,
        serves_goal=True,
    ),
    _how_many(
        "few", FEW_EXERCISES,
        f"Set one or two exercises only, chosen with the patient{GOAL}, and agree when and where they will "
        "do them.",
    ),
    _how_many(
        "moderate", All(SOME_READINESS, Not(FEW_EXERCISES)),
        f"Start with two exercises, chosen with the patient{GOAL}, and add more only once they manage them; "
        "agree when and where they will do them.",
    ),
    _how_many(
        "high", All(InputIs("exercise_readiness", "high"), Not(FEW_EXERCISES), Not(HOLD_THE_LEAD)),
        f"Set a fuller programme the patient helps choose{GOAL}, and progress it over the sessions.",
    ),
    _how_many(
        "unknown", All(InputIs("exercise_readiness", "unknown"), Not(FEW_EXERCISES)),
        f"Start with one or two exercises{GOAL}, then ask the patient how many they would realistically "
        "do.",
    ),
    ItemRule(
        id="exercise-homework.build-on-what-they-do",
        section=SECTION,
        title="Build on the exercise the patient already does",
        priority=CORE,
        when=All(ALREADY_EXERCISES, Not(harmed(EXERCISE)), Not(UNHELPFUL_MODEL)),
        text=(
            f"Build on the exercise the patient already does{GOAL}: go through it together, keep what they "
            "manage, and progress one exercise at a time rather than starting again with a small dose."
        ),
        rationale=(
            "The clinicians in Macphail's interviews gave one or two exercises to gain adherence; a patient "
            "who already exercises needs that less, and reviewing what they do is the clinical audit those "
            "clinicians used to win buy-in (the guide's reading)."
        ),
        cite=(model.MSC,),
        focus=weak("adapt"),
        proposes=(EXERCISE,),
        serves_goal=True,
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
        id="exercise-homework.agree-homework-together",
        section=SECTION,
        title="Agree the homework together",
        when=All(LEVELS_3_4, HOLD_THE_LEAD, Not(UNHELPFUL_MODEL)),
        text=(
            "Agree the homework together and write it down in the patient's words; leave its setting to them "
            "once what holds the lead back ({holding}) is settled."
        ),
        rationale=(
            "The patient being in charge is the step up to autonomic agency (the source article's reading "
            "of Holopainen et al.); while something holds the lead back, the guide's advice is to share the "
            "homework rather than hand it over."
        ),
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
