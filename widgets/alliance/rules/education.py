"""Plan section "Education": its items in order (items whose focus holds move to the top)."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, Not
from alliance.rules.records import CORE, SAFETY, ItemRule
from alliance.rules.terms import (
    FIRST_SESSION,
    LEVELS_1_2,
    LEVELS_3_4,
    UNHEALTHY_AUTONOMY,
    UNHELPFUL_MODEL,
    expects,
    holds,
    weak,
    yellow,
)

SECTION = "education"
EDUCATE_FOCUS = Any(weak("educate-empower"), UNHELPFUL_MODEL)

# What imaging shows in people without back pain (Brinjikji et al., 2015), for the items below.
IMAGING_FINDINGS = (
    "findings called degeneration are common in people without back pain and become more common with "
    "age: disc degeneration in 37% of people at 20 and 96% at 80, disc bulges in 30% and 84%"
)
IMAGING_RATIONALE = (
    "A systematic review of 33 articles on 3,110 people without back pain found these imaging features "
    "common and rising with age, and its authors read many of them as part of normal ageing "
    "(Brinjikji et al.)."
)

ITEMS: tuple[ItemRule, ...] = (
    # The model the alliance rests on, when it needs re-education.
    ItemRule(
        id="education.re-educate-the-model",
        section=SECTION,
        title="Re-educate the model of the back",
        priority=SAFETY,
        when=UNHELPFUL_MODEL,
        text=(
            "Re-educate the model of the back before handing over the lead, with content the patient can "
            f"test against their own experience. Imaging: {IMAGING_FINDINGS}; a scan report or \"the "
            "spine of "
            "an 80-year-old\" is not damage to protect. Bracing: the back does not need bracing or guarding "
            "for ordinary movement; try a movement the patient has avoided, relaxed, together in the session."
        ),
        rationale=(
            f"{IMAGING_RATIONALE} The source article gives core bracing and avoiding rounding the back as "
            "its "
            "example of a well-meant but faulty model, in which a model patient may come to more harm than "
            "good."
        ),
        cite=(model.BRINJIKJI, model.ARTICLE),
        focus=ALWAYS,
    ),
    # The beliefs the patient holds.
    ItemRule(
        id="education.pain-means-harm",
        section=SECTION,
        title="Pain is not the same as harm",
        priority=CORE,
        when=Any(holds("belief_harm"), yellow("fear-of-movement")),
        text=(
            "Explain that pain is not the same as harm, in the patient's words and tied to their own "
            "experience, and agree a first small step back into something they avoid."
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
        title="What the scan shows",
        priority=CORE,
        when=All(holds("belief_damage"), Not(UNHELPFUL_MODEL)),
        text=(
            "Revisit what the patient was told about their spine (labels such as \"worn out\" or \"the spine "
            f"of an 80-year-old\"): {IMAGING_FINDINGS}. Offer an evidence-based, biopsychosocial picture of "
            "their back instead."
        ),
        rationale=(
            f"{IMAGING_RATIONALE} The source article warns that a patient educated in a faulty model can "
            "become a model patient in it, which may do more harm than good."
        ),
        cite=(model.BRINJIKJI, model.ARTICLE),
        focus=EDUCATE_FOCUS,
    ),
    ItemRule(
        id="education.brace-protect",
        section=SECTION,
        title="The back does not need bracing",
        priority=CORE,
        when=All(holds("belief_protect"), Not(UNHELPFUL_MODEL)),
        text=(
            "Talk through bracing and protecting the back: ask where the idea came from, explain that "
            "ordinary "
            "movement does not need bracing, and build confidence in it step by step."
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
        title="Why this exercise is different",
        when=holds("belief_exercise"),
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
    ItemRule(
        id="education.low-expectation",
        section=SECTION,
        title="One small goal to reach",
        priority=CORE,
        when=yellow("low-expectation"),
        text=(
            "Ask what the patient expects to happen and why; agree one small goal they can reach before next "
            "time, and look at it together then."
        ),
        rationale=(
            "Clinicians in Macphail's interviews reviewed progress with the patient, as a clinical audit, to "
            "win their buy-in; a goal within reach gives a patient who expects little something to see "
            "change."
        ),
        cite=(model.MSC,),
        focus=ALWAYS,
    ),
    # The foundation, and the model the patient manages by.
    ItemRule(
        id="education.foundation",
        section=SECTION,
        title="The condition, its course and the options",
        priority=CORE,
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
        title="Check the model the patient manages by",
        when=All(LEVELS_3_4, Not(UNHELPFUL_MODEL)),
        text=(
            "Check that the model the patient manages by is evidence based: ask them to explain what their "
            "pain means and what they would do in a flare-up."
        ),
        rationale=(
            "An educated, engaged patient can still be working with a faulty model of the back; the "
            "alliance must rest on an evidence-based, biopsychosocial approach."
        ),
        cite=(model.ARTICLE,),
    ),
    # What the patient expects from care.
    ItemRule(
        id="education.imaging",
        section=SECTION,
        title="What a scan could and could not show",
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
        title="A working explanation",
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
        title="Where injections and medication fit",
        when=expects("injection-medication"),
        text=(
            "Acknowledge the wish for an injection or medication; explain where these fit among the options "
            "and that the active plan is the core, and if the patient wants their medication looked at, "
            "involve their GP in the same plan rather than a separate one."
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
        title="The advice the patient came for",
        when=expects("advice-only"),
        text="Give the advice the patient came for, clearly and early in the session.",
        rationale="Meeting what the person came for is part of what matters most to them.",
        cite=(model.STENNER,),
    ),
    # How to educate.
    ItemRule(
        id="education.weave-in",
        section=SECTION,
        title="Weave education into the conversation",
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
