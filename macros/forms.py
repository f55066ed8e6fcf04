"""The classifier and plan-builder widgets, drawn at build time from the package.

``{{ classifier_widget() }}`` and ``{{ plan_widget() }}`` render plain HTML
forms from :data:`alliance.questions.QUESTIONS` and
:data:`alliance.plan.PLAN_FIELDS` (fieldsets, legends, labels, help text), so
the questions read, print and are indexed without JavaScript. The result
areas are empty shells (hidden until there is a result) that
``assets/js/widgets.js`` fills with the answer from Python in the browser.
The classifier's result area embeds the levels and cycle figures, drawn by
the figures macros, so the result can highlight a level and a cycle step.

The forms use ``method="dialog"``: without JavaScript, submitting one does
nothing, so answers never end up in a URL sent to the server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from alliance import plan, questions
from alliance.contract import WIDGETS
from alliance.plan import Field
from alliance.questions import Option, Question

CLASSIFIER, PLAN = WIDGETS  # the widget names (data-widget), from the contract with the browser
NOSCRIPT = (
    "<noscript><p class=\"alliance-noscript\"><strong>The {what} needs JavaScript.</strong> "
    "You can read the questions below, but working out the answer runs in your browser, "
    "which needs JavaScript and WebAssembly.</p></noscript>"
)
PRIVACY = (
    "Do not enter anything that identifies a patient (no names, dates of birth, addresses or "
    "record numbers). Nothing you enter leaves this browser."
)


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


def _status(widget: str) -> str:
    return (
        f'<div class="alliance-status" data-role="status">'
        f'<p class="alliance-status__text" data-role="status-text" role="status" aria-live="polite">'
        f"The tool starts Python in your browser when this page opens.</p>"
        f'<progress class="alliance-status__progress" data-role="progress" max="100" value="0" '
        f'aria-label="Loading Python for the {escape(widget)}" hidden></progress>'
        f'<button type="button" class="md-button alliance-status__retry" data-role="retry" hidden>'
        f"Retry</button></div>"
    )


def _error_summary(widget: str) -> str:
    return (
        f'<div class="alliance-errors" data-role="error-summary" tabindex="-1" role="group" '
        f'aria-labelledby="{widget}-errors-title" hidden>'
        f'<p class="alliance-errors__title" id="{widget}-errors-title">Please check these answers:</p>'
        f'<ul data-role="error-list"></ul></div>'
    )


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
    choices = "".join(
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
    """One classifier question: a fieldset of radio buttons with its help text."""
    return _choices_fieldset(
        CLASSIFIER, question.id, question.text, question.help, question.options, "single", required=True
    )


def field_html(field: Field) -> str:
    """One plan-builder input, drawn from its :class:`~alliance.plan.Field`."""
    if field.kind in ("single", "multi"):
        return _choices_fieldset(
            PLAN, field.id, field.label, field.help, field.options, field.kind, field.required
        )
    if field.kind not in ("number", "text"):
        raise ValueError(f"plan field {field.id!r}: unknown kind {field.kind!r} (single/multi/number/text)")
    base = f"{PLAN}-{field.id}"
    help_text = field.help + (f" {PRIVACY}" if field.kind == "text" else "")
    control = "<input" + _attrs(
        type="number" if field.kind == "number" else "text",
        id=f"{base}-input",
        name=field.id,
        min=field.minimum,
        max=field.maximum,
        step=1 if field.kind == "number" else None,
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


def _form_open(label: str) -> str:
    # method="dialog": outside a <dialog>, submitting without JavaScript does nothing.
    return (
        f'<form class="alliance-form" data-role="form" method="dialog" novalidate '
        f'aria-label="{escape(label)}">'
    )


def classifier_form() -> str:
    """The classifier's questions: one fieldset per group, one per question."""
    groups = []
    for group_id, legend, intro in questions.GROUPS:
        items = "".join(question_html(q) for q in questions.QUESTIONS if q.group == group_id)
        groups.append(
            f'<fieldset class="alliance-group" data-group="{escape(group_id)}">'
            f"<legend>{escape(legend)}</legend>"
            f'<p class="alliance-group__intro">{escape(intro)}</p>{items}</fieldset>'
        )
    return (
        f"{_form_open('Stage classifier questions')}"
        f"{_error_summary(CLASSIFIER)}{''.join(groups)}"
        f'<p class="alliance-actions"><button type="submit" class="md-button md-button--primary">'
        f"Show where the alliance stands</button></p></form>"
    )


def plan_form() -> str:
    """The plan builder's inputs, one control per :data:`alliance.plan.PLAN_FIELDS` entry."""
    fields = "".join(field_html(field) for field in plan.PLAN_FIELDS)
    return (
        f"{_form_open('Session-plan builder inputs')}"
        f'<p class="alliance-privacy"><strong>Privacy:</strong> {escape(PRIVACY)}</p>'
        f"{_error_summary(PLAN)}{fields}"
        f'<p class="alliance-actions"><button type="submit" class="md-button md-button--primary">'
        f"Build the plan</button></p></form>"
    )


