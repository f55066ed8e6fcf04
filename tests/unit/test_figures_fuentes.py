"""The Fuentes et al. (2014) data file, its macros and the chart drawn from it."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from macros import figures
from macros.figures import fuentes_data, fuentes_words

SVG = "{http://www.w3.org/2000/svg}"
ARM_FIELDS = {
    "id",
    "label",
    "alliance",
    "current",
    "n",
    "pain_change_cm",
    "pain_ci_mm",
    "ppt_change_kg",
    "ppt_ci_kg",
}
# A copy of the team's checked facts (shared/sources/references-facts.md), kept in the repo so a
# fresh clone anywhere can run the tests.
FACTS = Path(__file__).resolve().parents[1] / "data" / "references-facts.md"


@pytest.fixture
def data() -> dict[str, Any]:
    return json.loads(fuentes_data.DATA_FILE.read_text(encoding="utf-8"))


def test_data_file_has_the_agreed_fields_and_arm_order(data: dict[str, Any]) -> None:
    assert data["citation"] == "fuentes2014enhanced"
    assert data["pain_source"] == "abstract (checked)" and data["ppt_source"] == "secondary summary"
    assert [arm["id"] for arm in data["arms"]] == list(fuentes_data.ARM_IDS)
    assert [arm["n"] for arm in data["arms"]] == [30, 29, 29, 29] and data["n_total"] == 117
    for arm in data["arms"]:
        assert set(arm) == ARM_FIELDS
        assert f"{arm['current']}-{arm['alliance']}" == arm["id"]
        assert "mm" in data["pain_ci_unit_note"]


def test_data_file_numbers_are_the_facts_files_numbers(data: dict[str, Any]) -> None:
    """Each number in the JSON is printed in the team's checked facts file."""
    if not FACTS.exists():
        pytest.fail(f"{FACTS} is missing; it is the source of macros/data/fuentes2014.json")
    facts = FACTS.read_text(encoding="utf-8")
    section = facts[facts.index("## Fuentes et al. 2014") : facts.index("## Holopainen")]
    pain = "; ".join(
        f"{arm['current']}+{arm['alliance']} {arm['pain_change_cm']:.2f}" for arm in data["arms"]
    )
    assert pain in " ".join(section.split())
    mm = ", ".join(f"{arm['pain_ci_mm'][0]:.1f}–{arm['pain_ci_mm'][1]:.1f}" for arm in data["arms"])
    assert mm in " ".join(section.split())
    ppt = "; ".join(
        f"{arm['ppt_change_kg']:.1f} ({arm['ppt_ci_kg'][0]:.1f}–{arm['ppt_ci_kg'][1]:.1f})"
        for arm in data["arms"]
    )
    assert ppt in " ".join(section.split())


def test_macros_expose_the_data() -> None:
    assert figures.fuentes()["n_total"] == 117
    arm = figures.fuentes_arm("active-enhanced")
    assert arm["pain_change_cm"] == 3.13 and arm["ppt_ci_kg"] == [1.6, 2.5]


def test_unknown_arm_is_refused_naming_the_valid_ones() -> None:
    with pytest.raises(ValueError) as error:
        figures.fuentes_arm("active-moderate")
    for arm_id in fuentes_data.ARM_IDS:
        assert arm_id in str(error.value)
    assert "active-moderate" in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("ppt_source"), "missing top-level keys ['ppt_source']"),
        (lambda d: d["arms"][2].pop("n"), "arms[2] (active-enhanced) is missing ['n']"),
        (lambda d: d["arms"].reverse(), "arms must be"),
        (lambda d: d.__setitem__("n_total", 118), "n_total is 118 but the arms' n add up to 117"),
        (lambda d: d["arms"][1].__setitem__("ppt_ci_kg", [0.8, 0.2]), "arms[1].ppt_ci_kg has low > high"),
    ],
)
def test_a_broken_data_file_is_refused_with_where_and_what(
    data: dict[str, Any], change: Callable[[dict[str, Any]], object], message: str
) -> None:
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(ValueError) as error:
        fuentes_data._check(broken, fuentes_data.DATA_FILE)
    assert str(fuentes_data.DATA_FILE) in str(error.value) and message in str(error.value)


def chart() -> ET.Element:
    return ET.fromstring(figures.fuentes_chart())


