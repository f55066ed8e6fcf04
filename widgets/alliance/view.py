"""A result or a plan as a render-ready view: the one thing every format renders.

:func:`result_view` and :func:`plan_view` decide the order, the headings, the
wording, the counts, which step up holds the patient, the citations (in the
site's citation style, labels from references.bib) and, for every line, why it is there. The
renderers (:mod:`alliance.output` for text and Markdown, the case pages, the
browser's painter ``ui-view.mjs``) only lay the blocks out.

The records are dataclasses without generated comparisons (compare their
``to_dict()``): each generated method costs time when the browser's Python
imports the package. A :class:`View` is a title, :class:`Block` s (``BLOCKS``: a paragraph per
line, a list of lines, a figure with the model ids to highlight, or a notice),
a footer and a reference list. A :class:`Line` has a bold ``lead``, its
``text``, a ``detail``, an in-text citation, the form ``field`` it is about,
its :class:`Why` and sub-lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from alliance import model
from alliance.citations import Citations, Segment, in_list_order
from alliance.conditions import HOLDING_BACK, MET, PLAN_DERIVED, RAISED, STAGE, UNREAD
from alliance.contract import BLOCKS, PATHS
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.questions import QUESTIONS_BY_ID, answer_words, chosen
from alliance.recognise import NOTHING_NAMED
from alliance.results import Basis, ClassificationResult, Plan, PlanItem, TransitionStatus
from alliance.rules import PLAN_RULES, RULES_BY_ID
from alliance.rules.classifier import PROCEDURES
from alliance.rules.plan import RECORD_INTRO

RESULT_TITLE = "Where the alliance stands"
PLAN_TITLE = "Session plan"
PLAN_FOOTER = "A plan to adapt with the patient, not a protocol."
STAGE_LEAD = "Your answers point to:"
LEVEL_COUNT = len(model.LEVELS)
PLAN_RULE_IDS = frozenset(rule.id for rule in PLAN_RULES)
COUNT_WORDS = {4: "four"}


@dataclass(eq=False, repr=False)
class RuleRef:
    """A rule a line came from: its id, where the rules page shows it (from the site root), and
    ``text`` saying when it applies."""

    id: str
    href: str
    text: str


@dataclass(eq=False, repr=False)
class Why:
    """Why a line is there, in words: its rules, then the facts they read."""

    summary: str
    rules: tuple[RuleRef, ...]
    intro: str
    facts: tuple[str, ...]


@dataclass(eq=False, repr=False)
class Line:
    text: str
    lead: str = ""
    detail: str = ""
    cite: tuple[Segment, ...] = ()  # the in-text citation (written once the whole view is known)
    keys: tuple[str, ...] = ()  # the works cited, in reference-list order
    field: str = ""  # the form field this line is about, if any
    why: Why | None = None
    lines: tuple[Line, ...] = ()


@dataclass(eq=False, repr=False)
class Block:
    kind: str  # a value of BLOCKS
    id: str
    heading: str = ""
    lines: tuple[Line, ...] = ()
    ordered: bool = False
    figure: str = ""  # for a figure: the figure macro's name
    highlight: tuple[str, ...] = ()  # for a figure: the model ids to highlight


@dataclass(eq=False, repr=False)
class Reference:
    key: str
    text: str
    href: str
    label: str = ""  # its number in a numbered style ("1"), else ""
    parts: tuple[tuple[str, str], ...] = ()  # ``text`` in parts: (text, "" | "em" | "link")


@dataclass(eq=False, repr=False)
class View:
    title: str
    blocks: tuple[Block, ...]
    footer: str
    references_heading: str
    references: tuple[Reference, ...]
    announce: str  # said to screen readers when the view is shown
    filename: str  # the Markdown download's file name
    said: Mapping[str, str]  # what the page says after each action (copy, download, share)
    marks: Mapping[str, str]  # data-* attributes the page sets on the widget (for styles and tests)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- lines and their "why" -------------------------------------------------------------------------


def rule_anchor(rule_id: str) -> str:
    """The id of a rule's entry on the rules page."""
    return f"rule-{rule_id}"


def rule_ref(rule_id: str) -> RuleRef:
    rule = RULES_BY_ID.get(rule_id)
    text = f"applies when {rule.when.describe()}." if rule is not None else PROCEDURES[rule_id]
    return RuleRef(rule_id, f"{PATHS['rules']}#{rule_anchor(rule_id)}", text)


def _value_words(field_id: str, value: object) -> str:
    field = PLAN_FIELDS_BY_ID[field_id]
    if isinstance(value, list):
        return ", ".join(field.option_label(v) for v in value) or "none"
    if value == "":
        return "none"
    return field.option_label(value) if isinstance(value, str) else str(value)


