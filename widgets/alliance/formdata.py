"""The browser's forms as data: ``{field id: [the values chosen or typed]}``, both ways.

The page sends what its form holds, uninterpreted: every checked option's
value, or the text typed, as a list of strings for each field. Python reads
it into answers or plan inputs (a number is parsed here, and anything it
cannot read is passed on so the validator names the problem), and gives a
form back to fill in from a share link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from alliance.errors import AllianceInputError, Problem
from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS
from alliance.validate import kind

QUESTION_KINDS: dict[str, str] = {question.id: question.kind for question in QUESTIONS}
FIELD_KINDS: dict[str, str] = {field.id: field.kind for field in PLAN_FIELDS}
WHOLE_NUMBER = re.compile(r"[+-]?\d{1,9}")

Form = dict[str, list[str]]


def _read(kind_of: str, values: list[str]) -> object | None:
    """One field's value from the form's strings; None when the field was left empty."""
    if kind_of == "multi":
        return list(values)
    first = values[0] if values else ""
    if kind_of == "number":
        typed = first.strip()
        return None if not typed else int(typed) if WHOLE_NUMBER.fullmatch(typed) else typed
    return first if first.strip() else None


def from_form(form: object, kinds: Mapping[str, str]) -> dict[str, object]:
    """Answers or plan inputs from a form (``kinds``: each field's kind); unknown fields are kept for the
    validator to name."""
    if not isinstance(form, Mapping):
        raise AllianceInputError(Problem("form", f"The form must be an object, not {kind(form)}."))
    problems, values = [], {}
    for name, chosen in form.items():
        if not isinstance(chosen, list) or not all(isinstance(value, str) for value in chosen):
            problems.append(Problem(str(name), f"Form field {name!r} must be a list of texts."))
            continue
        value = _read(kinds.get(name, "single"), chosen)
        if value is not None:
            values[name] = value
    if problems:
        raise AllianceInputError(problems)
    return values


def to_form(values: Mapping[str, object]) -> Form:
    """A form holding ``values`` (answers or plan inputs), to fill the page's form with."""
    return {name: [str(v) for v in value] if isinstance(value, list) else ([] if value in ("", None) else
                                                                            [str(value)])
            for name, value in values.items()}
