"""The in-text rule every output shares (evidence/citations/intext.py): APA order, same authors merged."""

from __future__ import annotations

import ast
import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from evidence.citations import intext
from evidence.citations.intext import (
    Cite,
    author_runs,
    locator_text,
    number_runs,
    parenthetical_text,
    prefix_groups,
)
from hypothesis import given
from hypothesis import strategies as st


def cite(key: str, authors: str, date: str, order: int, **extra: object) -> Cite:
    return Cite(key, authors, date, order, **extra)  # type: ignore[arg-type]


MACPHAIL_A = cite("a", "Macphail", "2018a", 5)
MACPHAIL_B = cite("b", "Macphail", "2018b", 6)
STENNER = cite("s", "Stenner et al.", "2018", 9)
FUENTES = cite("f", "Fuentes et al.", "2014", 2)


def test_apa_order_and_same_authors_merged() -> None:
    assert parenthetical_text([STENNER, MACPHAIL_B, FUENTES, MACPHAIL_A]) == (
        "(Fuentes et al., 2014; Macphail, 2018a, 2018b; Stenner et al., 2018)")


def test_a_prefix_written_first_stays_in_front_of_its_group() -> None:
    seen = [cite("s", "Stenner et al.", "2018", 9, prefix="see"), FUENTES]
    assert parenthetical_text(seen) == "(see Fuentes et al., 2014; Stenner et al., 2018)"
    also = [FUENTES, cite("s", "Stenner et al.", "2018", 9, prefix="also")]
    assert parenthetical_text(also) == "(Fuentes et al., 2014; also Stenner et al., 2018)"


FERREIRA = cite("ferreira", "Ferreira et al.", "2013", 2)
HALL = cite("hall", "Hall et al.", "2010", 5)
STENNER_14 = cite("stenner", "Stenner et al.", "2018", 14)


def test_a_prefix_on_a_later_work_starts_a_group_that_keeps_its_place() -> None:
    """APA 8.12: the works most relevant first, then 'see also' before the rest, each part in APA order."""
    written = [STENNER_14, replace(FERREIRA, prefix="see also"), HALL]
    assert parenthetical_text(written) == (
        "(Stenner et al., 2018; see also Ferreira et al., 2013; Hall et al., 2010)")
    reversed_group = [STENNER_14, replace(HALL, prefix="see also"), FERREIRA]  # sorted inside its group
    assert parenthetical_text(reversed_group) == parenthetical_text(written)
    both = [replace(HALL, prefix="e.g.,"), STENNER_14, replace(FERREIRA, prefix="but see")]
    assert parenthetical_text(both) == (
        "(e.g., Hall et al., 2010; Stenner et al., 2018; but see Ferreira et al., 2013)")


def test_same_authors_merge_only_inside_a_group() -> None:
    assert parenthetical_text([MACPHAIL_B, replace(MACPHAIL_A, prefix="see also")]) == (
        "(Macphail, 2018b; see also Macphail, 2018a)")
    assert parenthetical_text([MACPHAIL_B, MACPHAIL_A]) == "(Macphail, 2018a, 2018b)"


def test_prefix_groups_split_before_each_later_prefix() -> None:
    first_word = lambda text: text.split()[0] if " " in text else ""  # noqa: E731
    groups = prefix_groups(["see a", "b", "also c", "d", "e"], first_word)
    assert groups == [["see a", "b"], ["also c", "d", "e"]]
    assert prefix_groups([], str) == []


def test_a_locator_ends_a_run_and_is_written_as_apa_wants() -> None:
    located = cite("a", "Macphail", "2018a", 5, locator="p. 3--5")
    assert parenthetical_text([located, MACPHAIL_B]) == "(Macphail, 2018a, pp. 3–5; Macphail, 2018b)"
    assert parenthetical_text([MACPHAIL_A, cite("b", "Macphail", "2018b", 6, locator="p. 2")]) == (
        "(Macphail, 2018a, 2018b, p. 2)")


def test_suppressed_author() -> None:
    assert parenthetical_text([cite("f", "Fuentes et al.", "2014", 2, suppress_author=True)]) == "(2014)"


