"""Plan section "Exercise and homework": its items in order (items whose focus holds move to
the top). Exactly one of the first four applies: how many exercises to start with."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, InputIs, Not
from alliance.rules.records import ItemRule
from alliance.rules.terms import LEVELS_1_2, LEVELS_3_4, SHORT_SESSION, believes, made_worse, weak

SECTION = "exercise-homework"

# Few exercises: low readiness, a short session, or a patient who says exercise does not work.
FEW_EXERCISES = Any(InputIs("exercise_readiness", "low"), SHORT_SESSION, believes("exercise-does-not-work"))
HOW_MANY_RATIONALE = (
    "Physiotherapists in Macphail's interviews often gave only one or two exercises to gain adherence, "
    "even when they felt more would help; the number follows the patient's readiness."
)


def _how_many(readiness: str, when: object, text: str) -> ItemRule:
    return ItemRule(
        id=f"exercise-homework.how-many.{readiness}",
        section=SECTION,
        when=when,  # type: ignore[arg-type]
        text=text,
        rationale=HOW_MANY_RATIONALE,
        cite=(model.MSC,),
        focus=weak("adapt"),
    )


ITEMS: tuple[ItemRule, ...] = (
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
        id="exercise-homework.unlike-the-bad-programme",
        section=SECTION,
        when=made_worse("exercise-programme"),
        text=(
            "Choose exercises unlike the programme that made things worse, start gently, and explain how "
            "this is different."
        ),
        rationale=(
            "A treatment the patient had a bad experience with is not repeated; saying how this differs "
            "keeps their trust."
        ),
        cite=(model.MSC,),
        focus=ALWAYS,
    ),
    ItemRule(
        id="exercise-homework.patient-sets-homework",
        section=SECTION,
        when=LEVELS_3_4,
        text="Let the patient set their own homework and decide how it fits their week; you advise.",
        rationale="The patient being in charge and taking responsibility is the step up to autonomic agency.",
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="exercise-homework.homework-at-the-centre",
        section=SECTION,
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
        when=SHORT_SESSION,
        text="Keep the last few minutes for agreeing the homework, however short the session.",
        rationale=(
            "Homework and self-management are the most important part of care in the clinicians' cycle."
        ),
        cite=(model.MSC,),
    ),
)
