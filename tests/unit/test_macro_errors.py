"""A macro's error stops the build as one line naming the file, after the page's macros have run."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from macros import cases, errors, figures, forms


class Page:
    class file:  # as mkdocs' Page has it
        src_path = "tools/x.md"


class Env:
    """The parts of mkdocs-macros' env the macros use."""

    def __init__(self) -> None:
        self.macros: dict[str, object] = {}
        self.variables: dict[str, object] = {}
        self.conf = {"docs_dir": "/somewhere/docs"}
        self.page = Page()

    def macro(self, function, name: str = ""):  # type: ignore[no-untyped-def]
        self.macros[name or function.__name__] = function
        return function


@pytest.fixture
def env() -> Env:
    made = Env()
    for module in (figures, forms, cases):
        module.define_env(made)
    errors.on_pre_page_macros(made)
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
def test_a_macro_error_is_raised_after_the_page_as_one_line_naming_the_page(env: Env, call, expected) -> None:  # type: ignore[no-untyped-def]
    assert call(env.macros) == ""  # the page goes on rendering ...
    with pytest.raises(errors.MacroError) as error:
        errors.on_post_page_macros(env)  # ... and the build stops once its macros have run
    assert isinstance(error.value, PluginError)
    message = str(error.value)
    assert message.startswith("docs/tools/x.md: ") and expected in message and "\n" not in message
    errors.on_post_page_macros(env)  # raised once: the next page starts clean


def test_a_page_without_errors_goes_through(env: Env) -> None:
    assert env.macros["cycle_figure"](highlight="review")
    errors.on_post_page_macros(env)


def test_without_the_hooks_a_macro_error_is_raised_at_once() -> None:
    bare = Env()
    figures.define_env(bare)
    with pytest.raises(figures.FigureError, match="unknown id 'dance'"):
        bare.macros["cycle_figure"](highlight="dance")
