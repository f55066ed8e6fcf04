"""The guide builds with --strict, and --strict really fails on broken input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project


def test_strict_build_produces_every_nav_page(built_site: Path) -> None:
    for page in ["index.html", "evidence/index.html", "frameworks/index.html", "practice/index.html",
                 "cases/index.html", "tools/index.html", "references.html", "about.html"]:
        assert (built_site / page).is_file(), page


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def _append(project: Path, page: str, text: str) -> None:
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[a page that is not there](nowhere.md)", "nowhere.md"),
        ("[an anchor that is not there](evidence/index.md#no-such-heading)", "no-such-heading"),
        ("{{ no_such_macro() }}", "no_such_macro"),
    ],
    ids=["broken-link", "broken-anchor", "undefined-macro"],
)
def test_strict_build_fails_loudly(project_copy: Path, tmp_path: Path, text: str, expected: str) -> None:
    _append(project_copy, "index.md", text)
    result = build_site(project_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr + result.stdout


def test_every_page_declares_its_encoding_in_its_first_1024_bytes(built_site: Path) -> None:
    # The HTML spec's encoding prescan reads only that far; a later <meta charset> can make
    # the browser parse the page a second time (the widget pages put a script in <head>).
    pages = sorted(built_site.rglob("*.html"))
    assert any(page.match("tools/classifier.html") for page in pages)
    for page in pages:
        head = page.read_bytes()[:1024].lower()
        assert b'<meta charset="utf-8">' in head, page.relative_to(built_site)