def fact_words(name: str, value: object, plan: bool = False) -> str:
    """One fact, as the clinician gave or would read it (``plan``: a fact of the plan builder's, whose
    input ids may also name a cycle step, as ``rapport`` does)."""
    if plan:
        if name == RAISED:
            return f"{PLAN_DERIVED[name]}: {_value_words('flags', value)}"
        if name == UNREAD:
            words = [f"\u201c{word}\u201d" if word != NOTHING_NAMED else "no treatment named"
                     for word in value]  # type: ignore[attr-defined]
            return f"{PLAN_DERIVED[name]}: {', '.join(words) or 'nothing'}"
        return (f"{PLAN_DERIVED[name]}: {_value_words('bad_experiences', value)}" if name in PLAN_DERIVED
                else f"{PLAN_FIELDS_BY_ID[name].label}: {_value_words(name, value)}")
    if name in QUESTIONS_BY_ID:
        return f"{QUESTIONS_BY_ID[name].text} {answer_words(name, value)}"
    if name in model.CRITERIA_BY_ID:
        states = {MET: "in place", HOLDING_BACK: "missing at the step up from this level"}
        state = states.get(str(value), "missing")
        return f"{model.CRITERIA_BY_ID[name].label}: {state}"
    if name == STAGE:
        return f"Level: {model.level(str(value)).name}"
    if name in model.FLAGS_BY_ID:
        return f"Flag \u201c{model.FLAGS_BY_ID[name].title}\u201d: {'raised' if value else 'not raised'}"
    if name in model.CYCLE_BY_ID:
        among = "among" if value else "not among"
        return f"{model.CYCLE_BY_ID[name].name}: {among} the weakest steps of your self-check"
    return f"{PLAN_FIELDS_BY_ID[name].label}: {_value_words(name, value)}"


def why(basis: Basis) -> Why | None:
    if not basis.rules:
        return None
    plan = basis.rules[0] in PLAN_RULE_IDS
    return Why("Why this?", tuple(rule_ref(rule) for rule in basis.rules), "From:",
               tuple(fact_words(name, value, plan) for name, value in basis.facts))


def line(text: str, keys: Iterable[str] = (), basis: Basis | None = None, **more: Any) -> Line:
    return Line(text=text, keys=tuple(in_list_order(keys)), why=why(basis) if basis is not None else None,
                **more)


def _paragraph(block_id: str, *lines: Line, heading: str = "") -> Block:
    return Block(BLOCKS["PARAGRAPH"], block_id, heading, tuple(lines))


def _list(block_id: str, heading: str, lines: Iterable[Line], ordered: bool = False) -> Block:
    return Block(BLOCKS["LIST"], block_id, heading, tuple(lines), ordered=ordered)


def _figure(block_id: str, figure: str, highlight: Iterable[str]) -> Block:
    return Block(BLOCKS["FIGURE"], block_id, figure=figure, highlight=tuple(highlight))


def _answer(question_id: str, answers: Mapping[str, object]) -> Line:
    """A question and the answer given, linked to the question in the form."""
    return Line(text=answer_words(question_id, answers[question_id]), lead=QUESTIONS_BY_ID[question_id].text,
                field=question_id)


def _cite(blocks: Iterable[Block]) -> tuple[Reference, ...]:
    """Every line's citation written, in the order the view shows them (a numbered style numbers the
    works as they are first cited), and the reference list of the works cited."""
    citations = Citations()

    def cite(lines: Iterable[Line]) -> None:
        for each in lines:
            each.cite = citations.cite(each.keys)
            cite(each.lines)

    for block in blocks:
        cite(block.lines)
    return tuple(Reference(key, work.reference, work.href, label, work.parts)
                 for key, label, work in citations.references())


def _view(title: str, blocks: list[Block], footer: str, announce: str, filename: str, what: str,
          marks: Mapping[str, str]) -> View:
    said = {
        "copy": f"{what} was copied as plain text.",
        "download": f"{what} was downloaded as {filename}.",
        "share": "The share link is below. Anyone who has it can read these inputs.",
    }
    return View(title, tuple(blocks), footer, "References", _cite(blocks), announce, filename, said,
                dict(marks))


# --- the classifier's result -------------------------------------------------------------------------


def level_words(level: model.Level) -> str:
    """The level as a category, not a score: its name and its place among the levels."""
    return f"{level.name}, the {level.ordinal} of the {COUNT_WORDS[LEVEL_COUNT]} levels of encounter"


def _gist(question_id: str, answer: object) -> str:
    labels = [QUESTIONS_BY_ID[question_id].label(option).split(":", 1)[0] for option in chosen(answer)]
    return " and ".join(label[0].lower() + label[1:] for label in labels)


