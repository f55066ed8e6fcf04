"""The built pages: link-preview tags, real substance, no placeholders, names as in the bib."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import alliance
import pytest
from alliance import model
from bs4 import BeautifulSoup, Tag
from mkdocs.config import load_config

from tests.conftest import ROOT, build_site, copy_project

CASES_DIR = ROOT / "macros" / "data" / "cases"
MIN_PROSE_WORDS = 200
SUBSTANTIAL_SECTIONS = ("frameworks/", "practice/", "cases/")
FORBIDDEN = re.compile(r"\bTODO\b|\bTBD\b|\blorem\b|being written|placeholder", re.IGNORECASE)
# Misspellings found in the source article (references-facts.md), on top of
# the accent-stripped forms of the bib's surnames.
KNOWN_MISSPELLINGS = ("Trager",)


def _nav_pages(items: object) -> Iterator[str]:
    if isinstance(items, str):
        if items.endswith(".md"):
            yield items
    elif isinstance(items, list):
        for item in items:
            yield from _nav_pages(item)
    elif isinstance(items, dict):
        for value in items.values():
            yield from _nav_pages(value)


NAV_PAGES: tuple[str, ...] = tuple(_nav_pages(load_config(str(ROOT / "mkdocs.yml"))["nav"]))


def _html(built_site: Path, page: str) -> BeautifulSoup:
    path = built_site / re.sub(r"\.md$", ".html", page)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _front_matter_description(page: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{page}: no front matter"
    found = re.search(r"^description:\s*(.+)$", match.group(1), re.MULTILINE)
    assert found, f"{page}: front matter has no description"
    return found.group(1).strip().strip("\"'")


def _meta(soup: BeautifulSoup, attribute: str, name: str) -> str | None:
    tag = soup.find("meta", attrs={attribute: name})
    return tag.get("content") if isinstance(tag, Tag) else None


def _visible_text(soup: BeautifulSoup) -> str:
    body = soup.body
    assert body is not None
    for tag in body.find_all(["script", "style", "template"]):
        tag.decompose()
    return body.get_text(" ")


def _prose_words(soup: BeautifulSoup) -> int:
    """Words in the page's own paragraphs, lists and tables: not figures, tool output or references."""
    article = soup.find("article")
    assert isinstance(article, Tag)
    for tag in article.select("figure, svg, .case-study, [id^=ref-], script, style"):
        tag.decompose()
    blocks = article.find_all(["p", "li", "td"])
    return sum(len(block.get_text(" ").split()) for block in blocks)


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _bib_surnames() -> set[str]:
    from pybtex.database import parse_file
    from pybtex.richtext import Text

    bib = parse_file(str(ROOT / "references.bib"))
    surnames: set[str] = set()
    for entry in bib.entries.values():
        for person in entry.persons.get("author", []) + entry.persons.get("editor", []):
            latex = " ".join(person.prelast_names + person.last_names)
            surnames.add(Text.from_latex(latex).render_as("text"))
    return surnames


def test_nav_lists_the_pages_this_test_covers() -> None:
    assert "index.md" in NAV_PAGES and "about.md" in NAV_PAGES
    assert sum(page.startswith("cases/") for page in NAV_PAGES) >= 4


@pytest.mark.parametrize("page", NAV_PAGES)
def test_every_page_has_its_own_description_and_preview_tags(built_site: Path, page: str) -> None:
    description = _front_matter_description(page)
    assert len(description) <= 160, f"{page}: description is {len(description)} characters"
    soup = _html(built_site, page)
    assert _meta(soup, "name", "description") == description
    assert _meta(soup, "property", "og:description") == description
    assert _meta(soup, "property", "og:title")
    assert _meta(soup, "property", "og:url")
    assert _meta(soup, "name", "twitter:card") == "summary"
    assert _meta(soup, "name", "twitter:description") == description
    article = soup.find("article")
    assert isinstance(article, Tag)
    assert len(article.find_all("h1")) == 1, f"{page}: needs exactly one H1"


