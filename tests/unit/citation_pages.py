"""Pages run through the evidence plugin as MkDocs runs them, without a whole build (shared by tests).

A :class:`KitEnv` is a project in a folder with the real plugin, configured by MkDocs' own config
(``plugins: [evidence]``) and started by its ``on_config``; :func:`render` runs one page through the
plugin's two ``on_page_markdown`` steps, with the page's ``{{ macro(...) }}`` calls made in between
as mkdocs-macros makes them, and puts the kept HTML back as after Markdown and search.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

from evidence.build import Build
from evidence.macros import kit_macros
from evidence.plugin import EvidencePlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

DATA = Path(__file__).parent / "data" / "citations"
_CALL = re.compile(r"\{\{ (\w+)\((.*?)\) \}\}", re.DOTALL)


class KitEnv:
    """A project with the evidence plugin; ``macros`` are the kit's (the tests may add their own), and
    ``conf``/``page`` are what mkdocs-macros' env gives a site's macros."""

    def __init__(self, project: Path, options: dict[str, Any] | None = None,
                 markdown_extensions: list[Any] | None = None) -> None:
        self.project_dir = str(project)
        (project / "docs").mkdir(exist_ok=True)
        self.conf = MkDocsConfig(config_file_path=str(project / "mkdocs.yml"))
        self.conf.load_dict({"site_name": "test", "docs_dir": str(project / "docs"),
                             "site_dir": str(project / "site"), "use_directory_urls": False,
                             "plugins": [{"evidence": options or {}}],
                             "markdown_extensions": markdown_extensions or []})
        errors, warnings = self.conf.validate()
        assert not errors and not warnings, (errors, warnings)
        self.conf = self.conf.plugins.on_config(self.conf)
        self.plugin: EvidencePlugin = self.conf.plugins["evidence"]  # type: ignore[assignment]
        assert self.plugin.build is not None
        self.build: Build = self.plugin.build
        self.macros: dict[str, Any] = kit_macros(self.build)
        self.page: Page | None = None
        self.markdown = ""

    def macro(self, function: Any, name: str = "") -> Any:  # as mkdocs-macros' env.macro
        self.macros[name or function.__name__] = function
        return function

    @property
    def variables(self) -> dict[str, Any]:
        return {}

    def new_page(self, src: str) -> Page:
        file = File(src, self.conf.docs_dir, self.conf.site_dir, use_directory_urls=False)
        self.page = Page(None, file, self.conf)
        return self.page


def make_env(tmp_path: Path, bib: str | Path = "golden.bib", style: str = "apa") -> KitEnv:
    """A project in ``tmp_path`` with ``bib`` (a file of tests/unit/data/citations, or a path)."""
    shutil.copy(bib if isinstance(bib, Path) else DATA / bib, tmp_path / "references.bib")
    return KitEnv(tmp_path, {"citation_style": style})


def render(env: KitEnv, text: str, src: str = "page.md") -> str:
    """One page through the plugin's page steps, its macros called in between; the kept HTML put back
    in place, as after Markdown and search."""
    path = Path(env.conf.docs_dir) / src
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    page = env.new_page(src)
    start, finish = env.plugin.on_page_markdown.methods  # type: ignore[attr-defined]
    start(text, page=page, config=env.conf, files=None)
    env.markdown = _CALL.sub(lambda m: str(eval(m.group(1) + "(" + m.group(2) + ")", dict(env.macros))), text)
    env.markdown = finish(env.markdown, page=page, config=env.conf, files=None)
    return env.build.stash.page.expand(env.markdown)


HEADING = '<h2 class="references-heading"'


def body(markdown: str) -> str:
    """The page without its reference list."""
    return markdown.split(HEADING)[0]


_RANGE_BETWEEN = re.compile(r'<span class="citation-range-between">.*?</span>')  # seen on hover or focus


def visible(markdown: str) -> str:
    """The page's text as a reader sees it (tags and the numbers inside a range dropped, entities
    decoded, spaces collapsed)."""
    shown = _RANGE_BETWEEN.sub("", body(markdown))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", shown)).split())


def links(markdown: str) -> list[tuple[str, str]]:
    """(key, text) of every citation link in the page's body."""
    found = re.findall(r'<a class="citation" href="#ref-([^"]+)">([^<]*)</a>', body(markdown))
    return [(key, html.unescape(text)) for key, text in found]


def listed(markdown: str) -> list[str]:
    """The keys of the page's reference list, in order."""
    section = markdown.split(HEADING)[1]
    return re.findall(r'class="reference" id="ref-([^"]+)"', section)
