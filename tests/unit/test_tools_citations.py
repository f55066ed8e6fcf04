"""The tools cite as the site does, in whatever style the site sets (every registered style), and
their generated bibliography follows mkdocs.yml's citation settings."""

from __future__ import annotations

import itertools
import re
import types
from pathlib import Path

import alliance.citations
import pytest
from alliance import model
from alliance.classify import classify
from alliance.output import markdown, text
from alliance.view import result_view
from evidence.citations import Library
from evidence.citations.rich import RANGE_BETWEEN, plain
from evidence.citations.style import Cited, Item
from evidence.citations.styles import style_names

from macros import package_bibliography
from tests.conftest import ROOT
from widgets.tests.alliance_test_support import BY_LEVEL, answers


def generated(library: Library) -> types.ModuleType:
    """alliance/bibliography.py as the generator writes it for ``library``'s style, imported."""
    module = types.ModuleType(f"bibliography_{library.style.name}")
    exec(compile(package_bibliography.module_text(library, sorted(model.SOURCES)), module.__name__, "exec"),
         module.__dict__)
    return module


@pytest.fixture(params=style_names())
def styled(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The tools switched to a style, as if the site had set it and the module been generated."""
    library = Library.load(ROOT / "references.bib", style=request.param)
    module = generated(library)
    monkeypatch.setattr(alliance.citations, "STYLE", module.STYLE)
    monkeypatch.setattr(alliance.citations, "WORKS", module.WORKS)
    return library


KEY_SETS = [list(keys) for size in (1, 2, 3) for keys in itertools.combinations(sorted(model.SOURCES), size)]


def test_the_tools_in_text_citations_are_the_sites(styled: Library) -> None:
    """Every set of up to three works the tools may cite, written by the tools and by the site's style."""
    for keys in KEY_SETS:
        citations = alliance.citations.Citations()
        segments = citations.cite(keys)
        cited = [Cited(Item(key), styled.formatted(key), citations.numbers[key]) for key in keys]
        site = styled.style.parenthetical(cited)
        assert "".join(s.text for s in segments) == plain(site), keys
        linked = [(s.text, s.key) for s in segments if s.key]
        assert linked == [(s.text, s.key) for s in site if s.key and s.role != RANGE_BETWEEN], keys


def test_the_tools_references_are_the_sites(styled: Library) -> None:
    for key, work in alliance.citations.WORKS.items():
        assert work.reference == styled.formatted(key).reference_text
        italic = [text for text, kind in work.parts if kind == "em"]
        assert italic == [span.text for span in styled.formatted(key).reference if span.italic]


def test_a_numbered_style_numbers_each_view_in_order_of_first_citation(
        monkeypatch: pytest.MonkeyPatch) -> None:
    module = generated(Library.load(ROOT / "references.bib", style="vancouver"))
    monkeypatch.setattr(alliance.citations, "STYLE", module.STYLE)
    monkeypatch.setattr(alliance.citations, "WORKS", module.WORKS)
    view = result_view(classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly")))
    numbers = [int(s.text) for block in view.blocks for line in block.lines for s in line.cite if s.key]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == list(range(1, len(view.references) + 1))
    assert [reference.label for reference in view.references] == [str(n) for n in first_seen]
    for block in view.blocks:
        for line in block.lines:
            if line.cite:
                assert re.fullmatch(r"\[\d+(?:(?:, |–)\d+)*\]", "".join(s.text for s in line.cite))
    first = view.references[0]
    assert f"\n1. {first.text}\n" in text(view) and "\n1. " in markdown(view)
    assert "Fuentes et al." not in text(view).split("References")[0]  # numbers in the text, not names


SETTINGS = {  # the evidence plugin's settings, and the older extra.citations (still read)
    "plugin": "plugins:\n  - search\n  - evidence:\n      citation_style: vancouver\n"
              "      bibliography: refs/other.bib\n      references_page: sources/all.md\n",
    "extra.citations": "plugins: [search, evidence]\n"
                       "extra:\n  citations:\n    style: vancouver\n    bibliography: refs/other.bib\n",
}


@pytest.mark.parametrize("written", SETTINGS)
def test_the_generated_module_follows_the_sites_style_and_bibliography(tmp_path: Path, written: str) -> None:
    (tmp_path / "refs").mkdir()
    bib = (ROOT / "references.bib").read_text(encoding="utf-8").replace(
        "Enhanced Therapeutic Alliance", "Enhanced Therapeutic Alliance Test")
    (tmp_path / "refs" / "other.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: x\nsite_url: !ENV [SITE_URL, 'http://127.0.0.1/']\n{SETTINGS[written]}",
        encoding="utf-8")
    module = types.ModuleType("bibliography_site")
    exec(compile(package_bibliography.current_text(tmp_path), module.__name__, "exec"), module.__dict__)
    assert (module.STYLE.name, module.STYLE.numbered, module.STYLE.open) == ("vancouver", True, "[")
    assert module.WORKS[model.FUENTES].reference.startswith(  # the other bib, in Vancouver's form
        "Fuentes J, Armijo-Olivo S, Funabashi M, Miciak M, Dick B, Warren S, et al. Enhanced therapeutic "
        "alliance test modulates")
    page = "sources/all.html" if written == "plugin" else "references.html"  # the references page setting
    assert module.WORKS[model.FUENTES].href == f"{page}#ref-{model.FUENTES}"
    guide = package_bibliography.current_text()
    assert "STYLE = Style(name='apa', numbered=False, open='(', close=')'," in guide


def test_the_markdown_export_renders_its_references_italics_and_links() -> None:
    """The Markdown download, through Python-Markdown: journal and volume, a book's title in italics,
    the DOI a link, '&' an ampersand (the package itself is tested in Pyodide, without Markdown)."""
    import markdown as python_markdown

    view = result_view(classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly")))
    html = python_markdown.markdown(markdown(view))
    assert "<em>Physical Therapy</em>, <em>93</em>(4), 470–478." in html
    assert '<a href="https://doi.org/10.2522/ptj.20120137">https://doi.org/10.2522/ptj.20120137</a>' in html
    assert "<em>The therapeutic alliance and low back pain</em> [Blog post]." in html
    assert "Latimer, J., &amp; Adams, R. D." in html and "&amp;amp;" not in html
