"""Pandoc citation syntax and the macros, on pages run through the real hooks (APA 7)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from evidence.citations import bibcache
from evidence.citations.errors import CitationError
from evidence.citations.intext import Cite, parenthetical_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.citation_pages import HEADING, KitEnv, body, links, listed, make_env, render, visible


@pytest.fixture
def env(tmp_path: Path) -> KitEnv:
    return make_env(tmp_path)


def test_parenthetical_and_narrative(env: KitEnv) -> None:
    out = render(env, "A [@trio2017three]. @duo2019pair said so.\n")
    assert links(out) == [("trio2017three", "Trio et al., 2017"), ("duo2019pair", "Duo and Müller (2019)")]
    assert body(out).startswith('A (<a class="citation"')
    assert "</a>) ." not in out and "</a>)." in out


def test_several_keys_sorted_with_locator_and_prefix(env: KitEnv) -> None:
    out = render(env, "X [@trio2017three; @duo2019pair, p. 5] and [see @solo2020single, pp. 3--4].\n")
    assert visible(out) == "X (Duo & Müller, 2019, p. 5; Trio et al., 2017) and (see Solo, 2020, pp. 3–4)."


def test_group_prefix_stays_in_front_after_sorting(env: KitEnv) -> None:
    out = render(env, "[see @trio2017three; @duo2019pair, p. 5] [@trio2017three; also @duo2019pair]\n")
    assert visible(out) == (
        "(see Duo & Müller, 2019, p. 5; Trio et al., 2017) (Trio et al., 2017; also Duo & Müller, 2019)"
    )


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "(Stenner et al., 2018; see also Ferreira et al., 2013; Hall et al., 2010)"),
    ("vancouver", "[1; see also 2, 3]"),
])
def test_a_prefix_on_a_later_work_stays_with_that_work(tmp_path: Path, style: str, expected: str) -> None:
    from tests.conftest import ROOT

    env = make_env(tmp_path, ROOT / "references.bib", style)
    out = render(env, "[@stenner2018matters; see also @ferreira2013therapeutic; @hall2010influence]\n")
    assert visible(out) == expected
    assert [key for key, _ in links(out)] == [
        "stenner2018matters", "ferreira2013therapeutic", "hall2010influence"]


def test_suppress_author_and_narrative_locator(env: KitEnv) -> None:
    out = render(env, "Solo [-@solo2020single] and @trio2017three [p. 33] agree.")
    assert visible(out) == "Solo (2020) and Trio et al. (2017, p. 33) agree."


def test_macros_match_pandoc_forms(env: KitEnv) -> None:
    out = render(env, 'A {{ cite("trio2017three", "duo2019pair") }} B {{ citet("solo2020single", '
                      'locator="p. 4") }} C {{ cite("solo2020single", prefix="see", locator="p. 480") }} '
                      'D {{ citet("solo2020single", "duo2019pair") }}\n')
    assert visible(out) == (
        "A (Duo & Müller, 2019; Trio et al., 2017) B Solo (2020, p. 4) C (see Solo, 2020, p. 480) "
        "D Solo (2020) and Duo and Müller (2019)"
    )


# ---------------------------------------------------------------- groups over lines, before punctuation

GROUPS = [
    # (as written, as read): a group over a line break or before ':' was left half-read (issue 17)
    ("As shown [@trio2017three;\n    @duo2019pair]: both.",
     "As shown (Duo & Müller, 2019; Trio et al., 2017): both."),
    ("As shown [@trio2017three; @duo2019pair]: both.",
     "As shown (Duo & Müller, 2019; Trio et al., 2017): both."),
    ("See [@trio2017three;\n@duo2019pair], then more.",
     "See (Duo & Müller, 2019; Trio et al., 2017), then more."),
    ("- a list item [see\n  @trio2017three, p. 3]; next",
     "- a list item (see Trio et al., 2017, p. 3); next"),
    ("> quoted [@solo2020single]!", "> quoted (Solo, 2020)!"),
    ("| cell [@solo2020single] | @duo2019pair |", "| cell (Solo, 2020) | Duo and Müller (2019) |"),
    ("As @trio2017three\n[p. 33] found.", "As Trio et al. (2017, p. 33) found."),
    ("[@solo2020single]: a citation opening a sentence.", "(Solo, 2020): a citation opening a sentence."),
]


@pytest.mark.parametrize(("text", "expected"), GROUPS, ids=lambda v: repr(v)[:30])
def test_groups_over_line_breaks_and_before_punctuation(env: KitEnv, text: str, expected: str) -> None:
    out = render(env, text + "\n")
    assert visible(out) == expected
    assert "[@" not in out and "@trio" not in body(out) and "@solo" not in body(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    keys=st.lists(st.sampled_from(["solo2020single", "duo2019pair", "trio2017three", "blog2018post"]),
                  min_size=1, max_size=3, unique=True),
    gaps=st.lists(st.sampled_from([" ", "\n", "\n    ", "  ", " \n  "]), min_size=4, max_size=4),
    after=st.sampled_from(["", ".", ",", ":", ";", "!", "?", ")", " text", "\nnext line"]),
)
def test_a_group_is_read_whole_whatever_the_spacing_and_what_follows(
    env: KitEnv, keys: list[str], gaps: list[str], after: str
) -> None:
    inner = gaps[0] + (";" + gaps[1]).join(f"@{key}" for key in keys) + gaps[2].replace("\n", "")
    out = render(env, f"Text [{inner}]{after}\n")
    assert "[" not in body(out) and "@" not in body(out)
    assert sorted(key for key, _ in links(out)) == sorted(keys)
    library = env.build.library
    expected = parenthetical_text([Cite(k, library.formatted(k).authors, library.formatted(k).date,
                                        library.formatted(k).order) for k in keys])
    assert visible(out) == " ".join(f"Text {expected}{after}".split())


# ---------------------------------------------------------------- never half-read: read right, or fail


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("Intro.\n\nSee [see [Table 1] @trio2017three].\n", 3,
         "narrative citation @trio2017three stands inside"),
        ("Intro.\n\n[@trio2017three](https://example.org) is a link.\n", 3,
         "citation @trio2017three was not read"),
        ("Intro.\n\n[link text @solo2020single](https://example.org)\n", 3,
         "a citation cannot be a link's text"),
        ("Intro.\n\n[@duo2019pair]: https://example.org\n", 3, "citation @duo2019pair was not read"),
        ("Intro.\n\nA [@trio2017three;\n\n@duo2019pair] gap.\n", 3,
         "its closing ']' is missing, or after a blank line"),
        ("x\ny [@solo2020single; and more]\n", 2, "cannot read the citation [@solo2020single; and more]"),
    ],
    ids=["nested-brackets", "link", "link-text", "link-definition", "blank-line", "unreadable-part"],
)
def test_a_citation_not_read_fails_naming_page_and_line(
    env: KitEnv, text: str, line: int, fragment: str
) -> None:
    with pytest.raises(CitationError) as caught:
        render(env, text, "evidence/x.md")
    message = str(caught.value)
    assert f"docs/evidence/x.md, line {line}" in message, message
    assert fragment in message, message


def test_not_citations_email_handles_code_and_fences(env: KitEnv) -> None:
    text = (
        "Write to name@example.org or @kieran, see `[@solo2020single]` and ``@trio2017three``.\n\n"
        "```markdown\n[@solo2020single] @trio2017three\n```\n\n"
        "~~~\n[@nosuchkey2020x]\n~~~\n\n"
        "[a link](https://example.org) <span data-x=\"@trio2017three\">x</span> [thanks @kieran]\n"
        "[mail kim@example.org] <!-- [@solo2020single] -->\n"
    )
    out = render(env, text)
    assert out == text  # nothing read, nothing added
    assert "References" not in out


def test_same_author_works_are_merged(tmp_path: Path) -> None:
    out = render(make_env(tmp_path, "macphail.bib"), "[@same2018zeta; @same2018alpha; @same2018other]\n")
    assert visible(out) == "(Same, 2018a, 2018c; Same & Else, 2018)"


def test_letters_are_the_same_on_every_page(tmp_path: Path) -> None:
    env = make_env(tmp_path, "macphail.bib")
    only_zeta = render(env, "[@same2018zeta]\n", "one.md")
    both = render(env, "[@same2018alpha] [@same2018zeta]\n", "two.md")
    assert links(only_zeta) == [("same2018zeta", "Same, 2018c")]
    assert links(both) == [("same2018alpha", "Same, 2018a"), ("same2018zeta", "Same, 2018c")]


def test_reference_list_lists_cited_works_in_apa_order(env: KitEnv) -> None:
    out = render(env, "[@trio2017three] [@duo2019pair] [@trio2017three]\n")
    assert listed(out) == ["duo2019pair", "trio2017three"]
    section = out.split(HEADING)[1]
    assert section.startswith(' id="references">References</h2>')  # no permalink: none configured
    for target, _ in links(out):
        assert f'id="ref-{target}"' in section
    assert "<em>Journal of Pairs</em>, <em>4</em>, Article 17." in section


def test_page_citing_nothing_gets_no_reference_section(env: KitEnv) -> None:
    render(env, "[@trio2017three]\n", "cites.md")
    assert render(env, "Plain text, no citations.\n", "plain.md") == "Plain text, no citations.\n"


def test_bibliography_page_has_no_second_list(env: KitEnv) -> None:
    out = render(env, "# References\n\n[@solo2020single]\n\n{{ bibliography() }}\n", "references.md")
    assert HEADING not in out
    assert out.count('id="ref-solo2020single"') == 1
    assert 'href="https://doi.org/10.1000/xyz.1"' in out
    assert "@article{solo2020single," in out  # the BibTeX, to copy


def test_unknown_key_in_brackets_names_page_line_and_suggestion(env: KitEnv) -> None:
    with pytest.raises(CitationError) as caught:
        render(env, "Line one.\n\nSee [@trio2017three;\n@solo2020singel].\n", "evidence/x.md")
    message = str(caught.value)
    assert "docs/evidence/x.md, line 4" in message
    assert "unknown citation key 'solo2020singel'" in message
    assert "Did you mean: solo2020single?" in message


def test_unknown_narrative_key_is_an_error_only_if_it_looks_like_a_key(env: KitEnv) -> None:
    assert render(env, "Thanks @kieran and @team.\n") == "Thanks @kieran and @team.\n"
    with pytest.raises(CitationError, match=r"line 2: unknown citation key 'trio2071three'.*trio2017three"):
        render(env, "\n@trio2071three found\n", "y.md")
    with pytest.raises(CitationError, match=r"unknown citation key 'trio2017'.*trio2017three"):
        render(env, "As @trio2017 found\n", "z.md")


def test_unknown_key_in_macro_names_page_and_line(env: KitEnv) -> None:
    expected = r"docs/m.md, line 3: unknown citation key 'duo2019'.*duo2019pair"
    with pytest.raises(CitationError, match=expected):
        render(env, "a\nb\nc {{ cite(\"duo2019\") }}\n", "m.md")


def test_locator_with_several_keys_in_macro_is_refused(env: KitEnv) -> None:
    with pytest.raises(CitationError, match="several keys cannot take a locator"):
        env.page = SimpleNamespace(file=SimpleNamespace(src_path="page.md", src_uri="page.md"))
        env.macros["cite"]("solo2020single", "trio2017three", locator="p. 1")


def test_bib_is_parsed_once_and_again_only_when_changed(
    env: KitEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = bibcache.load

    def counting(path: Path, cache_dir: Path | None) -> Any:
        calls.append(path)
        return real(path, cache_dir)

    monkeypatch.setattr("evidence.citations.library.load_bib", counting)
    bib = Path(env.project_dir) / "references.bib"
    os.utime(bib, (1_000_000, 1_000_000))
    for index in range(5):
        render(env, "[@solo2020single]\n", f"p{index}.md")
    assert len(calls) == 1
    for index in range(3):
        render(env, "[@solo2020single]\n", f"q{index}.md")
    assert len(calls) == 1
    bib.write_text(bib.read_text(encoding="utf-8").replace("Spine Journal", "Back Journal"), encoding="utf-8")
    os.utime(bib, (2_000_000, 2_000_000))
    out = render(env, "[@solo2020single]\n")
    assert len(calls) == 2
    assert "<em>Back Journal</em>" in out


def test_narrative_key_ends_before_punctuation_and_tags(env: KitEnv) -> None:
    out = render(env, "As found by @trio2017three. And @duo2019pair<br>, @solo2020single: yes\n")
    assert [key for key, _ in links(out)] == ["trio2017three", "duo2019pair", "solo2020single"]
    assert visible(out) == "As found by Trio et al. (2017). And Duo and Müller (2019), Solo (2020): yes"


def test_citations_in_kept_html_are_linked_and_listed(env: KitEnv) -> None:
    figure = "<figure><figcaption>From [@trio2017three].</figcaption></figure>"
    env.macros["drawing"] = lambda: env.build.keep(figure)
    out = render(env, "Text [@solo2020single].\n\n{{ drawing() }}\n")
    linked = '<a class="citation" href="#ref-trio2017three">Trio et al., 2017</a>'
    assert f"<figcaption>From ({linked}).</figcaption>" in out
    assert listed(out) == ["solo2020single", "trio2017three"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_characters="@", blacklist_categories=("Cs",))))
def test_text_without_at_sign_is_never_changed(env: KitEnv, text: str) -> None:
    from evidence.citations.pandoc import CitationScanner

    cited: set[str] = set()
    scanner = CitationScanner(env.build.library, cited, lambda needle: "page.md",
                              lambda items, narrative: "CITED")
    assert scanner.replace(text) == text
    assert not cited


LOCATED = ("A [@trio2017three, 480], B [@solo2020single, 477-478], C @trio2017three [p. 33, emphasis added], "
           "D [@duo2019pair, 33, 35; @solo2020single, chap. 2], E [see @trio2017three, 2:12].\n")


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "A (Trio et al., 2017, p. 480), B (Solo, 2020, pp. 477–478), C Trio et al. (2017, p. 33, "
            "emphasis added), D (Duo & Müller, 2019, pp. 33, 35; Solo, 2020, Chapter 2), E (see Trio et al., "
            "2017, 2:12)."),
    ("vancouver", "A [1, p. 480], B [2, pp. 477–478], C Trio et al. [1, p. 33, emphasis added], "
                  "D [2, Chapter 2; 3, pp. 33, 35], E [see 1, 2:12]."),
])
def test_locators_are_written_as_apa_wants_in_every_syntax(tmp_path: Path, style: str, expected: str) -> None:
    assert visible(render(make_env(tmp_path, style=style), LOCATED)) == expected


# ---------------------------------------------------------------- '@' that is not a citation

NOT_CITATIONS = [
    "[link](https://example.org/@trio2017three)",
    "[link](https://example.org/@nosuchkey2020)",
    "[wiki](https://example.org/wiki/A_(b)/@trio2017three)",
    "[spaced](<https://example.org/a b/@trio2017three>)",
    '[titled](https://example.org/@trio2017three "A title") and [mail](mailto:@trio2017three)',
    "![a figure](img/@trio2017three.png)",
    "<https://example.org/@trio2017three> and <https://example.org/@nosuchkey2020>",
    "A [reference link][ref] and [ref].\n\n[ref]: https://example.org/@trio2017three \"Title\"",
    "[ref]: <https://example.org/@nosuchkey2020>",
    '<a\n  href="https://example.org/@trio2017three"\n  title="@nosuchkey2020">a tag over three lines</a>',
    "See https://example.org/@trio2017three or https://example.org/?user=@trio2017three.",
]


@pytest.mark.parametrize("text", NOT_CITATIONS, ids=lambda text: text[:30])
def test_an_at_in_a_url_a_link_definition_or_a_tag_is_never_a_citation(env: KitEnv, text: str) -> None:
    assert render(env, text + "\n") == text + "\n"


def test_a_backslash_makes_an_at_or_a_bracket_literal(env: KitEnv) -> None:
    out = render(env, "Write \\@trio2017three for the key; \\[@trio2017three] and \\[\\@trio2017three].\n")
    assert body(out).startswith("Write &#64;trio2017three for the key; \\[")
    assert visible(out) == "Write @trio2017three for the key; \\[Trio et al. (2017)] and \\[@trio2017three]."
    assert links(out) == [("trio2017three", "Trio et al. (2017)")]  # \[ is a bracket, not a citation's


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("Cited [@trio2017three].\n\nThen [@trio2017three](https://example.org).\n", 3,
         "the citation @trio2017three was not read"),
        ("As @trio2017three says.\n\nSee [see [Table 1] @trio2017three].\n", 3,
         "narrative citation @trio2017three stands inside"),
        ("Fine [@solo2020single].\n\nBad [@solo2020single; and more].\n", 3, "cannot read the citation"),
        ("`@solo2020singel` in code.\n\nThen [@trio2017three;\n @solo2020singel].\n", 4,
         "unknown citation key 'solo2020singel'"),
    ],
    ids=["link-after-a-good-use", "bracketed-after-a-good-use", "unreadable-after-a-good-use",
         "key-in-code-first"],
)
def test_an_error_names_the_line_of_the_offending_use(env: KitEnv, text: str, line: int,
                                                      fragment: str) -> None:
    with pytest.raises(CitationError) as caught:
        render(env, text, "x.md")
    message = str(caught.value)
    assert f"docs/x.md, line {line}:" in message and fragment in message, message


# What a reference APA renderer gives for the same Markdown: pandoc 2.17's citeproc with the CSL
# project's apa.csl, on the guide's own bib (checked by hand; pandoc is not a dependency). Two
# differences are APA's rules, not the renderer's: works by the same author in the same year in
# year-letter order (8.19: "2018a, 2018b"; the CSL keeps the order written) and a chapter locator
# spelled out (8.13: "Chapter 2"; the CSL drops the label).
AS_CITEPROC_APA = [
    ("[@stenner2018matters; see also @ferreira2013therapeutic; @hall2010influence]",
     "(Stenner et al., 2018; see also Ferreira et al., 2013; Hall et al., 2010)"),
    ("[@fuentes2014enhanced, 480]", "(Fuentes et al., 2014, p. 480)"),
    ("[@fuentes2014enhanced, 477-478]", "(Fuentes et al., 2014, pp. 477–478)"),
    ("[@fuentes2014enhanced, p. 33, emphasis added]", "(Fuentes et al., 2014, p. 33, emphasis added)"),
    ("[see @macphail2018why; @stenner2018matters, p. 5]",
     "(see Macphail, 2018b; Stenner et al., 2018, p. 5)"),
    ("@fuentes2014enhanced [p. 480] says", "Fuentes et al. (2014, p. 480) says"),
    ("[@fuentes2014enhanced, para. 4]", "(Fuentes et al., 2014, para. 4)"),
    ("[@fuentes2014enhanced, 33, 35]", "(Fuentes et al., 2014, pp. 33, 35)"),
    ("[@lakke2016working; @nice2016low]",
     "(Lakke & Meerman, 2016; National Institute for Health and Care Excellence, 2016)"),
    ("[-@fuentes2014enhanced]", "(2014)"),
    ("[@macphail2018why; @macphail2018therapeutic; @stenner2018matters]",  # citeproc: 2018b, 2018a
     "(Macphail, 2018a, 2018b; Stenner et al., 2018)"),
    ("[@fuentes2014enhanced, chap. 2]", "(Fuentes et al., 2014, Chapter 2)"),  # citeproc: 2014, 2)
]


def test_the_guide_cites_as_a_reference_apa_renderer_does(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    env = make_env(tmp_path, ROOT / "references.bib")
    for index, (written, expected) in enumerate(AS_CITEPROC_APA):
        assert visible(render(env, written + "\n", f"p{index}.md")) == expected, written
