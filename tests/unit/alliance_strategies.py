"""Hypothesis strategies for the alliance package's inputs, shared by the property tests: every valid
answer set, every valid plan input, and what a clinician may type about past treatments."""

from __future__ import annotations

import os

from alliance.plan_fields import PLAN_FIELDS, Field
from alliance.questions import MULTI, QUESTIONS, Question
from alliance.rules.techniques import HARM_WORDS, NAMES, ORDINARY, OTHER_TREATMENTS
from hypothesis import strategies as st

# Inside Pyodide the same properties run on a share of the examples (tests/pyodide/run_in_pyodide.mjs
# sets this): the interpreter there is several times slower, and the examples are derandomized, so a
# share is the first examples of the same sequence CPython runs.
EXAMPLE_SHARE = float(os.environ.get("ALLIANCE_EXAMPLE_SHARE", "1"))


def examples(count: int) -> int:
    """How many examples a property runs here: ``count`` under CPython, its share inside Pyodide."""
    return max(10, round(count * EXAMPLE_SHARE))


def answer(question: Question) -> st.SearchStrategy[object]:
    """A valid answer: one option, or for a multiple choice a set that respects its exclusive options."""
    if question.kind != MULTI:
        return st.sampled_from(question.option_ids())
    others = [option for option in question.option_ids() if option not in question.exclusive]
    return st.sampled_from([[option] for option in question.exclusive]) | st.lists(
        st.sampled_from(others), min_size=1, max_size=len(others), unique=True).map(
        lambda chosen: sorted(chosen, key=question.option_ids().index))


answers = st.fixed_dictionaries({question.id: answer(question) for question in QUESTIONS})


def choices(field: Field) -> st.SearchStrategy[list[str]]:
    """A valid set of a multiple-choice field's options (an exclusive option alone)."""
    others = [option for option in field.option_ids() if option not in field.exclusive]
    alone = st.sampled_from([[option] for option in field.exclusive]) if field.exclusive else st.nothing()
    return alone | st.lists(st.sampled_from(others), max_size=len(others), unique=True)


# The words of an ordinary account of harm (no word of help, no "not").
AROUND = sorted((ORDINARY | HARM_WORDS | OTHER_TREATMENTS) - {"no", "not"})
# Every listed spelling: a name ending in * with the usual endings.
SPELLINGS: list[tuple[str, tuple[str, ...]]] = [
    (name.spelling.replace("*", ending), (*name.certain, *name.maybe))
    for name in NAMES
    for ending in (("", "s", "ed", "ation", "ing") if "*" in name.spelling else ("",))
]


@st.composite
def typed_harm(draw: st.DrawFn) -> tuple[str, tuple[str, ...]]:
    """(A text naming a technique in a listed spelling among ordinary words, in any case, with dots or
    hyphens; the techniques it names.)"""
    spelling, techniques = draw(st.sampled_from(SPELLINGS))
    spelling = draw(st.sampled_from([spelling, spelling.upper(), spelling.title(), spelling.replace(" ",
                                                                                                    "-")]))
    before = draw(st.lists(st.sampled_from(AROUND), max_size=3))
    after = draw(st.lists(st.sampled_from(AROUND), max_size=3))
    joiner = draw(st.sampled_from([" ", ", ", " and ", " then "]))
    text = joiner.join(part for part in (" ".join(before), spelling, " ".join(after)) if part)
    return text[:120], techniques


# Anything at all, in any script, with punctuation and symbols: typed text is never trusted.
any_text = st.text(alphabet=st.characters(categories=["L", "M", "N", "Zs", "P", "S"]), max_size=60)
typed = typed_harm().map(lambda pair: pair[0]) | any_text


def field_value(field: Field) -> st.SearchStrategy[object]:
    if field.id in ("other_bad_experience", "helped_before"):
        return typed
    if field.kind == "single":
        return st.sampled_from(field.option_ids())
    if field.kind == "multi":
        return choices(field)
    if field.kind == "number":
        return st.integers(field.minimum, field.maximum)
    return st.text(alphabet=st.characters(categories=["L", "M", "N", "Zs", "P", "S"]),
                   max_size=field.max_length)


plan_inputs = st.fixed_dictionaries(
    {field.id: field_value(field) for field in PLAN_FIELDS if field.required},
    optional={field.id: field_value(field) for field in PLAN_FIELDS if not field.required},
)
