"""The case-study macro runs each case file through the real classifier and plan builder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import alliance
import pytest
from alliance.output import escape_markdown
from alliance.view import plan_view, result_view
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from macros import cases, figures

CASE_IDS = sorted(path.stem for path in cases.CASES_DIR.glob("*.json"))


def _case_json(case_id: str) -> dict:
    return json.loads((cases.CASES_DIR / f"{case_id}.json").read_text(encoding="utf-8"))


def _rendered(case_id: str, directory: Path = cases.CASES_DIR) -> str:
    return cases.case_study(case_id, directory)


def _write_case(directory: Path, case_id: str, data: object) -> Path:
    path = directory / f"{case_id}.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_there_are_at_least_three_cases() -> None:
    assert len(CASE_IDS) >= 3


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_runs_through_the_real_tools(case_id: str) -> None:
    run = cases.run_case(cases.load_case(case_id))
    data = _case_json(case_id)
    expected = alliance.classify(data["answers"])
    assert run.result.to_dict() == expected.to_dict()
    inputs = {**alliance.plan_inputs_from_result(expected), **data["plan"]}
    assert run.plan.to_dict() == alliance.build_plan(inputs).to_dict()
    assert run.plan.inputs["level"] == expected.stage
    assert run.plan.inputs["session_number"] == data["plan"]["session_number"]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_rendered_case_shows_the_classifiers_stage(case_id: str) -> None:
    result = alliance.classify(_case_json(case_id)["answers"])
    soup = BeautifulSoup(_rendered(case_id), "html.parser")
    stage_line = next(line for line in _rendered(case_id).splitlines()
                      if line.startswith("**Your answers point to:**"))
    assert f"{result.level.name}, the {result.level.ordinal} of the four levels" in stage_line
    highlighted = {element["data-id"] for element in soup.select(".is-highlighted[data-id]")}
    assert result.stage in highlighted
    if result.weakest_steps:
        assert result.weakest_steps[0] in highlighted


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_rendered_case_shows_every_flag_next_step_and_plan_item(case_id: str) -> None:
    data = _case_json(case_id)
    result = alliance.classify(data["answers"])
    plan = alliance.build_plan({**alliance.plan_inputs_from_result(result), **data["plan"]})
    text = _rendered(case_id)
    for flag in result.flags:
        assert cases.markdown_text(flag.title) in text
        assert cases.markdown_text(flag.explanation) in text
    for step in result.next_steps:
        assert cases.markdown_text(step.text) in text
    for view in (result_view(result), plan_view(plan)):  # the same view the tools show
        assert f"### {escape_markdown(view.title)}" in text
        for block in view.blocks:
            for line in block.lines:
                assert escape_markdown(line.text) in text
                assert not line.keys or f"[{'; '.join('@' + key for key in line.keys)}]" in text
    assert "### References" not in text  # the page lists its own


def test_specialist_seeker_matches_its_story() -> None:
    result = alliance.classify(_case_json("specialist-seeker")["answers"])
    assert result.stage in {"non-encounter", "seeking-support"}
    assert "unhealthy-autonomy" in result.flag_ids()


def test_braced_back_matches_its_story() -> None:
    result = alliance.classify(_case_json("braced-back")["answers"])
    assert result.level.number >= 3
    assert "unhelpful-model" in result.flag_ids()


def test_manipulated_twice_plan_avoids_manipulation_and_says_why() -> None:
    run = cases.run_case(cases.load_case("manipulated-twice"))
    plan = run.plan.to_dict()
    avoided = [item for item in plan["avoid"] if "manipulation" in item["text"].lower()]
    assert avoided and all(item["why"].strip() for item in avoided)
    proposed = " ".join(item["text"] for section in plan["sections"] for item in section["items"])
    assert "spinal manipulation" not in proposed.lower()


def test_unknown_question_fails_naming_the_file_and_the_question(tmp_path: Path) -> None:
    data = _case_json("braced-back")
    data["answers"]["no-such-question"] = "yes"
    path = _write_case(tmp_path, "broken", data)
    with pytest.raises(cases.CaseError) as error:
        _rendered("broken", tmp_path)
    assert str(path) in str(error.value)
    assert "no-such-question" in str(error.value)
    assert isinstance(error.value, PluginError)  # MkDocs prints it as one line, with no traceback
    assert "\n" not in str(error.value)


def test_bad_plan_input_fails_naming_the_file_and_the_field(tmp_path: Path) -> None:
    data = _case_json("manipulated-twice")
    data["plan"]["bad_experiences"] = ["no-such-treatment"]
    path = _write_case(tmp_path, "broken-plan", data)
    with pytest.raises(cases.CaseError) as error:
        _rendered("broken-plan", tmp_path)
    assert str(path) in str(error.value)
    assert "bad_experiences" in str(error.value)


def test_invalid_json_fails_naming_the_file_and_line(tmp_path: Path) -> None:
    path = _write_case(tmp_path, "not-json", '{"title": "x",\n "answers": {,}}')
    with pytest.raises(cases.CaseError, match=r"line 2") as error:
        _rendered("not-json", tmp_path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"title": "x", "answers": {}}, "missing key(s): plan"),
        ({"title": "x", "answers": {}, "plan": {}, "notes": 1}, "unknown key(s): notes"),
        ({"title": "x", "answers": {}, "plan": {"level": "autonomic-agency"}}, 'must not set "level"'),
        ([1, 2], "JSON object"),
    ],
    ids=["missing-key", "unknown-key", "level-in-plan", "not-an-object"],
)
def test_misshapen_case_file_fails_naming_the_file(tmp_path: Path, data: object, expected: str) -> None:
    path = _write_case(tmp_path, "misshapen", data)
    with pytest.raises(cases.CaseError) as error:
        cases.load_case("misshapen", tmp_path)
    assert str(path) in str(error.value) and expected in str(error.value)


@pytest.mark.parametrize("case_id", ["no-such-case", "../braced-back", "Braced Back"])
def test_unknown_or_malformed_case_id_is_refused(case_id: str) -> None:
    with pytest.raises(cases.CaseError, match=re.escape(repr(case_id))):
        cases.load_case(case_id)


def test_missing_case_lists_the_known_ones() -> None:
    with pytest.raises(cases.CaseError, match="braced-back"):
        cases.load_case("no-such-case")


def test_figures_are_the_real_ones() -> None:
    # The case output embeds exactly what the figure macros draw for the highlighted ids.
    result = alliance.classify(_case_json("braced-back")["answers"])
    expected = figures.levels_figure(highlight=result.stage)
    assert expected in _rendered("braced-back")
