"""Golden tests of the APA 7 style: a reference for every entry type, in-text labels, order,
a/b labels, and the warning about words sentence case would spoil."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence.citations import labels, names
from evidence.citations.library import Library
from evidence.citations.titles import sentence_case, spoiled_words
from evidence.citations.works import Name, TitlePiece

DATA = Path(__file__).parent / "data" / "citations"


@pytest.fixture(scope="module")
def golden() -> Library:
    return Library.load(DATA / "golden.bib")


@pytest.fixture(scope="module")
def same() -> Library:
    return Library.load(DATA / "macphail.bib")


# Each the reference the APA Publication Manual (7th ed.) gives for its kind of work.
REFERENCES = {
    # Periodical (10.1): journal and volume in italics; pages with an en dash, however typed; no note.
    "solo2020single": "Solo, A. M. (2020). A MRI study of backs: Findings From two sites. "
                      "Spine Journal, 12(3), 10–20. https://doi.org/10.1000/xyz.1",
    "duo2019pair": "Duo, B., & Müller, J.-P. (2019). Pairs of authors. Journal of Pairs, 4, Article 17.",
    "trio2017three": "Trio, C., Quattro, D., & Cinque, E. (2017). Three is a crowd. Crowds.",
    "hyphen2021pages": "Hyphen, H. (2021). Pages typed with one hyphen. Journal of Ranges, 3(2), 477–478.",
    # Whole book (10.2): edition after the title; a first edition is not mentioned; edited book.
    "author2019book": "Author, A., & Writer, W. (2019). Treating back pain: A guide (3rd ed.). Back Press. "
                      "https://doi.org/10.1000/book.3",
    "first2010edition": "First, F. (2010). A first edition. Press.",
    "volume2012edited": "Editor, E., & Other, O. (Eds.). (2012). Handbook of the alliance (2nd ed., Vol. 2). "
                        "Handbook House.",
    "edited2015volume": "Editor, E. (Ed.). (2015). Collected works.",
    # the publisher left out when it is the author (9.25); no place of publication in APA 7
    "medicine2007nlm": "National Library of Medicine (US). (2007). Citing medicine: The NLM style guide for "
                     "authors, editors, and publishers (2nd ed.). https://www.nlm.nih.gov/citingmedicine",
    # Chapter in an edited book (10.3): "In" the editors (initials first), the book in italics, pages.
    "chapter2016part": "Chapter, C. (2016). The alliance in practice: What works. In E. Editor, O. Other, & "
                       "T. Third (Eds.), Handbook of the alliance (2nd ed., pp. 45–67). Handbook House.",
    "solo2017chapter": "Solo, S. (2017). A chapter. In E. Editor (Ed.), One editor's book (p. 9). Press.",
    "talk2015paper": "Talker, T. (2015). A paper read at a meeting. In Proceedings of the back pain forum "
                     "(pp. 1–8).",
    # Report (10.4): the number after the title; the publisher left out when it is the author.
    "guide2016report": "National Institute for Health and Care Excellence. (2016). Low back pain and "
                       "sciatica in over 16s: Assessment and management (NICE Guideline No. NG59).",
    "tech2014numbered": "Tech, T. (2014). A technical report (Report No. 12). Institute of Backs. "
                        "https://example.org/report-12",
    "fact2020sheet": "Back Charity. (2020). Back pain facts [Fact sheet].",
    # Thesis (10.6): unpublished, and published in a repository.
    "doctor2011thesis": "Doctor, D. (2011). An unpublished dissertation [Unpublished doctoral dissertation]. "
                        "University of Backs.",
    "master2013thesis": "Master, M. (2013). A thesis in a repository [Master's thesis, University of Backs]. "
                        "https://example.org/thesis",
    # Webpages and other works (10.14-10.16): site name unless it is the author; retrieval date if undated.
    "page2022web": "Webber, W. (2022). What to do about back pain. Back Pain Society. https://example.org/back-pain",
    "undated2023web": "Back Pain Society. (n.d.). Exercise and the back. Retrieved May 4, 2023, from "
                      "https://example.org/exercise",
    "group2020misc": "Back Pain Society. (2020). Posters for clinics. https://example.org/posters",
    "blog2018post": "Blogger, K. (2018). The post about things [Blog post].",
    "blogger2018thesis": "Blogger, K. (n.d.). An unpublished thesis [Unpublished MSc research].",
}


@pytest.mark.parametrize(("key", "reference"), REFERENCES.items(), ids=list(REFERENCES))
def test_reference_text(golden: Library, key: str, reference: str) -> None:
    assert golden.formatted(key).reference_text == reference


@pytest.mark.parametrize(
    ("key", "italic"),
    [
        ("solo2020single", ["Spine Journal", "12"]),
        ("blog2018post", ["The post about things"]),
        ("author2019book", ["Treating back pain: A guide"]),
        ("chapter2016part", ["Handbook of the alliance"]),  # the book, not the chapter
        ("guide2016report", ["Low back pain and sciatica in over 16s: Assessment and management"]),
        ("master2013thesis", ["A thesis in a repository"]),
    ],
)
def test_what_is_in_italics(golden: Library, key: str, italic: list[str]) -> None:
    assert [s.text for s in golden.formatted(key).reference if s.italic] == italic


def test_links_are_the_doi_else_the_url(golden: Library) -> None:
    def hrefs(key: str) -> list[str]:
        return [s.href for s in golden.formatted(key).reference if s.href]

    assert hrefs("solo2020single") == ["https://doi.org/10.1000/xyz.1"]
    assert hrefs("page2022web") == ["https://example.org/back-pain"]
    assert hrefs("trio2017three") == []


def test_the_note_field_is_never_printed(golden: Library) -> None:
    for key, work in golden.works.items():
        if note := work.get("note"):
            assert note not in golden.formatted(key).reference_text, key


@pytest.mark.parametrize(
    ("key", "label", "narrative"),
    [
        ("solo2020single", "Solo, 2020", "Solo (2020)"),
        ("duo2019pair", "Duo & Müller, 2019", "Duo and Müller (2019)"),
        ("trio2017three", "Trio et al., 2017", "Trio et al. (2017)"),
        ("blogger2018thesis", "Blogger, n.d.", "Blogger (n.d.)"),
        ("edited2015volume", "Editor, 2015", "Editor (2015)"),
        ("guide2016report", "National Institute for Health and Care Excellence, 2016",
         "National Institute for Health and Care Excellence (2016)"),
    ],
)
def test_in_text_forms(golden: Library, key: str, label: str, narrative: str) -> None:
    formatted = golden.formatted(key)
    assert (formatted.label, formatted.narrative) == (label, narrative)


def test_apa_order_no_date_first_then_alphabetical(golden: Library) -> None:
    order = golden.ordered_keys
    assert order.index("blogger2018thesis") < order.index("blog2018post")  # n.d. before 2018 (9.47)
    assert order.index("undated2023web") < order.index("group2020misc")
    assert order[:3] == ["acronym2019title", "author2019book", "fact2020sheet"]
    assert order.index("doctor2011thesis") < order.index("duo2019pair")  # letter by letter (9.44)
    assert [golden.formatted(k).order for k in order] == list(range(len(order)))


def test_same_authors_same_year_get_letters_by_title(same: Library) -> None:
    dates = {key: same.formatted(key).date for key in same.works if key.startswith("same")}
    assert dates == {
        "same2018alpha": "2018a",  # "The Alpha ...": leading article ignored
        "same2018middle": "2018b",  # "A Middle ..."
        "same2018zeta": "2018c",
        "same2018other": "2018",  # other authors
        "same2019later": "2019",
    }
    same_keys = [key for key in same.ordered_keys if key.startswith("same")]
    assert same_keys == ["same2018alpha", "same2018middle", "same2018zeta", "same2019later", "same2018other"]
    assert same.formatted("same2018zeta").reference_text.startswith("Same, S. (2018c). ")


def test_letters_after_no_date_use_a_hyphen() -> None:
    assert labels.dated("n.d.", "a") == "n.d.-a"
    assert labels.dated("2018", "b") == "2018b"
    assert [labels.letter_label(i) for i in (0, 1, 25, 26)] == ["a", "b", "z", "aa"]


def test_many_authors_apa_ellipsis() -> None:
    many = tuple(Name(f"S{i:02d}", "A.") for i in range(1, 23))
    text = names.apa_reference_list(many)
    assert text.startswith("S01, A., S02, A.,")
    assert ", S19, A., . . . S22, A." in text
    assert "S20" not in text


def test_others_becomes_et_al() -> None:
    assert names.apa_reference_list((Name("Miciak", "M."), Name("", others=True))) == "Miciak, M., et al."


def test_sentence_case_keeps_protected_words_and_capitalises_after_colon_and_dash() -> None:
    pieces = (TitlePiece("Comparison Of Care ("), TitlePiece("STarT Back", True), TitlePiece("): A Trial"))
    assert sentence_case(pieces) == "Comparison of care (STarT Back): A trial"
    dashed = TitlePiece("Pain \u2014 The Whole Story? Yes")
    assert sentence_case((dashed,)) == "Pain \u2014 The whole story? Yes"


def test_words_sentence_case_would_spoil_are_warned_about_by_entry_and_word(golden: Library) -> None:
    assert spoiled_words((TitlePiece("MRI in the UK: STarT Back and mHealth, A Trial"),)) == [
        "MRI", "UK", "STarT", "mHealth"]
    assert spoiled_words((TitlePiece("The Alliance: A Trial in Low Back Pain"),)) == []
    assert spoiled_words((TitlePiece("MRI", protected=True),)) == []
    (warning,) = golden.warnings  # golden.bib: only acronym2019title leaves capitals unbraced
    lines = (DATA / "golden.bib").read_text(encoding="utf-8").splitlines()
    line = lines.index("@article{acronym2019title,") + 1
    assert warning.startswith(f"golden.bib:{line}: entry 'acronym2019title': ")
    assert "'MRI', 'UK', 'STarT'" in warning and "{MRI}, {UK}, {STarT}" in warning
    assert "NHS" not in warning  # braced in the bib


def test_the_guide_bib_leaves_no_capitals_to_sentence_case() -> None:
    from tests.conftest import ROOT

    assert Library.load(ROOT / "references.bib").warnings == []


def test_project_bib_golden_references() -> None:
    from tests.conftest import ROOT

    library = Library.load(ROOT / "references.bib")
    assert library.formatted("traeger2019effect").reference_text.startswith(
        "Traeger, A. C., Lee, H., Hübscher, M., Skinner, I. W., Moseley, G. L., Nicholas, M. K., "
        "Henschke, N., Refshauge, K. M., Blyth, F. M., Main, C. J., Hush, J. M., Lo, S., & McAuley, J. H. "
        "(2019). Effect of intensive patient education vs placebo patient education on outcomes in "
        "patients with acute low back pain: A randomized clinical trial. JAMA Neurology, 76(2), 161–169. "
        "https://doi.org/10.1001/jamaneurol.2018.3376"
    )
    assert library.formatted("lakke2016working").label == "Lakke & Meerman, 2016"
    assert library.formatted("lakke2016working").narrative == "Lakke and Meerman (2016)"
    assert library.formatted("stenner2018matters").label == "Stenner et al., 2018"
    assert library.formatted("miciak2018necessary").label == "Miciak et al., 2018"
    assert library.formatted("macphail2018therapeutic").label == "Macphail, 2018a"
    assert library.formatted("macphail2018why").label == "Macphail, 2018b"
    assert library.formatted("macphail2018why").reference_text == (
        "Macphail, K. (2018b). The why, how and what, physiotherapist management of chronic low back "
        "pain patients with yellow flags [Unpublished MSc research]."
    )
    assert library.formatted("nice2016low").reference_text == (
        "National Institute for Health and Care Excellence. (2016). Low back pain and sciatica in over 16s: "
        "Assessment and management (NICE Guideline No. NG59)."
    )


def test_et_al_that_would_collide_names_more_authors(same: Library) -> None:
    keys = ("kapoor2017one", "kapoor2017two", "kapoor2017three")
    labels_ = {key: same.formatted(key).label for key in keys}
    assert labels_ == {
        "kapoor2017one": "Kapoor, Bloom, Montez, et al., 2017",
        "kapoor2017two": "Kapoor, Bloom, Zhang, et al., 2017",
        "kapoor2017three": "Kapoor, Bloom, & Zhang, 2017",
    }
    assert same.formatted("kapoor2017three").narrative == "Kapoor, Bloom, and Zhang (2017)"
    assert same.formatted("same2018alpha").label == "Same, 2018a"  # one author: unaffected
