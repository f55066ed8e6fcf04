"""Plan section "Assessment and treatment": its items in order (items whose focus holds move to
the top).

Hands-on care, when the patient expects it, is a technique the patient takes part in, linked to the
active approach. It is never one that made things worse, nor one more forceful than anything that did
(``techniques.FORCE``, ``terms.hands_on_offered``); when none is left, the clinician's hands go into
the examination instead."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, InputGiven
from alliance.rules.records import CORE, SAFETY, USUAL, ItemRule
from alliance.rules.techniques import MASSAGE, MOBILISATION
from alliance.rules.terms import (
    FIRST_SESSION,
    HANDS_ON_UNSURE,
    LATER_SESSION,
    LEVEL_1,
    LEVEL_2,
    LEVELS_3_4,
    MODEL_OR_AUTONOMY,
    NO_HANDS_ON_TECHNIQUE,
    SOMETHING_HELPED,
    UNHEALTHY_AUTONOMY,
    hands_on_offered,
    hands_over,
    weak,
)

SECTION = "assessment-treatment"

MANUAL_RATIONALE = (
    "The patient expects hands-on care. The source article's worked example: a patient who expected "
    "hands-on treatment but \"just talked\" in the first session could have an active manual therapy "
    "technique in the second, while discussing pain education. One physiotherapist in Macphail's "
    "interviews gave manual therapy where it was expected, because patients who did not get it listened "
    "less to his active approach."
)
ACTIVE_LINK = (
    " Talk through pain education as you do it, and link it to the exercises you agree, so that it supports "
    "the active approach rather than replacing it."
)
# What the patient does in each hands-on technique the plan may offer.
TAKING_PART: dict[str, str] = {
    MOBILISATION: (
        "a mobilisation with movement, in which the patient moves actively while you mobilise and tells you "
        "what they feel."
    ),
    MASSAGE: (
        "soft-tissue work while the patient moves gently, or breathes and relaxes with you, and tells you "
        "what they feel."
    ),
}


def _hands_on(technique: str) -> ItemRule:
    return ItemRule(
        id=f"assessment-treatment.hands-on.{technique}",
        section=SECTION,
        title="Hands-on care the patient takes part in",
        priority=CORE,
        when=hands_on_offered(technique),
        text=f"Offer hands-on care the patient takes part in: {TAKING_PART[technique]}{ACTIVE_LINK}",
        rationale=MANUAL_RATIONALE,
        cite=(model.ARTICLE, model.MSC),
        focus=weak("adapt"),
        proposes=(technique,),
    )


ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="assessment-treatment.one-coordinated-plan",
        section=SECTION,
        title="One plan, with the GP and others involved",
        priority=SAFETY,
        when=UNHEALTHY_AUTONOMY,
        text=(
            "Agree one plan with the other professionals involved, such as the patient's GP: with the "
            "patient's consent, tell them what you are working on together and ask them to support the same "
            "plan, so the patient hears one message rather than looking for the next fix."
        ),
        rationale=(
            "The source article's example patient had seen many healthcare providers, for scans, injections "
            "and medication, with no real therapeutic alliance with any of them. Coordinating one plan is "
            "the guide's advice for this pattern."
        ),
        cite=(model.ARTICLE,),
        focus=ALWAYS,
    ),
    ItemRule(
        id="assessment-treatment.measure-and-explain",
        section=SECTION,
        title="Questionnaires: measure, and explain why",
        priority=CORE,
        urgent=True,
        when=FIRST_SESSION,
        text=(
            "Ask the patient to fill in two questionnaires, and explain why: you want to understand their "
            "problem from several angles. At this first session of the episode, a risk-stratification tool "
            "such as the STarT Back tool, to decide together how much care to offer; and one disability "
            "measure, such as the Roland-Morris Disability Questionnaire (24 items, scored 0 to 24, higher "
            "meaning more disability), to repeat at review."
        ),
        rationale=(
            "The NICE guideline suggests a risk-stratification tool such as STarT Back at the first contact "
            "of each new episode, to inform shared decisions; in the STarT Back trial (Hill et al.) the "
            "Roland-Morris questionnaire measured disability. A physiotherapist in Macphail's interviews "
            "explained questionnaires rather than simply handing them over."
        ),
        cite=(model.NICE, model.HILL, model.ROLAND, model.MSC),
        focus=ALWAYS,
    ),
    ItemRule(
        id="assessment-treatment.explain-questionnaires",
        section=SECTION,
        title="Explain the questionnaires",
        when=All(LATER_SESSION, weak("adapt")),
        text=(
            "Explain why you ask the patient to fill in questionnaires: you want to understand their problem "
            "from several angles."
        ),
        rationale=(
            "A physiotherapist in Macphail's interviews explained questionnaires rather than simply handing "
            "them over."
        ),
        cite=(model.MSC,),
        focus=weak("adapt"),
    ),
    *(_hands_on(technique) for technique in TAKING_PART),
    ItemRule(
        id="assessment-treatment.hands-on.check-what-was-typed",
        section=SECTION,
        title="Check what made things worse before any hands-on care",
        priority=SAFETY,
        when=HANDS_ON_UNSURE,
        text=(
            "The patient expects hands-on care, but the plan builder could not read all of what was typed as "
            "making things worse ({unread}). Check with the patient what was done before offering any "
            "hands-on technique; today, use your hands in the examination, with the patient moving and "
            "telling you what they feel, and explain why the active approach comes first."
        ),
        rationale=(
            f"{MANUAL_RATIONALE} A technique is never offered when it, or anything less forceful, may have "
            "made things worse; when the plan builder cannot tell what did, it offers none (the guide's "
            "safe reading)."
        ),
        cite=(model.ARTICLE, model.MSC),
        focus=ALWAYS,
    ),
    ItemRule(
        id="assessment-treatment.hands-on.none-available",
        section=SECTION,
        title="Hands in the examination, and why active comes first",
        priority=CORE,
        when=NO_HANDS_ON_TECHNIQUE,
        text=(
            "The patient expects hands-on care, but what made things worse rules out every hands-on "
            "technique "
            "the plan would offer: say so openly, use your hands in the examination, with the patient moving "
            "and telling you what they feel, and explain why the active approach comes first."
        ),
        rationale=MANUAL_RATIONALE,
        cite=(model.ARTICLE, model.MSC),
        focus=weak("adapt"),
    ),
    ItemRule(
        id="assessment-treatment.build-on-what-helped",
        section=SECTION,
        title="Build on what helped before",
        priority=USUAL,
        when=Any(InputGiven("helped_before"), SOMETHING_HELPED),
        text=(
            "Ask what about the treatment that helped before ({helped}) made the difference, and build on "
            "that today where nothing that made things worse rules it out."
        ),
        rationale=(
            "Physiotherapists in Macphail's interviews varied their approach according to what patients "
            "told them of their past care; the source article's worked example adapts the second session "
            "to what the patient expected."
        ),
        cite=(model.MSC, model.ARTICLE),
    ),
    ItemRule(
        id="assessment-treatment.invite-participation",
        section=SECTION,
        title="Invite the patient to take part",
        when=Any(LEVEL_2, All(LEVEL_1, LATER_SESSION)),
        text=(
            "Invite the patient to take part: ask them to show you what aggravates and eases the pain, and "
            "decide the next step together."
        ),
        rationale=(
            "Active participation in assessment, decisions and treatment is part of what moves a patient to "
            "empowering collaboration."
        ),
        cite=(model.HOLOPAINEN, model.MSC),
    ),
    ItemRule(
        id="assessment-treatment.offer-choices",
        section=SECTION,
        title="Offer choices and let the patient decide",
        when=hands_over(LEVELS_3_4),
        hands_over=True,
        text=(
            "Offer choices between treatment options and let the patient decide, with your reasons on the "
            "table."
        ),
        rationale=(
            "Being in charge and taking responsibility are what separate autonomic agency from "
            "collaboration."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="assessment-treatment.choices-within-the-evidence",
        section=SECTION,
        title="Choices within the evidence",
        priority=CORE,
        when=MODEL_OR_AUTONOMY,
        text=(
            "Offer choices within the evidence-based options, so the patient's wish to be in charge goes "
            "into the plan rather than around it."
        ),
        rationale=(
            "While the patient's model of the back, or their autonomy, needs work, the choices stay within "
            "the evidence (the guide's advice): the source article's example patient was in charge of her "
            "care seeking but not of her treatment, autonomous but not in a positive way."
        ),
        cite=(model.ARTICLE,),
        focus=ALWAYS,
    ),
)
