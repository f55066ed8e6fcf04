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
from alliance.citations import in_list_order
from alliance.conditions import NEVER, Term
from alliance.output import escape_markdown
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS
from alliance.rules import ALL_RULES, classifier, plan
from alliance.rules.records import (
    ANSWER,
    LISTINGS,
    AimNote,
    AimRule,
    AvoidRule,
    CapacityRule,
    CarryRule,
    CriterionRule,
    FlagRule,
    ItemRule,
    NextStepRule,
    Rule,
    SafetyRule,
    SectionRule,
)
from alliance.rules.techniques import (
    FORCE,
    GUIDE,
    HANDS_ON_PREFERENCE,
    NAMES,
    OTHER_TREATMENTS,
    TECHNIQUES,
    TECHNIQUES_BY_ID,
)
from alliance.view import rule_anchor

SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
PRIORITY_WORDS = {-1: "before anything else, never left out", 0: "keeps the plan safe, never left out",
                  1: "what the aim rests on: in a session too short for it, the plan says it needs a longer "
                     "slot",
                  2: "usual", 3: "the first to leave for later"}


def _words(text: str) -> str:
    """A rule's text with each slot shown as what fills it: ``[the answers given ...]``."""
    def meaning(match: re.Match[str]) -> str:
        name, listing = match.group(1), match.group(2)
        return f"[{LISTINGS[listing] if listing else plan.SLOTS[name].meaning}]"

    return escape_markdown(SLOT.sub(meaning, text))


def _cite(keys: Iterable[str]) -> str:
    ordered = in_list_order(keys)
    return f" [{'; '.join('@' + key for key in ordered)}]" if ordered else ""


