"""Markdown and plain-text renderings."""

from __future__ import annotations

import re

from alliance.classify import classify
from alliance.output import (
    CITATION_LABELS,
    escape_markdown,
    plan_markdown,
    plan_text,
    result_markdown,
    result_text,
)
from alliance.plan import build_plan
from alliance_test_support import BY_LEVEL, answers

AGREED_KEYS = {
    "fuentes2014enhanced",
    "holopainen2018nonencounters",
    "manzoni2018role",
    "stenner2018matters",
    "traeger2019effect",
    "macphail2018therapeutic",
    "macphail2018why",
    "ferreira2013therapeutic",
    "hall2010influence",
    "kinney2020impact",
    "babatunde2017characteristics",
    "okeeffe2016influences",
    "hill2011comparison",
    "miciak2018necessary",
    "lakke2016working",
}


def test_result_markdown_names_level_flags_weakest_steps_and_cites_as_pandoc() -> None:
    result = classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly", check_review="not-yet"))
    markdown = result_markdown(result)
    assert markdown.startswith("## Where the alliance stands")
    assert "Level 4 of 4: Autonomic agency" in markdown
    assert "qualified by the flags below" in markdown
    assert "Autonomy built on an unhelpful model" in markdown
    assert "- Review" in markdown
    keys = set(re.findall(r"@([a-z0-9]+)", markdown))
    assert keys and keys <= AGREED_KEYS
    assert result.disclaimer in markdown


def test_plain_text_uses_author_date_labels() -> None:
    text = result_text(classify(BY_LEVEL["seeking-support"]))
    assert "[@" not in text and "(Macphail, 2018b)" in text
    assert set(CITATION_LABELS) == AGREED_KEYS


def test_plan_renderings_hold_every_item_and_the_avoid_list() -> None:
    plan = build_plan({"level": "seeking-support", "session_number": 2, "bad_experiences": ["needling"]})
    for rendering in (plan_markdown(plan), plan_text(plan)):
        for section in plan.sections:
            assert section.title in rendering
            for item in section.items:
                assert item.text in rendering
        assert "No dry needling or acupuncture" in rendering
        assert "Session 2" in rendering


def test_free_text_is_inert_in_markdown() -> None:
    plan = build_plan(
        {
            "level": "seeking-support",
            "session_number": 1,
            "other_bad_experience": "<img src=x onerror=alert(1)> [link](x) @fuentes2014enhanced",
        }
    )
    markdown = plan_markdown(plan)
    assert "<img" not in markdown and "&lt;img" in markdown
    assert "\\[link\\]" in markdown
    assert "@fuentes2014enhanced" not in markdown.split("What to avoid")[1]
    assert escape_markdown("a*b_c") == "a\\*b\\_c"
