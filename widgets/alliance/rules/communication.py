"""Plan section "Communication and rapport": its items, in the order the plan lists them
(items whose focus holds move to the top)."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, Any, InputEmpty, InputHas
from alliance.rules.records import ItemRule
from alliance.rules.terms import FIRST_SESSION, INCONSISTENT, LEVEL_1, LEVELS_3_4, weak

SECTION = "communication"

ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="communication.listen-first",
        section=SECTION,
        when=Any(FIRST_SESSION, LEVEL_1, weak("understand", "rapport")),
        text=(
            "Spend about the first {first_third} minutes asking about symptoms, lifestyle and what the "
            "patient thinks is causing the pain; repeat their words back and ask them to say more."
        ),
        rationale=(
            "In Fuentes et al.'s experiment, an enhanced alliance (by a secondary summary: about 10 minutes "
            "of this kind of listening at the start, the therapist staying in the room, encouragement at "
            "the end) was followed by larger reductions in pain than limited interaction, with active "
            "or sham interferential current alike."
        ),
        cite=(model.FUENTES,),
        focus=weak("rapport", "understand"),
    ),
    ItemRule(
        id="communication.stay-present",
        section=SECTION,
        when=LEVEL_1,
        text="Stay with the patient throughout the session, and end with a word of encouragement.",
        rationale="Non-encounters are experiences of not being met; being present is the first step up.",
        cite=(model.HOLOPAINEN, model.MICIAK),
        focus=ALWAYS,
    ),
    ItemRule(
        id="communication.ask-expectations",
        section=SECTION,
        when=Any(
            FIRST_SESSION, weak("understand"), InputEmpty("expectations"), InputHas("expectations", "unknown")
        ),
        text=(
            "Ask what the patient expects from care, what they believe about their back, and what has "
            "helped or made it worse before."
        ),
        rationale=(
            "Understanding expectations, beliefs and past experience is what lets you build rapport and "
            "adapt assessment and treatment (Macphail's interviews); what matters to people is often "
            "simple but voiced in an unstructured way (Stenner et al.)."
        ),
        cite=(model.MSC, model.STENNER),
        focus=weak("understand"),
    ),
    ItemRule(
        id="communication.reassurance",
        section=SECTION,
        when=InputHas("rapport", "reassurance"),
        text="Reassure the patient, about what their pain means and about what you will do together.",
        rationale=(
            "Every physiotherapist in Macphail's interviews mentioned reassurance as part of building "
            "rapport."
        ),
        cite=(model.MSC,),
        focus=weak("rapport"),
    ),
    ItemRule(
        id="communication.plain-language",
        section=SECTION,
        when=InputHas("rapport", "plain-language"),
        text="Talk in plain language, using the patient's own words for their pain and their goals.",
        rationale="Every physiotherapist in Macphail's interviews mentioned using the patient's language.",
        cite=(model.MSC,),
        focus=weak("rapport"),
    ),
    ItemRule(
        id="communication.humour",
        section=SECTION,
        when=InputHas("rapport", "humour"),
        text="Use humour where it suits: a light remark to build a joking link.",
        rationale=(
            "One physiotherapist in Macphail's interviews felt a joking link with a patient brought better "
            "adherence; it helps only where it suits the person."
        ),
        cite=(model.MSC,),
        focus=weak("rapport"),
    ),
    ItemRule(
        id="communication.find-what-works",
        section=SECTION,
        when=InputEmpty("rapport"),
        text=(
            "Find out what this patient responds to: reassure, use their own words, try humour only if it "
            "seems to suit them, and note what works for next time."
        ),
        rationale=(
            "The physiotherapists in Macphail's interviews built rapport in a wide range of styles; "
            "reassurance and the patient's own language were common to all."
        ),
        cite=(model.MSC,),
        focus=weak("rapport"),
    ),
    ItemRule(
        id="communication.patient-sets-agenda",
        section=SECTION,
        when=LEVELS_3_4,
        text="Let the patient set the agenda: ask what they want from today's session.",
        rationale=(
            "Meaningful conversations about what matters to the person encourage an active role in "
            "their care."
        ),
        cite=(model.STENNER, model.HOLOPAINEN),
    ),
    ItemRule(
        id="communication.check-contradictions",
        section=SECTION,
        when=INCONSISTENT,
        text="Check the answers that contradicted each other by asking the patient about them directly.",
        rationale=(
            "A contradiction in how you see the patient is a cue to understand them better before planning "
            "further."
        ),
        cite=(model.MSC,),
        focus=ALWAYS,
    ),
)
