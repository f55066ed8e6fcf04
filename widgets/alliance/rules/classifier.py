"""The stage classifier's rules, top to bottom in the order the classifier applies them.

1. ``CRITERIA``: when each transition criterion of the model is met.
2. The level is the highest one whose every lower step up is fully met (the
   model's order; not a table). Meeting one more criterion never lowers it.
3. ``FLAGS``: cautions that qualify the level without changing it.
4. ``SELF_CHECK_SCORES``: the weakest steps of the cycle are the self-check
   answers with the lowest score (all of them on a tie); none when all are "well".
5. ``NEXT_STEPS``: every rule that applies gives a next step, in table order
   (flags, weakest steps, what holds the patient, beliefs); a text given twice
   is kept once.
6. ``CARRY``: what a result carries into the plan builder, beside the level,
   the flags and the weakest steps.
"""

from __future__ import annotations

from alliance import model
from alliance.conditions import (
    ALWAYS,
    All,
    AnswerIn,
    Any,
    Flagged,
    HoldingBack,
    Named,
    Not,
    StageIs,
    Term,
    Weakest,
)
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS_BY_ID
from alliance.rules.records import ANSWER, CarryRule, CriterionRule, FlagRule, NextStepRule

# Steps 2 and 4 are procedures, not tables: their ids (which results cite) and plain words.
STAGE_RULE = "stage"
WEAKEST_RULE = "weakest-steps"
PROCEDURES: dict[str, str] = {
    STAGE_RULE: (
        "The level is the highest one whose every lower step up has all its criteria met: a criterion met "
        "above a step that is not is not enough to climb. Meeting one more criterion never lowers the level."
    ),
    WEAKEST_RULE: (
        "The weakest steps of the cycle are those whose self-check answer scores lowest (\"not yet\" "
        "below \"partly\" below \"well\"), all of them on a tie, in the cycle's order; none when every step "
        "is answered \"well\"."
    ),
}

# --- 1. criteria ---------------------------------------------------------------------------------
# A rule accepts a question's strongest options only, so a stronger answer never un-meets a criterion.

CRITERIA: tuple[CriterionRule, ...] = (
    CriterionRule("clinician-present", AnswerIn("presence", "heard", "understood")),
    CriterionRule("patient-understanding", AnswerIn("understanding", "basic", "clear")),
    CriterionRule("strong-alliance", AnswerIn("trust", "strong"), AnswerIn("agreement", "agreed")),
    CriterionRule(
        "active-participation",
        AnswerIn("participation-treatment", "active", "leading"),
        note=(
            "Changed in this version of the tools: taking part in decisions is no longer part of this "
            "criterion. A patient who takes an active part in the treatment but leaves each decision to the "
            "clinician has the active participation Holopainen et al. name for the step from 2 to 3; relying "
            "on the clinician to decide is what the step from 3 to 4 (being in charge) removes. The split is "
            "this guide's reading."
        ),
    ),
    CriterionRule(
        "patient-in-charge",
        AnswerIn("in-charge-treatment", "patient"),
        AnswerIn("participation-decisions", "shares", "leads"),
        note=(
            "Changed in this version of the tools: being in charge includes deciding with the clinician "
            "rather than leaving the decisions to them (moved here from the step from 2 to 3), this guide's "
            "reading of the source article's \"being in charge\"."
        ),
    ),
    CriterionRule(
        "takes-responsibility",
        AnswerIn("responsibility", "owns"),
        AnswerIn("self-management", "partly", "regularly"),
    ),
    CriterionRule("knows-help-available", AnswerIn("help-available", "yes")),
)

# --- 3. flags ------------------------------------------------------------------------------------

