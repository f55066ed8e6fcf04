"""mkdocs-macros entry point for the guide.

Each concern lives in its own module and registers its own macros:

- ``citations``: references.bib parsed once per build; APA author-date
  citations (``{{ cite() }}``, ``[@key]``) and reference lists.
- ``figures``: the model's figures as accessible inline SVG.
- ``forms``: the classifier and plan-builder forms drawn from the questions.
- ``cases``: worked cases run through the real classifier and plan builder.
- ``raw_html``: keeps the macros' finished HTML out of Markdown's parsers.
- ``assets``: after the build, self-hosted Pyodide and the ``alliance`` wheel.
"""

from __future__ import annotations

from typing import Any

from . import assets, cases, citations, figures, forms, raw_html

_MODULES = (raw_html, citations, figures, forms, cases, assets)


def define_env(env: Any) -> None:
    for module in _MODULES:
        module.define_env(env)


def on_pre_page_macros(env: Any) -> None:
    for module in _MODULES:
        hook = getattr(module, "on_pre_page_macros", None)
        if hook:
            hook(env)


def on_post_page_macros(env: Any) -> None:
    for module in _MODULES:
        hook = getattr(module, "on_post_page_macros", None)
        if hook:
            hook(env)


def on_post_build(env: Any) -> None:
    for module in _MODULES:
        hook = getattr(module, "on_post_build", None)
        if hook:
            hook(env)
