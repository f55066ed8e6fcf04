"""The therapeutic alliance in low back pain: model, classifier, plan builder.

Pure Python, standard library only: runs in CPython and in Pyodide.

- :func:`classify` (answers to the guide's questions -> level, what holds it,
  flags, weakest cycle steps, next steps)
- :func:`build_plan` (plan inputs or a classification result -> session plan)
- :class:`AllianceInputError`: the one error raised on bad input

The judgements live in the tables of :mod:`alliance.rules`; :mod:`alliance.view`
turns a result or a plan into the blocks every format renders.
"""

from __future__ import annotations

from alliance.bridge import plan_inputs_from_result
from alliance.classify import classify
from alliance.errors import AllianceInputError, Problem
from alliance.plan import build_plan
from alliance.plan_fields import PLAN_FIELDS, Field
from alliance.questions import GROUPS, QUESTIONS, QUESTIONS_BY_ID, Option, Question
from alliance.results import ClassificationResult, Plan

__version__ = "0.1.0"

__all__ = [
    "GROUPS",
    "PLAN_FIELDS",
    "QUESTIONS",
    "QUESTIONS_BY_ID",
    "AllianceInputError",
    "ClassificationResult",
    "Field",
    "Option",
    "Plan",
    "Problem",
    "Question",
    "build_plan",
    "classify",
    "plan_inputs_from_result",
]
