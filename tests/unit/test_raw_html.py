"""Kept HTML (macros/raw_html.py) through real Python-Markdown, without MkDocs."""

from __future__ import annotations

from collections.abc import Iterator

import markdown
import pytest

from macros import raw_html

FIGURE = '<figure id="fig-x"><svg><text>*not emphasis*</text></svg><figcaption>C</figcaption></figure>'
LINK = '<a class="citation" href="#ref-a" title="A (2014)">A, 2014</a>'


@pytest.fixture(autouse=True)
def fresh_store() -> Iterator[None]:
    raw_html.kept.clear()
    raw_html.kept.start_page()
    yield
    raw_html.kept.clear()


def convert(text: str) -> str:
    md = markdown.Markdown(extensions=[raw_html.KeptHtmlExtension(), "pymdownx.superfences", "md_in_html"])
    return md.convert(text)


def test_inline_html_comes_back_exactly_and_markdown_around_it_still_works() -> None:
    html = convert(f"Some *text* {raw_html.keep(LINK)} and more.")
    assert html == f"<p>Some <em>text</em> {LINK} and more.</p>"


def test_a_block_alone_on_its_line_is_not_wrapped_in_a_paragraph_even_right_after_text() -> None:
    html = convert(f"A line right before it:\n{raw_html.keep(FIGURE)}\nAfter.")
    assert FIGURE in html
    assert "<p>A line right before it:</p>" in html and "<p>After.</p>" in html
    assert "<p><figure" not in html and "<em>" not in html  # Markdown never read inside it


def test_in_fenced_code_the_html_shows_as_text() -> None:
    html = convert(f"```text\n{raw_html.keep(FIGURE)}\n```")
    assert '<code>&lt;figure id="fig-x"&gt;&lt;svg&gt;' in html
    assert "<figure" not in html


def test_an_unknown_token_is_a_clear_error() -> None:
    token = raw_html.keep("<b>x</b>")
    assert raw_html.TOKEN.fullmatch(token)
    with pytest.raises(ValueError, match="token 7 is unknown"):
        raw_html.kept.get(7)


def test_a_new_page_drops_the_html_kept_for_the_one_before() -> None:
    first = raw_html.keep(LINK)
    assert convert(f"Cited {first}.") == f"<p>Cited {LINK}.</p>"
    raw_html.kept.start_page()
    second = raw_html.keep(FIGURE)
    assert second != first  # numbering goes on across pages
    assert FIGURE in convert(second)
    with pytest.raises(ValueError, match="unknown on this page"):
        convert(f"Cited {first}.")
