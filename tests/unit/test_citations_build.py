"""Real ``mkdocs build --strict`` runs of a tiny project using the citations module."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site
from tests.reference_checks import assert_reference_entry_links

MKDOCS_YML = """\
site_name: Citations test
use_directory_urls: false
theme:
  name: material
  features: [content.tooltips, content.code.copy]
plugins:
  - macros:
      module_name: citemacros
      on_undefined: strict
      on_error_fail: true
markdown_extensions: [attr_list, md_in_html, toc]
validation:
  anchors: warn
nav: [index.md, second.md, plain.md, references.md]
"""

CITEMACROS_INIT = """\
from . import citations, raw_html

def define_env(env):
    raw_html.define_env(env)
    citations.define_env(env)

def on_pre_page_macros(env):
    raw_html.on_pre_page_macros(env)
    citations.on_pre_page_macros(env)

on_post_page_macros = citations.on_post_page_macros
on_post_build = citations.on_post_build
"""

INDEX = """\
# Home

Alliance matters {{ cite("fuentes2014enhanced") }}; so say {{ citet("lakke2016working") }}.
Frameworks [see @macphail2018why; @macphail2018therapeutic] and
[@stenner2018matters; @fuentes2014enhanced, p. 480]. @traeger2019effect found little.
Write to someone@example.org, or `[@notacitation]`.
"""

PAGES = {
    "index.md": INDEX,
    "second.md": "# Second\n\nOnly the MSc [@macphail2018why].\n\n[Back to the top](index.md#references)\n",
    "plain.md": "# Plain\n\nThis page cites nothing.\n",
    "references.md": "# References\n\n{{ bibliography() }}\n",
}


def make_project(root: Path, bib: str | None = None) -> Path:
    """A throwaway project: the guide's bib, our module under another name, four pages."""
    (root / "docs").mkdir(parents=True)
    # The citations package and the modules it uses (kept HTML, fences, the build/ cache
    # writer), without the other macro modules, so this test does not depend on them.
    package = root / "citemacros"
    package.mkdir()
    for name in ("citations", "raw_html.py", "fences.py", "build_cache.py"):
        (package / name).symlink_to(ROOT / "macros" / name)
    (package / "__init__.py").write_text(CITEMACROS_INIT, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    if bib is None:
        shutil.copy(ROOT / "references.bib", root / "references.bib")
    else:
        (root / "references.bib").write_text(bib, encoding="utf-8")
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("citations-project")
    result = build_site(make_project(root / "project"), root / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_citation_links_resolve_on_their_page(site: Path) -> None:
    for page in ["index.html", "second.html", "references.html"]:
        html = soup(site, page)
        ids = {tag["id"] for tag in html.find_all(id=True)}
        for link in html.select("a.citation"):
            assert link["href"].startswith("#")
            assert link["href"][1:] in ids, (page, link["href"])
            assert link["title"]  # the full reference, shown as a tooltip


def test_rendered_citations_and_reference_list(site: Path) -> None:
    html = soup(site, "index.html")
    paragraph = html.select_one("article p").get_text(" ", strip=True)
    assert "Alliance matters ( Fuentes et al., 2014 ); so say Lakke and Meerman (2016) ." in paragraph
    texts = [a.get_text() for a in html.select("a.citation")]
    assert texts == ["Fuentes et al., 2014", "Lakke and Meerman (2016)", "Macphail, 2018a", "2018b",
                     "Fuentes et al., 2014", "Stenner et al., 2018", "Traeger et al. (2019)"]
    heading = html.find("h2", id="references")
    assert heading is not None and heading.get_text(strip=True).startswith("References")
    listed = [p["id"] for p in html.select(".references p.reference")]
    assert listed == ["ref-fuentes2014enhanced", "ref-lakke2016working", "ref-macphail2018therapeutic",
                      "ref-macphail2018why", "ref-stenner2018matters", "ref-traeger2019effect"]
    fuentes = html.find(id="ref-fuentes2014enhanced")
    assert fuentes.em.get_text() == "Physical Therapy"
    assert fuentes.find("a")["href"] == "https://doi.org/10.2522/ptj.20130118"
    assert html.select("a.citation")[0]["title"] == fuentes.get_text()


def test_same_label_on_every_page(site: Path) -> None:
    second = soup(site, "second.html")
    assert [a.get_text() for a in second.select("a.citation")] == ["Macphail, 2018b"]


def test_page_citing_nothing_has_no_reference_section(site: Path) -> None:
    html = soup(site, "plain.html")
    assert html.find(id="references") is None
    assert not html.select(".references")


def test_references_page_lists_every_key_once_with_links_and_bibtex(site: Path) -> None:
    from macros.citations.bibfile import read_bibliography

    works = read_bibliography(ROOT / "references.bib")
    html = soup(site, "references.html")
    entries = html.select(".reference-entry")
    assert sorted(e["id"] for e in entries) == sorted(f"ref-{key}" for key in works)
    assert len(html.find_all(id="references")) == 1  # the page's own title, no second list
    assert html.select_one(".bibliography").find_parent("p") is None  # a block, not inside a paragraph
    for entry in entries:
        work = works[entry["id"].removeprefix("ref-")]
        assert_reference_entry_links(entry, work)


def test_references_json_for_widgets(site: Path) -> None:
    data = json.loads((site / "assets" / "data" / "references.json").read_text(encoding="utf-8"))
    assert data["lakke2016working"]["label"] == "Lakke & Meerman, 2016"
    assert data["macphail2018why"]["href"] == "references.html#ref-macphail2018why"
    html = soup(site, "references.html")
    for key, item in data.items():
        assert html.find(id=f"ref-{key}").select_one("p.reference").get_text() == item["reference"]


BIB_ENTRY = (
    "@article{{{key},\n  author = {{A, B.}},\n  title = {{T}},\n  journal = {{J}},\n  year = {{2020}},\n}}\n"
)


@pytest.mark.parametrize(
    ("page_text", "bib_extra", "expected"),
    [
        ('# Home\n\nText.\n\n{{ cite("fuentes2014enhance") }}\n', "",
         ["docs/index.md, line 5", "unknown citation key 'fuentes2014enhance'",
          "Did you mean: fuentes2014enhanced?"]),
        ("# Home\n\nText\nmore [@stener2018matters; @fuentes2014enhanced].\n", "",
         ["docs/index.md, line 4", "unknown citation key 'stener2018matters'",
          "Did you mean: stenner2018matters?"]),
        (None, "\n" + BIB_ENTRY.format(key="fuentes2014enhanced"),
         ["references.bib:", "duplicate key 'fuentes2014enhanced'"]),
        (None, "\n@article{broken2020,\n  title = {Unclosed,\n  year = {2020},\n",
         ["references.bib:", "malformed entry @article"]),
        (None, "\n" + BIB_ENTRY.format(key="untitled2020").replace("  title = {T},\n", ""),
         ["references.bib:", "entry 'untitled2020' has no title"]),
    ],
    ids=["unknown-key-macro", "unknown-key-pandoc", "duplicate-key", "malformed-entry", "missing-title"],
)
def test_build_fails_with_an_actionable_message(
    tmp_path: Path, page_text: str | None, bib_extra: str, expected: list[str]
) -> None:
    bib = (ROOT / "references.bib").read_text(encoding="utf-8") + bib_extra
    config = make_project(tmp_path / "project", bib)
    if page_text is not None:
        (tmp_path / "project" / "docs" / "index.md").write_text(page_text, encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in output, output[-3000:]
    if bib_extra:
        line = bib.count("\n", 0, bib.index(bib_extra.strip().splitlines()[0], len(bib) - len(bib_extra))) + 1
        assert f"references.bib:{line}:" in output
