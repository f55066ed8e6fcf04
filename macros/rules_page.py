"""The "How the tools decide" page, generated from the package's rule tables.

``{{ tool_rules() }}`` writes every rule of :mod:`alliance.rules` (and the two
procedures, the level and the weakest steps), in the order the tools apply
them: its id (the anchor "Why this?" links to), its condition in plain words,
what follows from it, and its sources as ``[@key]`` citations, which the
site's citation processor links to the page's reference list. The page
cannot drift from the rules: it is the rules, in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from alliance import model
from alliance.citations import in_apa_order
from alliance.conditions import NEVER
from alliance.output import escape_markdown
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS
from alliance.rules import classifier, plan
from alliance.rules.records import (
    LISTINGS,
    AimNote,
    AimRule,
    AvoidRule,
    CarryRule,
    CriterionRule,
    FlagRule,
    ItemRule,
    LimitRule,
    NextStepRule,
    Rule,
)
from alliance.view import rule_anchor

SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _words(text: str) -> str:
    """A rule's text with each slot shown as what fills it: ``[the answers given ...]``."""
    def meaning(match: re.Match[str]) -> str:
        name, listing = match.group(1), match.group(2)
        return f"[{LISTINGS[listing] if listing else plan.SLOTS[name].meaning}]"

    return escape_markdown(SLOT.sub(meaning, text))


def _cite(keys: Iterable[str]) -> str:
    ordered = in_apa_order(keys)
    return f" [{'; '.join('@' + key for key in ordered)}]" if ordered else ""


def _what_follows(rule: Rule) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, text, citation keys) for what the rule gives when it applies."""
    if isinstance(rule, CriterionRule):
        return [("Then", f"\u201c{model.CRITERIA_BY_ID[rule.criterion].label}\u201d is met", ())]
    if isinstance(rule, FlagRule):
        flag = model.FLAGS_BY_ID[rule.flag]
        return [("Raises", flag.title, ()), ("Titled", rule.title, ()),
                ("Saying", rule.explanation, flag.cite)]
    if isinstance(rule, NextStepRule):
        step = model.CYCLE_BY_ID.get(rule.step) or model.PYRAMID_BY_ID[rule.step]
        return [("Next step", rule.text, rule.cite), ("Tied to", step.name, ())]
    if isinstance(rule, CarryRule):
        field = next(f for f in PLAN_FIELDS if f.id == rule.field)
        return [("Carries into the plan", f"{field.label}: {field.option_label(rule.value)}", ())]
    if isinstance(rule, LimitRule):
        return [("Keeps", f"the first {rule.keep} items of the section", ()), ("Then adds", rule.text, ()),
                ("Why", rule.rationale, rule.cite)]
    if isinstance(rule, AimRule | ItemRule):
        return [("Proposes", rule.text, ()), ("Why", rule.rationale, rule.cite)]
    if isinstance(rule, AimNote):
        return [("Adds to the aim's reason", rule.note, rule.cite)]
    if isinstance(rule, AvoidRule):
        return [("Rules out", rule.text, ()), ("Why", rule.why, ())]
    return []


def _entry(rule_id: str, body: list[str]) -> str:
    return "\n".join([f'<div class="alliance-rule" id="{rule_anchor(rule_id)}" markdown="1">', "",
                      f"**Rule `{rule_id}`**", "", *body, "</div>", ""])


def rule_entry(rule: Rule) -> str:
    """One rule: a block with its anchor, its condition, what follows and its sources."""
    body = [f"*When:* {escape_markdown(rule.when.describe())}.", ""]
    if isinstance(rule, ItemRule) and rule.focus != NEVER:
        body += [f"*First in its section when:* {escape_markdown(rule.focus.describe())}.", ""]
    for label, text, keys in _what_follows(rule):
        body += [f"*{label}:* {_words(text)}{_cite(keys)}", ""]
    return _entry(rule.id, body)


def procedure_entry(rule_id: str) -> str:
    """A procedure (the level, the weakest steps): its anchor and what it does."""
    return _entry(rule_id, [escape_markdown(classifier.PROCEDURES[rule_id]), ""])


def _section(title: str, intro: str, rules: Iterable[Rule] | Iterable[str]) -> list[str]:
    entries = [procedure_entry(r) if isinstance(r, str) else rule_entry(r) for r in rules]
    return [f"### {title}", "", intro, "", *entries]


def _glossary() -> list[str]:
    lines = ["### The questions and their answers", "",
             "The classifier's rules name questions and answers by their ids.", "",
             "| Question | Asks | Answers |", "| --- | --- | --- |"]
    for question in QUESTIONS:
        answers = "; ".join(f"`{o.id}`: {escape_markdown(o.label)}" for o in question.options)
        lines.append(f"| `{question.id}` | {escape_markdown(question.text)} | {answers} |")
    return [*lines, ""]


def rules_markdown() -> str:
    """The whole generated part of the rules page."""
    sections = [
        "## The stage classifier", "",
        *_section("1. The criteria of each step up",
                  "A criterion is met when every answer it names is one of those listed. Each rule accepts "
                  "only a question's strongest answers, so a stronger answer never un-meets a criterion.",
                  classifier.CRITERIA),
        *_section("2. The level", "", [classifier.STAGE_RULE]),
        *_section("3. Flags", "A flag never changes the level: it qualifies it, and its next steps come "
                  "first.", classifier.FLAGS),
        *_section("4. The weakest steps of the cycle", "", [classifier.WEAKEST_RULE]),
        *_section("5. Next steps", "Every rule that applies gives a next step, in this order; a step given "
                  "twice is listed once.", classifier.NEXT_STEPS),
        *_section("6. What a result carries into the plan builder",
                  "Besides the level, the flags and the weakest steps.", classifier.CARRY),
        *_glossary(),
        "## The session-plan builder", "",
        *_section("1. The aim", "The first rule that applies gives the session's alliance aim.", plan.AIMS),
        *_section("2. Notes to the aim", "Each that applies adds a sentence to the aim's reason.",
                  plan.AIM_NOTES),
    ]
    for section_id, title in plan.SECTIONS.items():
        items = [rule for rule in (*plan.ITEMS, *plan.LIMITS) if rule.section == section_id]  # type: ignore[attr-defined]
        sections += _section(f"Section: {title}", "Every item that applies is listed, in this order; items "
                             "in focus come first.", items)
    sections += _section("What to avoid", "Everything that applies is listed under what to avoid.",
                         plan.AVOID)
    return "\n".join(sections) + "\n"


def define_env(env: Any) -> None:
    """Register ``tool_rules()``."""

    @env.macro
    def tool_rules() -> str:
        """Every rule of the tools, in plain words, with its sources."""
        return rules_markdown()
