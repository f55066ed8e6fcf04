"""Every judgement the tools make, as tables a clinician can read top to bottom.

- :mod:`alliance.rules.classifier`: criteria, flags, weakest steps, next steps,
  and what a result carries into the plan builder;
- :mod:`alliance.rules.plan`: the plan's aim, each section's items (one module
  per section: ``communication``, ``education``, ``assessment_treatment``,
  ``exercise_homework``, ``review``), what fits in the session, the
  safety-netting and what to avoid;
- :mod:`alliance.rules.techniques`: the treatments a patient may say made them
  worse, their usual names and the order of the manual ones by force.

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
PLAN_RULES: tuple[Rule, ...] = (*plan.AIMS, *plan.AIM_NOTES, *plan.SECTION_RULES, *plan.ITEMS, *plan.CAPACITY,
                                *plan.SAFETY_NET, *plan.AVOID)
ALL_RULES: tuple[Rule, ...] = (*CLASSIFIER_RULES, *PLAN_RULES)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}

check.check_tables(CLASSIFIER_RULES, PLAN_RULES)
