"""Conditions as data: the small predicate objects the rule tables are written in.

A rule's ``when`` is a condition such as::

    All(InputHas("expectations", "hands-on"), Not(InputHas("bad_experiences", "mobilisation")))

Every condition can

- ``test(facts)``: whether it holds, and the names of the facts that decided
  it (:class:`Outcome`), which every result and plan line carries as its "why";
- ``describe()`` itself in plain words, for the rules page and "Why this?";
- list its ``problems()`` (an unknown question, option, field, criterion, flag,
  step or level), which the tables check when they are imported.

Facts are a mapping from names to values. The classifier's facts
(``SCOPE_ANSWERS``) are each question id with the option answered, and what it
derives from them: each criterion id with ``MET``, ``MISSING`` or
``HOLDING_BACK`` (missing at the step up from the patient's level),
``"stage"`` with the level id, each flag id with whether it is raised and each
cycle step id with whether it is among the weakest. The plan builder's facts
(``SCOPE_INPUTS``) are its validated inputs, by field id, and what it reads
from them (``PLAN_DERIVED``): the treatments that made things worse, ticked or
recognised in what was typed (``WORSE``), and those the typed words may mean
(``MAYBE_WORSE``), the treatments that helped (``HELPED``), the words typed as having made
things worse that it could not read (``UNREAD``) and the flags raised, ticked or implied by the inputs
through the classifier's own rules (``RAISED``).

Outcomes are three-valued. A fact may be :class:`Unknown`: the facts say only that it is one of some
values (the plan builder knows, from the level, that a criterion below it is met, but not the answer
to a question it does not ask). A condition on it holds, fails, or is undecided (``holds is None``,
which reads as "does not hold" wherever a plain yes or no is needed). The classifier's facts are
always known, so its outcomes are always decided.

A :class:`Term` is a part of a condition with a name and plain words: the rules that use it say it in
those words, and the rules page gives its full definition once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar, NamedTuple

from alliance import model
from alliance.plan_fields import PLAN_FIELDS_BY_ID
from alliance.questions import QUESTIONS_BY_ID

SCOPE_ANSWERS = "answers"  # the classifier's facts
SCOPE_INPUTS = "inputs"  # the plan builder's facts

WORSE = "worse"  # derived plan facts: the technique ids made worse (ticked, or typed and recognised)
MAYBE_WORSE = "maybe-worse"  # the technique ids the typed words may mean
HELPED = "helped"  # the technique ids typed as having helped (and not made things worse)
UNREAD = "unread"  # what the plan builder could not read in the text typed as having made things worse
RAISED = "raised"  # the flag ids raised: ticked, or implied by the inputs (the classifier's rules)
PLAN_DERIVED: dict[str, str] = {
    WORSE: "Treatments that made things worse (ticked, or recognised in what was typed)",
    MAYBE_WORSE: "Treatments that what was typed may mean",
    HELPED: "Treatments that helped before (as typed)",
    UNREAD: "What the plan builder could not read in what was typed as making things worse",
    RAISED: "Flags raised (ticked, or implied by the inputs through the classifier's rules)",
}

MET = "met"
MISSING = "missing"
HOLDING_BACK = "holding back"
STAGE = "stage"

Facts = Mapping[str, object]


class Outcome(NamedTuple):
    """Whether a condition holds (None: the facts do not decide it), and the names of the facts that
    decided it."""

    holds: bool | None
    because: tuple[str, ...]


class Unknown:
    """A fact the facts do not fix: it is one of ``values`` (None: any value at all)."""

    def __init__(self, values: Iterable[object] | None = None) -> None:
        self.values = None if values is None else tuple(values)

    def __repr__(self) -> str:
        return f"Unknown({self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and self.values == other.values

    def __hash__(self) -> int:
        return hash(("Unknown", self.values))


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _quoted(text: object) -> str:
    return f"“{text}”"


def _gist(label: str) -> str:
    """An option's label up to its colon ("High: keen to exercise" -> "High")."""
    return label.split(":", 1)[0]


def _either(texts: list[str], negated: bool) -> str:
    """“a” / “a” or “b” / “a”, “b” or “c”; negated: not “a” / neither “a” nor “b” / none of “a”, “b”."""
    if len(texts) == 1:
        return f"not {texts[0]}" if negated else texts[0]
    if negated:
        return f"neither {texts[0]} nor {texts[1]}" if len(texts) == 2 else "none of " + ", ".join(texts)
    return ", ".join(texts[:-1]) + " or " + texts[-1]