BELIEFS_HELD_FIRMLY = Term(
    "a-belief-held-firmly",
    "a harmful belief about the back is held firmly",
    Any(
        AnswerIn("belief-harm", "firmly"),
        AnswerIn("belief-damage", "firmly"),
        AnswerIn("belief-protect", "firmly"),
    ),
    denies="no harmful belief about the back is held firmly",
)
# Behaviour that works against care: going from one professional to the next for a fix, or turning down
# what is offered having decided it will not work (the source article's example patient did both).
HARMFUL_BEHAVIOUR = AnswerIn("care-seeking", "shopping", "refusing")
HARM_OR_FIRM_BELIEF = Term(
    "acts-against-care",
    "the patient acts against their care or holds a harmful belief firmly",
    Any(HARMFUL_BEHAVIOUR, BELIEFS_HELD_FIRMLY),
)
IN_CHARGE = Term(
    "decides-for-themselves",
    "the patient decides for themselves",
    Any(AnswerIn("in-charge-treatment", "patient"), AnswerIn("in-charge-care-seeking", "patient")),
)
NO_FOUNDATION = Term(
    "no-foundation",
    "the patient cannot yet explain their condition, its course and the options",
    Not(AnswerIn("understanding", "basic", "clear")),
)
VOICED = Term(
    "belief-voiced",
    "a harmful belief about the back was voiced (firmly or partly)",
    Any(
        AnswerIn("belief-harm", "firmly", "partly"),
        AnswerIn("belief-damage", "firmly", "partly"),
        AnswerIn("belief-protect", "firmly", "partly"),
    ),
)
NOT_DISCUSSED = Term(
    "beliefs-not-discussed",
    "a harmful belief has not been discussed yet",
    Any(
        AnswerIn("belief-harm", "not-discussed"),
        AnswerIn("belief-damage", "not-discussed"),
        AnswerIn("belief-protect", "not-discussed"),
    ),
)
# Levels 3 and 4: collaboration or autonomy is in place (every criterion of the steps up to them is met).
COLLABORATION_OR_AUTONOMY = StageIs("empowering-collaboration", "autonomic-agency")
YELLOW_FLAGS_NOTICED = AnswerIn("yellow-flags", "fear-of-movement", "distress", "low-expectation")
NO_FLAG = Term(
    "no-flag",
    "no flag is raised",
    Not(Any(*(Flagged(flag.id) for flag in model.FLAGS))),
    denies="a flag is raised",
)
CHECK_AGAIN = (
    " Check both answers again: one of them may need to change, or the difference is worth exploring "
    "with the patient. (Which answers contradict each other is this guide's own check.)"
)
# Two answers that cannot both describe the same patient: (first, second, what clashes).
CONTRADICTIONS: tuple[tuple[AnswerIn, AnswerIn, str], ...] = (
    (
        AnswerIn("presence", "not-heard"), AnswerIn("trust", "strong"),
        "The patient did not seem to feel heard, yet the trust between you is described as strong.",
    ),
    (
        AnswerIn("in-charge-treatment", "patient"), AnswerIn("responsibility", "avoids"),
        "The patient is described as leading the day-to-day management of their back, yet as seeing "
        "action on the plan as someone else's job.",
    ),
    (
        AnswerIn("responsibility", "owns"), AnswerIn("self-management", "declines", "rarely"),
        "The patient is described as owning the plan and following it through, yet as seldom doing "
        "or declining self-management.",
    ),
    (
        AnswerIn("agreement", "agreed"), AnswerIn("care-seeking", "refusing"),
        "You agree on goals and tasks, yet the patient refuses what is offered.",
    ),
    (
        AnswerIn("participation-treatment", "leading"), AnswerIn("in-charge-treatment", "others"),
        "The patient leads in sessions and tries things between them, yet expects others to fix "
        "their back.",
    ),
    (
        AnswerIn("in-charge-care-seeking", "others"), AnswerIn("care-seeking", "shopping"),
        "Others are described as deciding where the patient seeks care, yet the patient goes from one "
        "professional to the next.",
    ),
    (
        AnswerIn("self-management", "regularly"), AnswerIn("care-seeking", "refusing"),
        "Self-management is part of the patient's week, yet they refuse what is offered.",
    ),
)

