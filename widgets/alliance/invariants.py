"""The safety invariants every plan keeps, written once as checks.

The plan builder checks each plan it builds (:func:`plan_violations`) and refuses to return one that
breaks an invariant: a rule table edited by mistake gives an error, never an unsafe plan.
:func:`format_violations` checks the same plan as every format shows it (the screen's view, Copy as
text and the CLI's text, the Markdown download, the case pages' Markdown, a share link). The
package's tests check both over every kind of input, and over every classifier result carried into
the plan builder (``widgets/tests/test_pkg_invariants.py`` exhaustively and by seeded samples, also
inside Pyodide; ``tests/unit/test_alliance_invariants.py`` with hypothesis).

1. What harmed is never proposed: no item offers a treatment the patient says made things worse,
   ticked or typed, nor one what was typed may mean; no item's text names one.
2. No escalation: with any manual technique made worse, no item offers a more forceful one.
3. While the patient's model of the back needs re-education (or their autonomy is unhealthy), no item
   hands the lead to the patient; with an unhelpful model, the re-education item is there with its
   content (imaging findings in people without pain, bracing not needed), and exercise and review
   open with items that follow it.
4. Unhealthy autonomy gets one plan coordinated with the other professionals, such as the GP; no plan
   sends the patient to "the prescriber".
5. Every plan has safety-netting cited to the NICE guideline: which signs need emergency care or
   urgent review, and where to go; a flare-up plan says it too.
6. Hands-on care offered because the patient expects it is a technique the patient takes part in,
   linked to the active approach.
7. The plan fits the session: no more items than the session has room for, opened by its top three
   priorities. (No invented number carries a citation: checked on import, ``rules.check``.)
"""

from __future__ import annotations

from collections.abc import Iterable

from alliance import model
from alliance.output import escape_markdown, markdown, text
from alliance.recognise import recognise
from alliance.results import Plan, PlanItem
from alliance.rules import plan as rules
from alliance.rules.records import ItemRule
from alliance.rules.techniques import EXERCISE, FORCE
from alliance.view import View, plan_view

RE_EDUCATE = "education.re-educate-the-model"
RE_EDUCATION_FIRST = {
    "exercise-homework": "exercise-homework.test-the-old-model",
    "review": "review.the-new-model",
}
COORDINATE = "assessment-treatment.one-coordinated-plan"
FLARE_UP = "review.flare-up-plan"
SAFETY_MINIMUM = ("safety.emergency", "safety.urgent-review")


class InvariantError(RuntimeError):
    """A plan that breaks a safety invariant (a fault in the rule tables, never in the input)."""


def harmed(plan: Plan) -> tuple[set[str], set[str]]:
    """The treatments the patient says made things worse (ticked, or recognised for certain in what was
    typed), and those what was typed may mean."""
    found = recognise(str(plan.inputs["other_bad_experience"]))
    worse = set(plan.inputs["bad_experiences"]) | set(found.certain)  # type: ignore[call-overload]
    return worse, set(found.maybe) - worse


def rule_of(item: PlanItem) -> ItemRule | None:
    """The item rule that gave this item (looked up in the table the plan builder ran)."""
    rule_id = item.basis.rules[0] if item.basis.rules else ""
    return next((rule for rule in rules.ITEMS if rule.id == rule_id), None)


def rule_id(item: PlanItem) -> str:
    return item.basis.rules[0] if item.basis.rules else ""


def named(text: str, techniques: Iterable[str]) -> set[str]:
    """Which of ``techniques`` the text names for certain (the exercise programme aside: a plan may
    name exercises that are unlike the programme that harmed)."""
    return set(recognise(text, near_misses=False).certain) & (set(techniques) - {EXERCISE})


def proposed(plan: Plan) -> set[str]:
    """The treatments the plan's items offer."""
    return {t for item in plan.items() if (rule := rule_of(item)) for t in rule.proposes}


