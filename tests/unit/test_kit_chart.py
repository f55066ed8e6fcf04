"""The kit's bar chart (kit/evidence/figures: spec.py, chart.py, fence.py): a spec read strictly, drawn
accessibly, from a ```figure block or the figure() macro."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from evidence.figures import chart, fence, frame, spec
from evidence.figures.frame import FigureError, FigureIds

from tests.unit.citation_pages import KitEnv, listed, make_env, render

SVG = "{http://www.w3.org/2000/svg}"
SPEC = """\
title: Pain at 12 weeks, by arm
description: Pain fell more with the enhanced alliance, with active or sham current.
caption: Mean reduction on a 10 cm scale [@trio2017three].
unit: cm
axis: Pain reduced (cm)
category_label: Alliance
categories: [Limited, Enhanced]
series:
  - name: Active current
    values: [1.5, 3.13]
  - name: Sham current
    values: [0.9, -2.2]
"""


def where(path: str, line: int | None) -> str:
    return (f"docs/x.md, line {line}" if line else "docs/x.md") + (f", key '{path}'" if path else "")


def draw(text: str = SPEC, ids: FigureIds | None = None) -> str:
    read = spec.from_text(text, where)
    return frame.instantiate(chart.chart_template(read), chart.base_id(read), ids)


def test_the_chart_is_a_well_formed_accessible_figure() -> None:
    root = ET.fromstring(draw())
    assert root.tag == "figure" and root.attrib["class"] == "evidence-figure evidence-figure--bar"
    assert root.attrib["id"] == "fig-chart"
    svg = root.find(f"{SVG}svg")
    assert svg is not None and svg.attrib["role"] == "img"
    labelled = svg.attrib["aria-labelledby"].split()
    assert [svg.find(f"{SVG}title").attrib["id"], svg.find(f"{SVG}desc").attrib["id"]] == labelled
    assert svg.find(f"{SVG}title").text == "Pain at 12 weeks, by arm"
    assert svg.find(f"{SVG}desc").text.startswith("Pain fell more with the enhanced alliance")
    assert root.find("figcaption").text == "Mean reduction on a 10 cm scale [@trio2017three]."


def test_the_text_equivalent_says_every_value_with_its_unit() -> None:
    table = ET.fromstring(draw()).find("details").find("table")
    assert table.find("caption").text == "Pain at 12 weeks, by arm"
    header = [th.text for th in table.find("thead").iter("th")]
    assert header == ["Alliance", "Active current", "Sham current"]
    rows = [[cell.text for cell in row] for row in table.find("tbody")]
    assert rows == [["Limited", "1.5 cm", "0.9 cm"], ["Enhanced", "3.13 cm", "-2.2 cm"]]
    assert all(row[0].tag == "th" and row[0].attrib["scope"] == "row" for row in table.find("tbody"))


def test_bars_grow_from_zero_up_or_down_each_series_in_its_own_shade() -> None:
    svg = ET.fromstring(draw()).find(f"{SVG}svg")
    bars = [rect for rect in svg.iter(f"{SVG}rect") if "evidence-chart__bar" in rect.attrib["class"]]
    legend, plotted = bars[:2], bars[2:]
    assert [rect.attrib["class"].split()[-1] for rect in legend] == ["evidence-chart__bar--1",
                                                                       "evidence-chart__bar--2"]
    assert legend[0].attrib["fill-opacity"] != legend[1].attrib["fill-opacity"]  # not by colour alone
    zero = next(line for line in svg.iter(f"{SVG}line") if line.attrib["class"] == "fig-axis")
    zero_y = float(zero.attrib["y1"])
    heights = {}
    for rect, value in zip(plotted, [1.5, 0.9, 3.13, -2.2], strict=True):
        top, height = float(rect.attrib["y"]), float(rect.attrib["height"])
        if value > 0:
            assert top + height == pytest.approx(zero_y, abs=0.1)
        else:
            assert top == pytest.approx(zero_y, abs=0.1)
        heights[value] = height
    assert heights[3.13] / heights[1.5] == pytest.approx(3.13 / 1.5, rel=0.02)
    assert heights[-2.2] / heights[1.5] == pytest.approx(2.2 / 1.5, rel=0.02)
    texts = [" ".join("".join(t.itertext()).split()) for t in svg.iter(f"{SVG}text")]
    for shown in ("1.5", "0.9", "3.13", "-2.2", "Limited", "Enhanced", "Active current", "Pain reduced (cm)"):
        assert shown in texts


def test_the_drawing_reads_without_any_stylesheet() -> None:
    """Painted with the page's text colour (presentation attributes), so a dark scheme or a site without
    the guide's CSS still shows every label and bar."""
    svg = ET.fromstring(draw()).find(f"{SVG}svg")
    for text in svg.iter(f"{SVG}text"):
        assert text.attrib["fill"] == "currentColor"
    for rect in svg.iter(f"{SVG}rect"):
        assert rect.attrib["stroke"] == "currentColor"


