"""mkdocs-macros entry point for the guide.

Each concern lives in its own module and registers its own macros:

- ``citations``: references.bib parsed once per build; citations (``{{ cite() }}``, ``[@key]``)
  and reference lists in the chosen style (APA 7 by default; see citations/plugin.py).
- ``figures``: the model's figures as accessible inline SVG.
- ``forms``: the classifier and plan-builder forms drawn from the questions.
- ``cases``: worked cases run through the real classifier and plan builder.
- ``rules_page``: the tools' rule tables, in words, for "How the tools decide".
- ``page_templates``: pages compiled by Jinja are kept in build/ between builds.
- ``raw_html``: the macros' finished HTML goes into the page after Markdown and search.
- ``assets``: after the build, self-hosted Pyodide and the ``alliance`` wheel.
- ``errors``: a macro's error stops the build after the page's macros, as one line.

The modules are imported when mkdocs-macros first calls in, so that importing one part of the
package (``macros.citations.library`` from a script) does not import them all.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any


@cache
def _modules() -> tuple[ModuleType, ...]:
    from . import assets, cases, errors, figures, forms, page_templates, raw_html, rules_page
    from .citations import plugin as citations

    return (errors, page_templates, raw_html, citations, figures, forms, cases, rules_page, assets)


def _run(hook: str, env: Any) -> None:
    """Call ``hook(env)`` of every module that has it, in the order of ``_modules()``."""
    for module in _modules():
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
