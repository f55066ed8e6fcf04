"""The figure macros in a real strict MkDocs + Material build, as pages use them."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import figures
from tests.conftest import ROOT, build_site

FIGURE_CALLS = {
    "fig-levels": 'levels_figure(highlight="seeking-support")',
    "fig-pyramid": "pyramid_figure()",
    "fig-cycle": 'cycle_figure(highlight="review")',
    "fig-fuentes": "fuentes_chart()",
}


def write_project(root: Path, pages: dict[str, str]) -> Path:
    """A tiny Material project with the evidence plugin (the figure frame, the stash, the citations in
    the figures' captions, from the guide's bib) and the guide's figure macros only (``macros.figures``)."""
    (root / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    (root / "main.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from macros import figures

            def define_env(env):
                figures.define_env(env)
            """
        ),
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            """
            site_name: figures
            use_directory_urls: false
            theme: {name: material, font: false}
            plugins:
              - evidence
              - macros: {module_name: main, on_undefined: strict, on_error_fail: true}
            markdown_extensions: [admonition, attr_list, md_in_html, tables, pymdownx.details,
                                  pymdownx.superfences]
            validation: {anchors: warn}
            """
        ),
        encoding="utf-8",
    )
    for name, text in pages.items():
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    calls = "\n\n".join(f"{{{{ {call} }}}}" for call in FIGURE_CALLS.values())
    pages = {
        "index.md": f"# Figures\n\nIntro.\n\n{calls}\n\nThe levels again:\n\n{{{{ levels_figure() }}}}\n",
        "numbers.md": """
            # Numbers

            {% set ae = fuentes_arm("active-enhanced") %}
            Pain fell by {{ ae.pain_change_cm }} cm (n = {{ ae.n }} of {{ fuentes.n_total }}).
            A paragraph line right before a figure:
            {{ cycle_figure() }}

            !!! note "In an admonition"

                {{ pyramid_figure(highlight="positive-autonomy") }}
            """,
        "links.md": """
            # Links

            [The cycle on the first page](index.md#fig-cycle)

            ```text
            {{ levels_figure() }}
            ```
            """,
    }
    root = tmp_path_factory.mktemp("figures-project")
    result = build_site(write_project(root, pages), root / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_figure_survives_markdown_intact(site: Path) -> None:
    page = soup(site, "index.html")
    found = page.select("figure.evidence-figure")
    assert [f["id"] for f in found] == [*FIGURE_CALLS, "fig-levels-2"]
    for figure in found:
        assert figure.find("svg") is not None and figure.find("figcaption") is not None
        assert figure.find("details").find("summary").get_text() == "Text description"
        assert figure.find_parent("p") is None and figure.find_parent("pre") is None
    assert "&lt;figure" not in str(page) and "{{" not in page.get_text()


def test_built_figure_keeps_every_label_of_the_direct_render(site: Path) -> None:
    direct = BeautifulSoup(figures.levels_figure(highlight="seeking-support"), "html.parser")
    built = soup(site, "index.html").select_one("#fig-levels")
    assert [t.get_text() for t in built.select("svg text")] == [
        t.get_text() for t in direct.select("svg text")
    ]
    highlighted = built.select(".is-highlighted")
    assert [h["data-id"] for h in highlighted] == ["seeking-support"]


def test_ids_on_a_built_page_are_unique(site: Path) -> None:
    ids = [tag["id"] for tag in soup(site, "index.html").select("[id]")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates


def test_data_macros_and_figures_in_other_contexts(site: Path) -> None:
    page = soup(site, "numbers.html")
    text = " ".join(page.get_text().split())
    assert "Pain fell by 3.13 cm (n = 29 of 117)" in text
    cycle = page.select_one("#fig-cycle")
    assert len(cycle.select("svg text")) == len(
        BeautifulSoup(figures.cycle_figure(), "html.parser").select("text")
    )
    pyramid = page.select_one("#fig-pyramid")
    assert pyramid is not None and [h["data-id"] for h in pyramid.select(".is-highlighted")] == [
        "positive-autonomy"
    ]
    assert not re.search(r"<(em|strong|code)>", str(pyramid.find("svg"))), "Markdown touched the SVG"


def test_an_unknown_highlight_fails_the_build(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"index.md": '# X\n\n{{ cycle_figure(highlight="nope") }}\n'})
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "nope" in result.stderr and "educate-empower" in result.stderr


def test_ids_in_figures_count_for_anchor_links_and_code_shows_the_html(site: Path) -> None:
    page = soup(site, "links.html")
    assert page.select_one('article a[href="index.html#fig-cycle"]') is not None
    assert page.select_one("article figure") is None
    assert page.select_one("article pre code").get_text().startswith('<figure class="evidence-figure')


def test_a_link_to_a_figure_id_that_is_not_there_fails_the_build(tmp_path: Path) -> None:
    pages = {"index.md": "# X\n\n{{ cycle_figure() }}\n", "other.md": "# Y\n\n[Z](index.md#fig-cycle-2)\n"}
    result = build_site(write_project(tmp_path, pages), tmp_path / "site")
    assert result.returncode != 0
    assert "fig-cycle-2" in result.stderr

