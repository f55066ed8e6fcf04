"""Facts exact (issue 16, part 3): the content pages as built say what the facts file says.

Each test reads the built HTML of the pages the content team owns (home, About,
Evidence, Frameworks, Practice) and checks one fact or one class of claim
against ``tests/data/references-facts.md`` (the facts file) or the Fuentes data
file, so that a regression in the text fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import ROOT
from tests.site.built_pages import page_article, page_soup, prose_of

FACTS = ROOT / "tests" / "data" / "references-facts.md"
FUENTES_DATA = ROOT / "macros" / "data" / "fuentes2014.json"
CONTENT_PAGES: tuple[str, ...] = (
    "index",
    "about",
    *(f"{section}/{path.stem}" for section in ("evidence", "frameworks", "practice")
      for path in sorted((ROOT / "docs" / section).glob("*.md"))),
)
NUMBER = r"\d+(?:\.\d+)?"
UNIT = r"cm|mm|kg"
# An estimate, then its interval: "1.83 cm (95% CI 1.43 to 2.03 cm)", "1.2 kg (0.7 to 1.6)".
ESTIMATE_AND_INTERVAL = re.compile(
    rf"({NUMBER})\s*({UNIT})\s*\((?:95% (?:CI|confidence interval),?\s*)?"
    rf"({NUMBER})\s*(?:to|–|-)\s*({NUMBER})\s*({UNIT})?\)"
)
# Claims the clinical review found without a source (issue 16), and known slips.
UNSOURCED = {
    r"most often (?:quoted|cited)": "a superlative about the literature with no source",
    r"range of musculoskeletal (?:problems|conditions)":
        "the facts do not say which conditions Stenner's participants had",
    r"risk of a poor outcome": "the facts say only that participants were classified 'high risk'",
    r"routine part of (?:LBP|low back pain) care|screening[^.]{0,40}\broutine\b":
        "screening called routine without a source",
    r"measured progress": "the article says 'clinical audit', not what was measured",
    r"(?<!may )\bencourages? an active role": "the source says conversations *may* encourage an active role",
    r"narrative review": "Kinney et al. 2020 is a systematic review",
    r"on the clinician's part": "Miciak's conditions concern physiotherapists and patients",
    r"two active treatments|compared exercise with spinal manipulation":
        "Ferreira's nested trial had three arms",
    r"later reviews alongside": "Lakke and Meerman 2016 came before the 2018 review, not after",
}


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split()).replace("’", "'")


def _section(article: Tag, heading_id: str) -> Tag:
    """The heading with ``heading_id`` and everything up to the next heading of its level or higher."""
    heading = article.find(id=heading_id)
    is_heading = isinstance(heading, Tag) and re.fullmatch(r"h[1-6]", heading.name)
    assert is_heading, f"no heading with id {heading_id!r}"
    level = int(heading.name[1])
    section = BeautifulSoup("<section></section>", "html.parser")
    box = section.section
    assert box is not None
    parts = [heading]
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name or "") and int(sibling.name[1]) <= level:
            break
        parts.append(sibling)
    for part in parts:
        box.append(BeautifulSoup(str(part), "html.parser"))
    return box


def _cites(tag: Tag) -> set[str]:
    return {str(link["href"]).split("#ref-", 1)[1] for link in tag.select("a.citation[href*='#ref-']")}


def _blocks(article: Tag) -> list[Tag]:
    """Paragraphs, list items and table rows: the units a claim and its citation share."""
    return [block for block in article.find_all(["p", "li", "tr"]) if not block.find(["p", "li", "tr"])]


def _facts() -> str:
    return FACTS.read_text(encoding="utf-8")


def _mixed_unit_intervals(text: str) -> list[str]:
    """Every "estimate unit (interval other-unit)" in ``text``: an interval printed in another unit."""
    return [match.group(0) for match in ESTIMATE_AND_INTERVAL.finditer(text)
            if match.group(5) and match.group(5) != match.group(2)]


# --- Ferreira, Miciak, Kinney ------------------------------------------------------------------


def test_ferreira_2013_nested_trial_had_three_arms(built_site: Path) -> None:
    section = _text(_section(page_article(built_site, "evidence/further-evidence"), "ferreira-2013"))
    assert "three arms" in section, "Ferreira et al. 2013: the nested trial's three arms are not stated"
    for arm in ("general exercise", "motor control exercise", "spinal manipulative therapy"):
        assert arm in section, f"Ferreira et al. 2013: arm {arm!r} is not named"
    row = next(row for row in page_article(built_site, "evidence/index").select("tr")
               if "Ferreira et al. 2013" in _text(row))
    assert "three-arm" in _text(row), "evidence/index: the Ferreira row does not say the trial had three arms"


def test_miciak_2018_conditions_concern_physiotherapists_and_patients(built_site: Path) -> None:
    section = _section(page_article(built_site, "evidence/further-evidence"), "miciak-2018")
    text = _text(section)
    assert re.search(r"both physiotherapists and patients", text), text
    assert "miciak2018necessary" in _cites(section)
    row = next(row for row in page_article(built_site, "evidence/index").select("tr")
               if "Miciak et al. 2018" in _text(row))
    assert "physiotherapists and patients" in _text(row), "evidence/index: the Miciak row names one side only"


def test_kinney_2020_is_a_systematic_review_without_meta_analysis(built_site: Path) -> None:
    section = _text(_section(page_article(built_site, "evidence/further-evidence"), "kinney-2020"))
    assert "systematic review" in section and "meta-analysis" in section, section
    assert "narrative" not in section, "Kinney et al. 2020: called a narrative review"


# --- The four levels: level 4 is the article's reading ----------------------------------------


def test_level_four_paragraph_is_cited_as_the_articles_reading(built_site: Path) -> None:
    article = page_article(built_site, "frameworks/four-levels")
    section = _section(article, "4-autonomic-agency")
    assert "macphail2018therapeutic" in _cites(section), "level 4: not cited to the source article"
    assert re.search(r"source article's reading", _text(section)), \
        "level 4: not named as the article's reading"


LEVEL_FOUR_WORDS = re.compile(r"in charge|tak\w* responsibility|manag\w+ (?:their|his|her) (?:own )?back")


def test_every_description_of_level_four_is_attributed_to_the_article(built_site: Path) -> None:
    """Being in charge, taking responsibility, managing one's own back: the article's account of level 4."""
    offenders = []
    for page in CONTENT_PAGES:
        for block in _blocks(prose_of(page_article(built_site, page))):
            text = _text(block)
            if (LEVEL_FOUR_WORDS.search(text) and "macphail2018therapeutic" not in _cites(block)
                    and "article" not in text):
                offenders.append(f"{page}: {text[:120]}")
    assert offenders == []


# --- Fuentes: estimate and interval in one unit ------------------------------------------------


def test_fuentes_pain_estimates_and_intervals_share_a_unit(built_site: Path) -> None:
    prose = _text(prose_of(page_article(built_site, "evidence/fuentes-2014")))
    arms = json.loads(FUENTES_DATA.read_text(encoding="utf-8"))["arms"]
    for arm in arms:
        low, high = (f"{value / 10:.2f}" for value in arm["pain_ci_mm"])
        expected = f"{arm['pain_change_cm']} cm (95% CI {low} to {high} cm)"
        assert expected in prose, f"evidence/fuentes-2014: expected {expected!r} for arm {arm['id']!r}"
        low, high = arm["ppt_ci_kg"]
        assert re.search(rf"{arm['ppt_change_kg']} kg \((?:95% CI )?{low} to {high} kg\)", prose), (
            f"evidence/fuentes-2014: PPT {arm['ppt_change_kg']} kg and its interval for arm {arm['id']!r}")
    assert not re.search(rf"{NUMBER}\s*mm\b", prose), "evidence/fuentes-2014: a figure is still printed in mm"


def test_no_content_page_prints_an_interval_in_another_unit(built_site: Path) -> None:
    offenders = {}
    for page in CONTENT_PAGES:
        mixed = _mixed_unit_intervals(_text(prose_of(page_article(built_site, page))))
        if mixed:
            offenders[page] = mixed
    assert offenders == {}


def test_mixed_unit_reader_finds_the_problem_and_only_it() -> None:
    assert _mixed_unit_intervals("fell by 1.83 cm (95% CI 14.3 to 20.3 mm) and") == [
        "1.83 cm (95% CI 14.3 to 20.3 mm)"]
    assert _mixed_unit_intervals("1.83 cm (95% CI 1.43 to 2.03 cm); 1.2 kg (0.7 to 1.6)") == []


# --- About lists every correction; the reviews page says there were earlier reviews -----------


CORRECTIONS = {
    "the year of Fuentes et al.": (r"Fuentes et al\. \(2018\)", r"2014"),
    "within-group changes read as between-group differences": (r"mean differences", r"within-group"),
    "the direction of the PPT change": (r"reduced pressure pain thresholds", r"rose"),
    "sham outperformed active": (r"outperformed", r"overlap"),
    "only one systematic review": (r"one systematic review",
                                   r"Hall et al\. \(2010\).*Lakke and Meerman \(2016\)"),
    "the count of Manzoni's studies": (r"remaining four", r"six articles from four studies"),
    "Traeger's name and year": (r"Trager", r"Traeger.*2019"),
    "Traeger's session length": (r"30 minutes", r"two one-hour sessions"),
}


@pytest.mark.parametrize("correction", sorted(CORRECTIONS))
def test_about_lists_the_correction(built_site: Path, correction: str) -> None:
    said, shown = CORRECTIONS[correction]
    article = page_article(built_site, "about")
    table = _section(article, "corrections-to-the-source-article").find("table")
    assert isinstance(table, Tag), "about: no corrections table"
    rows = [row for row in table.select("tbody tr") if re.search(said, _text(row.find_all("td")[0]))]
    assert rows, f"about: no row for {correction} (the article saying {said!r})"
    right = rows[0].find_all("td")[1]
    assert re.search(shown, _text(right)), f"about: the row for {correction} does not say {shown!r}"
    assert _cites(right), f"about: the row for {correction} cites no record"


def test_review_pages_say_hall_and_lakke_predate_manzoni(built_site: Path) -> None:
    section = _section(page_article(built_site, "evidence/manzoni-2018"), "other-reviews")
    text = _text(section)
    assert {"hall2010influence", "lakke2016working", "manzoni2018role", "kinney2020impact"} <= _cites(section)
    assert re.search(r"2010, eight years earlier", text) and re.search(r"2016, two years earlier", text), text
    for anchor in ("hall-2010", "lakke-2016"):
        section = _text(_section(page_article(built_site, "evidence/further-evidence"), anchor))
        assert re.search(r"before|earlier", section) and "Manzoni" in section, (
            f"further-evidence#{anchor}: does not say it came before Taccolini Manzoni et al. 2018")


# --- Unsourced claims: removed, sourced, or marked ---------------------------------------------


def test_known_unsourced_claims_are_gone(built_site: Path) -> None:
    offenders = {}
    for page in CONTENT_PAGES:
        text = _text(page_soup(built_site, page).find("article"))
        hits = [f"{match.group(0)!r} ({why})" for pattern, why in UNSOURCED.items()
                for match in re.finditer(pattern, text, re.IGNORECASE)]
        if hits:
            offenders[page] = hits
    assert offenders == {}


def test_unsourced_patterns_catch_the_old_wording() -> None:
    old = [
        "It is the study most often quoted as proof",
        "The participants had a range of musculoskeletal problems",
        "who were at high risk of a poor outcome understood",
        "screening for risk of a poor outcome has become a routine part of LBP care",
        "Clinicians described using clinical audit, reviewing measured progress with the patient",
        "meaningful conversations encourage an active role",
        "a narrative review, not a meta-analysis",
        "Four conditions of engagement on the clinician's part",
        "all participants were in one trial of two active treatments",
        "Read later reviews alongside this one.",
    ]
    for sentence in old:
        assert any(re.search(pattern, sentence, re.IGNORECASE) for pattern in UNSOURCED), sentence
    assert not any(re.search(pattern, "conversations may encourage an active role", re.IGNORECASE)
                   for pattern in UNSOURCED)


def test_five_steps_are_marked_as_the_guides_reconstruction(built_site: Path) -> None:
    soup = page_soup(built_site, "frameworks/cycle")
    description = soup.find("meta", attrs={"name": "description"})
    assert isinstance(description, Tag) and "reconstruction" in str(description.get("content"))
    note = [block for block in _blocks(prose_of(soup.find("article"))) if "five steps" in _text(block)]
    assert any("reconstruction" in _text(block) for block in note), "cycle: 'five steps' not marked as ours"
    offenders = []
    for page in CONTENT_PAGES:
        if page == "frameworks/cycle":
            continue
        for block in _blocks(prose_of(page_article(built_site, page))):
            text = _text(block)
            if re.search(r"five(?:-| )steps?", text) and "reconstruction" not in text:
                offenders.append(f"{page}: {text[:120]}")
    assert offenders == []


def test_the_guides_own_readings_are_explained_on_about(built_site: Path) -> None:
    text = _text(_section(page_article(built_site, "about"), "readings"))
    for phrase in ("source article's reading", "guide's reading", "guide's advice", "reconstruction"):
        assert phrase in text, f"about: the marks for what is not a checked fact do not explain {phrase!r}"


# --- Every number on the content pages is in the facts file ------------------------------------


def _numbers(text: str) -> set[float]:
    found = re.findall(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?", text)
    return {float(value.replace(",", "")) for value in found}


# Numbers that describe the guide itself, not a study.
ABOUT_THE_GUIDE = {"about": {0.1, 2026.0}}


def _build_figures(site: Path) -> set[float]:
    """What keeping the tools downloads and stores, in MB, as the pages state it (macros/sizes.py)."""
    from macros import sizes
    from macros.toolkit.measure import measured
    from macros.toolkit.project import Project

    return {float(sizes.megabytes(size)) for size in sizes.figures(site, measured(Project(ROOT))).values()}


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_every_number_on_the_page_is_in_the_facts_file(built_site: Path, page: str) -> None:
    facts = _numbers(_facts())
    # The Fuentes pain intervals are in mm in the facts; the guide prints them in cm.
    facts |= {round(value / 10, 2) for value in facts}
    prose = prose_of(page_article(built_site, page))
    for tag in prose.select("a.citation"):  # author-date citations: years, checked in the bib
        tag.decompose()
    about_the_guide = ABOUT_THE_GUIDE.get(page, set()) | _build_figures(built_site)
    unknown = sorted(_numbers(_text(prose)) - facts - about_the_guide)
    assert unknown == [], f"{page}: numbers not in {FACTS.name}: {unknown}"


def test_number_reader_reads_thousands_and_decimals() -> None:
    assert _numbers("3,110 people; 1.81 points; 37% at 20; version 0.1.0") == {3110.0, 1.81, 37.0, 20.0, 0.1}


# --- Imaging and safety: Brinjikji et al. 2015 and NICE NG59 -----------------------------------


def _brinjikji_prevalence() -> dict[str, tuple[int, int]]:
    line = re.search(r"Prevalence from\s+age 20 to age 80:(.*?)\.", _facts(), re.DOTALL)
    assert line, f"{FACTS.name}: no Brinjikji prevalence line"
    pairs = re.findall(r"([a-z ]+?) (\d+)% to (\d+)%", " ".join(line.group(1).split()))
    assert len(pairs) == 4, pairs
    return {name.strip().lstrip("; ").strip(): (int(low), int(high)) for name, low, high in pairs}


def test_imaging_table_matches_the_facts_file(built_site: Path) -> None:
    section = _section(page_article(built_site, "frameworks/pyramid"), "worn-spine")
    assert "brinjikji2015systematic" in _cites(section)
    text = _text(section)
    assert "33 articles" in text and "3,110" in text, text
    rows = {_text(row.find("td")).lower(): [_text(cell) for cell in row.find_all("td")[1:]]
            for row in section.select("tbody tr")}
    prevalence = _brinjikji_prevalence()
    assert set(rows) == set(prevalence), \
        f"pyramid#worn-spine: rows {sorted(rows)} vs facts {sorted(prevalence)}"
    for finding, (at_20, at_80) in prevalence.items():
        assert rows[finding] == [f"{at_20}%", f"{at_80}%"], f"pyramid#worn-spine: {finding} {rows[finding]}"


OLD_SPINE = re.compile(r"spine of an 80|\b(?:worn|old) spine|spine (?:is|was) (?:\"|“)?(?:worn|old)")


def test_pages_on_a_worn_or_old_spine_cite_the_imaging_review(built_site: Path) -> None:
    found = []
    for page in CONTENT_PAGES:
        article = prose_of(page_article(built_site, page))
        if OLD_SPINE.search(_text(article)):
            found.append(page)
            assert "brinjikji2015systematic" in _cites(article), \
                f"{page}: discusses an old spine, no imaging review"
    assert {"frameworks/pyramid", "practice/pitfalls"} <= set(found), found


def test_screening_and_safety_netting_are_set_in_the_nice_guideline(built_site: Path) -> None:
    found = []
    for page in CONTENT_PAGES:
        for block in _blocks(prose_of(page_article(built_site, page))):
            text = _text(block)
            if re.search(r"serious (?:pathology|causes)|safety-netting|medical review", text):
                found.append(page)
                assert "nice2016low" in _cites(block), \
                    f"{page}: screening or safety without NICE NG59: {text[:120]}"
    assert {"index", "about", "practice/index", "frameworks/four-levels"} <= set(found), found


# --- Citations read as citations ---------------------------------------------------------------


def test_citations_are_never_left_inside_square_brackets(built_site: Path) -> None:
    """A ``[@key]`` the citation syntax did not take (e.g. before a colon) shows as "[ Author (year) ]"."""
    offenders = {}
    for page in CONTENT_PAGES:
        article = page_article(built_site, page)
        hits = []
        for link in article.select("a.citation"):
            before, after = link.previous_sibling, link.next_sibling
            if isinstance(before, str) and before.rstrip().endswith("[") and isinstance(after, str) \
                    and after.lstrip().startswith("]"):
                hits.append(_text(link))
        if hits:
            offenders[page] = hits
    assert offenders == {}
