"""The numbered style (Vancouver): proof that the style is a seam, with the same links and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence.citations.errors import CitationError
from evidence.citations.library import Library

from tests.unit.citation_pages import DATA, HEADING, KitEnv, links, listed, make_env, render, visible


@pytest.fixture
def env(tmp_path: Path) -> KitEnv:
    return make_env(tmp_path, style="vancouver")


def test_numbers_follow_the_order_of_first_citation_on_each_page(env: KitEnv) -> None:
    out = render(env, "First [@trio2017three], then [@solo2020single; @duo2019pair], "
                      "again [@trio2017three] and @duo2019pair [p. 5].\n")
    assert visible(out) == "First [1], then [2, 3], again [1] and Duo and Müller [3, p. 5]."
    assert listed(out) == ["trio2017three", "solo2020single", "duo2019pair"]
    assert '<ol class="references numbered">' in out
    other = render(env, "Only [@duo2019pair].\n", "other.md")
    assert visible(other) == "Only [1]."  # each page numbers its own list


def test_runs_of_three_or_more_become_a_range_with_every_number_linked(env: KitEnv) -> None:
    keys = ["solo2020single", "duo2019pair", "trio2017three", "blog2018post", "edited2015volume"]
    out = render(env, "".join(f"[@{k}] " for k in keys) + "\n\nAll [@edited2015volume; @solo2020single; "
                      "@duo2019pair; @trio2017three] and [see @blog2018post; @solo2020single, p. 2].\n")
    assert visible(out).endswith("All [1–3, 5] and [see 1, p. 2; 4].")
    assert links(out)[-6:] == [("solo2020single", "1"), ("duo2019pair", "2"), ("trio2017three", "3"),
                               ("edited2015volume", "5"), ("solo2020single", "1"), ("blog2018post", "4")]
    # The numbers between a range's ends: hidden from sight until hovered or focused, read by screen readers.
    assert ('[<span class="citation-range"><a class="citation" href="#ref-solo2020single">1</a>'
            '<span class="citation-range-dash" aria-hidden="true">&#8211;</span>'
            '<span class="citation-range-between">, '
            '<a class="citation" href="#ref-duo2019pair">2</a>, </span>'
            '<a class="citation" href="#ref-trio2017three">3</a></span>, '
            '<a class="citation" href="#ref-edited2015volume">5</a>]') in out


def test_macros_and_figure_captions_are_numbered_where_they_stand(env: KitEnv) -> None:
    figure = "<figure><figcaption>After [@duo2019pair].</figcaption></figure>"
    env.macros["drawing"] = lambda: env.build.keep(figure)
    out = render(env, 'Text {{ citet("trio2017three") }}.\n\n{{ drawing() }}\n\nThen [@solo2020single].\n')
    assert visible(out) == "Text Trio et al. [1]. After [2]. Then [3]."
    assert listed(out) == ["trio2017three", "duo2019pair", "solo2020single"]


def test_every_citation_links_to_its_entry_on_the_page(env: KitEnv) -> None:
    out = render(env, "A [@trio2017three; @solo2020single] and @duo2019pair.\n")
    section = out.split(HEADING)[1]
    for key, _ in links(out):
        assert f'<li class="reference" id="ref-{key}">' in section


def test_the_references_page_numbers_the_bibliography_alphabetically(env: KitEnv) -> None:
    out = render(env, "# References\n\nAs [@trio2017three] says.\n\n{{ bibliography() }}\n", "references.md")
    library = Library.load(DATA / "golden.bib", style="vancouver")
    number = library.ordered_keys.index("trio2017three") + 1
    assert f"As [{number}] says." in visible(out)
    assert '<ol class="references bibliography numbered">' in out and HEADING not in out
    assert out.index('id="ref-acronym2019title"') < out.index('id="ref-trio2017three"')


def test_the_same_errors_as_apa(env: KitEnv) -> None:
    with pytest.raises(CitationError, match=r"docs/x.md, line 2: unknown citation key 'solo2020singel'"):
        render(env, "Intro.\n[@solo2020singel]\n", "x.md")
    with pytest.raises(CitationError, match=r"line 3: the narrative citation @trio2017three stands inside"):
        render(env, "a\n\nSee [see [Table 1] @trio2017three].\n", "y.md")


VANCOUVER = {
    # Citing Medicine: a subtitle after a colon starts in lower case (a braced word keeps its capital)
    "solo2020single": "Solo AM. A MRI study of backs: findings From two sites. Spine Journal. "
                      "2020;12(3):10-20. doi:10.1000/xyz.1",
    "duo2019pair": "Duo B, Müller J-P. Pairs of authors. Journal of Pairs. 2019;4:17.",
    "author2019book": "Author A, Writer W. Treating back pain: a guide. 3rd ed. Back Press; 2019. "
                      "doi:10.1000/book.3",
    "chapter2016part": "Chapter C. The alliance in practice: what works. In: Editor E, Other O, Third T, "
                       "editors. Handbook of the alliance. 2nd ed. Handbook House; 2016. p. 45-67.",
    # the publisher is named even when it is the group author (Citing Medicine)
    "guide2016report": "National Institute for Health and Care Excellence. Low back pain and sciatica in "
                       "over 16s: assessment and management. National Institute for Health and Care "
                       "Excellence; 2016. (NICE guideline; NG59).",
    # read on the Internet: [Internet] after the title, [cited ...] after the year when the bib dates it
    "medicine2007nlm": "National Library of Medicine (US). Citing medicine: the NLM style guide for "
                       "authors, editors, and publishers [Internet]. 2nd ed. Bethesda (MD): National Library "
                       "of Medicine (US); 2007 [cited 2024 Jan 5]. Available from: "
                       "https://www.nlm.nih.gov/citingmedicine",
    "tech2014numbered": "Tech T. A technical report [Internet]. Institute of Backs; 2014. Report No.: 12. "
                        "Available from: https://example.org/report-12",
    "doctor2011thesis": "Doctor D. An unpublished dissertation [dissertation]. University of Backs; 2011.",
    "master2013thesis": "Master M. A thesis in a repository [master's thesis on the Internet]. University of "
                        "Backs; 2013. Available from: https://example.org/thesis",
    "undated2023web": "Back Pain Society. Exercise and the back [Internet]. n.d. [cited 2023 May 4]. "
                      "Available from: https://example.org/exercise",
    "blog2018post": "Blogger K. The post about things [Blog post]. 2018.",
    "hyphen2021pages": "Hyphen H. Pages typed with one hyphen. Journal of Ranges. 2021;3(2):477-8.",
}


@pytest.mark.parametrize(("key", "reference"), VANCOUVER.items(), ids=list(VANCOUVER))
def test_vancouver_references(key: str, reference: str) -> None:
    library = Library.load(DATA / "golden.bib", style="vancouver")
    assert library.formatted(key).reference_text == reference


def test_vancouver_lists_six_authors_then_et_al() -> None:
    from tests.conftest import ROOT

    library = Library.load(ROOT / "references.bib", style="vancouver")
    assert library.formatted("fuentes2014enhanced").reference_text.startswith(
        "Fuentes J, Armijo-Olivo S, Funabashi M, Miciak M, Dick B, Warren S, et al. Enhanced therapeutic")