class Condition:
    """What every condition offers (see the module docstring). Conditions are values: two are equal
    when they are of one kind with equal arguments. (Plain classes, not dataclasses: the package is
    imported when the browser's Python starts, and each dataclass costs time to make.)"""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, vars(self).values()))})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self), *vars(self).values()))

    def test(self, facts: Facts) -> Outcome:
        raise NotImplementedError

    def holds(self, facts: Facts) -> bool:
        """Whether the condition surely holds (an undecided outcome does not)."""
        return self.test(facts).holds is True

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        raise NotImplementedError

    def problems(self, scope: str) -> list[str]:
        raise NotImplementedError

    def leaves(self) -> Iterator[Leaf]:
        raise NotImplementedError

    def parts(self, facts: Facts) -> dict[str, tuple[str, ...]]:
        """The facts behind each :class:`Named` part, by name (the slots of a rule's text)."""
        return {}

    def terms(self) -> Iterator[Term]:
        """Every :class:`Term` the condition uses, outermost first."""
        return iter(())


class Leaf(Condition):
    """A condition on one fact."""

    scope: str

    @property
    def fact(self) -> str:
        raise NotImplementedError

    def accepts(self, value: object) -> bool:
        raise NotImplementedError

    def test(self, facts: Facts) -> Outcome:
        value = facts.get(self.fact)
        if not isinstance(value, Unknown):
            return Outcome(self.accepts(value), (self.fact,))
        if value.values is None:
            return Outcome(None, (self.fact,))
        found = {self.accepts(possible) for possible in value.values}
        return Outcome(found.pop() if len(found) == 1 else None, (self.fact,))

    def leaves(self) -> Iterator[Leaf]:
        yield self

    def problems(self, scope: str) -> list[str]:
        if scope != self.scope:
            return [f"{type(self).__name__} on {self.fact!r} is a condition on the {self.scope}, used in a "
                    f"rule on the {scope}"]
        return self.own_problems()

    def own_problems(self) -> list[str]:
        raise NotImplementedError


# --- the classifier's facts ---------------------------------------------------------------------


class AnswerIn(Leaf):
    """The question is answered with one of ``options`` (for a multiple choice: one of them is ticked)."""

    question: str
    options: tuple[str, ...]
    scope = SCOPE_ANSWERS

    def __init__(self, question: str, *options: str) -> None:
        self.question, self.options = question, options

    @property
    def fact(self) -> str:
        return self.question

    def accepts(self, value: object) -> bool:
        if isinstance(value, list | tuple):
            return any(option in self.options for option in value)
        return value in self.options

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        answers = _either([_quoted(option) for option in self.options], negated)
        question = QUESTIONS_BY_ID.get(self.question)
        if question is not None and question.kind == "multi":
            quoted = [_quoted(option) for option in self.options]
            listed = ", ".join(quoted) if negated else _either(quoted, False)
            verb = "include none of" if negated else "include"
            return f"the answers to {_quoted(self.question)} {verb} {listed}"
        return f"the answer to {_quoted(self.question)} is {answers}"

    def own_problems(self) -> list[str]:
        question = QUESTIONS_BY_ID.get(self.question)
        if question is None:
            return [f"unknown question {self.question!r}"]
        unknown = [option for option in self.options if option not in question.option_ids()]
        if unknown or not self.options:
            named = ", ".join(map(repr, unknown)) or "(none given)"
            valid = ", ".join(question.option_ids())
            return [f"question {self.question!r} has no option {named} (valid: {valid})"]
        return []


class _Derived(Leaf):
    """A condition on what the classifier derived about one model element (its id names the fact)."""

    scope = SCOPE_ANSWERS
    known: ClassVar[Mapping[str, object]] = {}
    what: ClassVar[str] = ""

    def __init__(self, id: str) -> None:
        self.id = id

    @property
    def fact(self) -> str:
        return self.id

    def name(self) -> str:
        element = self.known[self.id]
        return _quoted(getattr(element, "label", None) or getattr(element, "title", None) or element.name)

    def own_problems(self) -> list[str]:
        return [] if self.id in self.known else [f"unknown {self.what} {self.id!r}"]


class Met(_Derived):
    """The criterion is met, whatever the level."""

    known = model.CRITERIA_BY_ID
    what = "criterion"

    def accepts(self, value: object) -> bool:
        return value == MET

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{self.name()} is {'not ' if negated else ''}in place"


