"""Golden tests of the APA 7 style: references, in-text labels, order, a/b labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.citations import apa
from macros.citations.library import Library
from macros.citations.works import TitlePiece

DATA = Path(__file__).parent / "data" / "citations"


@pytest.fixture(scope="module")
def golden() -> Library:
    return Library.load(DATA / "golden.bib")


@pytest.fixture(scope="module")
def same() -> Library:
    return Library.load(DATA / "macphail.bib")


@pytest.mark.parametrize(
    ("key", "reference"),
    [
        ("solo2020single", "Solo, A. M. (2020). A MRI study of backs: Findings From two sites. "
                           "Spine Journal, 12(3), 10–20. https://doi.org/10.1000/xyz.1"),
        ("duo2019pair", "Duo, B., & Müller, J.-P. (2019). Pairs of authors. "
                        "Journal of Pairs, 4, Article 17."),
        ("trio2017three", "Trio, C., Quattro, D., & Cinque, E. (2017). Three is a crowd. Crowds."),
        ("blog2018post", "Blogger, K. (2018). The post about things [Blog post]."),
        ("blogger2018thesis", "Blogger, K. (n.d.). An unpublished thesis "
                              "[Unpublished MSc research]. In press."),
        ("edited2015volume", "Editor, E. (Ed.). (2015). Collected works."),
    ],
)
def test_reference_text(golden: Library, key: str, reference: str) -> None:
    assert golden.formatted(key).reference_text == reference


def test_reference_italics_and_links(golden: Library) -> None:
    spans = golden.formatted("solo2020single").reference
    assert [s.text for s in spans if s.italic] == ["Spine Journal", "12"]
    assert [s.href for s in spans if s.href] == ["https://doi.org/10.1000/xyz.1"]
    stand_alone = golden.formatted("blog2018post").reference
    assert [s.text for s in stand_alone if s.italic] == ["The post about things"]


@pytest.mark.parametrize(
    ("key", "label", "narrative"),
    [
        ("solo2020single", "Solo, 2020", "Solo (2020)"),
        ("duo2019pair", "Duo & Müller, 2019", "Duo and Müller (2019)"),
        ("trio2017three", "Trio et al., 2017", "Trio et al. (2017)"),
        ("blogger2018thesis", "Blogger, n.d.", "Blogger (n.d.)"),
        ("edited2015volume", "Editor, 2015", "Editor (2015)"),
    ],
)
def test_in_text_forms(golden: Library, key: str, label: str, narrative: str) -> None:
    formatted = golden.formatted(key)
    assert (formatted.label, formatted.narrative) == (label, narrative)


def test_apa_order_no_date_first_then_alphabetical(golden: Library) -> None:
    assert golden.ordered_keys == [
        "blogger2018thesis", "blog2018post", "duo2019pair", "edited2015volume", "solo2020single",
        "trio2017three",
    ]


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
    assert apa.dated("n.d.", "a") == "n.d.-a"
    assert apa.dated("2018", "b") == "2018b"


def test_many_authors_apa_ellipsis() -> None:
    from macros.citations.works import Name

    names = tuple(Name(f"S{i:02d}", "A.") for i in range(1, 23))
    text = apa.reference_authors(names)
    assert text.startswith("S01, A., S02, A.,")
    assert ", S19, A., . . . S22, A." in text
    assert "S20" not in text


def test_others_becomes_et_al() -> None:
    from macros.citations.works import Name

    assert apa.reference_authors((Name("Miciak", "M."), Name("", others=True))) == "Miciak, M., et al."


def test_sentence_case_keeps_protected_words() -> None:
    pieces = (TitlePiece("Comparison Of Care ("), TitlePiece("STarT Back", True), TitlePiece("): A Trial"))
    assert apa.sentence_case(pieces) == "Comparison of care (STarT Back): A trial"


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
        "pain patients with yellow flags [Unpublished MSc research]. Described by the author as in press."
    )


def test_et_al_that_would_collide_names_more_authors(same: Library) -> None:
    labels = {key: same.formatted(key).label for key in ("kapoor2017one", "kapoor2017two", "kapoor2017three")}
    assert labels == {
        "kapoor2017one": "Kapoor, Bloom, Montez, et al., 2017",
        "kapoor2017two": "Kapoor, Bloom, Zhang, et al., 2017",
        "kapoor2017three": "Kapoor, Bloom, & Zhang, 2017",
    }
    assert same.formatted("kapoor2017three").narrative == "Kapoor, Bloom, and Zhang (2017)"
    assert same.formatted("same2018alpha").label == "Same, 2018a"  # one author: unaffected
