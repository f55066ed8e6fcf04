"""Pages run through the citation hooks as mkdocs-macros runs them, without MkDocs (shared by tests)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from macros import raw_html
from macros.citations import plugin as citations

DATA = Path(__file__).parent / "data" / "citations"
_CALL = re.compile(r"\{\{ (\w+)\((.*?)\) \}\}", re.DOTALL)


class FakeEnv:
    """The parts of mkdocs-macros' env the citations module uses."""

    def __init__(self, project: Path, style: str = "apa") -> None:
        self.project_dir = str(project)
        self.conf: dict[str, Any] = {"extra": {"citations": {"style": style}}, "markdown_extensions": [],
                                     "docs_dir": str(project / "docs"), "site_dir": str(project / "site")}
        self.macros: dict[str, Any] = {}
        self.page: Any = None
        self.markdown = ""

    def macro(self, function: Any, name: str = "") -> Any:
        self.macros[name or function.__name__] = function
        return function


def make_env(tmp_path: Path, bib: str | Path = "golden.bib", style: str = "apa") -> FakeEnv:
    """A project in ``tmp_path`` with ``bib`` (a file of tests/unit/data/citations, or a path)."""
    shutil.copy(bib if isinstance(bib, Path) else DATA / bib, tmp_path / "references.bib")
    (tmp_path / "docs").mkdir(exist_ok=True)
    env = FakeEnv(tmp_path, style)
    raw_html.define_env(env)
    citations.define_env(env)
    return env


def render(env: FakeEnv, text: str, src: str = "page.md") -> str:
    """One page through the hooks; the kept HTML put back in place, as after Markdown and search."""
    path = Path(env.conf["docs_dir"]) / src
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    env.page = SimpleNamespace(file=SimpleNamespace(src_path=src, src_uri=src))
    raw_html.on_pre_page_macros(env)
    citations.on_pre_page_macros(env)
    env.markdown = _CALL.sub(lambda m: str(eval(m.group(1) + "(" + m.group(2) + ")", dict(env.macros))), text)
    citations.on_post_page_macros(env)
    return raw_html.expand(env.markdown)


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