def arm_groups(root: ET.Element, panel: str) -> dict[str, ET.Element]:
    return {
        g.attrib["data-id"].removeprefix(f"{panel}-"): g
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("data-id", "").startswith(f"{panel}-")
    }


@pytest.mark.parametrize(
    ("panel", "value", "ci"),
    [
        ("pain", lambda a: a["pain_change_cm"], lambda a: (a["pain_ci_mm"][0] / 10, a["pain_ci_mm"][1] / 10)),
        ("ppt", lambda a: a["ppt_change_kg"], lambda a: tuple(a["ppt_ci_kg"])),
    ],
)
def test_bars_and_whiskers_are_drawn_to_the_data(data: dict[str, Any], panel: str, value, ci) -> None:
    groups = arm_groups(chart(), panel)
    assert list(groups) == list(fuentes_data.ARM_IDS)
    scales = []
    for arm in data["arms"]:
        group = groups[arm["id"]]
        bar = group.find(f"{SVG}rect")
        base = float(bar.attrib["y"]) + float(bar.attrib["height"])
        scales.append(float(bar.attrib["height"]) / value(arm))
        label = "".join(group.find(f"{SVG}text").itertext())
        assert float(label) == value(arm)
        whisker = group.find(f"{SVG}path").attrib["d"]
        _, low_y, high_y = re.match(r"M([\d.]+),([\d.]+) V([\d.]+)", whisker).groups()
        low, high = ci(arm)
        scale = scales[-1]
        assert base - float(low_y) == pytest.approx(low * scale, abs=0.2)
        assert base - float(high_y) == pytest.approx(high * scale, abs=0.2)
        assert "fig-bar--" + arm["current"] in bar.attrib["class"]
    assert max(scales) - min(scales) < 0.2, "all bars of a panel share one scale"


def test_sham_bars_are_hatched_and_active_bars_solid() -> None:
    root = chart()
    for bar in root.iter(f"{SVG}rect"):
        classes = bar.attrib.get("class", "")
        if "fig-bar--sham" in classes:
            assert bar.attrib["fill"] == "url(#fig-fuentes-hatch)"
        elif "fig-bar--active" in classes:
            assert "fill" not in bar.attrib


def test_text_equivalent_is_a_table_of_the_numbers(data: dict[str, Any]) -> None:
    table = chart().find("details/table")
    rows = [[" ".join(cell.itertext()) for cell in row] for row in table.find("tbody")]
    assert len(rows) == 4
    for arm, row in zip(data["arms"], rows, strict=True):
        low, high = arm["pain_ci_mm"]
        assert row[0] == arm["label"] and row[1] == str(arm["n"])
        assert float(row[2]) == arm["pain_change_cm"]
        assert row[3] == f"{low / 10:.2f}–{high / 10:.2f} ({low:.1f}–{high:.1f} mm)"
        assert float(row[4]) == arm["ppt_change_kg"]
        assert row[5] == f"{arm['ppt_ci_kg'][0]:.1f}–{arm['ppt_ci_kg'][1]:.1f}"


def test_caption_is_cited_and_does_not_overclaim() -> None:
    caption = " ".join(chart().find("figcaption").itertext())
    assert "[@fuentes2014enhanced]" in caption
    assert "after one session" in caption and "within-group" in caption.lower()
    assert "not shown to be significant" in caption and "2.22" in caption and "1.83" in caption


def test_caption_follows_the_data_when_intervals_do_not_overlap(data: dict[str, Any]) -> None:
    apart = copy.deepcopy(data)
    next(a for a in apart["arms"] if a["id"] == "sham-enhanced")["pain_ci_mm"] = [21.0, 25.0]
    caption = fuentes_words.caption(apart)
    assert "do not overlap" in caption and "not shown to be significant" not in caption


def test_axes_have_text_ticks_covering_the_data(data: dict[str, Any]) -> None:
    root = chart()
    ticks = [
        float("".join(t.itertext())) for t in root.iter(f"{SVG}text") if t.attrib.get("text-anchor") == "end"
    ]
    assert 0.0 in ticks
    highest_pain = max(a["pain_ci_mm"][1] / 10 for a in data["arms"])
    assert max(ticks) >= highest_pain
    text = " ".join(root.itertext())
    for words in ("Limited alliance", "Enhanced alliance", "Active current", "Sham current", "cm", "kg"):
        assert words in text
