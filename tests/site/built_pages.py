"""The built guide's pages as the site tests read them: a page, its article, the article's own prose."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

# What is not the page's own prose: figures, reference lists, permalinks, scripts and styles.
NOT_PROSE = "figure, svg, .references, [id^=ref-], script, style, a.headerlink"


def page_soup(site: Path, page: str) -> BeautifulSoup:
    """The built page for ``page`` (its path under docs/ without .md, e.g. "evidence/index")."""
    path = site / f"{page}.html"
    assert path.is_file(), f"{page}.md was not built to {path}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_of(soup: BeautifulSoup, page: str) -> Tag:
    article = soup.find("article")
    assert isinstance(article, Tag), f"{page}: no <article> in the built page"
    return article


def page_article(site: Path, page: str) -> Tag:
    return article_of(page_soup(site, page), page)


def prose_of(article: Tag) -> Tag:
    """A copy of ``article`` without what NOT_PROSE names: the page's own text."""
    copy = BeautifulSoup(str(article), "html.parser")
    for tag in copy.select(NOT_PROSE):
        tag.decompose()
    return copy
