"""What a site's own mkdocs-macros module uses of the kit: one small API, given mkdocs-macros' ``env``.

    from evidence.api import MacroError, build_of, page_file, reported

    def define_env(env):
        def chart_of_the_week() -> str:
            build = build_of(env)                      # this build's state (evidence/build.py)
            return build.figure(my_template, "fig-week")   # a figure, its id unique on the page

        env.macro(reported(env, chart_of_the_week), "chart_of_the_week")

- :func:`build_of` (the build, or a MacroError saying the plugin is not listed);
  with it: ``build.keep(html)`` (finished HTML into the page after Markdown and search),
  ``build.figure(template, base_id)`` (a figure frame's template with a page-unique id),
  ``build.library`` (the bibliography in the site's style);
- :func:`reported` (a macro whose errors stop the build as one line, after the page's macros);
- :func:`page_file` (``docs/<page>``, to start an error's message).

Nothing here keeps state: it is all on the plugin's instance, found through ``env.conf``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from .build import Build
from .errors import EvidenceError, MacroError
from .figures.frame import FigureError
from .plugin import EvidencePlugin

__all__ = ["Build", "EvidenceError", "FigureError", "MacroError", "build_of", "find_build", "page_file",
           "reported"]

def find_build(env: Any) -> Build | None:
    """The evidence plugin's build in mkdocs-macros' ``env`` (None where the plugin is not listed,
    or outside a build)."""
    conf = getattr(env, "conf", None)
    plugins = conf.get("plugins") if conf is not None and hasattr(conf, "get") else None
    values = plugins.values() if plugins is not None and hasattr(plugins, "values") else ()
    return next((plugin.build for plugin in values if isinstance(plugin, EvidencePlugin)), None)


def build_of(env: Any) -> Build:
    """The evidence plugin's build in ``env``; MacroError if the site does not list the plugin."""
    build = find_build(env)
    if build is None:
        raise MacroError(f"{page_file(env)}: this macro needs the evidence plugin: list it under "
                         "'plugins:' in mkdocs.yml")
    return build


def reported[Macro: Callable[..., Any]](env: Any, function: Macro) -> Macro:
    """``function`` as a macro whose :class:`EvidenceError` (a MacroError, a FigureError) the plugin
    raises once the page's macros have run, as one line (see Build.reported). Without the plugin (a
    test's own ``env``), the error is raised at once."""

    @wraps(function)
    def macro(*args: Any, **kwargs: Any) -> Any:
        build = find_build(env)
        if build is None:
            return function(*args, **kwargs)
        return build.call_reported(function, *args, **kwargs)

    return macro  # type: ignore[return-value]


def page_file(env: Any) -> str:
    """The page being built, as ``docs/<path>`` ("a page" outside a build)."""
    page = getattr(env, "page", None)
    if page is None:
        return "a page"
    docs_dir = Path((getattr(env, "conf", None) or {}).get("docs_dir", "docs")).name
    return f"{docs_dir}/{page.file.src_path}"