def _what_follows(rule: Rule) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, text, citation keys) for what the rule gives when it applies."""
    if isinstance(rule, CriterionRule):
        then = [("Then", f"\u201c{model.CRITERIA_BY_ID[rule.criterion].label}\u201d is met", ())]
        return then + ([("Note", rule.note, ())] if rule.note else [])
    if isinstance(rule, FlagRule):
        flag = model.FLAGS_BY_ID[rule.flag]
        return [("Raises", flag.title, ()), ("Titled", rule.title, ()),
                ("Saying", rule.explanation, flag.cite)]
    if isinstance(rule, NextStepRule):
        step = model.CYCLE_BY_ID.get(rule.step) or model.PYRAMID_BY_ID[rule.step]
        return [("Next step", rule.text, rule.cite), ("Tied to", step.name, ())]
    if isinstance(rule, CarryRule):
        field = next(f for f in PLAN_FIELDS if f.id == rule.field)
        value = "the answer, as it is (the field asks the same question)" if rule.value == ANSWER else \
            field.option_label(rule.value)
        return [("Carries into the plan", f"{field.label}: {value}", ())]
    if isinstance(rule, SectionRule):
        return [("Then", f"the items of the section \u201c{rule.title}\u201d apply", ())]
    if isinstance(rule, CapacityRule):
        return [("Room for", f"{rule.items} items (the guide's advice)", ()), ("Then says", rule.text, ())]
    if isinstance(rule, SafetyRule):
        return [("Says", f"{rule.lead} {rule.text}", rule.cite)]
    if isinstance(rule, ItemRule):
        return [("Proposes", rule.text, ()), ("Why", rule.rationale, rule.cite or ()),
                ("Priority", f"{PRIORITY_WORDS[rule.priority]}; among the priorities as "
                             f"\u201c{rule.title}\u201d", ())]
    if isinstance(rule, AimRule):
        return [("Proposes", rule.text, ()), ("Why", rule.rationale, rule.cite),
                ("In the clinical record", rule.record, ())]
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
    if isinstance(rule, ItemRule) and rule.proposes:
        body += [f"*Offers:* {escape_markdown(offers(rule))}", ""]
    if isinstance(rule, ItemRule) and rule.hands_over:
        body += ["*Hands the lead to the patient:* never while anything holds the lead back (a flag raised, "
                 "ticked or implied by the inputs, or a harmful belief held firmly or not known how firmly).",
                 ""]
    for label, text, keys in _what_follows(rule):
        body += [f"*{label}:* {_words(text)}{_cite(keys)}", ""]
    return _entry(rule.id, body)


def offers(rule: ItemRule) -> str:
    """What an item offers, and when never: a manual technique never when it, or anything less forceful,
    made things worse; anything else never when it made things worse."""
    said = []
    for technique in rule.proposes:
        name = TECHNIQUES_BY_ID[technique].name
        when = "it, or a less forceful manual technique," if technique in FORCE else "it"
        said.append(f"{name}, never when {when} made things worse (or what was typed may mean so).")
    return " ".join(said)


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
        *_derivation(),
        *_section("1. The aim", "The first rule that applies gives the session's alliance aim.", plan.AIMS),
        *_section("2. Notes to the aim", "Each that applies adds a sentence to the aim's reason.",
                  plan.AIM_NOTES),
        *_section("3. The sections", "A section's items apply only when the section does: with concerns "
                  "found on screening, only the first does, so there is no treatment plan.",
                  plan.SECTION_RULES),
    ]
    for section_id, title in plan.SECTIONS.items():
        items = [rule for rule in plan.ITEMS if rule.section == section_id]
        sections += _section(f"Section: {title}", "Every item that applies is a candidate, in this order; "
                             "items in focus come first.", items)
    sections += _section(
        "What fits in the session",
        "The first rule that applies gives how many items the session has room for. The items that apply are "
        f"ranked by priority, then focus, then taking each section's next item in turn; the first "
        f"{plan.TOP_PRIORITIES} are the plan's top priorities, and those beyond the room are listed for "
        "later "
        "sessions.", plan.CAPACITY)
    sections += _section("Safety-netting", "Every plan says when and where to seek help.", plan.SAFETY_NET)
    sections += _section("What to avoid", "Everything that applies is listed under what to avoid.",
                         plan.AVOID)
    sections += _record()
    sections += _techniques()
    sections += _terms()
    return "\n".join(sections) + "\n"


def _derivation() -> list[str]:
    """How the plan builder reads its inputs before its rules: the flags they imply, what was typed."""
    mirrored = ", ".join(f"\u201c{escape_markdown(f.label)}\u201d" for f in PLAN_FIELDS if f.mirror)
    return [
        "### 0. What the inputs imply", "",
        "The plan builder never trusts a missing flag. Before its rules, it reads its own inputs in the "
        "classifier's terms and runs the classifier's flag rules (above, 3. Flags) on them: the level fixes "
        "the answers its steps up need (at level 3, for example, the trust is strong and the goals are "
        f"agreed), and the fields that ask what a question of the classifier asks ({mirrored}) give that "
        "question's answer. A flag is raised when its rule surely holds for what was entered, beside the "
        "flags ticked, and the plan says so under \"What your inputs imply\". An answer the plan builder "
        "does not ask is never assumed.", "",
        "Where an input leaves something open (a belief voiced without knowing how firmly), the rules fail "
        "safe: the lead is held back, and the plan asks you to check.", "",
    ]


def _record() -> list[str]:
    return ["### The clinical record", "", escape_markdown(plan.RECORD_INTRO), "",
            "The first line is the aim in the words the aim rule gives for the record (above); the second "
            "lists what was agreed: the patient's goal in their words, the homework to fill in, and the "
            f"session at which to review progress (this one plus {plan.GOAL_CHECK_AFTER}); with concerns "
            "found on screening, the medical assessment to arrange.", ""]


def _terms() -> list[str]:
    """Every term the rules use, defined once (its condition in full words)."""
    seen: dict[str, Term] = {}
    for rule in ALL_RULES:
        conditions = [rule.when, *([rule.focus] if isinstance(rule, ItemRule) else [])]
        for condition in conditions:
            for term in condition.terms():
                seen.setdefault(term.id, term)
    lines = ["### Terms the rules use", "",
             "A rule may say part of its condition in a few words; each such term is defined here once.", ""]
    for term in sorted(seen.values(), key=lambda t: t.says):
        lines += [f'<div class="alliance-term" id="term-{term.id}" markdown="1">', "",
                  f"**{escape_markdown(term.says[0].upper() + term.says[1:])}** when "
                  f"{escape_markdown(term.definition())}.", "", "</div>", ""]
    return lines


def _source(key: str) -> str:
    return "the guide's reading" if key == GUIDE else f"[@{key}]"


def _techniques() -> list[str]:
    """The table of treatments the plan builder recognises, and the order of manual techniques by force."""
    lines = ["### Treatments that made things worse, or helped", "",
             "What the clinician ticks or types as having made things worse, or as having helped, is read "
             "against this table. A name ending in \\* stands for any word beginning so; case, accents, "
             "punctuation and British or American spelling do not matter, and a word a letter or two from a "
             "name is an uncertain match. What was typed is read clause by clause: a clause that says "
             "something helped (\"helped\", \"eased\", without a \"not\") is read as help, one that says "
             "something made things worse, or did not help, as harm, and any other clause as what its field "
             "is about. The plan proposes nothing that was matched as harm, certain or not, and says where "
             "it is unsure. A text is read whole only when every word in it is known (a name below, another "
             "treatment, or an ordinary word) and it names a treatment; otherwise, if the patient expects "
             "hands-on care, the plan proposes no hands-on technique, names the words it could not read and "
             "asks you to check.", "",
             "| Name | Reads as | May also mean | What it is | Whose reading |",
             "| --- | --- | --- | --- | --- |"]
    for name in NAMES:
        certain = ", ".join(TECHNIQUES_BY_ID[t].name for t in name.certain) or "(nothing for certain)"
        maybe = ", ".join(TECHNIQUES_BY_ID[t].name for t in name.maybe) or "\u2014"
        lines.append(f"| `{name.spelling}` | {escape_markdown(certain)} | {escape_markdown(maybe)} | "
                     f"{escape_markdown(name.note)} | {_source(name.source)} |")
    others = ", ".join(f"`{word}`" for word in sorted(OTHER_TREATMENTS))
    lines += ["", f"Other treatments it reads, and never proposes: {others}.", ""]
    lines += ["", "The treatments, as the plan names them: " + escape_markdown(
        ", ".join(technique.name for technique in TECHNIQUES)) + "."]
    order = " < ".join(TECHNIQUES_BY_ID[t].name for t in FORCE)
    preferred = ", then ".join(TECHNIQUES_BY_ID[t].name for t in HANDS_ON_PREFERENCE)
    lines += ["", f"Manual techniques, from the least to the most forceful: {escape_markdown(order)}. "
              "With any of them made worse, the plan never offers one further along. When the patient "
              "expects hands-on care, it offers one that helped before first, then, in this order of "
              f"preference, {escape_markdown(preferred)}, as a technique the patient takes part in.", ""]
    return lines


def define_env(env: Any) -> None:
    """Register ``tool_rules()``."""

    @env.macro
    def tool_rules() -> str:
        """Every rule of the tools, in plain words, with its sources."""
        return rules_markdown()