FLAGS: tuple[FlagRule, ...] = (
    FlagRule(
        id="flags.unhealthy-autonomy.behaviour",
        flag="unhealthy-autonomy",
        # The article's example patient drove her own care seeking from specialist to specialist and
        # turned down exercise, "very autonomous but not in a positive way".
        when=Named("behaviour", HARMFUL_BEHAVIOUR),
        title="Acting alone against the plan",
        explanation=(
            "The patient acts on their own in a way that works against their care ({behaviour:answers}). "
            "The source article's example patient went from specialist to specialist and turned down "
            "exercise: very autonomous, but not in a positive way. This autonomy needs the education "
            "foundation and one plan the patient can take part in."
        ),
    ),
    FlagRule(
        id="flags.unhealthy-autonomy",
        flag="unhealthy-autonomy",
        # In charge, on a harmful belief held firmly, without understanding condition, prognosis and
        # options. Being in charge with a gap in knowledge is not enough on its own (issue 21).
        when=All(Named("acts", IN_CHARGE), Named("firm", BELIEFS_HELD_FIRMLY),
                 Named("foundation", NO_FOUNDATION)),
        title=model.UNHEALTHY_BY_ID["autonomy-without-foundation"].name,
        explanation=(
            "The patient decides for themselves ({acts:answers}) on a harmful belief held firmly "
            "({firm:answers}), without understanding their condition, its likely course or the options "
            "({foundation:answers}). This autonomy is not the positive autonomy at the top of the pyramid: "
            "it needs the education foundation first."
        ),
    ),
    FlagRule(
        id="flags.unhealthy-autonomy.care-seeking-not-treatment",
        flag="unhealthy-autonomy",
        # The article's own picture: "an internal locus of control over care seeking but not in
        # treatment", "very autonomous but not in a positive way".
        when=All(
            Named("seeking", AnswerIn("in-charge-care-seeking", "patient")),
            Named("treatment", AnswerIn("in-charge-treatment", "others")),
            Named("harm", HARM_OR_FIRM_BELIEF),
        ),
        title="In charge of care seeking, not of treatment",
        explanation=(
            "The patient decides where to seek care ({seeking:answers}) but leaves the management of their "
            "back to others ({treatment:answers}), with {harm:answers}. The source article describes this "
            "pattern in its example of a patient going from specialist to specialist: very autonomous, but "
            "not in a positive way. It needs the education foundation and one plan the patient can take "
            "part in."
        ),
    ),
    FlagRule(
        id="flags.unhelpful-model",
        flag="unhelpful-model",
        when=All(Named("built", COLLABORATION_OR_AUTONOMY), Named("firm", BELIEFS_HELD_FIRMLY)),
        title=model.UNHEALTHY_BY_ID["autonomy-on-unhelpful-model"].name,
        explanation=(
            "Collaboration or autonomy is in place (the level is {built:level}), but it rests on beliefs "
            "that are not evidence based ({firm:answers}). A patient can become a model patient in a faulty "
            "model, such as fear-driven bracing or \"the spine of an 80-year-old\", which may do more harm "
            "than good."
        ),
    ),
    FlagRule(
        id="flags.agency-with-yellow-flags",
        flag="agency-with-yellow-flags",
        when=All(Named("agency", StageIs("autonomic-agency")), Named("noticed", YELLOW_FLAGS_NOTICED)),
        title=model.FLAGS_BY_ID["agency-with-yellow-flags"].title,
        explanation=(
            "The patient leads the management of their back, but you noticed yellow flags "
            "({noticed:answers}): signs that recovery may be slower. So the classifier does not suggest "
            "spacing out reviews, and the plan builder does not hand over more of the lead: keep reviews "
            "close while the flags last (this guide's reading; the physiotherapists in Macphail's "
            "interviews described patients with yellow flags)."
        ),
    ),
    *(
        FlagRule(
            id=f"flags.inconsistent.{first.question}.{second.question}",
            flag="inconsistent",
            when=All(first, second),
            title=f"Answers on {QUESTIONS_BY_ID[first.question].short} and "
                  f"{QUESTIONS_BY_ID[second.question].short} contradict each other",
            explanation=clash + CHECK_AGAIN,
        )
        for first, second, clash in CONTRADICTIONS
    ),
)

# --- 4. weakest steps ----------------------------------------------------------------------------

SELF_CHECK_SCORES: dict[str, int] = {"not-yet": 0, "partly": 1, "well": 2}

# --- 5. next steps -------------------------------------------------------------------------------

