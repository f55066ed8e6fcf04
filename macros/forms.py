"""The tools' widgets, drawn at build time from the package.

``{{ classifier_widget() }}`` and ``{{ plan_widget() }}`` render plain HTML
forms from :data:`alliance.questions.QUESTIONS` and
:data:`alliance.plan_fields.PLAN_FIELDS` (fieldsets, legends, labels, help
text; each question or field is drawn by ``macros/form_fields.py``), so the questions
read, print and are indexed without JavaScript. Every
widget has the same shell, named by :mod:`alliance.contract` (``data-widget``,
``data-request``, the ``data-role`` and ``data-action`` values): a loading
status, the form, and a result area whose view Python paints through
``assets/js/ui-widget.mjs``. The classifier's result area holds the levels
and cycle figures, which the view moves into place and highlights.

The forms use ``method="dialog"``: without JavaScript, submitting one does
nothing, so answers never end up in a URL sent to the server; and
``autocomplete="off"``, so the browser does not bring a previous patient's
answers back after Back. Options and fields are separated by line breaks, so
search indexes their labels as separate words, not as run-on text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from alliance import questions
from alliance.api import CHECK_SUMMARY
from alliance.contract import ACTIONS, CLASSIFIER, ROLES, WIDGET_REQUESTS
from alliance.plan_fields import PLAN_FIELDS
from alliance.view import PLAN_TITLE, RESULT_TITLE
from evidence.api import page_file, reported

from .form_fields import PLAN, PRIVACY, FormError, field_html, question_html

NOSCRIPT = (
    "<noscript><p class=\"alliance-noscript\"><strong>The {what} needs JavaScript.</strong> "
    "You can read the questions below, but working out the answer runs in your browser, "
    "which needs JavaScript and WebAssembly.</p></noscript>"
)


def _role(name: str) -> str:
    return f'data-role="{ROLES[name]}"'


def _status(what: str) -> str:
    return (
        f'<div class="alliance-status" {_role("STATUS")}>'
        f'<p class="alliance-status__text" {_role("STATUS_TEXT")} role="status" aria-live="polite">'
        f"The tool starts Python in your browser when this page opens.</p>"
        f'<progress class="alliance-status__progress" {_role("PROGRESS")} max="100" value="0" '
        f'aria-label="Loading Python for the {escape(what)}" hidden></progress>'
        f'<button type="button" class="md-button alliance-status__retry" {_role("RETRY")} hidden>'
        f"Retry</button></div>"
    )


def _error_summary(widget: str) -> str:
    """The summary of Python's problems with the form; its title in the words Python replies with."""
    return (
        f'<div class="alliance-errors" {_role("ERROR_SUMMARY")} tabindex="-1" role="group" '
        f'aria-labelledby="{widget}-errors-title" hidden>'
        f'<p class="alliance-errors__title" id="{widget}-errors-title" {_role("ERROR_TITLE")}>'
        f"{escape(CHECK_SUMMARY[WIDGET_REQUESTS[widget]])}</p>"
        f'<ul {_role("ERROR_LIST")}></ul></div>'
    )


def _form(label: str, body: str, submit: str) -> str:
    # method="dialog": outside a <dialog>, submitting without JavaScript does nothing.
    return (
        f'<form class="alliance-form" {_role("FORM")} method="dialog" novalidate autocomplete="off" '
        f'aria-label="{escape(label)}">{body}'
        f'<p class="alliance-actions"><button type="submit" class="md-button md-button--primary">'
        f"{escape(submit)}</button></p></form>"
    )


def classifier_form() -> str:
    """The classifier's questions: one fieldset per group, one per question."""
    groups = []
    for group_id, legend, intro in questions.GROUPS:
        items = "\n".join(question_html(q) for q in questions.QUESTIONS if q.group == group_id)
        groups.append(
            f'<fieldset class="alliance-group" data-group="{escape(group_id)}">'
            f"<legend>{escape(legend)}</legend>"
            f'<p class="alliance-group__intro">{escape(intro)}</p>{items}</fieldset>'
        )
    body = _error_summary(CLASSIFIER) + "\n".join(groups)
    return _form("Stage classifier questions", body, "Show where the alliance stands")


def plan_form() -> str:
    """The plan builder's inputs, one control per :data:`alliance.plan_fields.PLAN_FIELDS` entry."""
    fields = "\n".join(field_html(field) for field in PLAN_FIELDS)
    body = (f'<p class="alliance-privacy"><strong>Privacy:</strong> {escape(PRIVACY)}</p>'
            f"{_error_summary(PLAN)}{fields}")
    return _form("Session-plan builder inputs", body, "Build the plan")