LOCATORS = [
    # pages: one is p., several or a range pp. (APA 8.13); a number without a label is a page
    ("p. 5", "p. 5"), ("p 5", "p. 5"), ("page 5", "p. 5"), ("pp. 5", "p. 5"), ("P. 5", "p. 5"),
    ("480", "p. 480"), ("477-478", "pp. 477–478"), ("477--478", "pp. 477–478"), ("e12", "p. e12"),
    ("p. 3--5", "pp. 3–5"), ("pp. 477-478", "pp. 477–478"), ("p.  3 - 5", "pp. 3–5"),
    ("pages 3-5", "pp. 3–5"),
    ("pp. e12--e19", "pp. e12–e19"), ("S2-S4", "pp. S2–S4"),
    # lists of pages
    ("33, 35", "pp. 33, 35"), ("p. 33, 35", "pp. 33, 35"), ("p. 33 and 35", "pp. 33 and 35"),
    ("pp. 33-35, 38", "pp. 33–35, 38"),
    # what follows a locator is kept as written
    ("p. 33, emphasis added", "p. 33, emphasis added"),
    ("480, emphasis in original", "p. 480, emphasis in original"),
    ("p. 33, 35, emphasis added", "pp. 33, 35, emphasis added"),
    # other parts of a work, in APA's words
    ("para. 4", "para. 4"), ("para 4", "para. 4"), ("\u00b6 4", "para. 4"), ("paras. 2-3", "paras. 2–3"),
    ("chap. 2", "Chapter 2"), ("ch. 2", "Chapter 2"), ("chapters 2-3", "Chapters 2–3"),
    ("sec. 1.2", "Section 1.2"), ("section 4", "Section 4"), ("\u00a7 3", "\u00a7 3"),
    ("fig. 3", "Figure 3"), ("Figures 2 and 3", "Figures 2 and 3"), ("table 2", "Table 2"),
    ("Table IV", "Table IV"),
    ("vol. 2", "Vol. 2"), ("ll. 4--6", "lines 4–6"), ("app. B", "Appendix B"), ("slide 12", "Slide 12"),
    ("chap. 2, p. 5", "Chapter 2, p. 5"), ("Discussion section, para. 1", "Discussion section, para. 1"),
    # time stamps (APA 8.28) and text that is not a locator
    ("2:12", "2:12"), ("1:02:03", "1:02:03"), ("1:02-1:05", "1:02–1:05"),
    ("para. well-being", "para. well-being"),  # a hyphen between words stays
    ("vi", "vi"), ("and elsewhere", "and elsewhere"), ("", ""),
]


@pytest.mark.parametrize(("written", "expected"), LOCATORS, ids=[w or "empty" for w, _ in LOCATORS])
def test_locators_as_apa_writes_them(written: str, expected: str) -> None:
    assert locator_text(written) == expected


@given(st.lists(st.integers(1, 999), min_size=1, max_size=3),
       st.sampled_from(["", "p. ", "pp. ", "page ", "pages "]),
       st.sampled_from(["", ", emphasis added", ", italics in original"]))
def test_a_page_locator_is_p_for_one_and_pp_for_more(pages: list[int], label: str, after: str) -> None:
    text = locator_text(label + ", ".join(map(str, pages)) + after)
    assert text == ("p. " if len(pages) == 1 else "pp. ") + ", ".join(map(str, pages)) + after


def test_number_runs_collapse_three_or_more() -> None:
    assert number_runs([5, 1, 3, 4, 2, 9, 10, 12]) == [(1, 5), (9, 9), (10, 10), (12, 12)]
    assert number_runs([2, 2]) == [(2, 2)]


@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C & D"]), st.integers(0, 30), st.booleans(),
                          st.sampled_from(["", "", "", "see also"])),
                min_size=1, max_size=8, unique_by=lambda t: t[1]))
def test_runs_keep_every_work_once_each_group_in_reference_list_order(
        specs: list[tuple[str, int, bool, str]]) -> None:
    cites = [cite(f"k{order}", authors, str(2000 + order), order, locator="p. 1" if located else "",
                  prefix=prefix) for authors, order, located, prefix in specs]
    runs = author_runs(cites)
    flat = [c for run in runs for c in run.cites]
    assert sorted(c.key for c in flat) == sorted(c.key for c in cites)
    groups = prefix_groups(cites, lambda c: c.prefix)
    expected = [c.order for group in groups for c in sorted(group, key=lambda c: c.order)]
    assert [c.order for c in flat] == expected  # the groups in the order written, each one sorted
    assert [run.prefix for run in runs if run.prefix] == [g[0].prefix for g in groups if g[0].prefix]
    for run in runs:
        assert {c.authors for c in run.cites} == {run.authors}
        assert not any(c.locator for c in run.cites[:-1])  # a locator always ends its run
    for first, second in itertools.pairwise(runs):
        assert first.authors != second.authors or first.cites[-1].locator or second.prefix


def test_the_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(intext.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    assert imported <= {"__future__", "re", "collections", "dataclasses", "typing"}
    assert not any(isinstance(node, ast.ImportFrom) and node.level for node in ast.walk(tree))
