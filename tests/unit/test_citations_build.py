"""Real ``mkdocs build --strict`` runs of a tiny project using the evidence plugin's citations, in both
styles (and its macros, through mkdocs-macros)."""

from __future__ import annotations

import json
import marshal
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site
from tests.reference_checks import assert_reference_entry_links

DATA = Path(__file__).parent / "data" / "citations"

MKDOCS_YML = """\
site_name: Citations test
use_directory_urls: false
theme:
  name: material
  features: [content.tooltips, content.code.copy]
plugins:
  - search
  - evidence:
      citation_style: {style}
  - macros:
      on_undefined: strict
      on_error_fail: true
{hooks}markdown_extensions: [admonition, attr_list, md_in_html, tables, {{toc: {{permalink: true}}}}]
validation:
  anchors: warn
nav: [index.md, second.md, plain.md, probe.md, links.md, references.md]
"""

INDEX = """\
# Home

Alliance matters {{ cite("fuentes2014enhanced") }}; so say {{ citet("lakke2016working") }}.
Frameworks [see @macphail2018why; @macphail2018therapeutic] and
[@stenner2018matters; @fuentes2014enhanced, p. 480]. @traeger2019effect found little.
Write to someone@example.org, or `[@notacitation]`.
"""

LINKS = """\
# Links

A [link](https://example.org/@fuentes2014enhanced), ![an image](https://example.org/@fuentes2014enhanced.png),
<https://example.org/@fuentes2014enhanced>, a [reference link][ref], and
<a href="https://example.org/@fuentes2014enhanced"
   title="@fuentes2014enhanced">a tag</a>.

Literal: \\@fuentes2014enhanced and \\[@fuentes2014enhanced].

[ref]: https://example.org/@fuentes2014enhanced "Reference"
"""

PAGES = {
    "index.md": INDEX,
    "second.md": "# Second\n\nOnly the MSc [@macphail2018why].\n\n[Back to the top](index.md#references)\n",
    "plain.md": "# Plain\n\nThis page cites nothing.\n",
    "probe.md": (DATA / "probe.md").read_text(encoding="utf-8"),
    "links.md": LINKS,
    "references.md": "# References\n\n{{ bibliography() }}\n",
}


def make_project(root: Path, bib: str | None = None, style: str = "apa", hook: str = "") -> Path:
    """A throwaway project using the installed evidence kit (and mkdocs-macros, with no module of its
    own): the guide's bib, six pages. ``hook``: the source of a hook module the build also runs."""
    (root / "docs").mkdir(parents=True)
    hooks = ""
    if hook:
        (root / "hook.py").write_text(hook, encoding="utf-8")
        hooks = "hooks: [hook.py]\n"
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(style=style, hooks=hooks), encoding="utf-8")
    if bib is None:
        shutil.copy(ROOT / "references.bib", root / "references.bib")
    else:
        (root / "references.bib").write_text(bib, encoding="utf-8")
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def kit_copy(root: Path, new_styles: dict[str, str]) -> dict[str, str]:
    """A copy of the kit's ``evidence`` package in ``root``, with the style files ``new_styles`` (file
    name -> source) added and nothing else changed; the environment a build needs to run it."""
    package = root / "evidence"
    shutil.copytree(ROOT / "kit" / "evidence", package, ignore=shutil.ignore_patterns("__pycache__"))
    for file_name, source in new_styles.items():
        (package / "citations" / "styles" / file_name).write_text(source, encoding="utf-8")
    return {"PYTHONPATH": str(root)}


def _build(tmp_path_factory: pytest.TempPathFactory, style: str) -> Path:
    root = tmp_path_factory.mktemp(f"citations-{style}")
    result = build_site(make_project(root / "project", style=style), root / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "apa")


@pytest.fixture(scope="module")
def numbered_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "vancouver")


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def text_of(tag: object) -> str:
    """The text a reader sees: the numbers between a range's ends show on hover or focus only."""
    shown = [text for text in tag.find_all(string=True)  # type: ignore[attr-defined]
             if not text.find_parent(class_="citation-range-between")]
    return " ".join("".join(shown).split())


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_citation_links_resolve_on_their_page(site: Path, numbered_site: Path, style: str) -> None:
    built = site if style == "apa" else numbered_site
    for page in ["index.html", "second.html", "probe.html", "references.html"]:
        html = soup(built, page)
        ids = {tag["id"] for tag in html.find_all(id=True)}
        for link in html.select("a.citation"):
            assert link["href"].startswith("#ref-")
            assert link["href"][1:] in ids, (page, link["href"])
            assert not link.get("title")  # the tooltip is citations.js's, from the entry itself
        assert "\x0e" not in str(html) and "\x0f" not in str(html)  # no token left behind