def _button(action: str, label: str, primary: bool = False) -> str:
    css = "md-button md-button--primary" if primary else "md-button"
    return f'<button type="button" class="{css}" data-action="{ACTIONS[action]}">{escape(label)}</button>'


EXPORT_BUTTONS = _button("COPY", "Copy as text") + _button("DOWNLOAD", "Download as Markdown")
SHARE_BOX = (
    f'<div class="alliance-share" {_role("SHARE")} hidden>'
    f'<label for="plan-share-link">Share link (the inputs are in the part after #, which is never sent '
    f"to any server)</label>"
    f'<input type="text" id="plan-share-link" {_role("SHARE_LINK")} readonly>'
    f'<p class="alliance-privacy"><strong>Warning:</strong> anyone with this link sees these inputs. '
    f"{escape(PRIVACY)}</p></div>"
)


@dataclass(frozen=True)
class Widget:
    """What differs between the widgets: the rest of the shell is the same for all."""

    what: str  # "the {what} needs JavaScript"
    form: Callable[[], str]
    title: str  # the result area's heading (the view's title)
    figures: tuple[str, ...]  # figure macros whose drawings the view highlights
    actions: Callable[[str], str]  # the result area's actions, given the link target (plan_href)
    share: bool = False  # a share link box under the actions


WIDGET_PARTS: dict[str, Widget] = {
    CLASSIFIER: Widget(
        "stage classifier", classifier_form, RESULT_TITLE, ("levels_figure", "cycle_figure"),
        lambda href: (f'<a class="md-button md-button--primary" {_role("TO_PLAN")} '
                      f'href="{escape(href, quote=True)}">Plan a session from this result</a>'
                      + EXPORT_BUTTONS),
    ),
    PLAN: Widget(
        "session-plan builder", plan_form, PLAN_TITLE, (),
        lambda _href: _button("PRINT", "Print") + EXPORT_BUTTONS + _button("SHARE", "Make a share link"),
        share=True,
    ),
}


def _figures(env: Any, names: Iterable[str]) -> str:
    """The figures a view moves into place (none without an mkdocs-macros ``env``, as in unit tests)."""
    if env is None:
        return ""
    drawn = []
    for name in names:
        macro: Callable[..., str] | None = env.macros.get(name)
        if macro is None:
            raise FormError(f"{page_file(env)}: the widget needs the {name}() macro (macros/figures), "
                            "which is not defined")
        drawn.append(f'<div class="alliance-result__figure" data-figure="{name}">{macro()}</div>')
    return f'<div {_role("FIGURES")} hidden>{"".join(drawn)}</div>' if drawn else ""


def _result(widget: str, parts: Widget, env: Any, href: str) -> str:
    """The empty result area the browser paints the view into."""
    heading_id = f"{widget}-result-heading"
    return (
        f'<section class="alliance-result" {_role("RESULT")} aria-labelledby="{heading_id}" hidden>'
        f'<h2 id="{heading_id}" {_role("RESULT_HEADING")} tabindex="-1">{escape(parts.title)}</h2>'
        f'<div class="alliance-view" {_role("VIEW")}></div>{_figures(env, parts.figures)}'
        f'<div class="alliance-result__actions" {_role("ACTIONS")}>{parts.actions(href)}'
        f'<p class="alliance-action-status" {_role("ACTION_STATUS")} role="status" aria-live="polite"></p>'
        f"{SHARE_BOX if parts.share else ''}</div></section>"
    )


def widget(name: str, env: Any = None, plan_href: str = "plan-builder.html") -> str:
    """The whole widget: no-JavaScript notice, loading status, link problems, form and result area.

    ``plan_href``: where the classifier's "Build a session plan" link goes."""
    parts = WIDGET_PARTS.get(name)
    if parts is None:
        raise FormError(f"{page_file(env)}: unknown widget {name!r} (widgets: {', '.join(WIDGET_PARTS)})")
    return (
        f'<div class="alliance-widget" data-widget="{name}" data-request="{WIDGET_REQUESTS[name]}" '
        f'id="{name}-widget">'
        f"{NOSCRIPT.format(what=parts.what)}{_status(parts.what)}"
        f'<div class="alliance-fragment-message" {_role("FRAGMENT_MESSAGE")} role="alert" hidden></div>'
        f"{parts.form()}{_result(name, parts, env, plan_href)}</div>"
    )


def _macro(env: Any, name: str) -> Callable[..., str]:
    def draw(**options: str) -> str:
        return widget(name, env, **options)

    return draw


def define_env(env: Any) -> None:
    """Register ``<name>_widget()`` for every widget (``classifier_widget(plan_href=...)``,
    ``plan_widget()``)."""
    for name in WIDGET_PARTS:
        env.macro(reported(env, _macro(env, name)), f"{name}_widget")