class HoldingBack(Met):
    """The criterion is missing at the step up from the patient's level."""

    def accepts(self, value: object) -> bool:
        return value == HOLDING_BACK

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{self.name()} is {'not ' if negated else ''}missing at the step up from the patient's level"


class Flagged(_Derived):
    """The classifier raised this flag (a model flag id)."""

    known = model.FLAGS_BY_ID
    what = "flag"

    def accepts(self, value: object) -> bool:
        return value is True

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"the flag {self.name()} is {'not ' if negated else ''}raised"


class Weakest(_Derived):
    """The cycle step is among the weakest of the self-check."""

    known = model.CYCLE_BY_ID
    what = "cycle step"

    def accepts(self, value: object) -> bool:
        return value is True

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{self.name()} is {'not ' if negated else ''}among the weakest steps of the self-check"


class StageIs(Leaf):
    """The classifier placed the alliance at one of these levels."""

    scope = SCOPE_ANSWERS

    def __init__(self, *levels: str) -> None:
        self.levels = levels

    @property
    def fact(self) -> str:
        return STAGE

    def accepts(self, value: object) -> bool:
        return value in self.levels

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        names = [_quoted(model.LEVELS_BY_ID[level].name) for level in self.levels]
        return f"the level is {_either(names, negated)}"

    def own_problems(self) -> list[str]:
        unknown = [level for level in self.levels if level not in model.LEVELS_BY_ID]
        if not self.levels:
            return ["no level given"]
        return [f"unknown level {level!r}" for level in unknown]


# --- the plan builder's facts --------------------------------------------------------------------


class _InputLeaf(Leaf):
    field: str
    scope = SCOPE_INPUTS
    kinds: tuple[str, ...] = ()

    @property
    def fact(self) -> str:
        return self.field

    def label(self) -> str:
        return _quoted(PLAN_FIELDS_BY_ID[self.field].label)

    def own_problems(self) -> list[str]:
        field = PLAN_FIELDS_BY_ID.get(self.field)
        if field is None:
            return [f"unknown plan field {self.field!r}"]
        if field.kind not in self.kinds:
            return [f"plan field {self.field!r} is {field.kind!r}, not {' or '.join(self.kinds)}"]
        return self.value_problems()

    def value_problems(self) -> list[str]:
        return []


class InputIs(_InputLeaf):
    """A single-choice or number field has one of ``values``."""

    kinds = ("single", "number")

    def __init__(self, field: str, *values: str | int) -> None:
        self.field, self.values = field, values

    def accepts(self, value: object) -> bool:
        return value in self.values

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        field = PLAN_FIELDS_BY_ID[self.field]
        shown = [_quoted(_gist(field.option_label(v))) if isinstance(v, str) else str(v) for v in self.values]
        return f"{self.label()} is {_either(shown, negated)}"

    def value_problems(self) -> list[str]:
        field = PLAN_FIELDS_BY_ID[self.field]
        if not self.values:
            return [f"plan field {self.field!r}: no value given"]
        if field.kind == "single":
            unknown = [v for v in self.values if v not in field.option_ids()]
            return [f"plan field {self.field!r} has no option {v!r}" for v in unknown]
        bad = [v for v in self.values if not isinstance(v, int) or not field.minimum <= v <= field.maximum]  # type: ignore[operator]
        return [f"plan field {self.field!r} cannot be {v!r}" for v in bad]


class InputHas(_InputLeaf):
    """A multiple-choice field includes ``option``."""

    kinds = ("multi",)

    def __init__(self, field: str, option: str) -> None:
        self.field, self.option = field, option

    def accepts(self, value: object) -> bool:
        return isinstance(value, list | tuple) and self.option in value

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        option = _quoted(_gist(PLAN_FIELDS_BY_ID[self.field].option_label(self.option)))
        return f"{self.label()} {'does not include' if negated else 'includes'} {option}"

    def value_problems(self) -> list[str]:
        field = PLAN_FIELDS_BY_ID[self.field]
        return [] if self.option in field.option_ids() else [f"plan field {self.field!r} has no option "
                                                            f"{self.option!r}"]


class InputEmpty(_InputLeaf):
    """Nothing is ticked in a multiple-choice field."""

    kinds = ("multi",)

    def __init__(self, field: str) -> None:
        self.field = field

    def accepts(self, value: object) -> bool:
        return not value

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{'something' if negated else 'nothing'} is ticked for {self.label()}"