def test_value_labels_never_cover_the_category_labels() -> None:
    text = SPEC.replace("[0.9, -2.2]", "[0.9, -3]")
    svg = ET.fromstring(draw(text)).find(f"{SVG}svg")
    lowest_value = max(float(t.attrib["y"]) for t in svg.iter(f"{SVG}text") if "".join(t.itertext()) == "-3")
    category = min(float(t.attrib["y"]) for t in svg.iter(f"{SVG}text") if "".join(t.itertext()) == "Limited")
    assert category - lowest_value >= 18  # a line of the labels' size between them


def test_ids_are_unique_on_a_page_and_follow_the_spec() -> None:
    ids = FigureIds()
    first, second = draw(ids=ids), draw(ids=ids)
    assert [ET.fromstring(drawn).attrib["id"] for drawn in (first, second)] == ["fig-chart", "fig-chart-2"]
    assert ET.fromstring(draw(SPEC + "id: pain-by-arm\n")).attrib["id"] == "fig-pain-by-arm"


def test_json_is_read_as_well_as_yaml() -> None:
    import json

    assert draw(json.dumps(yaml.safe_load(SPEC))) == draw()


def _without(key: str) -> str:
    return "".join(line for line in SPEC.splitlines(keepends=True) if not line.startswith(f"{key}:"))


@pytest.mark.parametrize(("text", "expected"), [
    (_without("description"), "docs/x.md: the key 'description' is missing"),
    (SPEC + "colour: red\n", "docs/x.md, line 13, key 'colour': not a known key (keys: title, description"),
    (SPEC.replace("values: [1.5, 3.13]", "values: [1.5]"),
     "docs/x.md, line 10, key 'series[0].values': must be a list of 2 numbers"),
    (SPEC.replace("values: [1.5, 3.13]", "values: [1.5, high]"),
     "docs/x.md, line 10, key 'series[0].values[1]': 'high' is not a number"),
    (SPEC.replace("values: [1.5, 3.13]", "values: [1.5, .nan]"),
     "key 'series[0].values[1]': nan is not a number"),
    (SPEC.replace("    values: [0.9, -2.2]", "    valeus: [0.9, -2.2]"),
     "docs/x.md, line 12, key 'series[1].valeus': not a known key (keys: name, values)"),
    (SPEC.replace("Sham current", "Active current"), "key 'series[1].name': 'Active current' is given twice"),
    (SPEC.replace("[Limited, Enhanced]", "[]"), "key 'categories': must be a list of names, not a list of 0"),
    (SPEC.replace("title: Pain at 12 weeks, by arm", "title: [Pain]"), "line 1, key 'title': must be text"),
    (SPEC + "chart: pie\n", "line 13, key 'chart': chart 'pie' is not known (charts: bar)"),
    (SPEC + "id: Pain Arm\n", "line 13, key 'id': id 'Pain Arm' must be lower-case letters"),
    (SPEC.replace("unit: cm", "unit: cm\n  oops: ["), "docs/x.md, line 5: not valid YAML or JSON"),
    ("- just\n- a list\n", "a figure is a mapping of title, description, caption, categories, series"),
    (SPEC.replace("series:\n", "series:\n" + "  - {name: S1, values: [1, 2]}\n" * 3),
     "key 'series': 5 series; a chart shows 4 at most"),
], ids=["missing", "unknown-key", "values-count", "not-a-number", "nan", "series-key", "twice",
        "no-categories", "not-text", "chart-kind", "id", "yaml", "not-a-mapping", "too-many-series"])
