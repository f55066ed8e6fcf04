"""The stash (evidence/pages/stash.py, stash_markdown.py): kept HTML through real Python-Markdown as
tokens, into the page after it, around search as the plugin runs it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from evidence.errors import StashError
from evidence.pages.stash import TOKEN, Stash
from evidence.pages.stash_markdown import StashExtension
from evidence.plugin import EvidencePlugin

from tests.unit.citation_pages import KitEnv

FIGURE = '<figure id="fig-x"><svg><text>*not emphasis*</text></svg><figcaption>C</figcaption></figure>'
LINK = '<a class="citation" href="#ref-a">A, 2014</a>'


@pytest.fixture
def kept() -> Iterator[Stash]:
    """A build's stash, on its first page."""
    stash = Stash()
    stash.start_page()
    yield stash


def convert(kept: Stash, text: str) -> str:
    """Markdown as MkDocs converts it; the page's HTML as the theme gets it."""
    md = markdown.Markdown(extensions=[StashExtension(kept), "pymdownx.superfences", "md_in_html",
                                       "toc", "attr_list"])
    return kept.page.expand(md.convert(text))


def test_markdown_never_sees_the_html_only_a_token(kept: Stash) -> None:
    md = markdown.Markdown(extensions=[StashExtension(kept)])
    token = kept.keep(FIGURE)
    converted = md.convert(f"Some *text*.\n\n{token}\n")
    assert "<figure" not in converted and token in converted  # search reads it in its light form first


def test_inline_html_comes_back_exactly_and_markdown_around_it_still_works(kept: Stash) -> None:
    html = convert(kept, f"Some *text* {kept.keep(LINK)} and more.")
    assert html == f"<p>Some <em>text</em> {LINK} and more.</p>"


def test_a_block_alone_on_its_line_is_not_wrapped_in_a_paragraph_even_right_after_text(kept: Stash) -> None:
    html = convert(kept, f"A line right before it:\n{kept.keep(FIGURE)}\nAfter.")
    assert FIGURE in html
    assert "<p>A line right before it:</p>" in html and "<p>After.</p>" in html
    assert "<p><figure" not in html and "<em>" not in html  # Markdown never read inside it


def test_a_block_in_a_list_item_stays_in_it(kept: Stash) -> None:
    html = convert(kept, f"- item\n\n    {kept.keep(FIGURE)}\n")
    assert f"<li>\n<p>item</p>\n{FIGURE}\n</li>" in html


def test_in_fenced_code_the_html_shows_as_text(kept: Stash) -> None:
    html = convert(kept, f"```text\n{kept.keep(FIGURE)}\n```")
    assert '<code>&lt;figure id="fig-x"&gt;&lt;svg&gt;' in html
    assert "<figure" not in html


def test_in_a_heading_the_html_is_in_place_and_the_toc_reads_its_text(kept: Stash) -> None:
    md = markdown.Markdown(extensions=[StashExtension(kept), "toc"])
    html = kept.page.expand(md.convert(f"## Results {kept.keep(LINK)}\n\nText.\n"))
    assert html.startswith(f'<h2 id="results-a-2014">Results {LINK}</h2>')
    assert md.toc_tokens[0]["name"] == "Results A, 2014"  # type: ignore[attr-defined]


def test_in_an_attribute_a_token_becomes_the_text_alone(kept: Stash) -> None:
    html = convert(kept, f"![A picture {kept.keep(LINK)}](x.png)")
    assert 'alt="A picture A, 2014"' in html and "<a " not in html


def test_search_reads_a_light_form_and_the_page_gets_the_html(kept: Stash) -> None:
    figure = ('<figure class="evidence-figure" id="f"><svg><title>Drawing</title></svg>'
              "<figcaption>Caption</figcaption></figure>")
    page = kept.page
    content = f"<p>Text {kept.keep(LINK, search='A, 2014')}</p>\n<p>{kept.keep(figure)}</p>\n"
    reference_list = ('<h2 class="references-heading" id="references">References</h2>\n'
                      '<div class="references"><p class="reference" id="ref-a">A.</p></div>')
    content += f"<p>{kept.keep(reference_list, search='')}</p>"
    light = page.for_search(content)
    assert light.startswith("<p>Text A, 2014</p>\n<figure>") and "Caption" in light
    assert "Drawing" not in light and "References" not in light and 'id="ref-a"' not in light
    full = page.expand(content)
    assert LINK in full and "<svg><title>Drawing" in full and 'id="ref-a"' in full
    assert "<p><figure" not in full and "<p><h2" not in full