def _criteria_words(criteria: Iterable[object]) -> str:
    """Criteria by their labels ("A strong therapeutic alliance; the patient participates actively")."""
    labels = [str(getattr(c, "label")) for c in criteria]  # noqa: B009
    return "; ".join(label if index == 0 else label[0].lower() + label[1:]
                     for index, label in enumerate(labels))


def _summary(result: ClassificationResult) -> list[Block]:
    """The level's description, if the answers fit it; otherwise what the answers show, and what holds
    the patient (a strict step up can hold a patient who meets every later criterion)."""
    level = result.level
    step_up = result.holding()
    index = result.transitions.index(step_up) if step_up else len(result.transitions)
    above = [c for t in result.transitions[index:] for c in t.met]
    if not above:
        return [_paragraph("summary", line(level.summary, level.cite),
                           line(level.reading_words(), level.reading_cite))]
    assert step_up is not None
    later: list[TransitionStatus] = list(result.transitions[index + 1:])
    lines = [line("Your answers do not fit the usual picture of this level. Beyond the step up that holds "
                  f"the patient, they show in place: {_criteria_words(above)}.")]
    if later and all(not t.missing for t in later):
        met_later = [c for t in later for c in t.met]
        lines.append(line(f"Every criterion of the later steps up is met ({_criteria_words(met_later)})."))
    holding = [q for c in step_up.missing for q in c.because]
    lines.append(line(
        "What holds the patient here: " + "; ".join(
            f"{QUESTIONS_BY_ID[q].short}: {_gist(q, result.answers[q])}" for q in holding) + ".",
        lines=tuple(_answer(q, result.answers) for q in holding)))
    that = "that answer" if len(holding) == 1 else "those answers"
    lines.append(line(
        "The level is the highest whose every lower step up is fully met, so one answer can hold a patient "
        f"below where the rest of the answers point. Check {that} against what you saw: if "
        f"{'it stands, it is' if len(holding) == 1 else 'they stand, they are'} where to start."))
    return [Block(BLOCKS["NOTICE"], "mixed-picture", "What your answers show", tuple(lines))]


def _reflection() -> Block:
    """What the classifier is and is not, beside its result."""
    return Block(BLOCKS["NOTICE"], "reflection", "", (
        line("This is your reflection, not a measurement: the source article itself says there is a long way "
             "to go before the alliance can be assessed objectively, let alone understood by an algorithm.",
             (model.ARTICLE,)),
        line("Check your view against the patient's own, for example with a patient-rated alliance measure "
             "such as the Working Alliance Inventory, which Ferreira et al. used in their study.",
             (model.FERREIRA,)),
    ))


def _holding(result: ClassificationResult) -> list[Block]:
    heading = "What holds the patient at this level"
    step_up = result.holding()
    if step_up is None:
        return [_paragraph("holding", line(
            "Every ingredient of every step up is in place, so no step up remains. The flags, if any, say "
            "whether this autonomy is healthy."), heading=heading)]
    transition = model.TRANSITIONS_BY_ID[step_up.id]
    criteria = [line("in place", basis=c.basis, lead=f"{c.label}:") for c in step_up.met]
    criteria += [line("missing", basis=c.basis, lead=f"{c.label}:",
                      lines=tuple(_answer(q, result.answers) for q in c.because))
                 for c in step_up.missing]
    basis = "" if transition.checked else " This step is the source article's reading."
    return [
        _paragraph("holding", line(f"To move up to {model.level(step_up.target).name}, the step needs:"),
                   heading=heading),
        _list("holding-criteria", "", criteria),
        _paragraph("holding-source", line(f"What separates the two levels comes from the model.{basis}",
                                          transition.cite)),
    ]


def _flags(result: ClassificationResult) -> Block:
    if not result.flags:
        none = line("No flags: nothing in the answers qualifies the level.")
        return _paragraph("flags", none, heading="Flags")
    return _list("flags", "Flags", [
        line(flag.explanation, flag.cite, flag.basis, lead=f"{flag.title}:",
             lines=tuple(_answer(q, result.answers) for q in flag.questions))
        for flag in result.flags
    ])


def _weakest(result: ClassificationResult) -> list[Block]:
    heading = "Weakest steps of the cycle (from your self-check)"
    if result.weakest_steps:
        steps = _list("weakest", heading, [line(model.CYCLE_BY_ID[step].name, basis=result.weakest_basis)
                                           for step in result.weakest_steps])
    else:
        steps = _paragraph("weakest", line("Every step of the cycle is rated as done well.",
                                           basis=result.weakest_basis), heading=heading)
    return [steps, _figure("cycle", "cycle_figure", result.weakest_steps)]