NEXT_STEPS: tuple[NextStepRule, ...] = (
    # Flags first.
    NextStepRule(
        id="next-steps.unhealthy-autonomy",
        when=Flagged("unhealthy-autonomy"),
        text=(
            "Before building on the patient's independence, lay the foundation: their condition, its "
            "likely course and the evidence-based options, so their drive goes into a plan that can help; "
            "agree that one plan with the other professionals involved, such as their GP."
        ),
        step="education-foundation",
        cite=(model.ARTICLE, model.HOLOPAINEN),
    ),
    NextStepRule(
        id="next-steps.unhelpful-model",
        when=Flagged("unhelpful-model"),
        text=(
            "Revisit the model of the back the patient is working with: pain is not the same as harm, "
            "and an evidence-based, biopsychosocial picture replaces bracing and \"worn-out spine\" "
            "messages, in their own words."
        ),
        step="educate-empower",
        cite=(model.MSC, model.ARTICLE),
    ),
    *(
        NextStepRule(
            id=f"next-steps.recheck.{first.question}.{second.question}",
            when=All(first, second),
            text=(
                f"Look again at your answers on {QUESTIONS_BY_ID[first.question].short} and "
                f"{QUESTIONS_BY_ID[second.question].short}: {clash} Understanding the patient better may "
                "explain it (this check is the guide's own)."
            ),
            step="understand",
            cite=(),
        )
        for first, second, clash in CONTRADICTIONS
    ),
    # Then the weakest steps of the cycle, in cycle order.
    NextStepRule(
        id="next-steps.weakest.understand",
        when=Weakest("understand"),
        text=(
            "Ask about the patient's expectations of care, their beliefs about their back and what has "
            "helped or made things worse before."
        ),
        step="understand",
        cite=model.CYCLE_BY_ID["understand"].cite,
    ),
    NextStepRule(
        id="next-steps.weakest.rapport",
        when=Weakest("rapport"),
        text=(
            "Build rapport: reassure, use the patient's own words for their pain, and use humour if it "
            "suits them."
        ),
        step="rapport",
        cite=model.CYCLE_BY_ID["rapport"].cite,
    ),
    NextStepRule(
        id="next-steps.weakest.adapt",
        when=Weakest("adapt"),
        text=(
            "Adapt assessment and treatment: explain why questionnaires are asked, give hands-on care if "
            "it is expected alongside the active approach, and set one or two exercises rather than many."
        ),
        step="adapt",
        cite=model.CYCLE_BY_ID["adapt"].cite,
    ),
    NextStepRule(
        id="next-steps.weakest.educate-empower",
        when=Weakest("educate-empower"),
        text=(
            "Educate and empower: explain that pain is not the same as harm, and make the homework the "
            "most important part of care."
        ),
        step="educate-empower",
        cite=model.CYCLE_BY_ID["educate-empower"].cite,
    ),
    NextStepRule(
        id="next-steps.weakest.review",
        when=Weakest("review"),
        text=(
            "Review progress together: look at the homework and outcomes with the patient (a clinical "
            "audit) to win buy-in, then go round the cycle again."
        ),
        step="review",
        cite=model.CYCLE_BY_ID["review"].cite,
    ),
    # Then each criterion missing at the step up from the patient's level, in the model's order.
    NextStepRule(
        id="next-steps.missing.clinician-present",
        when=HoldingBack("clinician-present"),
        text=(
            "Be present: spend the first part of the session asking about symptoms, lifestyle and what "
            "the patient thinks is causing the pain; repeat their words back, ask them to say more, stay "
            "in the room and end with encouragement."
        ),
        step="presence-and-understanding",
        cite=(model.FUENTES, model.MICIAK),
    ),
    NextStepRule(
        id="next-steps.missing.patient-understanding",
        when=HoldingBack("patient-understanding"),
        text=(
            "Lay the education foundation: explain the condition, its likely course and the options in "
            "the patient's own words, and check what they take away."
        ),
        step="education-foundation",
        cite=(model.ARTICLE, model.STENNER),
    ),
    NextStepRule(
        id="next-steps.missing.strong-alliance",
        when=HoldingBack("strong-alliance"),
        text=(
            "Build the alliance: agree with the patient what they want to be able to do and what each of "
            "you will do to get there, and ask what matters most to them."
        ),
        step="alliance-and-participation",
        cite=(model.STENNER, model.FERREIRA),
    ),
    NextStepRule(
        id="next-steps.missing.active-participation",
        when=HoldingBack("active-participation"),
        text=(
            "Invite active participation: explain why you ask them to fill in questionnaires, let them try "
            "things in the session, and ask what they notice."
        ),
        step="adapt",
        cite=(model.MSC, model.HOLOPAINEN),
    ),
    NextStepRule(
        id="next-steps.missing.patient-in-charge",
        when=All(HoldingBack("patient-in-charge"), NO_FLAG),
        text=(
            "Hand over the lead: decide with the patient rather than for them, and let them set their own "
            "homework and decide how to fit it into their week, with you as adviser."
        ),
        step="positive-autonomy",
        cite=(model.ARTICLE, model.HOLOPAINEN),
    ),
    NextStepRule(
        id="next-steps.missing.takes-responsibility",
        when=HoldingBack("takes-responsibility"),
        text=(
            "Win buy-in for self-management: review the homework together as a clinical audit (what they "
            "did, what changed) so they see it working and own it."
        ),
        step="review",
        cite=(model.MSC,),
    ),
    NextStepRule(
        id="next-steps.missing.knows-help-available",
        when=HoldingBack("knows-help-available"),
        text=(
            "Agree a flare-up plan: what to try first, when to come back, and which signs need urgent "
            "medical review and where to go, so the patient knows help is there if they need it."
        ),
        step="positive-autonomy",
        cite=(model.HOLOPAINEN, model.ARTICLE, model.NICE),
    ),
    # Then beliefs.
    NextStepRule(
        id="next-steps.beliefs-voiced",
        when=All(Named("held", VOICED), Not(Flagged("unhelpful-model"))),
        text=(
            "Address the unhelpful beliefs the patient voiced ({held:phrases}): pain is not the same as "
            "harm; offer an evidence-based picture of the back in their own words."
        ),
        phrases={
            "belief-harm": "that pain means harm",
            "belief-damage": "that the spine is damaged or fragile",
            "belief-protect": "that the back must be braced and protected",
        },
        step="educate-empower",
        cite=(model.MSC, model.ARTICLE),
    ),
    NextStepRule(
        id="next-steps.beliefs-not-discussed",
        when=All(NOT_DISCUSSED, Not(Weakest("understand"))),
        text=(
            "Ask what the patient believes about their back: whether pain means harm, whether the spine "
            "is damaged, whether it needs protecting."
        ),
        step="understand",
        cite=(model.MSC, model.STENNER),
    ),
    NextStepRule(
        id="next-steps.agency-with-yellow-flags",
        when=All(Flagged("agency-with-yellow-flags"), Named("noticed", YELLOW_FLAGS_NOTICED)),
        text=(
            "Keep reviews close rather than spacing them out while the yellow flags last "
            "({noticed:answers}): check how the patient is managing, keep the flare-up plan current, and "
            "space reviews out only once the flags ease."
        ),
        step="positive-autonomy",
        cite=(model.MSC,),
    ),
    NextStepRule(
        id="next-steps.yellow-flags",
        when=Named("noticed", YELLOW_FLAGS_NOTICED),
        text=(
            "Set the pace by the yellow flags you noticed ({noticed:answers}): small steps and a dose the "
            "patient is sure they can manage, and explain what they fear or expect in their own words."
        ),
        step="adapt",
        cite=(model.MSC,),
    ),
    NextStepRule(
        id="next-steps.keep-autonomy-healthy",
        when=All(StageIs("autonomic-agency"), NO_FLAG),
        text=(
            "Keep the autonomy healthy: space out reviews, keep the flare-up plan current and make sure "
            "the patient knows they can come back."
        ),
        step="positive-autonomy",
        cite=(model.HOLOPAINEN, model.ARTICLE),
    ),
)

# --- 6. what a result carries into the plan builder ---------------------------------------------

# The plan builder's fields that ask what a question asks (plan_fields.Mirror) take its answer as it is.
MIRRORED = tuple(field for field in PLAN_FIELDS if field.mirror is not None)

CARRY: tuple[CarryRule, ...] = (
    *(CarryRule(f"carry.{field.mirror.question}", ALWAYS, field.id, ANSWER)  # type: ignore[union-attr]
      for field in MIRRORED),
    CarryRule(
        "carry.belief-exercise",
        Any(AnswerIn("self-management", "declines"), AnswerIn("care-seeking", "refusing")),
        "belief_exercise",
        "firmly",
    ),
    # "Declines it or says it does not work": readiness is low. Doing it regularly says what the patient
    # does, not how keen they are to do more, so nothing else sets the readiness (issue 21).
    CarryRule("carry.readiness-low", AnswerIn("self-management", "declines"), "exercise_readiness", "low"),
)
