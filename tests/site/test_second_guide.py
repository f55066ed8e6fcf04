"""A second guide on another topic (tests/fixtures/second-guide: three files, ``plugins: [search,
evidence]``, no mkdocs-macros) builds ``--strict`` with MkDocs and with ProperDocs, MkDocs 1.x's
maintained continuation, and a broken key stops either build naming page, line and key. The guide
itself builds with ProperDocs into the same pages as with MkDocs.

Every build runs the tool's command line on a copy in a temporary folder: the kit keeps caches
beside ``mkdocs.yml``, and the fixture must stay three files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "second-guide"
TOOLS = ("mkdocs", "properdocs")
GENERATOR = {"mkdocs": "mkdocs-1.6.", "properdocs": "mkdocs-ProperDocs 1.6."}  # Material's <meta>
CITED = ["ref-noetel2024effect", "ref-ratey2008spark", "ref-schuch2016exercise"]  # APA order


def copy_fixture(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    return dest / "mkdocs.yml"


@pytest.fixture(scope="module", params=TOOLS)
def tool(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def second_guide(tool: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp(f"second-guide-{tool}")
    result = build_site(copy_fixture(root / "guide"), root / "site", tool=tool)
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


def article(site: Path) -> Tag:
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    found = page.select_one("article")
    assert found is not None
    return found


def text(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def test_the_fixture_is_three_files_without_macros_and_builds_leave_it_so(second_guide: Path) -> None:
    files = sorted(path.relative_to(FIXTURE).as_posix() for path in FIXTURE.rglob("*") if path.is_file())
    assert files == ["docs/index.md", "mkdocs.yml", "references.bib"]
    config = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins: [search, evidence]" in config and "macros" not in config


def test_the_page_is_made_by_the_tool_asked_for(tool: str, second_guide: Path) -> None:
    page = BeautifulSoup((second_guide / "index.html").read_text(encoding="utf-8"), "html.parser")
    generator = page.find("meta", attrs={"name": "generator"})
    assert generator is not None and generator["content"].startswith(GENERATOR[tool]), generator


def test_citations_are_read_and_linked_to_the_pages_reference_list(second_guide: Path) -> None:
    page = article(second_guide)
    paragraphs = [text(p) for p in page.find_all("p", recursive=False)[:2]]
    assert paragraphs == [
        "Exercise reduces depressive symptoms, and the effect holds after a correction for publication bias "
        "(Schuch et al., 2016, p. 47). Noetel et al. (2024) compared types of exercise across randomised "
        "trials: walking or jogging, yoga and strength training did best, and the more intense the exercise, "
        "the larger the effect (see Noetel et al., 2024; also Schuch et al., 2016). For the biology behind "
        "it, written for a general reader, see Ratey and Hagerman (2008, Chapter 5).",
        "What the evidence does not show: most of the trials carried a high risk of bias, so confidence in "
        "these estimates is low (Noetel et al., 2024).",
    ]
    links = [a["href"] for a in page.select("a.citation")]
    assert links == ["#ref-schuch2016exercise", "#ref-noetel2024effect", "#ref-noetel2024effect",
                     "#ref-schuch2016exercise", "#ref-ratey2008spark", "#ref-noetel2024effect",
                     "#ref-noetel2024effect"]  # the last in the figure's caption
    assert set(links) == {f"#{key}" for key in CITED}
    assert "[@" not in page.get_text() and "@noetel" not in page.get_text()


def test_the_pages_reference_list_has_each_cited_work(second_guide: Path) -> None:
    page = article(second_guide)
    assert page.find("h2", id="references") is not None
    entries = page.select(".references .reference")
    assert [entry["id"] for entry in entries] == CITED
    noetel, ratey, schuch = (text(entry) for entry in entries)
    assert noetel.startswith("Noetel, M., Sanders, T., Gallardo-Gómez, D.,")
    assert "Biddle, S., & Lonsdale, C. (2024)" in noetel  # all 18 authors: APA lists up to 20
    assert "BMJ, 384, e075847. https://doi.org/10.1136/bmj-2023-075847" in noetel
    assert ratey == ("Ratey, J. J., & Hagerman, E. (2008). Spark: The revolutionary new science of exercise "
                     "and the brain. Little, Brown and Company.")
    assert schuch.endswith("Journal of Psychiatric Research, 77, 42–51. "
                           "https://doi.org/10.1016/j.jpsychires.2016.02.023")


def test_the_figure_is_an_accessible_svg_with_a_cited_caption_and_text(second_guide: Path) -> None:
    figure = article(second_guide).select_one("figure.evidence-figure")
    assert figure is not None and figure.find_parent("p") is None
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title.get_text() == "Effect of five types of exercise on depression"
    assert desc.get_text().startswith("One bar for each type of exercise, each below zero")
    assert svg["aria-labelledby"].split() == [title["id"], desc["id"]]
    caption = figure.find("figcaption")
    assert text(caption) == ("Effect compared with active controls, Hedges' g (below zero, fewer symptoms) "
                             "(Noetel et al., 2024).")
    assert caption.select_one("a.citation")["href"] == "#ref-noetel2024effect"
    table = figure.select_one("details.evidence-figure__text table")
    assert [th.get_text() for th in table.select("thead th")] == ["Exercise", "Effect"]
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]
    assert rows == [["Walking or jogging", "-0.62"], ["Yoga", "-0.55"], ["Strength training", "-0.49"],
                    ["Mixed aerobic", "-0.43"], ["Tai chi or qigong", "-0.42"]]


@pytest.mark.parametrize("tool_name", TOOLS)
@pytest.mark.parametrize(("cited", "broken", "line"), [
    ("@noetel2024effect compared", "@noetel2042effect compared", 4),  # in a paragraph, narrative
    ("symptoms) [@noetel2024effect]", "symptoms) [@noetel2024efect]", 15),  # in the figure's caption
])
def test_a_broken_key_stops_the_build_naming_page_line_and_key(tool_name: str, cited: str, broken: str,
                                                               line: int, tmp_path: Path) -> None:
    config = copy_fixture(tmp_path / "guide")
    index = config.parent / "docs" / "index.md"
    source = index.read_text(encoding="utf-8")
    assert source.count(cited) == 1
    index.write_text(source.replace(cited, broken), encoding="utf-8")
    result = build_site(config, tmp_path / "site", tool=tool_name)
    output = result.stdout + result.stderr
    key = re.search(r"@(\w+)", broken).group(1)
    assert result.returncode != 0
    assert (f"docs/index.md, line {line}: unknown citation key '{key}': it is not in references.bib. "
            "Did you mean: noetel2024effect?") in output, output[-3000:]
    assert "Traceback" not in output


GENERATOR_META = re.compile(r'<meta name="generator" content="mkdocs-[^"]*">')


def test_the_guide_builds_with_properdocs_into_the_same_pages(built_site: Path, site_port: int,
                                                              tmp_path: Path) -> None:
    """The guide (mkdocs-macros, the kit, its hooks) under ProperDocs: every page and the search index
    as MkDocs writes them, apart from the generator's name. (The tools' wheel is rebuilt with other
    timestamps, so the files that hold its digest are compared by name only.)"""
    dest = tmp_path / "site"
    result = build_site(ROOT / "mkdocs.yml", dest, site_url=f"http://127.0.0.1:{site_port}/",
                        tool="properdocs")
    assert result.returncode == 0, result.stderr[-6000:]

    def files(site: Path) -> list[str]:
        return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())

    assert files(dest) == files(built_site)
    pages = [name for name in files(built_site) if name.endswith(".html")] + ["search/search_index.json"]
    generated = 0
    for name in pages:
        ours, theirs = ((site / name).read_text(encoding="utf-8") for site in (dest, built_site))
        if 'content="mkdocs-1.6.' in theirs:  # Material's pages (not the worker's blank page)
            assert 'content="mkdocs-ProperDocs 1.6.' in ours, name
            generated += 1
        assert GENERATOR_META.sub("", ours) == GENERATOR_META.sub("", theirs), name
    assert generated > 20
