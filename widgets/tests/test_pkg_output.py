"""The text and Markdown renderers: they lay out the view, every line of it, and add nothing."""

from __future__ import annotations

import re

from alliance.classify import classify
from alliance.output import escape_markdown, markdown, text
from alliance.plan import build_plan
from alliance.view import View, plan_view, result_view
from alliance_test_support import BY_LEVEL, answers


def lines_of(view: View) -> list[str]:
    def walk(lines):  # type: ignore[no-untyped-def]
        for line in lines:
            yield line
            yield from walk(line.lines)

    return [line.text for block in view.blocks for line in walk(block.lines)]


def views() -> list[View]:
    flagged = classify(answers(BY_LEVEL["autonomic-agency"], belief_protect="firmly", check_review="not-yet"))
    plan = build_plan({"level": "seeking-support", "session_number": 2, "bad_experiences": ["needling"],
                       "expectations": ["hands-on"], "weakest_steps": ["adapt"]})
    return [result_view(flagged), result_view(classify(BY_LEVEL["non-encounter"])), plan_view(plan)]


def test_text_holds_every_line_heading_and_reference_in_the_views_order() -> None:
    for view in views():
        rendered = text(view)
        assert rendered.startswith(f"{view.title}\n{'=' * len(view.title)}\n")
        position = 0
        for line in lines_of(view):  # each line, after the one before
            position = rendered.index(line, position) + len(line)
        for block in view.blocks:
            assert not block.heading or f"{block.heading}\n{'-' * len(block.heading)}" in rendered
        assert view.footer in rendered
        assert rendered.rstrip().endswith(view.references[-1].text)
        assert "[@" not in rendered


def test_markdown_alone_cites_by_label_and_ends_with_its_references() -> None:
    for view in views():
        rendered = markdown(view)
        assert rendered.startswith(f"## {escape_markdown(view.title)}")
        assert "[@" not in rendered and "@" not in rendered
        for line in lines_of(view):
            assert escape_markdown(line) in rendered
        assert "### References" in rendered
        listed = rendered.split("### References\n\n")[1].splitlines()
        assert len(listed) == len(view.references)
        for line, reference in zip(listed, view.references, strict=True):
            shown = line.removeprefix("- ").replace("*", "").replace("<https:", "https:").replace(">", "")
            assert shown == escape_markdown(reference.text).replace("&gt;", "")  # the text, marked up
        labels = [segment.text for block in view.blocks for line in block.lines for segment in line.cite]
        assert all(escape_markdown(label) in rendered for label in labels)


def test_markdown_for_the_site_cites_as_pandoc_and_leaves_the_references_to_the_page() -> None:
    view = views()[0]
    drawn: list[tuple[str, tuple[str, ...]]] = []
    rendered = markdown(view, heading_level=3, citations="pandoc", block_class="case__{id}",
                        figure=lambda name, ids: drawn.append((name, ids)) or f"<figure {name}>")
    assert rendered.startswith("### ") and "#### Flags" in rendered
    keys = set(re.findall(r"@([a-z0-9]+)", rendered))
    assert keys == {reference.key for reference in view.references}
    assert "References" not in rendered
    assert ("levels_figure", ("autonomic-agency",)) in drawn and "<figure levels_figure>" in rendered
    assert "{: .case__stage }" in rendered and "{: .case__disclaimer }" in rendered


def test_free_text_is_inert_in_markdown() -> None:
    typed = "<img src=x onerror=alert(1)> [link](x) @fuentes2014enhanced *bold*"
    plan = build_plan({"level": "seeking-support", "session_number": 1, "other_bad_experience": typed})
    rendered = markdown(plan_view(plan))
    assert "<img" not in rendered and "&lt;img" in rendered
    assert "\\[link\\]" in rendered and "\\*bold\\*" in rendered
    assert "@fuentes2014enhanced" not in rendered
    assert escape_markdown("a*b_c") == "a\\*b\\_c"
    assert typed in text(plan_view(plan))


def test_the_markdown_reference_list_keeps_italics_links_and_ampersands() -> None:
    """Journal and volume (or a book's title) in italics, the DOI a link, '&' as it is; the plain text
    keeps none of the marks. (tests/unit/test_tools_citations.py renders it with Python-Markdown.)"""
    view = views()[0]
    rendered = markdown(view)
    assert ("- Ferreira, P. H., Ferreira, M. L., Maher, C. G., Refshauge, K. M., Latimer, J., & Adams, "
            "R. D. (2013). The therapeutic alliance between clinicians and patients predicts outcome in "
            "chronic low back pain. *Physical Therapy*, *93*(4), 470–478. "
            "<https://doi.org/10.2522/ptj.20120137>") in rendered
    assert "- Macphail, K. (2018a). *The therapeutic alliance and low back pain* \\[Blog post\\]." in rendered
    assert "&amp;" not in rendered
    plain = text(view)
    assert "*" not in plain and "<https" not in plain and "&amp;" not in plain
    assert "Physical Therapy, 93(4), 470–478. https://doi.org/10.2522/ptj.20120137" in plain


def test_an_ampersand_is_escaped_only_where_it_would_make_an_entity() -> None:
    assert escape_markdown("Lakke & Meerman; R&D") == "Lakke & Meerman; R&D"
    assert escape_markdown("&copy; &#169;") == "&amp;copy; &amp;\\#169;"  # shown as typed, never as ©
