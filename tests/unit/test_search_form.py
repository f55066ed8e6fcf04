"""What Material's search reads of kept HTML (evidence/pages/search_form.py; the plugin's steps that
swap it in and out are tested in test_stash.py)."""

from __future__ import annotations

import re

import pytest
from evidence.figures import chart, frame, spec
from evidence.pages import search_form
from material.plugins.search.plugin import Parser

from macros import figures

PAGE = (
    '<h1 id="t">T</h1><p>Text (<a class="citation" href="#ref-a">A, 2014</a>).</p>'
    '<figure class="evidence-figure" id="fig-x">'
    '<svg role="img"><title>Drawing</title><text>Label</text></svg>'
    "<figcaption>Caption</figcaption><details><summary>Text description</summary><p>Said in words</p>"
    "</details></figure>"
    '<h2 class="references-heading" id="references">References<a class="headerlink" href="#references">'
    '</a></h2>\n<div class="references">\n<p class="reference" id="ref-a">A. (2014). Work.</p>\n</div>'
)


def test_for_search_drops_drawings_and_the_page_reference_list_only() -> None:
    text = search_form.for_search(PAGE)
    assert "Drawing" not in text and "Label" not in text
    assert "References" not in text and "Work." not in text
    for kept in ("A, 2014", "Caption", "Said in words", "Text"):
        assert kept in text
    assert 'class="citation"' not in text and "title=" not in text.split("<figure")[0]
    bibliography = '<div class="references bibliography"><p class="reference">B. (2018).</p></div>'
    assert search_form.for_search(bibliography) == bibliography
    numbered = '<ol class="references numbered"><li class="reference" id="ref-a">A.</li></ol>'
    assert search_form.for_search(f"<p>x</p>{numbered}") == "<p>x</p>"


def _indexed(html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(section.title), "".join(section.text)) for section in parser.data]


def test_citation_links_reduced_to_their_text_leave_the_index_as_it_was() -> None:
    cited = (
        '<h2 id="s">S</h2><p>As <a class="citation" href="#ref-a" title="O&#x27;Brien, A. (2017). T.">'
        "O'Brien et al. (2017)</a> and <em>others</em> (<a class=\"citation\" href=\"#ref-b\" title=\"R.\">"
        'Rossi &amp; Costa, 2016</a>; <a class="citation" href="#ref-c" title="C.">C, 2020</a>) said.</p>'
        '<ul><li><a class="citation" href="#ref-a" title="x">A, 2014</a></li></ul>'
    )
    reduced = search_form.for_search(cited)
    assert "<a " not in reduced
    assert _indexed(reduced) == _indexed(cited)


def test_the_tags_search_keeps_are_materials() -> None:
    assert Parser().keep == search_form.KEPT_BY_SEARCH


def bar_chart() -> str:
    """The kit's bar chart (a ```figure block's), two series."""
    drawn = spec.from_mapping({"title": "T", "description": "D", "caption": "C [@a2014]", "unit": "cm",
                               "categories": ["One", "Two"],
                               "series": [{"name": "A", "values": [1, 2.5]},
                                          {"name": "B", "values": [3, -1]}]},
                              lambda path: path)
    return frame.instantiate(chart.chart_template(drawn), chart.base_id(drawn))


@pytest.mark.parametrize("figure", [figures.levels_figure, figures.pyramid_figure, figures.cycle_figure,
                                    figures.fuentes_chart, bar_chart], ids=lambda figure: figure.__name__)
@pytest.mark.parametrize("around", ["\n", "", " ", "\n\n"], ids=repr)
def test_a_figure_in_its_light_form_gives_search_the_same_text(figure, around: str) -> None:  # type: ignore[no-untyped-def]
    html = figure().replace("<figcaption>", f"{around}<figcaption>{around}")
    page = f'<h2 id="s">S</h2>\n<p>Before.</p>{around}{html}{around}<p>After.</p>{around}{html}'
    light = search_form.for_search(page)
    assert "<svg" not in light and "<strong>" not in light and "<figure>" in light
    assert _indexed(light) == _indexed(_without_drawings(page))


def _without_drawings(page: str) -> str:
    return re.sub(r"<svg\b.*?</svg>", "", page, flags=re.DOTALL)
