"""The synthetic site for the build benchmark: the bib, the pages, the two configs."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_string

from bench import synthetic_site
from bench.synthetic_site import (
    CITATIONS_PER_PAGE,
    ENTRIES,
    FIGURE_MACROS,
    PARTS,
    SECTION_SIZE,
    citation_keys,
    generate_bib,
    generate_page,
    guide_bib,
    page_path,
    site_nav,
    write_project,
)
from tests.conftest import build_site


@pytest.fixture(scope="module")
def entries() -> list[synthetic_site.BibEntry]:
    return generate_bib(300)


def test_bib_has_the_requested_number_of_distinct_keys(entries: list[synthetic_site.BibEntry]) -> None:
    assert len(entries) == 300
    assert len({entry.key for entry in entries}) == 300


def test_bib_entries_are_valid_bibtex_articles_with_every_field(
        entries: list[synthetic_site.BibEntry]) -> None:
    database = parse_string("\n".join(entry.to_bibtex() for entry in entries), "bibtex")
    assert len(database.entries) == 300
    for key, parsed in database.entries.items():
        assert parsed.type == "article", key
        assert {"title", "journal", "year", "volume", "pages", "doi"} <= set(parsed.fields), key
        assert parsed.persons["author"], key


def test_bib_has_same_author_same_year_pairs(entries: list[synthetic_site.BibEntry]) -> None:
    groups = Counter((entry.authors, entry.year) for entry in entries)
    assert sum(1 for count in groups.values() if count >= 2) >= 300 // 25 - 1


def test_generated_keys_avoid_reserved_keys() -> None:
    plain = generate_bib(200)
    taken = frozenset({plain[0].key, plain[1].key})
    keys = {entry.key for entry in generate_bib(200, reserved=taken)}
    assert not keys & taken
    assert len(keys) == 200


def test_page_has_twenty_citations_of_bib_keys_and_one_or_two_figures(
        entries: list[synthetic_site.BibEntry]) -> None:
    known = {entry.key for entry in entries}
    rng = random.Random(1)
    for number in range(1, 30):
        page = generate_page(number, entries, rng)
        keys = citation_keys(page)
        assert len(keys) == CITATIONS_PER_PAGE, number
        assert set(keys) <= known
        figures = [macro for macro in FIGURE_MACROS if f"{{{{ {macro} }}}}" in page]
        assert 1 <= len(figures) <= 2, number


def test_pages_use_every_citation_syntax(entries: list[synthetic_site.BibEntry]) -> None:
    page = generate_page(1, entries, random.Random(2))
    for pattern in (r'\{\{ cite\("', r'\{\{ citet\("', r"\[@\w", r"\[see @\w", r"(?<![\[\w])@\w+ found"):
        assert re.search(pattern, page), pattern


def test_citation_keys_counts_each_syntax_once() -> None:
    text = '{{ cite("a1") }} {{ citet("b2") }} [@c3] [see @d4, p. 5] @e5 found, mail x@y.org'
    assert citation_keys(text) == ["a1", "b2", "c3", "d4", "e5"]


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("synthetic")
    return {"plain": write_project(root / "plain", 12, macros=False),
            "macros": write_project(root / "macros", 12, macros=True)}


def test_project_has_n_pages_each_citing_twenty_bib_entries(projects: dict[str, Path]) -> None:
    project = projects["macros"].parent
    database = parse_string((project / "references.bib").read_text(encoding="utf-8"), "bibtex")
    assert len(database.entries) == ENTRIES
    pages = [project / "docs" / page_path(number) for number in range(1, 13)]
    assert sorted(pages) == sorted(set((project / "docs").rglob("*.md")) - {project / "docs" / "index.md"})
    for page in pages:
        keys = citation_keys(page.read_text(encoding="utf-8"))
        assert len(keys) == CITATIONS_PER_PAGE, page.name
        assert set(keys) <= set(database.entries), page.name


def test_bib_includes_the_guides_own_entries_for_the_figure_macros(projects: dict[str, Path]) -> None:
    _, guide_keys = guide_bib()
    text = (projects["plain"].parent / "references.bib").read_text(encoding="utf-8")
    for key in guide_keys:
        assert re.search(rf"^@\w+\{{{re.escape(key)},", text, re.MULTILINE), key


def test_both_variants_have_the_same_markdown(projects: dict[str, Path]) -> None:
    plain_docs = projects["plain"].parent / "docs"
    macros_docs = projects["macros"].parent / "docs"
    pages = list(plain_docs.rglob("*.md"))
    assert len(pages) == 13
    for page in pages:
        twin = macros_docs / page.relative_to(plain_docs)
        assert page.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8")


def test_nav_deals_sections_of_pages_to_a_fixed_number_of_parts() -> None:
    for pages in (25, 200, 400):
        nav = site_nav(pages)
        assert nav[0] == {"Home": "index.md"}
        parts = [next(iter(part.values())) for part in nav[1:]]
        assert len(parts) == min(PARTS, -(-pages // SECTION_SIZE))  # the tabs do not grow with the site
        sections = [next(iter(section.values())) for part in parts for section in part]
        assert sorted(len(paths) for paths in sections)[1:] == [SECTION_SIZE] * (len(sections) - 1)
        assert all(paths[0].endswith("/index.md") for paths in sections)
        listed = [path for paths in sections for path in paths]
        assert sorted(listed) == sorted(page_path(n) for n in range(1, pages + 1))
        assert len(set(listed)) == pages


def test_both_variants_use_the_guides_theme_features_and_the_same_nav(projects: dict[str, Path]) -> None:
    configs = [yaml.safe_load(config.read_text(encoding="utf-8")) for config in projects.values()]
    guide = synthetic_site._real_config()
    for config in configs:
        assert config["theme"]["features"] == guide["theme"]["features"]
        assert config["nav"] == site_nav(12)


def test_only_the_macros_variant_has_the_macros_plugin_and_its_module(projects: dict[str, Path]) -> None:
    def plugin_names(config: Path) -> list[str]:
        plugins = yaml.safe_load(config.read_text(encoding="utf-8"))["plugins"]
        return [next(iter(p)) if isinstance(p, dict) else p for p in plugins]

    assert plugin_names(projects["plain"]) == ["search"]
    assert plugin_names(projects["macros"]) == ["search", "evidence", "macros"]
    assert (projects["macros"].parent / "macros" / "__init__.py").is_file()
    assert not (projects["plain"].parent / "macros").exists()
    assert not (projects["macros"].parent / "evidence").exists()  # the installed kit, not a copy


def test_the_macros_variant_builds_strict_with_the_installed_kit(
    projects: dict[str, Path], tmp_path: Path
) -> None:
    result = build_site(projects["macros"], tmp_path / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    page = (tmp_path / "site" / page_path(2).replace(".md", ".html")).read_text(encoding="utf-8")
    assert page.count('<a class="citation"') >= CITATIONS_PER_PAGE  # every syntax read, none left as text
    assert "[@" not in page and "{{" not in page and 'class="evidence-figure' in page
