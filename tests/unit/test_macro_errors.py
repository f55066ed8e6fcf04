"""A macro's error stops the build as one line naming the file, after the page's macros have run."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence.api import MacroError
from mkdocs.exceptions import PluginError

from macros import cases, figures, forms
from tests.conftest import ROOT
from tests.unit.citation_pages import KitEnv, make_env


class Env:
    """The parts of mkdocs-macros' env the macros use, without the evidence plugin."""

    def __init__(self) -> None:
        self.macros: dict[str, object] = {}
        self.variables: dict[str, object] = {}
        self.conf = {"docs_dir": "/somewhere/docs"}

    def macro(self, function, name: str = ""):  # type: ignore[no-untyped-def]
        self.macros[name or function.__name__] = function
        return function


@pytest.fixture
def env(tmp_path: Path) -> KitEnv:
    """A site with the evidence plugin, the guide's bib and macros, on the page tools/x.md."""
    made = make_env(tmp_path, ROOT / "references.bib")
    for module in (figures, forms, cases):
        module.define_env(made)
    made.new_page("tools/x.md")
    made.build.start_page("tools/x.md")
    return made


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda macros: macros["cycle_figure"](highlight="dance"), "unknown id 'dance'"),
        (lambda macros: macros["fuentes_arm"]("x"), "unknown arm"),
        (lambda macros: macros["case_study"]("no-such-case"), "known cases: braced-back"),
    ],
    ids=["figure", "data", "case"],
)
def test_a_macro_error_is_raised_after_the_page_as_one_line_naming_the_page(  # type: ignore[no-untyped-def]
    env: KitEnv, call, expected
) -> None:
    assert call(env.macros) == ""  # the page goes on rendering ...
    with pytest.raises(MacroError) as error:
        env.build.finish_page("")  # ... and the build stops once its macros have run
    assert isinstance(error.value, PluginError)
    message = str(error.value)
    assert message.startswith("docs/tools/x.md: ") and expected in message and "\n" not in message
    env.build.start_page("tools/y.md")
    assert env.build.finish_page("") == ""  # raised once: the next page starts clean


def test_a_page_without_errors_goes_through(env: KitEnv) -> None:
    assert env.macros["cycle_figure"](highlight="review")
    env.build.finish_page("")


def test_without_the_hooks_a_macro_error_is_raised_at_once() -> None:
    bare = Env()
    figures.define_env(bare)
    with pytest.raises(figures.FigureError, match="unknown id 'dance'"):
        bare.macros["cycle_figure"](highlight="dance")
