"""A site with ``plugins: [search, evidence]`` and nothing else (no mkdocs-macros, no theme settings, no
hooks): [@key] citations, the page's reference list, a ```figure and the References page, built with
``mkdocs build --strict``; and its errors, one line each."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build_site

MKDOCS_YML = "site_name: Sleep and exercise\ntheme: material\nplugins: [search, evidence]\n"

BIB = """\
@article{kline2014sleep,
  author = {Kline, Christopher E.},
  title = {The bidirectional relationship between exercise and sleep},
  journal = {American Journal of Lifestyle Medicine},
  year = {2014},
  volume = {8},
  number = {6},
  pages = {375--379},
  doi = {10.1177/1559827614544437},
}

@book{walker2017why,
  author = {Walker, Matthew},
  title = {Why We Sleep},
  publisher = {Scribner},
  year = {2017},
}

@article{yang2012exercise,
  author = {Yang, Pei-Yu and Ho, Ka-Hou and Chen, Hsi-Chung and Chien, Meng-Yueh},
  title = {Exercise training improves sleep quality in middle-aged and older adults with sleep problems},
  journal = {Journal of Physiotherapy},
  year = {2012},
  volume = {58},
  number = {3},
  pages = {157--163},
}
"""

INDEX = """\
# Sleep and exercise

Regular exercise improves sleep quality [@yang2012exercise, p. 160], and the relation runs both ways,
as @kline2014sleep argues. Write to someone@example.org; @kieran is a handle.

```figure
title: Sleep quality before and after training
description: Two bars for each group; the training group's score fell further.
caption: Global sleep quality score, lower is better [@yang2012exercise].
axis: Sleep quality score
category_label: Group
categories: [Training, Control]
series:
  - name: Before
    values: [9.5, 9.1]
  - name: After
    values: [5.8, 8.8]
```

See also [the references](references.md).
"""

REFERENCES = """\
# References

Every work this guide cites.

<!-- bibliography -->
"""


def write(root: Path, pages: dict[str, str], bib: str | None = BIB, config: str = MKDOCS_YML) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if bib is not None:
        (root / "references.bib").write_text(bib, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("alone")
    config = write(root / "project", {"index.md": INDEX, "references.md": REFERENCES})
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_citations_are_read_and_linked_to_the_pages_reference_list(site: Path) -> None:
    article = soup(site / "index.html").select_one("article")
    paragraph = " ".join(article.select_one("p").get_text().split())
    assert paragraph == ("Regular exercise improves sleep quality (Yang et al., 2012, p. 160), and the "
                         "relation runs both ways, as Kline (2014) argues. Write to someone@example.org; "
                         "@kieran is a handle.")
    ids = {tag["id"] for tag in article.find_all(id=True)}
    links = article.select("a.citation")
    assert [a["href"] for a in links] == ["#ref-yang2012exercise", "#ref-kline2014sleep",
                                          "#ref-yang2012exercise"]  # the last in the figure's caption
    assert all(a["href"][1:] in ids for a in links)
    listed = [entry["id"] for entry in article.select(".references .reference")]
    assert listed == ["ref-kline2014sleep", "ref-yang2012exercise"]  # APA order; the caption's work too
    assert article.find("h2", id="references") is not None
    assert "\x0e" not in str(article) and "[@" not in article.get_text()


def test_the_figure_block_is_an_accessible_figure_with_a_cited_caption(site: Path) -> None:
    article = soup(site / "index.html").select_one("article")
    figure = article.select_one("figure.evidence-figure")
    assert figure is not None and figure["id"] == "fig-chart" and figure.find_parent("p") is None
    svg = figure.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Sleep quality before and after training"
    assert svg.find("desc").get_text().startswith("Two bars for each group")
    caption = figure.find("figcaption")
    shown = " ".join(caption.get_text().split())
    assert shown == "Global sleep quality score, lower is better (Yang et al., 2012)."
    assert caption.select_one("a.citation")["href"] == "#ref-yang2012exercise"
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in figure.select("tbody tr")]
    assert rows == [["Training", "9.5", "5.8"], ["Control", "9.1", "8.8"]]
    assert "title: Sleep" not in article.get_text()


def test_the_references_page_lists_the_whole_bibliography_where_it_says(site: Path) -> None:
    article = soup(site / "references" / "index.html").select_one("article")
    entries = [entry["id"] for entry in article.select(".reference-entry")]
    assert entries == ["ref-kline2014sleep", "ref-walker2017why", "ref-yang2012exercise"]
    assert article.select_one("p").get_text() == "Every work this guide cites."
    assert article.select_one(".bibliography").find_previous("p").get_text() == "Every work this guide cites."
    assert article.find("h2", id="references") is None  # no reference list of its own
    walker = article.select_one("#ref-walker2017why .reference")
    assert " ".join(walker.get_text().split()) == "Walker, M. (2017). Why we sleep. Scribner."


def test_search_reads_citations_as_text_but_not_drawings_or_the_pages_list(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    home = " ".join(doc["text"] for doc in docs if not doc["location"].startswith("references"))
    assert "Yang et al., 2012, p. 160" in home and "Global sleep quality score" in home  # citation, caption
    assert "Training" in home and "5.8" in home  # the text equivalent
    assert "doi.org" not in home and "Journal of Physiotherapy" not in home  # not the page's list
    assert "Sleep quality score" not in home  # the axis: only in the drawing


def test_a_bad_figure_block_stops_the_build_with_one_line_naming_page_line_and_key(tmp_path: Path) -> None:
    page = "---\ndescription: lines shift\n---\n" + INDEX.replace("values: [5.8, 8.8]", "values: [5.8]")
    result = build_site(write(tmp_path / "project", {"index.md": page}), tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    expected = r"docs/index\.md, line 20, figure key 'series\[1\]\.values': must be a list of 2 numbers"
    assert re.search(expected, output), output[-3000:]
    assert "Traceback" not in output


def test_without_a_bibliography_a_site_that_cites_nothing_builds(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\nNo citation here; mail kim@example.org.\n"}
    result = build_site(write(tmp_path / "quiet", pages, bib=None), tmp_path / "quiet-site")
    assert result.returncode == 0, result.stderr[-3000:]
    pages = {"index.md": "# Home\n\nA claim [@smith2020trial].\n"}
    result = build_site(write(tmp_path / "citing", pages, bib=None), tmp_path / "citing-site")
    assert result.returncode != 0
    assert ("docs/index.md, line 3: unknown citation key 'smith2020trial': there is no bibliography "
            "(references.bib does not exist)") in result.stderr
    config = MKDOCS_YML.replace("[search, evidence]", "[search, {evidence: {bibliography: refs.bib}}]")
    result = build_site(write(tmp_path / "named", {"index.md": "# Home\n"}, bib=None, config=config),
                        tmp_path / "named-site")
    assert result.returncode != 0 and "refs.bib: the bibliography file does not exist" in result.stderr
