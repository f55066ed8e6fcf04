"""Every page's front matter is valid YAML with its own one-line description.

MkDocs silently ignores front matter it cannot parse (the page then falls back
to the site-wide description), so a stray `: ` in a description would go
unnoticed without this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}: no front matter"
    block = text.split("---\n", 2)[1]
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as error:
        pytest.fail(f"{path}: front matter is not valid YAML: {error}")
    assert isinstance(data, dict), f"{path}: front matter is not a mapping"
    return data


@pytest.mark.parametrize("path", PAGES, ids=[str(p.relative_to(ROOT / "docs")) for p in PAGES])
def test_page_has_its_own_description(path: Path) -> None:
    description = _front_matter(path).get("description")
    assert isinstance(description, str), f"{path}: front matter has no description"
    assert 30 <= len(description) <= 160, f"{path}: description is {len(description)} characters (30-160)"
    assert "\n" not in description.strip(), f"{path}: description spans several lines"


def test_descriptions_are_unique() -> None:
    seen: dict[str, Path] = {}
    for path in PAGES:
        description = _front_matter(path)["description"]
        assert description not in seen, f"{path} repeats the description of {seen[description]}"
        seen[description] = path
