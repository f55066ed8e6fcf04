"""Worked cases, run through the real classifier and plan builder at build time.

A case page calls ``{{ case_study("braced-back") }}``. The macro reads
``macros/data/cases/braced-back.json``::

    {"title": "...",
     "answers": {"<question id>": "<option id>", ...},
     "plan": {<plan-builder inputs, except "level">}}

classifies the answers with :func:`alliance.classify`, carries the result into
the plan builder (:func:`alliance.plan_inputs_from_result`, then the case's own
plan inputs on top), builds the plan, and writes the result into the page as
Markdown with the level and the weakest cycle step highlighted in the figures.
Nothing in the output is typed by hand, so the page can never drift from the
code. A case file the package rejects fails the build with the file's name and
every problem the package found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import alliance
from alliance import model
from alliance.classify import ClassificationResult
from alliance.errors import AllianceInputError
from alliance.output import cite_markdown, escape_markdown, plan_markdown
from alliance.plan import Plan
from alliance.questions import QUESTIONS_BY_ID

from . import figures

CASES_DIR = Path(__file__).resolve().parent / "data" / "cases"
CASE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CASE_KEYS = {"title", "answers", "plan"}

Figure = Callable[..., str]


class CaseError(ValueError):
    """A case file that cannot be used; the message names the file and every problem."""


@dataclass(frozen=True)
class Case:
    """One case file, read but not yet run."""

    id: str
    title: str
    answers: dict[str, str]
    plan: dict[str, object]
    path: Path


@dataclass(frozen=True)
class CaseRun:
    """A case with the classifier's result and the plan builder's plan."""

    case: Case
    result: ClassificationResult
    plan: Plan


# --- reading and running ------------------------------------------------------------------------


def case_path(case_id: str, directory: Path = CASES_DIR) -> Path:
    """The file of ``case_id``; ``CaseError`` if the id is malformed or has no file."""
    if not isinstance(case_id, str) or not CASE_ID.match(case_id):
        raise CaseError(f"case_study({case_id!r}): a case id is lower-case words joined by hyphens")
    path = directory / f"{case_id}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in directory.glob("*.json"))) or "none"
        raise CaseError(f"case_study({case_id!r}): no file {path}; known cases: {known}")
    return path


def load_case(case_id: str, directory: Path = CASES_DIR) -> Case:
    """Read and shape-check one case file (the package checks the answers and plan inputs)."""
    path = case_path(case_id, directory)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise CaseError(f"{path}: not valid JSON: {error.msg} ({where})") from None
    problems = _shape_problems(data)
    if problems:
        raise CaseError(f"{path}: " + "; ".join(problems))
    return Case(case_id, data["title"], dict(data["answers"]), dict(data["plan"]), path)


def _shape_problems(data: object) -> list[str]:
    if not isinstance(data, dict):
        return ["the file must hold a JSON object with keys title, answers and plan"]
    problems = []
    missing = sorted(CASE_KEYS - data.keys())
    unknown = sorted(data.keys() - CASE_KEYS)
    if missing:
        problems.append(f"missing key(s): {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown key(s): {', '.join(unknown)} (allowed: title, answers, plan)")
    if "title" in data and (not isinstance(data["title"], str) or not data["title"].strip()):
        problems.append("title must be a non-empty string")
    for key in ("answers", "plan"):
        if key in data and not isinstance(data[key], dict):
            problems.append(f"{key} must be a JSON object")
    if isinstance(data.get("plan"), dict) and "level" in data["plan"]:
        problems.append('plan must not set "level": it comes from the classifier')
    return problems


def run_case(case: Case) -> CaseRun:
    """Classify the case's answers and build its plan with the real package."""
    try:
        result = alliance.classify(case.answers)
        inputs = {**alliance.plan_inputs_from_result(result), **case.plan}
        plan = alliance.build_plan(inputs)
    except AllianceInputError as error:
        details = "; ".join(
            ": ".join(part for part in (problem.field, problem.message.rstrip(".")) if part)
            for problem in error.problems
        )
        raise CaseError(f"{case.path}: {details}") from None
    return CaseRun(case, result, plan)


# --- rendering ----------------------------------------------------------------------------------


def markdown_text(value: object) -> str:
    """Package text made inert in Markdown (the package's own escaping)."""
    return escape_markdown(str(value))


def _cite(keys: object) -> str:
    return cite_markdown(key for key in (keys or []) if isinstance(key, str))


