"""Worked cases, run through the real classifier and plan builder at build time.

A case page calls ``{{ case_study("braced-back") }}``. The macro reads
``macros/data/cases/braced-back.json``::

    {"title": "...",
     "answers": {"<question id>": "<option id>", ...},
     "plan": {<plan-builder inputs, except "level">}}

classifies the answers with :func:`alliance.classify`, carries the result into
the plan builder (:func:`alliance.plan_inputs_from_result`, then the case's own
plan inputs on top), builds the plan, and writes both views
(:mod:`alliance.view`, the same the tools show in the browser) into the page
as Markdown, with the figures drawn by the figure macros. Nothing in the
output is typed by hand, so the page can never drift from the code. A case
file the package rejects fails the build with the file's name and every
problem the package found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import alliance
from alliance.errors import AllianceInputError
from alliance.output import escape_markdown, markdown
from alliance.results import ClassificationResult, Plan
from alliance.view import plan_view, result_view
from evidence.api import MacroError, page_file, reported
from evidence.errors import one_line
from evidence.figures.frame import FigureIds

from . import figures

CASES_DIR = Path(__file__).resolve().parent / "data" / "cases"
CASE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CASE_KEYS = {"title", "answers", "plan"}

# The figure macros a view's figure blocks name (see alliance.view).
FIGURES: dict[str, Callable[..., str]] = {
    "levels_figure": figures.levels_figure,
    "cycle_figure": figures.cycle_figure,
}
Figure = Callable[[str, tuple[str, ...]], str]  # (figure macro's name, highlighted ids) -> the figure


class CaseError(MacroError):
    """A case file that cannot be used; the one-line message names the file and every problem."""


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


def figure_drawer(ids: FigureIds | None = None) -> Figure:
    """What draws a view's figure blocks: the figure macros' drawings, their ids unique among ``ids``
    (the page's)."""

    def draw(name: str, highlight: tuple[str, ...]) -> str:
        return FIGURES[name](highlight=highlight, ids=ids)

    return draw


def render_case(run: CaseRun, figure: Figure | None = None) -> str:
    """The case's tool output as Markdown inside ``<div class="case-study">``: the result's view,
    then the plan's, as the tools show them (citations left to the page's own reference list)."""
    views = [
        markdown(view, heading_level=3, citations="pandoc", figure=figure or figure_drawer(),
                 block_class="case-study__{id}")
        for view in (result_view(run.result), plan_view(run.plan))
    ]
    opening = f'<div class="case-study" data-case="{run.case.id}" markdown>'
    return "\n".join([opening, "", *views, "</div>", ""])


def case_study(case_id: str, directory: Path = CASES_DIR, ids: FigureIds | None = None) -> str:
    """Macro: run a case file through the real tools and show the output (its figures' ids unique
    among ``ids``, the page's)."""
    return render_case(run_case(load_case(case_id, directory)), figure_drawer(ids))


def define_env(env: Any) -> None:
    """Register ``case_study``."""

    def case_study_macro(case_id: str) -> str:
        try:
            return case_study(case_id, ids=figures.page_ids(env))
        except CaseError as error:
            raise CaseError(f"{page_file(env)}: {one_line(error)}") from None

    env.macro(reported(env, case_study_macro), "case_study")
