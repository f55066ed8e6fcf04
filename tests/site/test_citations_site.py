"""Citations in the built guide, in its own style (APA 7) and in the numbered one: every link
resolves, no citation is left half-read, the References page is complete."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from evidence.citations.bibfile import read_bibliography

from tests.conftest import ROOT, build_site, copy_project
from tests.reference_checks import assert_reference_entry_links


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def numbered_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide built in the numbered style (Vancouver): the setting in mkdocs.yml changes, and the tools'
    bibliography is generated again for it (as the README says to)."""
    root = tmp_path_factory.mktemp("vancouver")
    project = copy_project(root)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      citation_style: apa\n" in text
    config.write_text(text.replace("      citation_style: apa\n", "      citation_style: vancouver\n"),
                      encoding="utf-8")
    subprocess.run([sys.executable, "-m", "macros.package_bibliography", "--write"], cwd=project, check=True,
                   capture_output=True)
    tools = (project / "widgets" / "alliance" / "bibliography.py").read_text(encoding="utf-8")
    assert "STYLE = Style(name='vancouver', numbered=True" in tools
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


def _sites(built_site: Path, numbered_site: Path) -> dict[str, Path]:
    return {"apa": built_site, "vancouver": numbered_site}


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_every_citation_links_to_an_entry_on_its_page(
    built_site: Path, numbered_site: Path, style: str
) -> None:
    cited_pages = 0
    for path in _pages(_sites(built_site, numbered_site)[style]):
        html = _soup(path)
        citations = html.select("article a.citation")
        if not citations:
            continue
        cited_pages += 1
        ids = {tag["id"] for tag in html.find_all(id=True)}
        for link in citations:
            target = link["href"]
            assert target.startswith("#ref-"), (path.name, target)
            assert target[1:] in ids, f"{path.relative_to(built_site)}: {target} has no entry"
    assert cited_pages > 10


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_no_page_shows_a_citation_half_read(built_site: Path, numbered_site: Path, style: str) -> None:
    """No '[@key' left in the text and no narrative citation in brackets ('[Hall et al. (2010); ...]')."""
    keys = set(read_bibliography(ROOT / "references.bib"))
    for path in _pages(_sites(built_site, numbered_site)[style]):
        article = _soup(path).select_one("article")
        for code in article.select("code, pre"):
            code.decompose()
        for block in article.select("p, li, td, th, figcaption, dd"):
            for link in block.select("a.citation"):
                # A narrative citation's link ends with its date or number:
                # "Hall et al. (2010)", "Hall et al. [3]".
                link.replace_with("§N§" if link.get_text().endswith((")", "]")) else "§P§")
            text = " ".join(block.get_text().split())
            where = f"{path.relative_to(_sites(built_site, numbered_site)[style])}: {text[:120]}"
            assert not re.search(r"\[[^\[\]]*§N§[^\[\]]*\]", text), where
            for key in re.findall(r"(?<![\w@])-?@([\w:./-]+)", text):
                assert key.rstrip(".:") not in keys, where


def test_the_numbered_style_numbers_each_page_in_order_of_first_citation(numbered_site: Path) -> None:
    html = _soup(numbered_site / "evidence" / "further-evidence.html")
    numbers = [int(a.get_text()) for a in html.select("article a.citation") if a.get_text().isdigit()]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == sorted(first_seen) and first_seen[0] == 1
    listed = html.select("article ol.references > li.reference")
    assert len(listed) == max(numbers)
    for link in html.select("article a.citation"):
        if link.get_text().isdigit():
            assert listed[int(link.get_text()) - 1]["id"] == link["href"][1:]


def test_only_pages_that_cite_have_a_reference_list(built_site: Path) -> None:
    for path in _pages(built_site):
        if path.name == "references.html" and path.parent == built_site:
            continue
        html = _soup(path)
        cites = bool(html.select("article a.citation"))
        has_list = bool(html.select("article .references"))
        assert cites == has_list, path.relative_to(built_site)


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_references_page_lists_every_work_with_doi_and_pubmed_links(
    built_site: Path, numbered_site: Path, style: str
) -> None:
    site = _sites(built_site, numbered_site)[style]
    works = read_bibliography(ROOT / "references.bib")
    html = _soup(site / "references.html")
    entries = html.select("article .reference-entry")
    from evidence.citations import Library

    listed = [e["id"].removeprefix("ref-") for e in entries]
    in_order = Library.load(ROOT / "references.bib", None, style).ordered_keys
    assert listed == in_order, "every work once, in order"
    assert set(listed) == set(works)
    for entry in entries:
        work = works[entry["id"].removeprefix("ref-")]
        assert_reference_entry_links(entry, work)


def test_the_nice_guideline_reads_as_apa_7_gives_it(built_site: Path) -> None:
    entry = _soup(built_site / "references.html").select_one("#ref-nice2016low .reference")
    assert " ".join(entry.get_text().split()) == (
        "National Institute for Health and Care Excellence. (2016). Low back pain and sciatica in over 16s: "
        "Assessment and management (NICE Guideline No. NG59).")
    assert entry.em.get_text() == "Low back pain and sciatica in over 16s: Assessment and management"
