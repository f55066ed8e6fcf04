"""Plan section "What to review next time": its items in order (items whose focus holds move
to the top)."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All
from alliance.rules.records import ItemRule
from alliance.rules.terms import (
    FIRST_SESSION,
    HANDS_ON_EXPECTED,
    LATER_SESSION,
    LEVEL_4,
    LEVELS_3_4,
    MANUAL_TECHNIQUE_AVAILABLE,
    weak,
)

SECTION = "review"
AUDIT_RATIONALE = "Clinicians in Macphail's interviews used clinical audit to win buy-in for home exercise."

ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="review.audit-next-session",
        section=SECTION,
        when=FIRST_SESSION,
        text=(
            "Next session, review the homework together as a clinical audit: what the patient did, what "
            "changed, what got in the way."
        ),
        rationale=AUDIT_RATIONALE,
        cite=(model.MSC,),
        focus=weak("review"),
    ),
    ItemRule(
        id="review.audit-this-session",
        section=SECTION,
        when=LATER_SESSION,
        text=(
            "Open this session by reviewing the last homework together (a clinical audit: what the patient "
            "did, what changed, what got in the way), and again next time."
        ),
        rationale=AUDIT_RATIONALE,
        cite=(model.MSC,),
        focus=weak("review"),
    ),
    ItemRule(
        id="review.hands-on-landed",
        section=SECTION,
        when=All(HANDS_ON_EXPECTED, MANUAL_TECHNIQUE_AVAILABLE),
        text="Ask how the hands-on technique, and the explanation that went with it, landed.",
        rationale=(
            "The technique was there to help the patient listen to the active approach; check that it did."
        ),
        cite=(model.MSC,),
    ),
    ItemRule(
        id="review.flare-up-plan",
        section=SECTION,
        when=LEVELS_3_4,
        text="Agree or update a flare-up plan: what to try first, and when and where to seek help.",
        rationale="Knowing help is available if required is part of autonomic agency.",
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="review.space-out-sessions",
        section=SECTION,
        when=LEVEL_4,
        text="Consider spacing out the sessions, making clear the patient can come back.",
        rationale="The patient now leads; help stays within reach.",
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="review.judge-again",
        section=SECTION,
        when=ALWAYS,
        text=(
            "Before the next session, judge again where the alliance stands and where you fall short on the "
            "cycle (the stage classifier), then go round the cycle again."
        ),
        rationale=(
            "The source article suggests consulting both frameworks before each session and including a plan "
            "for the alliance in every session plan."
        ),
        cite=(model.ARTICLE, model.MSC),
    ),
)
