"""One question or field of the tools' forms as HTML: a fieldset of radio buttons or check boxes,
or a labelled text box, with its help text and the slot for Python's message about it.

The classifier's questions come from :data:`alliance.questions.QUESTIONS`, the plan builder's
fields from :data:`alliance.plan_fields.PLAN_FIELDS`; ``macros/forms.py`` puts them into the
widgets' shell.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from alliance.contract import CLASSIFIER, PLAN_BUILDER
from alliance.plan_fields import FIELD_KINDS, Field
from alliance.questions import Option, Question
from evidence.api import MacroError

PLAN = PLAN_BUILDER  # the widgets' names (data-widget) come from the contract with the browser
PRIVACY = (
    "Do not enter anything that identifies a patient (no names, dates of birth, addresses or "
    "record numbers). Nothing you enter leaves this browser."
)


class FormError(MacroError):
    """A widget macro that cannot be drawn (an unknown widget or field kind, a missing figure macro)."""


def _attrs(**attributes: str | bool | int | None) -> str:
    """HTML attributes, escaped; ``True`` writes a bare attribute, ``None``/``False`` none."""
    parts = []
    for name, value in attributes.items():
        html_name = name.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(html_name)
        elif value is not None and value is not False:
            parts.append(f'{html_name}="{escape(str(value), quote=True)}"')
    return (" " + " ".join(parts)) if parts else ""


def _field_error(base: str, name: str) -> str:
    """The slot for Python's message about this field (hidden until there is one)."""
    return (
        f'<p class="alliance-field-error" id="{escape(base)}-error" '
        f'data-error-for="{escape(name)}" hidden></p>'
    )


def _required_note(required: bool) -> str:
    return ' <span class="alliance-required">(required)</span>' if required else ""


def _choice(widget: str, name: str, option: Option, kind: str, described_by: str, required: bool) -> str:
    input_id = f"{widget}-{name}-{option.id}"
    input_tag = "<input" + _attrs(
        type="radio" if kind == "single" else "checkbox",
        id=input_id,
        name=name,
        value=option.id,
        aria_describedby=described_by,
        required=required,
    ) + ">"
    return (
        f'<div class="alliance-option">{input_tag}'
        f'<label for="{escape(input_id)}">{escape(option.label)}</label></div>'
    )


def _choices_fieldset(
    widget: str, name: str, legend: str, help_text: str, options: Iterable[Option], kind: str,
    required: bool,
) -> str:
    base = f"{widget}-{name}"
    help_id = f"{base}-help"
    required_note = _required_note(required and widget == PLAN)
    choices = "\n".join(
        _choice(widget, name, option, kind, help_id, required and kind == "single") for option in options
    )
    return (
        f'<fieldset class="alliance-question" id="{escape(base)}" '
        f'data-field="{escape(name)}" data-kind="{kind}">'
        f"<legend>{escape(legend)}{required_note}</legend>"
        f'<p class="alliance-help" id="{escape(help_id)}">{escape(help_text)}</p>'
        f"{_field_error(base, name)}"
        f'<div class="alliance-options">{choices}</div></fieldset>'
    )


def question_html(question: Question) -> str:
    """One classifier question: a fieldset of radio buttons (check boxes for a multiple choice) with its
    help text."""
    return _choices_fieldset(
        CLASSIFIER, question.id, question.text, question.help, question.options, question.kind, required=True
    )


def field_html(field: Field) -> str:
    """One plan-builder input, drawn from its :class:`~alliance.plan_fields.Field`.

    A number is typed in a text box (``inputmode="numeric"``): the page sends
    what was typed, and Python says what is wrong with it.
    """
    if field.kind in ("single", "multi"):
        return _choices_fieldset(
            PLAN, field.id, field.label, field.help, field.options, field.kind, field.required
        )
    if field.kind not in FIELD_KINDS:
        raise FormError(f"plan field {field.id!r}: unknown kind {field.kind!r} ({', '.join(FIELD_KINDS)})")
    base = f"{PLAN}-{field.id}"
    help_text = field.help + (f" {PRIVACY}" if field.kind == "text" else "")
    control = "<input" + _attrs(
        type="text",
        id=f"{base}-input",
        name=field.id,
        inputmode="numeric" if field.kind == "number" else None,
        maxlength=field.max_length,
        autocomplete="off",
        required=field.required,
        aria_describedby=f"{base}-help",
    ) + ">"
    required_note = _required_note(field.required)
    return (
        f'<div class="alliance-question alliance-question--{field.kind}" id="{escape(base)}" '
        f'data-field="{escape(field.id)}" data-kind="{field.kind}">'
        f'<label for="{escape(base)}-input">{escape(field.label)}{required_note}</label>'
        f'<p class="alliance-help" id="{escape(base)}-help">{escape(help_text)}</p>'
        f"{_field_error(base, field.id)}"
        f"{control}</div>"
    )
