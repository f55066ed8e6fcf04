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
3. The lead is held back while anything says it should be: with a flag raised (ticked, or implied by
   the inputs through the classifier's own rules: an unhelpful model of the back, unhealthy autonomy,
   answers that contradict each other, agency with yellow flags), or a harmful belief held firmly or not
   known how firmly, no item hands the lead to the patient (the agenda, the choices, the homework, spacing
   out the sessions) and none sets a fuller programme; with an unhelpful model, the re-education item is
   there with its content (imaging findings in people without pain, bracing not needed), and exercise
   and review open with items that follow it.
4. Unhealthy autonomy gets one plan coordinated with the other professionals, such as the GP; no plan
   sends the patient to "the prescriber".
5. Every plan has safety-netting cited to the NICE guideline: which signs need emergency care or
   urgent review, and where to go; a flare-up plan says it too.
6. Hands-on care offered because the patient expects it is a technique the patient takes part in,
   linked to the active approach.
7. The plan fits the session: no more items than the session has room for (items that keep the plan
   safe are never left out, beyond it if need be), opened by its top three priorities; what should not
   wait but does not fit is said to need a longer slot, never left for later. (No invented number
   carries a citation: checked on import, ``rules.check``.)
8. Typed harm fails safe: when what was typed as having made things worse is not read whole and the
   patient expects hands-on care, no hands-on technique is proposed, and an item names what was not
   read and asks the clinician to check.
9. Serious pathology comes first: not yet screened, the plan's first item (first of its priorities and
   first shown) is to screen; with concerns found, the plan is to stop and arrange medical assessment,
   with no other item, no hands-on care and no exercise programme.
10. The record leaves the level out: the two lines for the clinical record never name the alliance
    level.

:func:`session_violations` checks what makes a plan follow the session (not a safety rule, so the
builder does not refuse a plan for it; the tests check it over every input): a first session asks about
expectations, beliefs and past care and explains the questionnaires, never leaving them for later; no
starter dose for a patient who already exercises; at agency with nothing holding the lead back, spacing
out the sessions is core; the exercise and review items say how they serve the patient's goal, and the
review sets the session to check it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from alliance import model
from alliance.conditions import MAYBE_WORSE, RAISED, UNREAD, WORSE
from alliance.derive import plan_facts
from alliance.output import escape_markdown, markdown, text
from alliance.recognise import names_in
from alliance.results import Plan, PlanItem
from alliance.rules import plan as rules
from alliance.rules.records import CORE, SAFETY, ItemRule
from alliance.rules.techniques import EXERCISE, FORCE
from alliance.rules.terms import BELIEF_FIELDS
from alliance.view import View, plan_view

RE_EDUCATE = "education.re-educate-the-model"
RE_EDUCATION_FIRST = {
    "exercise-homework": "exercise-homework.test-the-old-model",
    "review": "review.the-new-model",
}
COORDINATE = "assessment-treatment.one-coordinated-plan"
FLARE_UP = "review.flare-up-plan"
SAFETY_MINIMUM = ("safety.emergency", "safety.urgent-review", "safety.fracture", "safety.inflammatory")
FULLER_PROGRAMME = "exercise-homework.how-many.high"
GOAL = "patient_goals"
SPACE_OUT = "review.space-out-sessions"
CHECK_TYPED = "assessment-treatment.hands-on.check-what-was-typed"
SCREEN_FIRST = "screening.screen-first"
STOP_AND_REFER = "screening.stop-and-refer"
FIRST_SESSION_CORE = ("communication.ask-expectations", "assessment-treatment.measure-and-explain")
STARTER_DOSES = ("exercise-homework.how-many.few", "exercise-homework.how-many.moderate",
                 "exercise-homework.how-many.unknown")


class InvariantError(RuntimeError):
    """A plan that breaks a safety invariant (a fault in the rule tables, never in the input)."""


def derived(plan: Plan) -> dict[str, object]:
    """What the plan builder derives from the plan's inputs (``derive.plan_facts``)."""
    return plan_facts(plan.inputs)[0]