def test_rendered_citations_and_reference_list(site: Path) -> None:
    html = soup(site, "index.html")
    paragraph = html.select_one("article p").get_text(" ", strip=True)
    assert "Alliance matters ( Fuentes et al., 2014 ); so say Lakke and Meerman (2016) ." in paragraph
    texts = [a.get_text() for a in html.select("a.citation")]
    assert texts == ["Fuentes et al., 2014", "Lakke and Meerman (2016)", "Macphail, 2018a", "2018b",
                     "Fuentes et al., 2014", "Stenner et al., 2018", "Traeger et al. (2019)"]
    heading = html.find("h2", id="references")
    assert heading is not None and heading.get_text(strip=True).startswith("References")
    listed = [p["id"] for p in html.select(".references p.reference")]
    assert listed == ["ref-fuentes2014enhanced", "ref-lakke2016working", "ref-macphail2018therapeutic",
                      "ref-macphail2018why", "ref-stenner2018matters", "ref-traeger2019effect"]
    fuentes = html.find(id="ref-fuentes2014enhanced")
    assert fuentes.em.get_text() == "Physical Therapy"
    assert fuentes.find("a")["href"] == "https://doi.org/10.2522/ptj.20130118"
    toc = [a.get_text(strip=True) for a in html.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc[-1] == "References"  # the heading is in the table of contents
    made_by_markdown = html.select_one("h1 a.headerlink")  # its permanent link is as Markdown's
    ours = heading.select_one("a.headerlink")
    assert (ours["title"], ours.get_text()) == (made_by_markdown["title"], made_by_markdown.get_text())


PROBE = {  # paragraph of the probe page -> what a reader sees, in each style
    "apa": [
        "One (Fuentes et al., 2014). Two Lakke and Meerman (2016): three (Macphail, 2018b; Stenner et al., "
        "2018); four (see Fuentes et al., 2014, p. 480)!",
        "Five (Fuentes et al., 2014). Six (Macphail, 2018a; Stenner et al., 2018, p. 5): seven (see Fuentes "
        "et al., 2014), eight Traeger et al. (2019) says; nine Fuentes et al. (2014, p. 480). Ten (2014)? "
        "Eleven (Babatunde et al., 2017; Hall et al., 2010; Kinney et al., 2020; Lakke & Meerman, 2016; "
        "O'Keeffe et al., 2016).",
        "In a list (Macphail, 2018b) and a narrative Macphail (2018a).",
        "Twelve (Ferreira et al., 2013; Hill et al., 2011): and so on.",
        "(Holopainen et al., 2018) | Taccolini Manzoni et al. (2018)",
    ],
    "vancouver": [
        "One [1]. Two Lakke and Meerman [2]: three [3, 4]; four [see 1, p. 480]!",
        "Five [1]. Six [3, p. 5; 5]: seven [see 1], eight Traeger et al. [6] says; nine Fuentes et al. "
        "[1, p. 480]. Ten [1]? Eleven [2, 7–10].",
        "In a list [4] and a narrative Macphail [5].",
        "Twelve [11, 12]: and so on.",
        "[13] | Taccolini Manzoni et al. [14]",
    ],
}


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_the_probe_page_reads_every_syntax_right(site: Path, numbered_site: Path, style: str) -> None:
    html = soup(site if style == "apa" else numbered_site, "probe.html")
    article = html.select_one("article")
    paragraphs = [text_of(p) for p in article.select("p") if p.select("a.citation")]
    cells = " | ".join(text_of(td) for td in article.select("td"))
    assert [*paragraphs[:2], text_of(article.select_one("li")), paragraphs[-1], cells] == PROBE[style]
    body = text_of(article).split("References")[0]
    assert "@" not in body.replace("kim@example.org", "").replace("@kieran", "").replace(
        "[@fuentes2014enhanced]", "")  # only the three that are not citations
    assert article.select_one("code").get_text() == "[@fuentes2014enhanced]"
    listed = [entry["id"].removeprefix("ref-") for entry in article.select(".references .reference")]
    assert len(listed) == 14
    if style == "vancouver":  # numbered in the order of first citation
        assert listed[:6] == ["fuentes2014enhanced", "lakke2016working", "stenner2018matters",
                              "macphail2018why", "macphail2018therapeutic", "traeger2019effect"]
        assert article.select_one("ol.references") is not None


def test_an_at_in_a_link_image_autolink_definition_or_tag_stays_in_its_url(site: Path) -> None:
    article = soup(site, "links.html").select_one("article")
    first, literal = [p for p in article.select("p") if "references" not in (p.get("class") or [])][:2]
    url = "https://example.org/@fuentes2014enhanced"
    assert [a["href"] for a in first.select("a")] == [url, url, url, url]
    assert first.select_one("img")["src"] == url + ".png"
    assert first.select("a")[-1]["title"] == "@fuentes2014enhanced"
    assert not first.select("a.citation")
    assert text_of(literal) == "Literal: @fuentes2014enhanced and [Fuentes et al. (2014)]."
    assert [a.get_text() for a in literal.select("a.citation")] == ["Fuentes et al. (2014)"]


def test_same_label_on_every_page(site: Path) -> None:
    second = soup(site, "second.html")
    assert [a.get_text() for a in second.select("a.citation")] == ["Macphail, 2018b"]


def test_page_citing_nothing_has_no_reference_section(site: Path) -> None:
    html = soup(site, "plain.html")
    assert html.find(id="references") is None
    assert not html.select(".references")


@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_references_page_lists_every_key_once_with_links_and_bibtex(
    site: Path, numbered_site: Path, style: str
) -> None:
    from evidence.citations.bibfile import read_bibliography

    works = read_bibliography(ROOT / "references.bib")
    html = soup(site if style == "apa" else numbered_site, "references.html")
    entries = html.select(".reference-entry")
    assert sorted(e["id"] for e in entries) == sorted(f"ref-{key}" for key in works)
    assert len(html.find_all(id="references")) == 1  # the page's own title, no second list
    assert html.select_one(".bibliography").find_parent("p") is None  # a block, not inside a paragraph
    for entry in entries:
        work = works[entry["id"].removeprefix("ref-")]
        assert_reference_entry_links(entry, work)


def test_the_tools_cite_as_the_references_page_does(site: Path) -> None:
    """alliance.bibliography (what the tools print) matches the built References page."""
    from alliance.bibliography import WORKS

    html = soup(site, "references.html")
    for key, work in WORKS.items():
        entry = html.find(id=f"ref-{key}")
        assert entry is not None and work.href == f"references.html#ref-{key}", key
        assert entry.select_one("p.reference").get_text() == work.reference, key
    assert not (site / "assets" / "data" / "references.json").exists()


def test_search_indexes_citations_as_text_but_not_the_page_reference_list(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    home = " ".join(d["text"] for d in docs if d["location"].startswith("index.html"))
    assert "Fuentes et al., 2014" in home and "Lakke and Meerman (2016)" in home
    assert "doi.org" not in home and not [d for d in docs if d["location"] == "index.html#references"]
    references = " ".join(d["text"] for d in docs if d["location"].startswith("references.html"))
    assert "https://doi.org/10.2522/ptj.20130118" in references


BIB_ENTRY = (
    "@article{{{key},\n  author = {{A, B.}},\n  title = {{T}},\n  journal = {{J}},\n  year = {{2020}},\n}}\n"
)


@pytest.mark.parametrize(
    ("page_text", "bib_extra", "expected"),
    [
        ('# Home\n\nText.\n\n{{ cite("fuentes2014enhance") }}\n', "",
         ["docs/index.md, line 5", "unknown citation key 'fuentes2014enhance'",
          "Did you mean: fuentes2014enhanced?"]),
        ("# Home\n\nText\nmore [@stenner2018matters;\n@stener2018matters; @fuentes2014enhanced].\n", "",
         ["docs/index.md, line 5", "unknown citation key 'stener2018matters'",
          "Did you mean: stenner2018matters?"]),
        ("# Home\n\nText [see [Table 1] @fuentes2014enhanced].\n", "",
         ["docs/index.md, line 3", "the narrative citation @fuentes2014enhanced stands inside brackets"]),
        (None, "\n" + BIB_ENTRY.format(key="fuentes2014enhanced"),
         ["references.bib:", "duplicate key 'fuentes2014enhanced'"]),
        (None, "\n@article{broken2020,\n  title = {Unclosed,\n  year = {2020},\n",
         ["references.bib:", "malformed entry @article"]),
        (None, "\n" + BIB_ENTRY.format(key="untitled2020").replace("  title = {T},\n", ""),
         ["references.bib:", "entry 'untitled2020' has no title"]),
        (None, "\n" + BIB_ENTRY.format(key="scan2020").replace("{T}", "{MRI Scans in the UK}"),
         ["references.bib:", "entry 'scan2020': sentence case would lowercase 'MRI', 'UK'", "{MRI}, {UK}",
          "Aborted with 1 warnings in strict mode"]),
    ],
    ids=["unknown-key-macro", "unknown-key-pandoc", "bracketed-narrative", "duplicate-key", "malformed-entry",
         "missing-title", "unbraced-acronym"],
)
def test_build_fails_with_an_actionable_message(
    tmp_path: Path, page_text: str | None, bib_extra: str, expected: list[str]
) -> None:
    bib = (ROOT / "references.bib").read_text(encoding="utf-8") + bib_extra
    config = make_project(tmp_path / "project", bib)
    if page_text is not None:
        (tmp_path / "project" / "docs" / "index.md").write_text(page_text, encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in output, output[-3000:]
    assert "Traceback" not in output  # one line, never inside a traceback
    if bib_extra:
        line = bib.count("\n", 0, bib.index(bib_extra.strip().splitlines()[0], len(bib) - len(bib_extra))) + 1
        assert f"references.bib:{line}:" in output


def test_a_wrong_style_setting_fails_naming_it(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", style="harvard")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    expected = ("Plugin 'evidence' option 'citation_style': Expected one of: ('apa', 'vancouver') but "
                "received: 'harvard'")
    assert expected in result.stderr


def test_the_older_extra_citations_settings_still_build_with_an_info_line(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    text = config.read_text(encoding="utf-8").replace("  - evidence:\n      citation_style: apa\n",
                                                      "  - evidence\n")
    config.write_text(text + "extra:\n  citations:\n    style: vancouver\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "the citation settings are read from extra.citations" in result.stderr
    assert "extra.citations.style is now citation_style" in result.stderr
    html = soup(tmp_path / "site", "second.html")
    assert [a.get_text() for a in html.select("a.citation")] == ["1"]  # numbered: the old setting holds
    config.write_text(text + "extra:\n  citations:\n    style: harvard\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert ("extra.citations.style: Expected one of: ('apa', 'vancouver') but received: 'harvard'"
            in result.stderr)


SABOTAGE = """\
from mkdocs.plugins import event_priority


@event_priority(-60)  # after the evidence plugin has written the page's reference list
def on_page_markdown(markdown, page, config, files):
    if page.file.src_path == "second.md":  # lose the page's reference list: its citation points nowhere
        kept = config.plugins["evidence"].build.page_html(page.file.src_uri)
        for index in kept.indexes():
            if 'class="references"' in kept.get(index):
                kept.replace(index, '<div class="references"></div>', search="")
"""


def test_a_citation_whose_anchor_is_missing_fails_the_strict_build(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", hook=SABOTAGE)
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert ("Doc file 'second.md' links to '#ref-macphail2018why' (macro-generated HTML), but there is no "
            "such anchor on this page.") in result.stderr


def test_the_pages_compiled_by_jinja_are_kept_and_reused(tmp_path: Path) -> None:
    """With mkdocs-macros listed, the plugin routes its page compilation through build/jinja-pages."""
    config = make_project(tmp_path / "project")
    assert build_site(config, tmp_path / "site").returncode == 0
    cache = list((tmp_path / "project" / "build" / "jinja-pages").glob("*.marshal"))
    assert len(cache) == 1 and len(marshal.loads(cache[0].read_bytes())) == len(PAGES)
    written = cache[0].stat().st_mtime_ns
    assert build_site(config, tmp_path / "site").returncode == 0
    assert cache[0].stat().st_mtime_ns == written  # every page read back: nothing compiled, nothing written
    page = tmp_path / "project" / "docs" / "plain.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert build_site(config, tmp_path / "site").returncode == 0
    assert cache[0].stat().st_mtime_ns != written and len(marshal.loads(cache[0].read_bytes())) == len(PAGES)


def test_a_site_macro_named_as_a_kit_macro_fails_naming_it(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    (tmp_path / "project" / "main.py").write_text(
        "def define_env(env):\n    env.macro(lambda: 'mine', 'cite')\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert ("mkdocs.yml: the site's macros already define cite, which the evidence plugin's macros are "
            "called: rename the site's") in result.stderr
    assert "Traceback" not in result.stderr
