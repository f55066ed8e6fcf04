"""The tools cite as the pages do: APA order, same authors merged, labels from references.bib."""

from __future__ import annotations

from alliance import model
from alliance.bibliography import WORKS
from alliance.citations import in_list_order, parenthetical, reference_list


def words(keys: list[str]) -> str:
    return "".join(segment.text for segment in parenthetical(keys))


def test_works_by_the_same_authors_are_merged_in_list_order() -> None:
    keys = [model.MSC, model.STENNER, model.ARTICLE, model.HOLOPAINEN, model.MSC]
    assert words(keys) == "(Holopainen et al., 2018; Macphail, 2018a, 2018b; Stenner et al., 2018)"
    linked = [(segment.text, segment.key) for segment in parenthetical(keys) if segment.key]
    assert linked == [("Holopainen et al., 2018", model.HOLOPAINEN), ("Macphail, 2018a", model.ARTICLE),
                      ("2018b", model.MSC), ("Stenner et al., 2018", model.STENNER)]
    assert parenthetical([]) == ()


def test_order_is_the_reference_lists_not_the_order_written() -> None:
    for keys in ([model.TRAEGER, model.FERREIRA], [model.FERREIRA, model.TRAEGER]):
        assert in_list_order(keys) == [model.FERREIRA, model.TRAEGER]
    assert [key for key, _ in reference_list([model.STENNER, model.ARTICLE, model.STENNER])] == [
        model.ARTICLE, model.STENNER]


def test_the_package_holds_the_works_it_cites_and_no_others() -> None:
    assert set(WORKS) == model.SOURCES
    orders = [work.order for work in WORKS.values()]
    assert len(set(orders)) == len(orders)
    for key, work in WORKS.items():
        assert work.reference and work.authors and work.date[:4].isdigit()
        assert work.href.endswith(f"#ref-{key}")
