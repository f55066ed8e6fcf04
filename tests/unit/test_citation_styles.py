"""Every registered citation style (macros/citations/styles/), tested alike: a new style gets these
tests without editing them; and a new style is one file, nothing else."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.citations import Library, settings
from macros.citations.rich import plain
from macros.citations.style import Cited, Item
from macros.citations.styles import get_style, style_names
from tests.conftest import ROOT, build_site
from tests.unit.citation_pages import DATA, HEADING, links, listed, make_env, render, visible
from tests.unit.test_citations_build import make_project

STYLES = style_names()


def test_the_registry_is_the_styles_folder() -> None:
    folder = ROOT / "macros" / "citations" / "styles"
    files = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    assert tuple(files) == STYLES and {"apa", "vancouver"} <= set(STYLES)
    assert settings.read({"citations": {"style": STYLES[-1]}}).style == STYLES[-1]


@pytest.fixture(params=STYLES)
def library(request: pytest.FixtureRequest) -> Library:
    return Library.load(DATA / "golden.bib", style=request.param)


def test_every_entry_type_gives_a_clean_reference(library: Library) -> None:
    for key in library.ordered_keys:
        reference = library.formatted(key).reference
        text = plain(reference)
        assert text and not re.search(r"  |\s[.,;:]|\.\.(?!\.)|\(\)|\[\]|None", text), (key, text)
        assert text.endswith(".") or reference[-1].href, (key, text)  # a sentence, or its link last
        assert library.works[key].creators[0].surname in text, key


def test_every_work_is_cited_and_linked_alone_and_in_company(library: Library) -> None:
    style, keys = library.style, library.ordered_keys
    for number, key in enumerate(keys, 1):
        alone = Cited(Item(key), library.formatted(key), number)
        for rich in (style.parenthetical([alone]), style.narrative([alone])):
            assert [span.key for span in rich if span.key] == [key]
    cited = [Cited(Item(key, prefix="see also" if index == 3 else "", locator="p. 5" if index == 1 else ""),
                   library.formatted(key), number)
             for index, (number, key) in enumerate(zip(range(1, 7), keys[:6], strict=True))]
    rich = style.parenthetical(cited)
    assert sorted({span.key for span in rich if span.key}) == sorted(keys[:6])
    text = plain(rich)
    assert "p. 5" in text and text.index("see also") > 0  # a later prefix keeps its place, not first
    split = next(index for index, span in enumerate(rich) if "see also" in span.text)
    before = {span.key for span in rich[:split] if span.key}
    after = {span.key for span in rich[split:] if span.key}
    assert before == {c.form.key for c in cited[:3]} and after == {c.form.key for c in cited[3:]}


def test_pages_in_every_style_link_every_citation_to_their_list(tmp_path: Path) -> None:
    for style in STYLES:
        root = tmp_path / style
        root.mkdir()
        env = make_env(root, style=style)
        out = render(env, "A [@trio2017three; see also @duo2019pair, p. 5] and @solo2020single [480]. "
                          "B [@blog2018post; @edited2015volume; @trio2017three; @solo2020single].\n")
        assert "@" not in visible(out) and "[@" not in out
        section = out.split(HEADING)[1]
        assert {key for key, _ in links(out)} == set(listed(out))
        for key in listed(out):
            assert f'id="ref-{key}"' in section


def test_every_style_has_its_own_cached_forms(tmp_path: Path) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text((DATA / "golden.bib").read_text(encoding="utf-8"), encoding="utf-8")
    for style in STYLES:
        fresh = Library.load(bib, tmp_path / "cache", style)
        again = Library.load(bib, tmp_path / "cache", style)
        for key in fresh.ordered_keys:
            assert again.formatted(key).reference_html == fresh.formatted(key).reference_html
    assert len(list((tmp_path / "cache").glob("forms-*.json"))) == len(STYLES)


HARVARD = '''\
"""Harvard (author-date, no comma between author and year): APA's references otherwise."""

from ..intext import Marks
from .apa import APA7


class Harvard(APA7):
    name = "harvard"
    title = "Harvard (author-date)"
    marks = Marks(author_date=" ")


STYLE = Harvard
'''


def test_a_fourth_style_is_one_new_file(tmp_path: Path) -> None:
    """A style module dropped into a copy of the package, and nothing else: the build takes it."""
    config = make_project(tmp_path / "project", style="harvard", new_styles={"harvard.py": HARVARD})
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    html = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = " ".join(html.select_one("article p").get_text(" ", strip=True).split())
    assert "Alliance matters ( Fuentes et al. 2014 ); so say Lakke and Meerman (2016)" in paragraph
    assert "Frameworks (see Macphail 2018a, 2018b)" in " ".join(html.select_one("article").get_text().split())
    assert get_style("apa").marks.author_date == ", "  # the copy's new style did not touch the package


CACHE_KEY = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from citemacros.citations import formcache, bibcache
from citemacros.citations.library import Library
bib = Path(sys.argv[2])
Library.load(bib, Path(sys.argv[3]))
key = bibcache.cache_key(bib.read_text(encoding="utf-8"))
print(formcache.forms_path(Path(sys.argv[3]), key, "apa").name)
"""


def test_the_cache_key_covers_every_module_of_the_package(tmp_path: Path) -> None:
    """Adding a module (or editing one) to the package gives new cache keys: nothing stale is served."""
    make_project(tmp_path / "project", new_styles={"harvard.py": HARVARD})
    project, cache = tmp_path / "project", tmp_path / "cache"

    def forms_file() -> str:
        command = [sys.executable, "-c", CACHE_KEY, str(project), str(project / "references.bib"), str(cache)]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return result.stdout.strip()

    first = forms_file()
    assert forms_file() == first and (cache / first).is_file()
    helper = project / "citemacros" / "citations" / "newhelper.py"
    helper.write_text('"""A module nobody lists."""\n', encoding="utf-8")
    added = forms_file()
    assert added != first and (cache / added).is_file()
    helper.write_text('"""A module nobody lists, edited."""\n', encoding="utf-8")
    assert forms_file() not in (first, added)
    works = sorted(path.name for path in cache.glob("works-*.json"))
    assert len(works) == 3  # the parse is keyed by the package too
