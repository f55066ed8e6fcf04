"""mkdocs-macros entry point for the guide's own macros.

The evidence plugin (kit/, listed in mkdocs.yml) does citations (``{{ cite() }}``, ``[@key]``,
reference lists and the References page), the figure frame, the stash that puts finished HTML into
pages after Markdown and search, and the cache of compiled pages; its macros join these. Each
concern of the guide lives in its own module and registers its own macros:

- ``figures``: the model's figures as accessible inline SVG, in the kit's figure frame.
- ``forms``: the classifier and plan-builder forms drawn from the questions.
- ``cases``: worked cases run through the real classifier and plan builder.
- ``rules_page``: the tools' rule tables, in words, for "How the tools decide".
- ``sizes``: ``{{ sizes.tools }}`` and the like, what keeping the tools costs, in the build's figures.
- ``toolkit.install``: after the build, self-hosted Pyodide and the ``alliance`` wheel (``toolkit/``).

A macro's error stops the build after the page's macros, as one line (``evidence.api.reported``).
The modules are imported when mkdocs-macros first calls in, so that importing one part of the
package (``macros.package_bibliography`` from a script) does not import them all.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any


@cache
def _modules() -> tuple[ModuleType, ...]:
    from . import cases, figures, forms, rules_page, sizes
    from .toolkit import install

    return (figures, forms, cases, rules_page, sizes, install)


def _run(hook: str, env: Any) -> None:
    """Call ``hook(env)`` of every module that has it, in the order of ``_modules()``."""
    for module in _modules():
        function = getattr(module, hook, None)
        if function is not None:
            function(env)


def define_env(env: Any) -> None:
    _run("define_env", env)


def on_post_build(env: Any) -> None:
    _run("on_post_build", env)