def test_every_problem_names_the_line_and_the_key(text: str, expected: str) -> None:
    with pytest.raises(FigureError) as error:
        spec.from_text(text, where)
    assert expected in str(error.value) and "\n" not in str(error.value)


# ---------------------------------------------------------------- in a page, through the plugin

FENCED = f"# A page\n\nText [@solo2020single].\n\n```figure\n{SPEC}```\n\nAfter.\n"


@pytest.fixture
def env(tmp_path: Path) -> KitEnv:
    return make_env(tmp_path)


def test_a_figure_block_becomes_the_figure_and_its_caption_cites(env: KitEnv) -> None:
    out = render(env, FENCED)
    assert "```" not in out and "title: Pain" not in out
    figure = re.search(r"<figure .*?</figure>", out, re.DOTALL)
    assert figure is not None and 'id="fig-chart"' in figure[0]
    assert '<a class="citation" href="#ref-trio2017three">Trio et al., 2017</a>' in figure[0]
    assert listed(out) == ["solo2020single", "trio2017three"]  # the caption's work joins the list


def test_the_macro_draws_the_same_figure_as_the_block(env: KitEnv, tmp_path: Path) -> None:
    keys = ", ".join(f"{key}={value!r}" for key, value in yaml.safe_load(SPEC).items())
    by_macro = render(env, f"Text [@solo2020single].\n\n{{{{ figure({keys}) }}}}\n", "macro.md")
    by_block = render(env, FENCED, "block.md")
    pattern = r"<figure .*?</figure>"
    assert re.search(pattern, by_macro, re.DOTALL)[0] == re.search(pattern, by_block, re.DOTALL)[0]


def test_a_block_in_another_fence_or_with_another_info_string_stays_code(env: KitEnv) -> None:
    shown = f"````markdown\n```figure\n{SPEC}```\n````\n\n```yaml\n{SPEC}```\n"
    assert render(env, shown) == shown


def test_a_bad_block_names_the_page_the_line_in_the_file_and_the_key(env: KitEnv) -> None:
    text = "---\ndescription: front matter moves the lines\n---\n" + FENCED.replace("unit: cm", "units: cm")
    with pytest.raises(FigureError, match=r"^docs/bad\.md, line 12, figure key 'units': not a known key"):
        render(env, text, "bad.md")
    expected = r"^docs/open\.md, line 8: the ```figure block opened here is never closed \(end it with a line"
    with pytest.raises(FigureError, match=expected):
        render(env, "---\ntitle: X\n---\n# X\n\nText.\n\n```figure\ntitle: T\n", "open.md")


def test_a_bad_macro_call_names_the_page_and_its_line(env: KitEnv) -> None:
    expected = r"^docs/m\.md, line 3, figure\(\) key 'categories': must be a list"
    with pytest.raises(FigureError, match=expected):
        render(env, 'a\n\nb {{ figure(title="T", description="D", caption="C", categories="x", '
                    'series=[]) }}\n', "m.md")


def test_replace_blocks_keeps_the_text_around_and_the_indent() -> None:
    text = "Before.\n\n- item\n\n    ```figure\n    title: T\n    ```\n\nAfter.\n"
    seen: list[fence.FigureBlock] = []

    def drawn(block: fence.FigureBlock) -> str:
        seen.append(block)
        return "FIGURE"

    assert fence.replace_blocks(text, drawn) == "Before.\n\n- item\n\n    FIGURE\n\nAfter.\n"
    assert [(block.text, block.line) for block in seen] == [("title: T\n", 5)]
