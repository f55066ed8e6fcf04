"""Every judgement the tools make, as tables a clinician can read top to bottom.

- :mod:`alliance.rules.classifier`: criteria, flags, weakest steps, next steps,
  and what a result carries into the plan builder;
- :mod:`alliance.rules.plan`: the plan's aim, each section's items (one module
  per section: ``communication``, ``education``, ``assessment_treatment``,
  ``exercise_homework``, ``review``), limits and what to avoid.

Each rule has a stable id, a condition written with :mod:`alliance.conditions`
(which can say itself in plain words) and what follows from it. The classifier
(:mod:`alliance.classify`) and the plan builder (:mod:`alliance.plan`) only
interpret these tables. They are checked on import (:mod:`alliance.rules.check`):
an unknown question, option, field, criterion, flag, step, level, section,
slot or citation key is a :class:`~alliance.errors.RuleError` naming the rule.
"""

from __future__ import annotations

from alliance.rules import check, classifier, plan
from alliance.rules.records import Rule

# Every rule, in the order the rules page lists them.
CLASSIFIER_RULES: tuple[Rule, ...] = (*classifier.CRITERIA, *classifier.FLAGS, *classifier.NEXT_STEPS,
                                      *classifier.CARRY)
PLAN_RULES: tuple[Rule, ...] = (*plan.AIMS, *plan.AIM_NOTES, *plan.ITEMS, *plan.LIMITS, *plan.AVOID)
ALL_RULES: tuple[Rule, ...] = (*CLASSIFIER_RULES, *PLAN_RULES)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}

check.check_tables(CLASSIFIER_RULES, PLAN_RULES)
