"""mkdocs-macros entry point for the guide.

Each concern lives in its own module and registers its own macros:

- ``citations``: references.bib parsed once per build; APA author-date
  citations (``{{ cite() }}``, ``[@key]``) and reference lists.
- ``figures``: the model's figures as accessible inline SVG.
- ``forms``: the classifier and plan-builder forms drawn from the questions.
- ``cases``: worked cases run through the real classifier and plan builder.
- ``rules_page``: the tools' rule tables, in words, for "How the tools decide".
- ``page_templates``: pages compiled by Jinja are kept in build/ between builds.
- ``raw_html``: keeps the macros' finished HTML out of Markdown's parsers.
- ``assets``: after the build, self-hosted Pyodide and the ``alliance`` wheel.
- ``errors``: a macro's error stops the build after the page's macros, as one line.
"""

from __future__ import annotations

from typing import Any

from . import assets, cases, citations, errors, figures, forms, page_templates, raw_html, rules_page

_MODULES = (errors, page_templates, raw_html, citations, figures, forms, cases, rules_page, assets)


def _run(hook: str, env: Any) -> None:
    """Call ``hook(env)`` of every module that has it, in the order of ``_MODULES``."""
    for module in _MODULES:
        function = getattr(module, hook, None)
        if function is not None:
            function(env)


def define_env(env: Any) -> None:
    _run("define_env", env)


def on_pre_page_macros(env: Any) -> None:
    _run("on_pre_page_macros", env)


def on_post_page_macros(env: Any) -> None:
    _run("on_post_page_macros", env)


def on_post_build(env: Any) -> None:
    _run("on_post_build", env)
