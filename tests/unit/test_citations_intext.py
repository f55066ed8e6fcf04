"""The in-text rule every output shares (macros/citations/intext.py): APA order, same authors merged."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from macros.citations import intext
from macros.citations.intext import Cite, author_runs, locator_text, number_runs, parenthetical_text


def cite(key: str, authors: str, date: str, order: int, **extra: object) -> Cite:
    return Cite(key, authors, date, order, **extra)  # type: ignore[arg-type]


MACPHAIL_A = cite("a", "Macphail", "2018a", 5)
MACPHAIL_B = cite("b", "Macphail", "2018b", 6)
STENNER = cite("s", "Stenner et al.", "2018", 9)
FUENTES = cite("f", "Fuentes et al.", "2014", 2)


def test_apa_order_and_same_authors_merged() -> None:
    assert parenthetical_text([STENNER, MACPHAIL_B, FUENTES, MACPHAIL_A]) == (
        "(Fuentes et al., 2014; Macphail, 2018a, 2018b; Stenner et al., 2018)")


def test_a_prefix_written_first_stays_in_front_and_later_prefixes_travel() -> None:
    seen = [cite("s", "Stenner et al.", "2018", 9, prefix="see"), FUENTES]
    assert parenthetical_text(seen) == "(see Fuentes et al., 2014; Stenner et al., 2018)"
    also = [FUENTES, cite("s", "Stenner et al.", "2018", 9, prefix="also")]
    assert parenthetical_text(also) == "(Fuentes et al., 2014; also Stenner et al., 2018)"


def test_a_locator_ends_a_run_and_is_written_as_apa_wants() -> None:
    located = cite("a", "Macphail", "2018a", 5, locator="p. 3--5")
    assert parenthetical_text([located, MACPHAIL_B]) == "(Macphail, 2018a, pp. 3–5; Macphail, 2018b)"
    assert parenthetical_text([MACPHAIL_A, cite("b", "Macphail", "2018b", 6, locator="p. 2")]) == (
        "(Macphail, 2018a, 2018b, p. 2)")


def test_suppressed_author() -> None:
    assert parenthetical_text([cite("f", "Fuentes et al.", "2014", 2, suppress_author=True)]) == "(2014)"


def test_locators() -> None:
    assert locator_text("p. 3--5") == "pp. 3–5"
    assert locator_text("pp. 477-478") == "pp. 477–478"
    assert locator_text("p.  3 - 5") == "pp. 3–5"
    assert locator_text("p. 5") == "p. 5"
    assert locator_text("chap. 2") == "chap. 2"
    assert locator_text("para. well-being") == "para. well-being"  # a hyphen between words stays
    assert locator_text("pp. e12--e19") == "pp. e12–e19"


def test_number_runs_collapse_three_or_more() -> None:
    assert number_runs([5, 1, 3, 4, 2, 9, 10, 12]) == [(1, 5), (9, 9), (10, 10), (12, 12)]
    assert number_runs([2, 2]) == [(2, 2)]


@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C & D"]), st.integers(0, 30), st.booleans()),
                min_size=1, max_size=8, unique_by=lambda t: t[1]))
def test_runs_keep_every_work_once_in_reference_list_order(specs: list[tuple[str, int, bool]]) -> None:
    cites = [cite(f"k{order}", authors, str(2000 + order), order, locator="p. 1" if located else "")
             for authors, order, located in specs]
    runs = author_runs(cites)
    flat = [c for run in runs for c in run.cites]
    assert sorted(c.key for c in flat) == sorted(c.key for c in cites)
    assert [c.order for c in flat] == sorted(c.order for c in cites)
    for run in runs:
        assert {c.authors for c in run.cites} == {run.authors}
        assert not any(c.locator for c in run.cites[:-1])  # a locator always ends its run
    for first, second in itertools.pairwise(runs):
        assert first.authors != second.authors or first.cites[-1].locator


def test_the_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(intext.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    assert imported <= {"__future__", "re", "collections", "dataclasses"}
    assert not any(isinstance(node, ast.ImportFrom) and node.level for node in ast.walk(tree))
