"""Search finds what a clinician would type: the built search index (issue 18, "pain neuroscience")."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

TRAEGER_SECTION = "evidence/traeger-2019.html#pain-neuroscience-education"
# A claim the facts file does not support: that the trial's education *was* pain neuroscience education.
PNE_CLAIM = re.compile(
    r"\b(?:trial|Traeger|PREVENT|education arm|intervention)\b[^.]{0,60}"
    r"\b(?:used|was|delivered|gave|tested)\b"
    r"\s+(?:a\s+)?pain neuroscience education",
    re.IGNORECASE,
)


def _docs(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _plain(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_pain_neuroscience_is_a_heading_on_the_traeger_page_only(built_site: Path) -> None:
    """Material boosts titles 1000-fold: a section titled with the words is what the search puts first."""
    titled = [d["location"] for d in _docs(built_site) if "pain neuroscience" in d["title"].lower()]
    assert titled == [TRAEGER_SECTION], titled


def test_traeger_section_describes_the_education_from_the_facts(built_site: Path) -> None:
    section = next(d for d in _docs(built_site) if d["location"] == TRAEGER_SECTION)
    text = _plain(section["text"])
    for words in ("pain neuroscience education", "pain science education", "pain biology", "self-management",
                  "two one-hour sessions"):
        assert words in text, f"{TRAEGER_SECTION}: the indexed text lacks {words!r}"
    assert "Traeger et al., 2019" in text, f"{TRAEGER_SECTION}: the indexed text carries no citation"


def test_no_page_claims_the_trial_was_pain_neuroscience_education(built_site: Path) -> None:
    claims = [(d["location"], m.group(0))
              for d in _docs(built_site) for m in PNE_CLAIM.finditer(_plain(d["text"]))]
    assert claims == []


def test_pne_claim_pattern() -> None:
    assert PNE_CLAIM.search("The PREVENT trial delivered pain neuroscience education to")
    assert PNE_CLAIM.search("The intervention was pain neuroscience education")
    assert not PNE_CLAIM.search(
        "If you know education about how pain works as pain neuroscience education (PNE)")