@pytest.fixture
def plugin(tmp_path: Path) -> EvidencePlugin:
    """The real plugin, configured by MkDocs for a project without a bibliography."""
    return KitEnv(tmp_path).plugin


def test_the_plugin_gives_search_the_light_form_then_the_page(
    plugin: EvidencePlugin, caplog: pytest.LogCaptureFixture
) -> None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"))
    build = plugin.build
    assert build is not None
    build.start_page("x.md")
    link = build.keep(LINK, search="A, 2014")
    build.current_page().html.check_links(LINK)
    page.content = f'<p data-search-exclude="1">Cited {link}.</p><p id="ref-a">A.</p>'
    before, after = plugin.on_page_context.methods  # type: ignore[attr-defined]
    before({}, page=page, config=None, nav=None)
    assert page.content == '<p data-search-exclude="1">Cited A, 2014.</p><p id="ref-a">A.</p>'
    after({}, page=page, config=None, nav=None)
    assert page.content == f'<p>Cited {LINK}.</p><p id="ref-a">A.</p>'  # as Material strips data-search-*
    assert before.mkdocs_priority > 0 > after.mkdocs_priority  # around Material's search (priority 0)
    assert build.page_html("x.md") is None  # the pieces are let go
    assert not caplog.records


def test_a_link_to_an_anchor_the_page_lacks_is_a_warning_naming_page_and_anchor(
    plugin: EvidencePlugin, caplog: pytest.LogCaptureFixture,
) -> None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri="evidence/x.md"))
    build = plugin.build
    assert build is not None
    build.start_page("evidence/x.md")
    broken = '<a class="citation" href="#ref-gone">Gone, 2020</a>'
    page.content = f"<p>{build.keep(broken)}</p>"
    build.current_page().html.check_links(broken)
    before, after = plugin.on_page_context.methods  # type: ignore[attr-defined]
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        before({}, page=page, config=None, nav=None)
        after({}, page=page, config=None, nav=None)
    assert [r.getMessage() for r in caplog.records] == [
        "Doc file 'evidence/x.md' links to '#ref-gone' (macro-generated HTML), but there is no such anchor "
        "on this page."]


def test_an_unknown_token_is_a_clear_error(kept: Stash) -> None:
    token = kept.keep("<b>x</b>")
    assert TOKEN.fullmatch(token)
    with pytest.raises(StashError, match="token 7 is unknown"):
        kept.page.get(7)


def test_a_new_page_drops_the_html_kept_for_the_one_before(kept: Stash) -> None:
    first = kept.keep(LINK)
    assert convert(kept, f"Cited {first}.") == f"<p>Cited {LINK}.</p>"
    kept.start_page()
    second = kept.keep(FIGURE)
    assert second != first  # numbering goes on across pages
    assert FIGURE in convert(kept, second)
    with pytest.raises(ValueError, match="unknown on this page"):
        convert(kept, f"Cited {first}.")


def test_a_heading_in_kept_html_joins_the_table_of_contents_under_the_last_higher_one(
    plugin: EvidencePlugin,
) -> None:
    from mkdocs.structure.toc import get_toc

    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"), content="<h1>T</h1>")
    page.toc = get_toc([{"level": 1, "id": "t", "name": "T", "html": "T", "data-toc-label": "",
                         "children": [{"level": 2, "id": "a", "name": "A", "html": "A", "data-toc-label": "",
                                       "children": []}]}])
    build = plugin.build
    assert build is not None
    build.start_page("x.md").html.toc_entries.append(("References", "references", 2))
    before, _ = plugin.on_page_context.methods  # type: ignore[attr-defined]
    before({}, page=page, config=None, nav=None)
    children = [(item.title, item.id) for item in page.toc.items[0].children]
    assert children == [("A", "a"), ("References", "references")]