class InputBelow(_InputLeaf):
    """A number field is below ``limit``."""

    kinds = ("number",)

    def __init__(self, field: str, limit: int) -> None:
        self.field, self.limit = field, limit

    def accepts(self, value: object) -> bool:
        return isinstance(value, int) and value < self.limit

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{self.label()} is {f'{self.limit} or more' if negated else f'under {self.limit}'}"


class InputGiven(_InputLeaf):
    """Something is typed in a text field."""

    kinds = ("text",)

    def __init__(self, field: str) -> None:
        self.field = field

    def accepts(self, value: object) -> bool:
        return bool(value)

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{'nothing' if negated else 'something'} is typed for {self.label()}"


class Worse(Leaf):
    """The patient says this treatment (an option of ``bad_experiences``) made their back worse: ticked,
    or recognised for certain in what was typed."""

    scope = SCOPE_INPUTS
    fact_name = WORSE

    def __init__(self, technique: str) -> None:
        self.technique = technique

    @property
    def fact(self) -> str:
        return self.fact_name

    def accepts(self, value: object) -> bool:
        return isinstance(value, list | tuple) and self.technique in value

    def name(self) -> str:
        return _quoted(PLAN_FIELDS_BY_ID["bad_experiences"].option_label(self.technique))

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return (f"{self.name()} {'did not make' if negated else 'made'} things worse (ticked, or recognised "
                "in what was typed)")

    def own_problems(self) -> list[str]:
        known = PLAN_FIELDS_BY_ID["bad_experiences"].option_ids()
        return [] if self.technique in known else [f"unknown treatment {self.technique!r}"]


class MaybeWorse(Worse):
    """What was typed as another treatment that made things worse may mean this treatment."""

    fact_name = MAYBE_WORSE

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"what was typed {'cannot' if negated else 'may'} mean {self.name()}"


class Helped(Worse):
    """What was typed says this treatment helped before (and nothing says it made things worse)."""

    fact_name = HELPED

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return f"{self.name()} {'is not' if negated else 'is'} typed as having helped before"


class TypedUnread(Leaf):
    """Part of what was typed as having made things worse is not read: a word the plan builder does not
    know, or no treatment named at all."""

    scope = SCOPE_INPUTS

    @property
    def fact(self) -> str:
        return UNREAD

    def accepts(self, value: object) -> bool:
        return bool(value)

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        if negated:
            return "what was typed as making things worse is read whole"
        return "what was typed as making things worse is not read whole"

    def own_problems(self) -> list[str]:
        return []


class Raised(Leaf):
    """The flag is raised: ticked among the inputs, or implied by them through the classifier's rule."""

    scope = SCOPE_INPUTS

    def __init__(self, flag: str) -> None:
        self.flag = flag

    @property
    def fact(self) -> str:
        return RAISED

    def accepts(self, value: object) -> bool:
        return isinstance(value, list | tuple) and self.flag in value

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        title = _quoted(model.FLAGS_BY_ID[self.flag].title)
        return f"the flag {title} is {'not ' if negated else ''}raised"

    def own_problems(self) -> list[str]:
        return [] if self.flag in model.FLAGS_BY_ID else [f"unknown flag {self.flag!r}"]


# --- combinations --------------------------------------------------------------------------------


class _Group(Condition):
    joiner = ""

    def __init__(self, *conditions: Condition) -> None:
        self.conditions = conditions

    def leaves(self) -> Iterator[Leaf]:
        for condition in self.conditions:
            yield from condition.leaves()

    def problems(self, scope: str) -> list[str]:
        if not self.conditions:
            return [f"{type(self).__name__}() with no condition"]
        return [problem for condition in self.conditions for problem in condition.problems(scope)]

    def parts(self, facts: Facts) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for condition in self.conditions:
            found.update(condition.parts(facts))
        return found

    def terms(self) -> Iterator[Term]:
        for condition in self.conditions:
            yield from condition.terms()

    def _join(self, negated: bool, nested: bool) -> str:
        # De Morgan: "not (a and b)" reads "a is not ... or b is not ..."
        joiner = (" or " if self.joiner == " and " else " and ") if negated else self.joiner
        text = joiner.join(c.describe(negated=negated, nested=True) for c in self.conditions)
        return f"({text})" if nested and len(self.conditions) > 1 else text

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return self._join(negated, nested)


class All(_Group):
    """Every condition holds; why: all of them, or the ones that fail (or are undecided)."""

    joiner = " and "

    def test(self, facts: Facts) -> Outcome:
        outcomes = [condition.test(facts) for condition in self.conditions]
        failing = [outcome for outcome in outcomes if outcome.holds is False]
        undecided = [outcome for outcome in outcomes if outcome.holds is None]
        deciding = failing or undecided or outcomes
        holds = False if failing else None if undecided else True
        return Outcome(holds, _unique(name for outcome in deciding for name in outcome.because))


