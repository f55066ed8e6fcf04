"""The ``evidence`` MkDocs plugin: citations from a BibTeX file, accessible figures, and the stash
that puts finished HTML into pages after Markdown and search. It wires MkDocs' events to the build
(build.py) and does nothing else.

    plugins:
      - search
      - evidence                 # settings: config.py
      - macros                   # optional: the kit's macros join the site's own (macros.py)

Events, in the order of a build:

- ``on_config``: settings checked (config.py), the bibliography read (a broken bib fails here),
  the stash's Markdown extension added;
- ``on_pre_build``: with mkdocs-macros listed, the kit's macros registered with it, and its page
  compilation routed through the cache of compiled pages;
- ``on_page_markdown``: at priority 50, before mkdocs-macros (0), the page starts; at -50, after
  it, the page is finished: ```figure blocks, the references page's bibliography, ``[@key]`` and
  ``@key`` citations and the page's reference list (build.py);
- ``on_page_context``: at 100, before Material's search (0), search gets the kept HTML's lighter
  form; at -100, after it, the page gets the HTML itself (pages/stash.py);
- ``on_post_build``: the compiled pages saved in ``build/``;
- ``on_serve``: ``mkdocs serve`` also watches the bibliography.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.pages import Page

from .build import Build
from .config import LEGACY_KEYS, LEGACY_SECTION, PLUGIN_NAME, EvidenceConfig, resolve
from .errors import ConfigError
from .macros import kit_macros
from .pages.stash import after_search, before_search
from .pages.stash_markdown import StashExtension

__all__ = ["EvidencePlugin"]

log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    """Citations, figures and the stash for an evidence site (see the module's docstring)."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.build: Build | None = None
        self.given: set[str] = set()  # the settings mkdocs.yml gives (others may come from extra.citations)

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        self.given = set(options)
        return super().load_config(options, config_file_path)

    def on_config(self, config: MkDocsConfig) -> None:
        settings = resolve(self.config, self.given, config.extra)
        if settings.legacy:
            named = ", ".join(f"extra.{LEGACY_SECTION}.{old} is now {new}" for old, new in LEGACY_KEYS.items()
                              if new in settings.legacy)
            log.info(f"mkdocs.yml: the citation settings are read from extra.{LEGACY_SECTION}; write them "
                     f"under 'plugins: - {PLUGIN_NAME}:' instead ({named})")
        config_file = config.config_file_path
        project_dir = Path(config_file).resolve().parent if config_file else Path.cwd()
        self.build = Build(settings, project_dir, Path(config.docs_dir), config.mdx_configs)
        _ = self.build.library  # a broken bib, or a wrong style, fails the build here
        config.markdown_extensions.append(StashExtension(self.build.stash))  # type: ignore[arg-type]

    @event_priority(-50)  # after the other plugins' on_pre_build: mkdocs-macros is configured by then
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        build = self._build()
        for plugin in config.plugins.values():
            if callable(getattr(plugin, "register_macros", None)):  # mkdocs-macros
                _join_macros(plugin, build)

    @event_priority(50)  # before mkdocs-macros renders the page
    def _start_page(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> None:
        self._build().start_page(page.file.src_uri, page.file.src_path,
                                 Path(page.file.abs_src_path) if page.file.abs_src_path else None)

    @event_priority(-50)  # after mkdocs-macros: the citations its macros and the site's wrote are there
    def _finish_page(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        return self._build().finish_page(markdown)

    on_page_markdown = CombinedEvent(_start_page, _finish_page)

    @event_priority(100)  # before Material's search plugin (priority 0)
    def _before_search(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> None:
        build = self._build()
        html = build.page_html(page.file.src_uri)
        if html is not None and not before_search(page, html):
            build.drop_page(page.file.src_uri)

    @event_priority(-100)  # after search, before the theme renders the page
    def _after_search(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> None:
        build = self._build()
        html = build.page_html(page.file.src_uri)
        if html is not None:
            after_search(page, html)
            build.drop_page(page.file.src_uri)  # the pieces are no longer needed: free them

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._build().save()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """``mkdocs serve`` rebuilds when the bibliography changes."""
        bib = self._build().bib
        if bib.is_file():
            server.watch(str(bib))
        return server

    def _build(self) -> Build:
        if self.build is None:
            raise RuntimeError("the evidence plugin's on_config has not run")
        return self.build


def _join_macros(macros_plugin: Any, build: Build) -> None:
    """The kit's macros registered with mkdocs-macros, and its page compilation routed through the cache;
    ConfigError if the site's own macros already use one of their names."""
    macros = kit_macros(build)
    taken = sorted(set(macros) & set(getattr(macros_plugin, "macros", None) or {}))
    if taken:
        raise ConfigError(f"mkdocs.yml: the site's macros already define {', '.join(taken)}, which the "
                          f"{PLUGIN_NAME} plugin's macros are called: rename the site's")
    macros_plugin.register_macros(macros)
    build.compile_pages_with_cache(macros_plugin.env)