# The result areas' Copy / Download buttons (docs/assets/js/ui-common.mjs bindExport) and their status line.
EXPORT_BUTTONS = (
    '<button type="button" class="md-button" data-action="copy">Copy as text</button>'
    '<button type="button" class="md-button" data-action="download">Download as Markdown</button>'
)
ACTION_STATUS = (
    '<p class="alliance-action-status" data-role="action-status" role="status" aria-live="polite"></p>'
)


def _figure(env: Any, name: str) -> str:
    """The figure macro's output (none without an mkdocs-macros ``env``, as in unit tests)."""
    if env is None:
        return ""
    macro: Callable[..., str] | None = env.macros.get(name)
    if macro is None:
        raise ValueError(f"classifier_widget needs the {name}() macro (macros/figures), which is not defined")
    return f'<div class="alliance-result__figure" data-figure="{name}">{macro()}</div>'


def classifier_result(env: Any, plan_href: str) -> str:
    """The empty result area the browser fills in; holds both figures."""
    return (
        f'<section class="alliance-result" data-role="result" aria-labelledby="classifier-result-heading" '
        f"hidden>"
        f'<h2 id="classifier-result-heading" data-role="result-heading" tabindex="-1">'
        f"Where the alliance stands</h2>"
        f'<p class="alliance-result__level" data-slot="level"></p>'
        f'<p data-slot="summary"></p>'
        f'<div class="alliance-result__qualified" data-slot="qualified" hidden></div>'
        f"{_figure(env, 'levels_figure')}"
        f'<h3>What holds the patient at this level</h3><ul data-slot="holds"></ul>'
        f'<div data-slot="flags-block" hidden><h3>Flags</h3><div data-slot="flags"></div></div>'
        f'<h3>Your weakest step of the cycle</h3><p data-slot="weakest"></p>'
        f"{_figure(env, 'cycle_figure')}"
        f'<h3>Next steps</h3><ol class="alliance-next-steps" data-slot="next-steps"></ol>'
        f'<p class="alliance-disclaimer" data-slot="disclaimer"></p>'
        f'<div class="alliance-result__actions" data-role="actions">'
        f'<a class="md-button md-button--primary" data-role="to-plan" '
        f'href="{escape(plan_href, quote=True)}">Build a session plan from this result</a>'
        f"{EXPORT_BUTTONS}{ACTION_STATUS}</div>"
        f"</section>"
    )


def plan_result() -> str:
    """The empty plan area: the plan, its references, then Print / Copy / Download / Share."""
    return (
        f'<section class="alliance-result alliance-plan" data-role="result" '
        f'aria-labelledby="plan-result-heading" hidden>'
        f'<h2 id="plan-result-heading" data-role="result-heading" tabindex="-1">Session plan</h2>'
        f'<div data-slot="plan"></div>'
        f'<div data-slot="references-block" hidden><h3>References</h3>'
        f'<ul class="alliance-references" data-slot="references"></ul></div>'
        f'<div class="alliance-result__actions" data-role="actions">'
        f'<button type="button" class="md-button" data-action="print">Print</button>'
        f"{EXPORT_BUTTONS}"
        f'<button type="button" class="md-button" data-action="share">Make a share link</button>'
        f"{ACTION_STATUS}"
        f'<div class="alliance-share" data-role="share" hidden>'
        f'<label for="plan-share-link">Share link (the inputs are in the part after #, which is never sent '
        f"to any server)</label>"
        f'<input type="text" id="plan-share-link" data-role="share-link" readonly>'
        f'<p class="alliance-privacy"><strong>Warning:</strong> anyone with this link sees these inputs. '
        f"{escape(PRIVACY)}</p></div></div></section>"
    )


def widget(kind: str, env: Any = None, plan_href: str = "plan-builder.html") -> str:
    """The whole widget: no-JavaScript notice, loading status, form and result area."""
    if kind == CLASSIFIER:
        inner = classifier_form() + classifier_result(env, plan_href)
        what = "stage classifier"
    elif kind == PLAN:
        inner = plan_form() + plan_result()
        what = "session-plan builder"
    else:
        raise ValueError(f"unknown widget {kind!r}: use {CLASSIFIER!r} or {PLAN!r}")
    fragment_message = (
        '<div class="alliance-fragment-message" data-role="fragment-message" role="alert" hidden></div>'
        if kind == PLAN else ""
    )
    return (
        f'<div class="alliance-widget" data-widget="{kind}" id="{kind}-widget">'
        f"{NOSCRIPT.format(what=what)}{_status(what)}{fragment_message}{inner}</div>"
    )


def define_env(env: Any) -> None:
    """Register ``classifier_widget()`` and ``plan_widget()``."""

    @env.macro
    def classifier_widget(plan_href: str = "plan-builder.html") -> str:
        """The stage classifier: questions, status, result area (with the figures)."""
        return widget(CLASSIFIER, env, plan_href)

    @env.macro
    def plan_widget() -> str:
        """The session-plan builder: inputs, status, plan area with its actions."""
        return widget(PLAN, env)