def result_view(result: ClassificationResult) -> View:
    """The classifier's result as blocks (see the module docstring)."""
    level = result.level
    blocks = [
        _paragraph("stage", line(level_words(level), basis=result.stage_basis, lead=STAGE_LEAD)),
        *_summary(result),
        _reflection(),
    ]
    if result.qualified:
        blocks.append(Block(BLOCKS["NOTICE"], "qualified", lines=(line(
            "Read this level with care: the flags below qualify it, so it does not mean plain success."),)))
    blocks += [
        _figure("levels", "levels_figure", [result.stage]),
        *_holding(result),
        _flags(result),
        *_weakest(result),
        _list("next-steps", "Next steps",
              [line(step.text, step.cite, step.basis) for step in result.next_steps], ordered=True),
    ]
    announce = f"Result: your answers point to {level_words(level)}."
    return _view(RESULT_TITLE, blocks, result.disclaimer, announce, "alliance-stage.md", "The result",
                 {"stage": result.stage})


# --- the plan ------------------------------------------------------------------------------------


def input_lines(inputs: Mapping[str, object]) -> list[Line]:
    """The inputs as 'label: value' lines (option labels, not ids)."""
    return [line(fact_words(field_id, value, plan=True), field=field_id)
            for field_id, value in inputs.items()]


def _item(item: PlanItem, goal: str = "") -> Line:
    """A plan item; with ``goal``, a sub-line giving the patient's goal in their words (the item serves
    it)."""
    serves = (Line(text=goal, lead=GOAL_LEAD, field="patient_goals"),) if goal else ()
    return line(item.text, item.cite, item.basis, detail=f"Why: {item.rationale}", lines=serves)


GOAL_LEAD = "Towards the patient's goal:"


def _serves_goal(item: PlanItem) -> bool:
    """Whether the item says how it serves the patient's goal (its rule's ``serves_goal``)."""
    rule = RULES_BY_ID.get(item.basis.rules[0]) if item.basis.rules else None
    return bool(getattr(rule, "serves_goal", False))


def plan_context(inputs: Mapping[str, object]) -> str:
    """The plan's context line: session, time and level (on screen, in print and in every export)."""
    level = model.level(str(inputs["level"]))
    return (f"Session {inputs['session_number']}, {inputs['time_minutes']} minutes. You judge the alliance "
            f"to be at {level_words(level)}.")


def plan_view(plan: Plan) -> View:
    """The session plan as blocks (see the module docstring)."""
    blocks = []
    if plan.inputs.get("patient_goals"):
        blocks.append(_paragraph("goals", line(str(plan.inputs["patient_goals"]), field="patient_goals"),
                                 heading="The patient's goals, in their words"))
    blocks.append(_paragraph("summary", line(plan_context(plan.inputs))))
    if plan.implied:
        blocks.append(Block(BLOCKS["NOTICE"], "implied", "What your inputs imply", tuple(
            line(found.text, basis=found.basis, lead=f"{found.title}:") for found in plan.implied)))
    if plan.priorities:
        titles = {section.id: section.title for section in plan.sections}
        blocks.append(_list("priorities", "Top priorities for this session", [
            line(item.title, detail=f"({titles[item.section]})") for item in plan.priorities], ordered=True))
    blocks.append(_paragraph("aim", _item(plan.aim), heading="Alliance aim for this session"))
    goal = str(plan.inputs.get("patient_goals", ""))
    blocks += [
        _list(section.id, section.title,
              [_item(item, goal if _serves_goal(item) else "")
               for item in section.items])
        for section in plan.sections if section.items
    ]
    if plan.longer:
        longer = line(plan.longer.text, basis=plan.longer.basis,
                      lines=tuple(line(item.title) for item in plan.longer.items))
        blocks.append(Block(BLOCKS["NOTICE"], "longer", "This needs a longer slot", (longer,)))
    if plan.later:
        later = line(plan.later.text, basis=plan.later.basis,
                     lines=tuple(line(item.title) for item in plan.later.items))
        blocks.append(_paragraph("later", later, heading="Left for later sessions"))
    blocks.append(_list("safety", "Safety-netting: when to seek help",
                        [line(s.text, s.cite, s.basis, lead=s.lead) for s in plan.safety]))
    if plan.avoid:
        avoid = [line(avoid.why, basis=avoid.basis, lead=f"{avoid.text}:") for avoid in plan.avoid]
        blocks.append(_list("avoid", "What to avoid", avoid))
    if plan.record:
        blocks.append(_paragraph("record", line(RECORD_INTRO), *(line(text) for text in plan.record),
                                 heading="For the clinical record"))
    blocks.append(_list("inputs", "Based on", input_lines(plan.inputs)))
    return _view(PLAN_TITLE, blocks, PLAN_FOOTER, "The session plan is ready below.", "session-plan.md",
                 "The plan", {"level": str(plan.inputs["level"])})
