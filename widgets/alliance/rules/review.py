"""Plan section "What to review next time": its items in order (items whose focus holds move
to the top). While the patient's model of the back needs re-education, review follows it."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All
from alliance.rules.records import CORE, EXTRA, ItemRule
from alliance.rules.terms import (
    FIRST_SESSION,
    HANDS_ON_OFFERED,
    HOLD_THE_LEAD,
    LATER_SESSION,
    LEVEL_4,
    LEVELS_3_4,
    UNHELPFUL_MODEL,
    hands_over,
    weak,
)

SECTION = "review"
AUDIT_RATIONALE = (
    "Clinicians in Macphail's interviews used clinical audit to win buy-in for home exercise. When to "
    "check progress is the guide's advice: soon enough to change course."
)
CHECK_PROGRESS = (
    "; at session {check}, check progress towards {goal} together and repeat the disability measure you "
    "used at the start, if you used one."
)

ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="review.the-new-model",
        section=SECTION,
        title="Check the new model of the back has taken hold",
        priority=CORE,
        when=UNHELPFUL_MODEL,
        text=(
            "Next time, ask the patient to say in their own words what their scan findings mean and whether "
            "they still brace or avoid bending; hand over the lead only once the new picture has taken hold."
        ),
        rationale=(
            "A patient who manages well by a faulty model may come to more harm than good; the source "
            "article "
            "places the alliance within an evidence-based, biopsychosocial approach."
        ),
        cite=(model.ARTICLE,),
        focus=ALWAYS,
    ),
    ItemRule(
        id="review.audit-next-session",
        section=SECTION,
        title="Review the homework together next time",
        priority=CORE,
        when=FIRST_SESSION,
        text=(
            "Next session, review the homework together as a clinical audit: what the patient did, what "
            "changed, what got in the way" + CHECK_PROGRESS
        ),
        rationale=AUDIT_RATIONALE,
        cite=(model.MSC,),
        focus=weak("review"),
        serves_goal=True,
    ),
    ItemRule(
        id="review.audit-this-session",
        section=SECTION,
        title="Open by reviewing the homework together",
        priority=CORE,
        when=LATER_SESSION,
        text=(
            "Open this session by reviewing the last homework together (a clinical audit: what the patient "
            "did, what changed, what got in the way), and again next time" + CHECK_PROGRESS
        ),
        rationale=AUDIT_RATIONALE,
        cite=(model.MSC,),
        focus=weak("review"),
        serves_goal=True,
    ),
    ItemRule(
        id="review.hands-on-landed",
        section=SECTION,
        title="Ask how the hands-on care landed",
        priority=EXTRA,
        when=HANDS_ON_OFFERED,
        text="Ask how the hands-on technique, and the explanation that went with it, landed.",
        rationale=(
            "The technique was there to help the patient listen to the active approach; check that it did."
        ),
        cite=(model.MSC,),
    ),
    ItemRule(
        id="review.flare-up-plan",
        section=SECTION,
        title="A flare-up plan, with when to seek help",
        priority=CORE,
        when=LEVELS_3_4,
        text=(
            "Agree or update a flare-up plan: what to try first, when to come back, and the signs that need "
            "urgent medical review (the safety-netting below)."
        ),
        rationale=(
            "Knowing help is available if required is part of autonomic agency; which signs need urgent "
            "medical review follows the NICE guideline."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE, model.NICE),
    ),
    ItemRule(
        id="review.space-out-sessions",
        section=SECTION,
        title="Space out the sessions",
        priority=CORE,
        when=hands_over(LEVEL_4),
        hands_over=True,
        text="Space out the sessions, making clear the patient can come back whenever they need to.",
        rationale=(
            "The patient leads and knows help is available if required, which is autonomic agency in the "
            "source article's reading of Holopainen et al.; help stays within reach."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="review.keep-reviews-close",
        section=SECTION,
        title="Keep reviews close for now",
        priority=CORE,
        when=All(LEVEL_4, HOLD_THE_LEAD),
        text=(
            "Keep the reviews as they are for now rather than spacing them out ({holding}); space them out "
            "once that has settled, and make sure the patient knows they can come back sooner."
        ),
        rationale=(
            "Autonomic agency includes knowing help is available (the source article's reading of "
            "Holopainen et al.); while yellow flags, a flag or a belief held firmly qualify it, the guide's "
            "advice is to keep help close."
        ),
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
    ItemRule(
        id="review.judge-again",
        section=SECTION,
        title="Judge again before the next session",
        priority=EXTRA,
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