def plan_violations(plan: Plan) -> list[str]:
    """Every invariant the plan breaks, in words (empty: none)."""
    problems: list[str] = []
    worse, maybe = harmed(plan)
    items = plan.items()
    offered = proposed(plan)
    ids = [rule_id(item) for item in items]
    flags = set(plan.inputs["flags"])  # type: ignore[call-overload]

    # 1. What harmed is never proposed.
    problems += [
        f"1: proposes {t}, which made things worse or may be what was typed"
        for t in sorted(offered & (worse | maybe))
    ]
    for item in items:
        problems += [f"1: the item {item.title!r} names {t}" for t in sorted(named(item.text, worse | maybe))]
    # 2. No escalation.
    bad_manual = [FORCE.index(t) for t in worse | maybe if t in FORCE]
    if bad_manual:
        problems += [
            f"2: proposes {t}, more forceful than what made things worse"
            for t in sorted(offered)
            if t in FORCE and FORCE.index(t) >= min(bad_manual)
        ]
    # 3. The lead is kept while the model is re-educated (or autonomy is unhealthy).
    if flags & {"unhelpful-model", "unhealthy-autonomy"}:
        problems += [
            f"3: {item.title!r} hands the lead to the patient"
            for item in items
            if (rule := rule_of(item)) and rule.hands_over
        ]
    if "unhelpful-model" in flags:
        education = next((item for item in items if rule_id(item) == RE_EDUCATE), None)
        if education is None:
            problems.append("3: no re-education item with an unhelpful model of the back")
        elif model.BRINJIKJI not in education.cite or "bracing" not in education.text:
            problems.append("3: the re-education item lacks its content (imaging findings, bracing)")
        for section in plan.sections:
            first = RE_EDUCATION_FIRST.get(section.id)
            if first and section.items and rule_id(section.items[0]) != first:
                problems.append(f"3: {section.title!r} does not open with the re-education aim")
    # 4. One coordinated plan; never "the prescriber".
    if "unhealthy-autonomy" in flags and COORDINATE not in ids:
        problems.append("4: unhealthy autonomy without one plan coordinated with the other professionals")
    texts = [plan.aim.text, *(item.text for item in items), *(line.text for line in plan.safety)]
    problems += [
        "4: a line sends the patient to the prescriber" for text in texts if "prescriber" in text.lower()
    ]
    # 5. Safety-netting, cited to NICE; the flare-up plan says it too.
    rules_there = {line.basis.rules[0] for line in plan.safety if line.basis.rules}
    if not set(SAFETY_MINIMUM) <= rules_there or not any(model.NICE in line.cite for line in plan.safety):
        problems.append("5: no safety-netting cited to the NICE guideline")
    for item in items:
        if rule_id(item) == FLARE_UP and "urgent medical review" not in item.text:
            problems.append("5: the flare-up plan does not say when to seek urgent medical review")
    # 6. Hands-on care the patient takes part in, linked to the active approach.
    for item in items:
        rule = rule_of(item)
        if (
            rule
            and set(rule.proposes) & set(FORCE)
            and not ("takes part" in item.text and "active approach" in item.text)
        ):
            problems.append(f"6: {item.title!r} offers hands-on care the patient does not take part in")
    # 7. It fits the session, and opens with its top priorities.
    room = rules.capacity(plan.inputs).items
    if len(items) > room:
        problems.append(f"7: {len(items)} items for a session with room for {room}")
    if len(plan.priorities) != min(rules.TOP_PRIORITIES, len(items)) or any(
        p not in items for p in plan.priorities
    ):
        problems.append("7: the plan does not open with its top priorities, taken from its items")
    return problems


def _lines(view: View, block_ids: Iterable[str], why: bool = True) -> list[str]:
    """The texts of the view's lines (and sub-lines) in these blocks (``why``: with their "Why:" detail,
    the evidence for a line rather than what it proposes)."""
    found: list[str] = []

    def walk(lines: Iterable[object]) -> None:
        for line in lines:
            parts = (line.lead, line.text, line.detail if why else "")  # type: ignore[attr-defined]
            found.extend(part for part in parts if part)
            walk(line.lines)  # type: ignore[attr-defined]

    for block in view.blocks:
        if block.id in block_ids:
            walk(block.lines)
    return found


def format_violations(plan: Plan) -> list[str]:
    """Every invariant the plan breaks as the formats show it: the screen (the view the page paints and
    prints), Copy as text and the CLI (text), Download and the CLI (Markdown), the case pages
    (Markdown with ``[@key]`` citations). A share link is checked by the tests that read it back."""
    view = plan_view(plan)
    worse, maybe = harmed(plan)
    proposal_blocks = {"priorities", "aim", "later", *(section.id for section in plan.sections)}
    formats = {
        "text": text(view),
        "markdown": markdown(view),
        "case page": markdown(view, heading_level=3, citations="pandoc"),
    }
    problems: list[str] = []
    proposals = _lines(view, proposal_blocks, why=False)
    problems += [
        f"1 (screen): a proposal names {t}" for t in sorted(named(" ".join(proposals), worse | maybe))
    ]
    shown = sum(len(block.lines) for block in view.blocks if block.id in rules.SECTIONS)
    if shown > rules.capacity(plan.inputs).items:
        problems.append(f"7 (screen): {shown} items for a session with room for fewer")
    safety = [block for block in view.blocks if block.id == "safety"]
    if not safety or not any(model.NICE in line.keys for line in safety[0].lines):
        problems.append("5 (screen): no safety-netting cited to the NICE guideline")
    every_line = _lines(view, {block.id for block in view.blocks})
    for name, rendered in formats.items():
        shown_text = rendered if name == "text" else rendered.replace("\\", "")
        missing = [
            line
            for line in every_line
            if (line if name == "text" else escape_markdown(line).replace("\\", "")) not in shown_text
        ]
        problems += [f"{name}: does not show {line[:60]!r}" for line in missing]
        if "prescriber" in rendered.lower():
            problems.append(f"4 ({name}): sends the patient to the prescriber")
        nice_cited = (
            "[@nice2016low]" in rendered
            if name == "case page"
            else "National Institute for Health and Care Excellence" in rendered
        )
        if "Safety-netting" not in rendered or not nice_cited:
            problems.append(f"5 ({name}): no safety-netting cited to the NICE guideline")
    return problems
