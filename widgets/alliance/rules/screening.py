"""Plan section "Before anything else": screening for serious pathology (the NICE guideline). When it
has not been done, the plan's first item is to do it; when it found concerns, this section is the whole
plan: stop, and arrange medical assessment (``plan.SECTIONS`` keeps every other section out)."""

from __future__ import annotations

from alliance import model
from alliance.rules.records import CORE, FIRST, ItemRule
from alliance.rules.terms import CONCERNS, NOT_SCREENED

SECTION = "screening"

ITEMS: tuple[ItemRule, ...] = (
    ItemRule(
        id="screening.screen-first",
        section=SECTION,
        title="Screen for serious pathology first",
        priority=FIRST,
        when=NOT_SCREENED,
        text=(
            "Before anything else, screen for serious pathology: ask about and check for the signs in the "
            "safety-netting below (cauda equina syndrome, cancer, infection, a fracture, an inflammatory "
            "disease such as spondyloarthritis), and think of another diagnosis if the symptoms are new or "
            "have changed. Go on with this plan only if you find nothing of concern."
        ),
        rationale=(
            "The NICE guideline asks clinicians assessing low back pain to think about alternative "
            "diagnoses, above all when symptoms are new or have changed, and to exclude specific causes "
            "such as cancer, infection, trauma and inflammatory disease such as spondyloarthritis."
        ),
        cite=(model.NICE,),
    ),
    ItemRule(
        id="screening.stop-and-refer",
        section=SECTION,
        title="Stop, and arrange medical assessment",
        priority=FIRST,
        when=CONCERNS,
        text=(
            "Stop: give no treatment today. Arrange medical assessment as the NICE guideline sets out: the "
            "same day at an emergency department for any sign of cauda equina syndrome (see the "
            "safety-netting below), otherwise a prompt review by the patient's GP or the service that can "
            "assess them, with what you found in writing."
        ),
        rationale=(
            "The NICE guideline asks for specific causes of low back pain, such as cancer, infection, trauma "
            "or inflammatory disease, to be excluded before it is managed as low back pain; treatment can "
            "wait for that assessment (the guide's advice)."
        ),
        cite=(model.NICE,),
    ),
    ItemRule(
        id="screening.explain-the-referral",
        section=SECTION,
        title="Tell the patient why, and what to do meanwhile",
        priority=CORE,
        when=CONCERNS,
        text=(
            "Tell the patient plainly what you found, why a doctor needs to assess it before any treatment, "
            "and what to do if it gets worse before then (the safety-netting below); check they can tell it "
            "back, and record what you found and arranged."
        ),
        rationale="Clear information about what happens next is part of safe care (the guide's advice).",
        cite=(),
    ),
)