@pytest.mark.parametrize("page", [p for p in NAV_PAGES if p.startswith(SUBSTANTIAL_SECTIONS)])
def test_framework_practice_and_case_pages_are_not_stubs(built_site: Path, page: str) -> None:
    words = _prose_words(_html(built_site, page))
    assert words >= MIN_PROSE_WORDS, f"{page}: only {words} words of prose"


def test_prose_count_ignores_tool_output() -> None:
    html = (
        "<html><body><article><h1>T</h1><p>one two three</p>"
        "<div class='case-study'><p>" + "word " * 500 + "</p></div>"
        "<figure><p>" + "word " * 500 + "</p></figure></article></body></html>"
    )
    assert _prose_words(BeautifulSoup(html, "html.parser")) == 3


def test_no_page_holds_placeholder_text(built_site: Path) -> None:
    offenders = {}
    for path in sorted(built_site.rglob("*.html")):
        text = _visible_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        hits = sorted({match.group(0) for match in FORBIDDEN.finditer(text)})
        if hits:
            offenders[str(path.relative_to(built_site))] = hits
    assert offenders == {}


def test_placeholder_check_reads_text_not_attributes() -> None:
    soup = BeautifulSoup("<html><body><input placeholder='Search'><p>Being written.</p></body></html>",
                         "html.parser")
    assert [m.group(0) for m in FORBIDDEN.finditer(_visible_text(soup))] == ["Being written"]


def test_author_names_are_spelled_as_in_the_bib(built_site: Path) -> None:
    surnames = _bib_surnames()
    assert "Traeger" in surnames and "Hübscher" in surnames
    wrong = {_fold(name) for name in surnames if _fold(name) != name} | set(KNOWN_MISSPELLINGS)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(wrong))) + r")\b")
    offenders = {}
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for deleted in soup.find_all("del"):  # a misspelling shown struck out, as a correction
            deleted.decompose()
        hits = sorted(set(pattern.findall(_visible_text(soup))))
        if hits:
            offenders[str(path.relative_to(built_site))] = hits
    assert offenders == {}


def _case_ids() -> list[str]:
    return sorted(path.stem for path in CASES_DIR.glob("*.json"))


def test_every_case_file_has_a_page() -> None:
    pages = {Path(page).stem for page in NAV_PAGES if page.startswith("cases/")}
    assert _case_ids() and set(_case_ids()) <= pages


@pytest.mark.parametrize("case_id", _case_ids())
def test_case_page_shows_the_real_stage_and_highlights_it(built_site: Path, case_id: str) -> None:
    answers = json.loads((CASES_DIR / f"{case_id}.json").read_text(encoding="utf-8"))["answers"]
    stage = model.level(alliance.classify(answers).stage)
    soup = _html(built_site, f"cases/{case_id}.md")
    output = soup.select_one(".case-study")
    assert output is not None, f"{case_id}: no case-study output"
    assert stage.name in output.get_text(" ")
    others = [level.name for level in model.LEVELS if level.id != stage.id]
    stage_line = output.select_one(".case-study__stage")
    assert stage_line is not None and stage.name in stage_line.get_text(" ")
    assert not any(name in stage_line.get_text(" ") for name in others)
    highlighted = output.select("svg [data-id].is-highlighted, svg .is-highlighted[data-id]")
    assert stage.id in {element["data-id"] for element in highlighted}


def test_a_broken_case_file_fails_the_build_naming_the_file_and_question(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    case_file = project / "macros" / "data" / "cases" / "braced-back.json"
    data = json.loads(case_file.read_text(encoding="utf-8"))
    data["answers"]["no-such-question"] = "yes"
    case_file.write_text(json.dumps(data), encoding="utf-8")
    result = build_site(project / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert "braced-back.json" in output and "no-such-question" in output