class Any(_Group):
    """At least one condition holds; why: the ones that hold, or all of them."""

    joiner = " or "

    def test(self, facts: Facts) -> Outcome:
        outcomes = [condition.test(facts) for condition in self.conditions]
        holding = [outcome for outcome in outcomes if outcome.holds is True]
        undecided = any(outcome.holds is None for outcome in outcomes)
        deciding = holding or outcomes
        holds = True if holding else None if undecided else False
        return Outcome(holds, _unique(name for outcome in deciding for name in outcome.because))


class Not(Condition):
    """The condition does not hold."""

    def __init__(self, condition: Condition) -> None:
        self.condition = condition

    def test(self, facts: Facts) -> Outcome:
        outcome = self.condition.test(facts)
        return Outcome(None if outcome.holds is None else not outcome.holds, outcome.because)

    def terms(self) -> Iterator[Term]:
        return self.condition.terms()

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return self.condition.describe(negated=not negated, nested=nested)

    def problems(self, scope: str) -> list[str]:
        return self.condition.problems(scope)

    def leaves(self) -> Iterator[Leaf]:
        return self.condition.leaves()

    def parts(self, facts: Facts) -> dict[str, tuple[str, ...]]:
        return self.condition.parts(facts)


class Named(Condition):
    """A part of a condition with a name, so that a rule's text can list the facts behind it."""

    def __init__(self, name: str, condition: Condition) -> None:
        self.name, self.condition = name, condition

    def test(self, facts: Facts) -> Outcome:
        return self.condition.test(facts)

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return self.condition.describe(negated=negated, nested=nested)

    def problems(self, scope: str) -> list[str]:
        bad = [] if self.name.isidentifier() else [f"part name {self.name!r} is not a plain word"]
        return bad + self.condition.problems(scope)

    def leaves(self) -> Iterator[Leaf]:
        return self.condition.leaves()

    def parts(self, facts: Facts) -> dict[str, tuple[str, ...]]:
        outcome = self.condition.test(facts)
        return {**self.condition.parts(facts), self.name: outcome.because if outcome.holds else ()}

    def terms(self) -> Iterator[Term]:
        return self.condition.terms()


class Memo(dict):  # type: ignore[type-arg]
    """Facts that remember each :class:`Term`'s outcome, for the many rules that share a term."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes: dict[int, Outcome] = {}


class Term(Condition):
    """A part of a condition with an id and plain words (``says``; ``denies`` for "not"): the rules that
    use it say it so, and the rules page defines it once (its condition, described in full). Tested on
    :class:`Memo` facts, its outcome is worked out once."""

    def __init__(self, id: str, says: str, condition: Condition, denies: str = "") -> None:
        self.id, self.says, self.condition, self.denies = id, says, condition, denies

    def test(self, facts: Facts) -> Outcome:
        outcomes = getattr(facts, "outcomes", None)
        if outcomes is None:
            return self.condition.test(facts)
        found = outcomes.get(id(self))
        if found is None:
            found = outcomes[id(self)] = self.condition.test(facts)
        return found

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        if not negated:
            return self.says
        return self.denies or f"it is not so that {self.says}"

    def definition(self) -> str:
        """The term's condition in full words."""
        return self.condition.describe()

    def problems(self, scope: str) -> list[str]:
        bad = [] if self.says and self.id.replace("-", "").isalnum() else [f"term {self.id!r} needs plain "
                                                                          "words and a plain id"]
        return bad + self.condition.problems(scope)

    def leaves(self) -> Iterator[Leaf]:
        return self.condition.leaves()

    def parts(self, facts: Facts) -> dict[str, tuple[str, ...]]:
        return self.condition.parts(facts)

    def terms(self) -> Iterator[Term]:
        yield self
        yield from self.condition.terms()


class Always(Condition):
    """Holds for any facts (a rule that always applies)."""

    def test(self, facts: Facts) -> Outcome:
        return Outcome(True, ())

    def describe(self, negated: bool = False, nested: bool = False) -> str:
        return "never" if negated else "always"

    def problems(self, scope: str) -> list[str]:
        return []

    def leaves(self) -> Iterator[Leaf]:
        return iter(())


ALWAYS: Condition = Always()
NEVER: Condition = Not(ALWAYS)
