"""Plan section "Communication and rapport": its items, in the order the plan lists them
(items whose focus holds move to the top)."""

from __future__ import annotations

from alliance import model
from alliance.conditions import ALWAYS, All, Any, InputEmpty, InputGiven, InputHas, Not
from alliance.rules.records import CORE, EXTRA, USUAL, ItemRule
from alliance.rules.terms import (
    EXPECTATIONS_UNKNOWN,
    FIRST_SESSION,
    HOLD_THE_LEAD,
    INCONSISTENT,
    LATER_SESSION,
    LEVEL_1,
    LEVELS_3_4,
    UNSURE_HOW_FIRMLY,
    hands_over,
    weak,
    yellow,
)

ASK_EXPECTATIONS = (
    "Ask what the patient expects from care, what they believe about their back, and what has helped or made "
    "it worse before."
)
EXPECTATIONS_RATIONALE = (
    "Understanding expectations, beliefs and past experience is what lets you build rapport and adapt "
    "assessment and treatment (Macphail's interviews); what matters to people is often simple but voiced in "
    "an unstructured way (Stenner et al.)."
)
AGENDA_RATIONALE = (
    "Stenner et al. found that what matters to people in physiotherapy consultations includes a clear "
    "rather than an unstructured agenda; the source article reads their findings as meaningful "
    "conversations that may encourage an active role in care."
)

SECTION = "communication"

ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="communication.goals-first",
        section=SECTION,
        title="Start from the patient's own goals",
        priority=CORE,
        when=InputGiven("patient_goals"),
        text=(
            "Start from the patient's goals, as they put them at the top of this plan, and tie each part of "
            "today's work to them."
        ),
        rationale=(
            "Understanding what matters to the person is vital, and what matters is often simple but voiced "
            "in an unstructured way (Stenner et al.)."
        ),
        cite=(model.STENNER,),
    ),
    ItemRule(
        id="communication.listen-first",
        section=SECTION,
        title="Listen first",
        priority=CORE,
        urgent=True,
        when=Any(FIRST_SESSION, LEVEL_1, weak("understand", "rapport")),
        text=(
            "Start by asking about symptoms, lifestyle and what the patient thinks is causing the pain; "
            "repeat "
            "their words back and ask them to say more."
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
        title="Stay with the patient",
        priority=CORE,
        urgent=True,
        when=LEVEL_1,
        text="Stay with the patient throughout the session, and end with a word of encouragement.",
        rationale="Non-encounters are experiences of not being met; being present is the first step up.",
        cite=(model.HOLOPAINEN, model.MICIAK),
        focus=ALWAYS,
    ),
    ItemRule(
        id="communication.acknowledge-distress",
        section=SECTION,
        title="Acknowledge the distress",
        priority=CORE,
        urgent=True,
        when=yellow("distress"),
        text=(
            "Acknowledge how hard the pain has been, ask how the patient is coping and who supports them, "
            "and "
            "keep what you ask of them today small."
        ),
        rationale=(
            "Macphail's interviews were about patients with chronic low back pain and yellow flags; every "
            "physiotherapist interviewed described reassurance as part of building rapport."
        ),
        cite=(model.MSC,),
        focus=ALWAYS,
    ),
    ItemRule(
        id="communication.ask-goals",
        section=SECTION,
        title="Ask for the patient's goals",
        when=Not(InputGiven("patient_goals")),
        text="Ask what the patient wants to be able to do, and write it down in their own words.",
        rationale=(
            "Understanding what matters to the person is vital, and clinicians need to help people say it "
            "(Stenner et al.)."
        ),
        cite=(model.STENNER,),
    ),
    ItemRule(
        id="communication.ask-expectations",
        section=SECTION,
        title="Ask about expectations, beliefs and past care",
        priority=CORE,
        urgent=True,
        when=FIRST_SESSION,
        text=ASK_EXPECTATIONS,
        rationale=(
            f"{EXPECTATIONS_RATIONALE} At a first session it is core: the rest of the plan rests on it (the "
            "guide's advice)."
        ),
        cite=(model.MSC, model.STENNER),
    ),
    ItemRule(
        id="communication.ask-expectations-again",
        section=SECTION,
        title="Ask about expectations, beliefs and past care",
        when=All(LATER_SESSION, Any(weak("understand"), EXPECTATIONS_UNKNOWN)),
        text=ASK_EXPECTATIONS,
        rationale=EXPECTATIONS_RATIONALE,
        cite=(model.MSC, model.STENNER),
        focus=weak("understand"),
    ),
    ItemRule(
        id="communication.how-firmly",
        section=SECTION,
        title="Ask how firmly the patient holds their beliefs",
        priority=CORE,
        when=UNSURE_HOW_FIRMLY,
        text=(
            "Ask how firmly the patient holds {unsure}: whether it shapes what they do, or they are open to "
            "other views. Until you know, the plan keeps the lead with you."
        ),
        rationale=(
            "A patient can become a model patient in a faulty model of the back, which may do more harm than "
            "good (the source article); whether the lead can be handed over depends on how firmly such a "
            "belief is held, and keeping it while that is unknown is the safe reading (the guide's advice)."
        ),
        cite=(model.ARTICLE,),
        focus=ALWAYS,
    ),
    ItemRule(
        id="communication.reassurance",
        section=SECTION,
        title="Reassure",
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
        title="Use the patient's own words",
        when=InputHas("rapport", "plain-language"),
        text="Talk in plain language, using the patient's own words for their pain and their goals.",
        rationale="Every physiotherapist in Macphail's interviews mentioned using the patient's language.",
        cite=(model.MSC,),
        focus=weak("rapport"),
    ),
    ItemRule(
        id="communication.humour",
        section=SECTION,
        title="Humour, where it suits",
        priority=EXTRA,
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
        title="Find out what works for rapport",
        priority=USUAL,
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
        title="Let the patient set the agenda",
        when=hands_over(LEVELS_3_4),
        hands_over=True,
        text="Let the patient set the agenda: ask what they want from today's session.",
        rationale=AGENDA_RATIONALE,
        cite=(model.STENNER, model.ARTICLE),
    ),
    ItemRule(
        id="communication.agree-the-agenda",
        section=SECTION,
        title="Agree the agenda together",
        when=All(LEVELS_3_4, HOLD_THE_LEAD),
        text=(
            "Agree today's agenda together: ask what the patient wants from the session, and say what you "
            "would like to cover too ({holding})."
        ),
        rationale=(
            f"{AGENDA_RATIONALE} While something holds the lead back, the guide's advice is to share the "
            "agenda rather than hand it over."
        ),
        cite=(model.STENNER, model.ARTICLE),
    ),
    ItemRule(
        id="communication.check-contradictions",
        section=SECTION,
        title="Check the answers that contradicted each other",
        priority=CORE,
        when=INCONSISTENT,
        text="Check the answers that contradicted each other by asking the patient about them directly.",
        rationale=(
            "A contradiction in how you see the patient is a cue to understand them better before planning "
            "further (the guide's own check and advice)."
        ),
        cite=(),
        focus=ALWAYS,
    ),
)
