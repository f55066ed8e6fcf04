"""The therapeutic alliance in low back pain: model, classifier, plan builder.

Pure Python, standard library only: runs in CPython and in Pyodide.

- :func:`classify` (answers to the guide's questions -> level, what holds it,
  flags, weakest cycle steps, next steps)
- :func:`build_plan` (plan inputs or a classification result -> session plan)
- :class:`AllianceInputError`: the one error raised on bad input
"""

from __future__ import annotations

from alliance.classify import ClassificationResult, classify
from alliance.errors import AllianceInputError, Problem
from alliance.plan import PLAN_FIELDS, Field, Plan, build_plan, plan_inputs_from_result
from alliance.questions import GROUPS, QUESTIONS, QUESTIONS_BY_ID, Option, Question

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