def _answer(question_id: str, answers: Mapping[str, str]) -> str:
    """A question and the answer given, as the clinician saw them."""
    question = QUESTIONS_BY_ID[question_id]
    option = next((o for o in question.options if o.id == answers.get(question_id)), None)
    given = f"*{markdown_text(option.label)}*" if option else "*not answered*"
    return f"{markdown_text(question.text)} {given}"


def _stage_section(result: Mapping[str, Any], levels_figure: Figure) -> list[str]:
    level = result["level"]
    qualifier = " (qualified by the flags below)" if result["qualified"] else ""
    return [
        "### Where the alliance stands",
        "",
        f"Level {level['number']} of {len(model.LEVELS)}: **{markdown_text(level['name'])}**{qualifier}",
        "{: .case-study__stage }",
        "",
        f"{markdown_text(level['summary'])}{_cite(model.level(level['id']).cite)}",
        "",
        levels_figure(highlight=level["id"]),
        "",
    ]


def _holding_section(result: Mapping[str, Any], answers: Mapping[str, str]) -> list[str]:
    lines = ["### What holds the patient here", ""]
    step_up = next((t for t in result["transitions"] if t["source"] == result["stage"]), None)
    if step_up is None:
        lines += [
            "Every ingredient of every step up is in place, so no step up remains. "
            "The flags, if any, say whether this autonomy is healthy.",
            "",
        ]
        return lines
    target = model.level(step_up["target"]).name
    lines += [f"To move up to **{markdown_text(target)}**, the step needs:", ""]
    for criterion in step_up["met"]:
        lines.append(f"- {markdown_text(criterion['label'])}: **in place**")
    for criterion in step_up["missing"]:
        lines.append(f"- {markdown_text(criterion['label'])}: **missing**")
        lines += [f"    - {_answer(question_id, answers)}" for question_id in criterion["because"]]
    transition = model.TRANSITIONS_BY_ID[step_up["id"]]
    basis = "" if transition.checked else " This step is the source article's reading."
    lines += ["", f"What separates the two levels comes from the model.{basis}{_cite(transition.cite)}", ""]
    return lines


def _flags_section(result: Mapping[str, Any]) -> list[str]:
    lines = ["### Flags", ""]
    if not result["flags"]:
        return [*lines, "No flags: nothing in the answers qualifies the level.", ""]
    for flag in result["flags"]:
        lines += [
            f'!!! warning "{markdown_text(flag["title"])}"',
            f"    {markdown_text(flag['explanation'])}{_cite(flag['cite'])}",
            "",
        ]
    return lines


def _cycle_section(result: Mapping[str, Any], cycle_figure: Figure) -> list[str]:
    lines = ["### Weakest steps of the cycle", ""]
    steps = result["weakest_steps"]
    if not steps:
        return [*lines, "The self-check rates every step of the cycle as done well.", "", cycle_figure(), ""]
    lines += ["From the clinician's self-check, the steps to work on first:", ""]
    lines += [f"- {markdown_text(step['name'])}" for step in steps]
    first = model.CYCLE_BY_ID[steps[0]["id"]]
    lines += ["", f"The figure highlights the first of them, *{markdown_text(first.name)}*.", "", ""]
    lines += [cycle_figure(highlight=first.id), ""]
    return lines


def _next_steps_section(result: Mapping[str, Any]) -> list[str]:
    lines = ["### Suggested next steps", ""]
    lines += [f"1. {markdown_text(step['text'])}{_cite(step['cite'])}" for step in result["next_steps"]]
    return [*lines, ""]


def render_case(run: CaseRun, levels_figure: Figure, cycle_figure: Figure) -> str:
    """The case's tool output as Markdown inside ``<div class="case-study">``."""
    result, answers = run.result.to_dict(), run.case.answers
    lines = [f'<div class="case-study" data-case="{run.case.id}" markdown>', ""]
    lines += _stage_section(result, levels_figure)
    lines += _holding_section(result, answers)
    lines += _flags_section(result)
    lines += _cycle_section(result, cycle_figure)
    lines += _next_steps_section(result)
    lines += [plan_markdown(run.plan, heading_level=3), ""]
    lines += [f"*{markdown_text(result['disclaimer'])}*", "{: .case-study__disclaimer }", "", "</div>", ""]
    return "\n".join(lines)


def case_study(case_id: str, directory: Path = CASES_DIR) -> str:
    """Macro: run a case file through the real tools and show the output."""
    return render_case(run_case(load_case(case_id, directory)), figures.levels_figure, figures.cycle_figure)


def define_env(env: Any) -> None:
    """Register ``case_study``."""

    def case_study_macro(case_id: str) -> str:
        return case_study(case_id)

    env.macro(case_study_macro, "case_study")
