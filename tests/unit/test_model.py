"""The one model of the alliance: ids, order and links that every view relies on."""

from __future__ import annotations

import re

import pytest
from alliance import model

AGREED_KEYS = {
    "fuentes2014enhanced", "holopainen2018nonencounters", "manzoni2018role", "stenner2018matters",
    "traeger2019effect", "macphail2018therapeutic", "macphail2018why", "ferreira2013therapeutic",
    "hall2010influence", "kinney2020impact", "babatunde2017characteristics", "okeeffe2016influences",
    "hill2011comparison", "miciak2018necessary", "lakke2016working",
}  # fmt: skip
GROUPS = {
    "levels": model.LEVELS,
    "transitions": model.TRANSITIONS,
    "pyramid": model.PYRAMID,
    "unhealthy": model.UNHEALTHY_AUTONOMY,
    "cycle": model.CYCLE,
    "criteria": tuple(model.CRITERIA_BY_ID.values()),
}


def test_every_id_is_a_unique_lowercase_slug() -> None:
    ids = [item.id for group in GROUPS.values() for item in group]
    assert len(ids) == len(set(ids))
    for item_id in ids:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", item_id), item_id


def test_levels_are_numbered_one_to_four_in_order() -> None:
    assert [level.number for level in model.LEVELS] == [1, 2, 3, 4]
    assert [level.name for level in model.LEVELS] == [
        "Non-encounters", "Seeking support", "Empowering collaboration", "Autonomic agency",
    ]  # fmt: skip


def test_transitions_chain_each_level_to_the_next() -> None:
    pairs = [(t.source, t.target) for t in model.TRANSITIONS]
    assert pairs == list(zip(model.LEVEL_IDS, model.LEVEL_IDS[1:], strict=False))
    for transition in model.TRANSITIONS:
        assert transition.criteria, f"{transition.id} has no criteria"
        assert model.transition_from(transition.source) is transition
        assert model.transition_into(transition.target) is transition
    assert model.transition_into(model.LEVEL_IDS[0]) is None
    assert model.transition_from(model.LEVEL_IDS[-1]) is None


def test_only_the_step_into_autonomic_agency_is_the_articles_reading() -> None:
    unchecked = [t for t in model.TRANSITIONS if not t.checked]
    assert [t.target for t in unchecked] == ["autonomic-agency"]
    assert model.ARTICLE in unchecked[0].cite


def test_pyramid_rises_from_the_foundation_through_the_levels() -> None:
    assert model.PYRAMID[0].level is None and "Education" in model.PYRAMID[0].name
    numbers = [model.LEVELS_BY_ID[layer.level].number for layer in model.PYRAMID[1:]]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert model.PYRAMID[-1].level == model.LEVEL_IDS[-1]
    assert model.PYRAMID[-1].name == "Positive autonomy"
    assert len(model.UNHEALTHY_AUTONOMY) == 2


def test_cycle_steps_are_numbered_in_order_with_aspects() -> None:
    assert [step.number for step in model.CYCLE] == list(range(1, len(model.CYCLE) + 1))
    assert model.CYCLE_IDS == ("understand", "rapport", "adapt", "educate-empower", "review")
    for step in model.CYCLE:
        assert step.aspects and step.summary


def test_every_citation_key_is_an_agreed_bib_key() -> None:
    keys = model.all_citation_keys()
    assert keys <= AGREED_KEYS, keys - AGREED_KEYS
    for group in GROUPS.values():
        for item in group:
            if hasattr(item, "cite"):
                assert item.cite, f"{item.id} cites nothing"


def test_level_lookup_names_the_valid_ids() -> None:
    assert model.level("seeking-support").number == 2
    with pytest.raises(KeyError) as error:
        model.level("level-five")
    for level_id in model.LEVEL_IDS:
        assert level_id in str(error.value)