def harmed(plan: Plan, facts: Mapping[str, object] | None = None) -> tuple[set[str], set[str]]:
    """The treatments the patient says made things worse (ticked, or recognised for certain in what was
    typed), and those what was typed may mean."""
    facts = derived(plan) if facts is None else facts
    return set(facts[WORSE]), set(facts[MAYBE_WORSE])  # type: ignore[call-overload]


def lead_held_back(plan: Plan, facts: Mapping[str, object] | None = None) -> list[str]:
    """What holds the lead back, by its inputs and what they imply: each flag raised, each harmful belief
    held firmly or not known how firmly."""
    facts = derived(plan) if facts is None else facts
    return [*facts[RAISED], *(field for field in BELIEF_FIELDS  # type: ignore[misc]
                              if plan.inputs[field] in ("firmly", "unsure"))]


def rule_of(item: PlanItem) -> ItemRule | None:
    """The item rule that gave this item (looked up in the table the plan builder ran)."""
    rule_id = item.basis.rules[0] if item.basis.rules else ""
    return next((rule for rule in rules.ITEMS if rule.id == rule_id), None)


def rule_id(item: PlanItem) -> str:
    return item.basis.rules[0] if item.basis.rules else ""


def named(text: str, techniques: Iterable[str]) -> set[str]:
    """Which of ``techniques`` the text names for certain (the exercise programme aside: a plan may
    name exercises that are unlike the programme that harmed)."""
    return names_in(text) & (set(techniques) - {EXERCISE})


def proposed(plan: Plan) -> set[str]:
    """The treatments the plan's items offer."""
    return {t for item in plan.items() if (rule := rule_of(item)) for t in rule.proposes}


def room_for(plan: Plan) -> int:
    """How many items the plan's session has room for: its capacity, or more when the items that keep
    the plan safe need it (they are never left out)."""
    safe = [item for item in plan.items() if (rule := rule_of(item)) and rule.priority <= SAFETY]
    return max(rules.capacity(plan.inputs).items, len(safe))


def plan_violations(plan: Plan) -> list[str]:
    """Every invariant the plan breaks, in words (empty: none)."""
    problems: list[str] = []
    facts = derived(plan)
    worse, maybe = harmed(plan, facts)
    items = plan.items()
    offered = proposed(plan)
    ids = [rule_id(item) for item in items]
    treating = plan.inputs["screening"] != "concerns"  # with concerns found, there is no treatment plan

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
    # 3. The lead is held back while anything says it should be.
    holding = lead_held_back(plan, facts)
    if holding:
        problems += [
            f"3: {item.title!r} hands the lead to the patient, or sets a fuller programme, while "
            f"{', '.join(holding)} holds it back"
            for item in items
            if (rule := rule_of(item)) and (rule.hands_over or rule.id == FULLER_PROGRAMME)
        ]
    flags = set(facts[RAISED])  # type: ignore[call-overload]
    if "unhelpful-model" in flags and treating:
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
    if "unhealthy-autonomy" in flags and treating and COORDINATE not in ids:
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
    room = room_for(plan)
    if len(items) > room:
        problems.append(f"7: {len(items)} items for a session with room for {room}")
    if len(plan.priorities) != min(rules.TOP_PRIORITIES, len(items)) or any(
        p not in items for p in plan.priorities
    ):
        problems.append("7: the plan does not open with its top priorities, taken from its items")
    later = plan.later.items if plan.later else ()
    short = rules.CORE_CANNOT_WAIT.holds(plan.inputs)
    problems += [f"7: {item.title!r} should not wait, yet is left for later" for item in later
                 if (rule := rule_of(item)) and (not rule.waits or (short and rule.priority <= CORE))]
    # 8. Typed harm fails safe.
    if facts[UNREAD] and "hands-on" in plan.inputs["expectations"] and treating:  # type: ignore[operator]
        problems += [f"8: proposes {t} though what was typed is not read whole"
                     for t in sorted(offered & set(FORCE))]
        check = next((item for item in (*items, *(plan.longer.items if plan.longer else ()))
                      if rule_id(item) == CHECK_TYPED), None)
        unread = [str(word) for word in facts[UNREAD]]  # type: ignore[attr-defined]
        if check is None:
            problems.append("8: no item asks to check what was typed, which is not read whole")
        elif not all(word in check.text for word in unread if not word.startswith("(")):
            problems.append("8: the item asking to check what was typed does not name the words not read")
    # 9. Serious pathology comes first.
    screening = plan.inputs["screening"]
    first_shown = items[0] if items else None
    if screening == "not-yet" and not (
        first_shown and rule_id(first_shown) == SCREEN_FIRST and plan.priorities
        and rule_id(plan.priorities[0]) == SCREEN_FIRST
    ):
        problems.append("9: not yet screened for serious pathology, and screening is not the first item")
    if screening == "concerns":
        if not first_shown or rule_id(first_shown) != STOP_AND_REFER:
            problems.append("9: concerns found on screening, and the first item is not to stop and refer")
        problems += [f"9: concerns found on screening, yet the plan proposes {t}" for t in sorted(offered)]
        problems += [f"9: concerns found on screening, yet the plan has {item.title!r}" for item in
                     (*items, *later, *(plan.longer.items if plan.longer else ()))
                     if not rule_id(item).startswith("screening.")]
    # 10. The record leaves the level out.
    record = " ".join(plan.record).replace(str(plan.inputs["patient_goals"]), "").lower()
    problems += [f"10: the record names the level {level.name!r}" for level in model.LEVELS
                 if level.name.lower() in record]
    if len(plan.record) != 2 or "level" in record:
        problems.append("10: the record is not two lines, or speaks of the level")
    return problems


