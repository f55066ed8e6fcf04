"""Plan section "Education": its items in order (items whose focus holds move to the top),
and the limit a short session puts on it."""

from __future__ import annotations

from alliance import model
from alliance.conditions import Any
from alliance.rules.records import ItemRule, LimitRule
from alliance.rules.terms import (
    FIRST_SESSION,
    LEVELS_1_2,
    LEVELS_3_4,
    SHORT_SESSION,
    UNHEALTHY_AUTONOMY,
    UNHELPFUL_MODEL,
    believes,
    expects,
    weak,
)

SECTION = "education"
EDUCATE_FOCUS = Any(weak("educate-empower"), UNHELPFUL_MODEL)

ITEMS: tuple[ItemRule, ...] = (
    # The beliefs the patient holds.
    ItemRule(
        id="education.pain-means-harm",
        section=SECTION,
        when=believes("pain-means-harm"),
        text=(
            "Explain that pain is not the same as harm, in the patient's words and tied to their own "
            "experience."
        ),
        rationale=(
            "One physiotherapist in Macphail's interviews named \"pain equals harm\" as the problem that, "
            "once addressed, usually makes treatment of these patients successful."
        ),
        cite=(model.MSC,),
        focus=EDUCATE_FOCUS,
    ),
    ItemRule(
        id="education.structural-damage",
        section=SECTION,
        when=believes("structural-damage"),
        text=(
            "Revisit what the patient was told about their spine (labels such as \"worn out\" or \"the spine "
            "of an 80-year-old\") and offer an evidence-based, biopsychosocial picture of their back."
        ),
        rationale=(
            "The source article warns that a patient educated in a faulty model can become a model patient "
            "in it, which may do more harm than good."
        ),
        cite=(model.ARTICLE,),
        focus=EDUCATE_FOCUS,
    ),
    ItemRule(
        id="education.brace-protect",
        section=SECTION,
        when=believes("brace-protect"),
        text=(
            "Talk through bracing and protecting the back: ask where the idea came from, and build "
            "confidence in ordinary movement step by step."
        ),
        rationale=(
            "The source article gives core bracing and avoiding bending as its example of a well-meant but "
            "faulty model."
        ),
        cite=(model.ARTICLE,),
        focus=EDUCATE_FOCUS,
    ),
    ItemRule(
        id="education.exercise-does-not-work",
        section=SECTION,
        when=believes("exercise-does-not-work"),
        text=(
            "Acknowledge the exercise the patient has tried, and explain how this plan differs: fewer "
            "exercises, chosen together and reviewed together."
        ),
        rationale=(
            "In the source article, a patient who refused exercise because she \"had tried that\" needed "
            "education about her condition and options before anything else could work."
        ),
        cite=(model.ARTICLE, model.MSC),
        focus=EDUCATE_FOCUS,
    ),
    # The foundation, and the model the patient manages by.
    ItemRule(
        id="education.foundation",
        section=SECTION,
        when=Any(LEVELS_1_2, UNHEALTHY_AUTONOMY),
        text=(
            "Explain the condition, its likely course and the options in plain words, and ask the patient "
            "to tell it back in their own words."
        ),
        rationale=(
            "Education on condition, prognosis and options is the foundation of the pyramid; autonomy "
            "without it can be unhealthy."
        ),
        cite=(model.ARTICLE, model.HOLOPAINEN),
        focus=UNHEALTHY_AUTONOMY,
    ),
    ItemRule(
        id="education.check-the-model",
        section=SECTION,
        when=LEVELS_3_4,
        text=(
            "Check that the model the patient manages by is evidence based: ask them to explain what their "
            "pain means and what they would do in a flare-up."
        ),
        rationale=(
            "An educated, engaged patient can still be working with a faulty model of the back; the "
            "alliance must rest on an evidence-based, biopsychosocial approach."
        ),
        cite=(model.ARTICLE,),
        focus=UNHELPFUL_MODEL,
    ),
    # What the patient expects from care.
    ItemRule(
        id="education.imaging",
        section=SECTION,
        when=expects("imaging"),
        text=(
            "Ask what the patient hopes a scan would show; explain what it could and could not tell you, and "
            "how you will find out what you need instead."
        ),
        rationale=(
            "People need information and understanding from a consultation (Stenner et al.); an expectation "
            "left unanswered can stop them listening to the rest."
        ),
        cite=(model.STENNER, model.MSC),
    ),
    ItemRule(
        id="education.diagnosis",
        section=SECTION,
        when=expects("diagnosis"),
        text=(
            "Give a clear working explanation of what you think is going on, and what it means for what they "
            "can do."
        ),
        rationale="People need information and understanding from a consultation.",
        cite=(model.STENNER,),
    ),
    ItemRule(
        id="education.injection-medication",
        section=SECTION,
        when=expects("injection-medication"),
        text=(
            "Acknowledge the wish for an injection or medication; explain where these fit among the options, "
            "refer to the prescriber where appropriate, and present the active plan as the core."
        ),
        rationale=(
            "The source article's example patient went from specialist to specialist for injections and "
            "medication without understanding her condition or options."
        ),
        cite=(model.ARTICLE,),
    ),
    ItemRule(
        id="education.advice-only",
        section=SECTION,
        when=expects("advice-only"),
        text="Give the advice the patient came for, clearly and early in the session.",
        rationale="Meeting what the person came for is part of what matters most to them.",
        cite=(model.STENNER,),
    ),
    # How to educate.
    ItemRule(
        id="education.weave-in",
        section=SECTION,
        when=Any(FIRST_SESSION, weak("educate-empower")),
        text=(
            "Weave education into the conversation rather than delivering a lecture: ask, listen, then "
            "explain."
        ),
        rationale=(
            "In Traeger et al.'s trial, sessions of pain education added to usual care did not reduce pain "
            "more than sessions of active listening; the source article reads both as parts of building "
            "the alliance."
        ),
        cite=(model.TRAEGER, model.ARTICLE),
    ),
)

LIMITS: tuple[LimitRule, ...] = (
    LimitRule(
        id="education.short-session",
        section=SECTION,
        when=SHORT_SESSION,
        keep=2,
        text=(
            "This is a short session ({minutes} minutes): keep education to the messages above and "
            "leave the rest for later sessions."
        ),
        rationale=(
            "Adapting to what the patient can take in, rather than covering everything, is part of "
            "the cycle."
        ),
        cite=(model.MSC,),
    ),
)
