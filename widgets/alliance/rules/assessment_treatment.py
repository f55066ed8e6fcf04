"""Plan section "Assessment and treatment": its items in order (items whose focus holds move to
the top). A manual technique the patient says made things worse is never proposed."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, Not
from alliance.rules.records import ItemRule
from alliance.rules.terms import (
    FIRST_SESSION,
    HANDS_ON_EXPECTED,
    LATER_SESSION,
    LEVEL_1,
    LEVEL_2,
    LEVELS_3_4,
    UNHEALTHY_AUTONOMY,
    made_worse,
    weak,
)

SECTION = "assessment-treatment"

MANUAL_RATIONALE = (
    "The patient expects hands-on care. One physiotherapist in Macphail's interviews gave manual therapy "
    "where it was expected because patients who did not get it listened less to his active approach; the "
    "source article suggests, after a first session of \"just talk\", a manual technique in the second "
    "while discussing pain education."
)
LEAVE_OUT = " Leave out what made things worse (see what to avoid)."


def _hands_on(technique: str, name: str, when: object, leave_out: bool) -> ItemRule:
    """The hands-on item proposing ``technique`` (in the order of preference mobilisation, massage,
    manipulation: the first the patient has not had a bad experience with)."""
    return ItemRule(
        id=f"assessment-treatment.hands-on.{technique}" + (".others-left-out" if leave_out else ""),
        section=SECTION,
        when=All(HANDS_ON_EXPECTED, when),  # type: ignore[arg-type]
        text=(
            f"Include a hands-on technique ({name}) and talk through pain education while you do it; "
            "link it to the active approach rather than letting it replace it."
            + (LEAVE_OUT if leave_out else "")
        ),
        rationale=MANUAL_RATIONALE,
        cite=(model.MSC, model.ARTICLE),
        focus=weak("adapt"),
    )


ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="assessment-treatment.explain-questionnaires",
        section=SECTION,
        when=Any(FIRST_SESSION, weak("adapt")),
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
    _hands_on(
        "mobilisation", "spinal mobilisation",
        All(
            Not(made_worse("mobilisation")),
            Not(made_worse("massage")),
            Not(made_worse("spinal-manipulation")),
        ),
        leave_out=False,
    ),
    _hands_on(
        "mobilisation", "spinal mobilisation",
        All(Not(made_worse("mobilisation")), Any(made_worse("massage"), made_worse("spinal-manipulation"))),
        leave_out=True,
    ),
    _hands_on(
        "massage", "massage or soft-tissue work",
        All(made_worse("mobilisation"), Not(made_worse("massage"))),
        leave_out=True,
    ),
    _hands_on(
        "spinal-manipulation", "spinal manipulation",
        All(made_worse("mobilisation"), made_worse("massage"), Not(made_worse("spinal-manipulation"))),
        leave_out=True,
    ),
    ItemRule(
        id="assessment-treatment.hands-on.none-available",
        section=SECTION,
        when=All(
            HANDS_ON_EXPECTED,
            made_worse("mobilisation"),
            made_worse("massage"),
            made_worse("spinal-manipulation"),
        ),
        text=(
            "The patient expects hands-on care, but the manual techniques on offer made things worse "
            "before: say so openly, use your hands in the examination, and explain why the active "
            "approach comes first."
        ),
        rationale=MANUAL_RATIONALE,
        cite=(model.MSC, model.ARTICLE),
        focus=weak("adapt"),
    ),
    ItemRule(
        id="assessment-treatment.invite-participation",
        section=SECTION,
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
        when=LEVELS_3_4,
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
        when=UNHEALTHY_AUTONOMY,
        text=(
            "Offer choices within the evidence-based options, so the patient's wish to be in charge goes "
            "into the plan rather than around it."
        ),
        rationale=(
            "The source article's example patient was in charge of her care seeking but not of her "
            "treatment: autonomous, but not in a positive way."
        ),
        cite=(model.ARTICLE,),
        focus=ALWAYS,
    ),
)