def session_violations(plan: Plan) -> list[str]:
    """What makes a plan follow the session, the slot and the goal, broken (see the module docstring)."""
    problems: list[str] = []
    items = plan.items()
    waiting = (*items, *(plan.longer.items if plan.longer else ()))
    later = plan.later.items if plan.later else ()
    ids = {rule_id(item) for item in waiting}
    session = int(plan.inputs["session_number"])  # type: ignore[call-overload]
    normal = plan.inputs["screening"] != "concerns"
    if normal and session == 1:
        problems += [f"4: a first session without {core}" for core in FIRST_SESSION_CORE if core not in ids]
        problems += [f"4: {item.title!r} left for later at a first session" for item in later
                     if rule_id(item) in FIRST_SESSION_CORE]
    already = plan.inputs["self_management"] == "regularly" or (
        session >= 4 and plan.inputs["self_management"] == "partly")
    if already:
        problems += [f"4: a starter dose ({item.title!r}) for a patient who already exercises"
                     for item in (*waiting, *later) if rule_id(item) in STARTER_DOSES]
    every = [*waiting, *later]
    spacing = next((item for item in every if rule_id(item) == SPACE_OUT), None)
    if spacing is not None and (rule := rule_of(spacing)) is not None and rule.priority != CORE:
        problems.append("4: spacing out the sessions is not core")
    if normal and plan.inputs["level"] == "autonomic-agency" and not lead_held_back(plan) and spacing is None:
        problems.append("4: agency with nothing holding the lead back, and no spacing out of the sessions")
    if normal:
        exercise = [item for item in every if item.section == "exercise-homework" and
                    (rule := rule_of(item)) is not None and EXERCISE in rule.proposes]
        problems += [f"5: {item.title!r} does not say how it serves the goal" for item in exercise
                     if not ((rule := rule_of(item)) and rule.serves_goal
                             and "want to be able to do" in item.text)]
        review = [item for item in every if rule_id(item).startswith("review.audit")]
        problems += [f"5: {item.title!r} sets no session to check progress" for item in review
                     if f"session {session + rules.GOAL_CHECK_AFTER}" not in item.text]
    return problems


def _lines(view: View, block_ids: Iterable[str], why: bool = True) -> list[str]:
    """The texts of the view's lines (and sub-lines) in these blocks (``why``: with their "Why:" detail,
    the evidence for a line rather than what it proposes)."""
    found: list[str] = []

    def walk(lines: Iterable[object]) -> None:
        for line in lines:
            if not why and line.field == GOAL:  # type: ignore[attr-defined]
                continue  # the patient's goal, in their words: not a proposal
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
    if shown > room_for(plan):
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
