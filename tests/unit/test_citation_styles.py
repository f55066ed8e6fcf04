"""Every registered citation style (kit/evidence/citations/styles/, and those other packages register),
tested alike: a new style gets these tests without editing them; and a new style is one file, nothing
else."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from evidence.citations import Library
from evidence.citations.rich import plain
from evidence.citations.style import Cited, Item
from evidence.citations.styles import ENTRY_POINT_GROUP, get_style, style_names
from evidence.config import read_settings

from tests.conftest import ROOT, build_site
from tests.unit.citation_pages import DATA, HEADING, links, listed, make_env, render, visible
from tests.unit.test_citations_build import kit_copy, make_project

STYLES = style_names()


def test_the_registry_is_the_styles_folder(tmp_path: Path) -> None:
    folder = ROOT / "kit" / "evidence" / "citations" / "styles"
    files = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    assert tuple(files) == STYLES and {"apa", "vancouver"} <= set(STYLES)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"plugins:\n  - evidence:\n      citation_style: {STYLES[-1]}\n", encoding="utf-8")
    assert read_settings(config).citation_style == STYLES[-1]


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


def author_date_style(name: str, package: str) -> str:
    """A style module: APA's references, no comma between author and year. ``package``: where it
    imports the kit from ('..' inside the kit's styles folder, else 'evidence.citations')."""
    intext, apa = (("..intext", ".apa") if package == ".."
                   else (f"{package}.intext", f"{package}.styles.apa"))
    return (f'"""{name.capitalize()} (author-date, no comma between author and year)."""\n\n'
            f"from {intext} import Marks\nfrom {apa} import APA7\n\n\n"
            f"class {name.capitalize()}(APA7):\n    name = {name!r}\n"
            f"    title = {name.capitalize() + ' (author-date)'!r}\n    marks = Marks(author_date=' ')\n\n\n"
            f"STYLE = {name.capitalize()}\n")


HARVARD = author_date_style("harvard", "..")  # a file dropped into the kit's styles folder


def test_a_fourth_style_is_one_new_file(tmp_path: Path) -> None:
    """A style module dropped into a copy of the kit's package, and nothing else: the build takes it."""
    config = make_project(tmp_path / "project", style="harvard")
    result = build_site(config, tmp_path / "site", env=kit_copy(tmp_path / "kit", {"harvard.py": HARVARD}))
    assert result.returncode == 0, result.stderr[-3000:]
    html = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = " ".join(html.select_one("article p").get_text(" ", strip=True).split())
    assert "Alliance matters ( Fuentes et al. 2014 ); so say Lakke and Meerman (2016)" in paragraph
    assert "Frameworks (see Macphail 2018a, 2018b)" in " ".join(html.select_one("article").get_text().split())
    assert get_style("apa").marks.author_date == ", "  # the copy's new style did not touch the package


CHICAGO = author_date_style("chicago", "evidence.citations")  # as another package would register it


def installed_style_package(root: Path, source: str = CHICAGO) -> dict[str, str]:
    """A package registering the style ``chicago`` under the kit's entry-point group, as pip would
    install it (its module and its dist-info); the environment a build needs to find it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "chicago_style.py").write_text(source, encoding="utf-8")
    info = root / "chicago_style-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: chicago-style\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nchicago = chicago_style\n",
                                           encoding="utf-8")
    return {"PYTHONPATH": str(root)}


def test_another_package_registers_a_style_by_entry_point(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", style="chicago")
    result = build_site(config, tmp_path / "site", env=installed_style_package(tmp_path / "installed"))
    assert result.returncode == 0, result.stderr[-3000:]
    html = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = " ".join(html.select_one("article p").get_text(" ", strip=True).split())
    assert "Alliance matters ( Fuentes et al. 2014 )" in paragraph
    assert "chicago" not in STYLES  # only where the package is installed
    result = build_site(config, tmp_path / "site-without")
    assert result.returncode != 0 and "but received: 'chicago'" in result.stderr


CACHE_KEY = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from evidence.citations import bibcache, formcache
from evidence.citations.library import Library
bib = Path(sys.argv[2])
library = Library.load(bib, Path(sys.argv[3]), sys.argv[4])
key = bibcache.cache_key(bib.read_text(encoding="utf-8"))
print(formcache.forms_path(Path(sys.argv[3]), key, library.style).name)
"""


def forms_file(path: Path, bib: Path, cache: Path, style: str = "apa") -> str:
    """The name of the form cache's file a build with the kit found first on ``path`` uses."""
    command = [sys.executable, "-c", CACHE_KEY, str(path), str(bib), str(cache), style]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def test_the_cache_key_covers_every_module_of_the_package(tmp_path: Path) -> None:
    """Adding a module (or editing one) to the package gives new cache keys: nothing stale is served."""
    kit_copy(tmp_path / "kit", {"harvard.py": HARVARD})
    bib, cache = ROOT / "references.bib", tmp_path / "cache"
    first = forms_file(tmp_path / "kit", bib, cache)
    assert forms_file(tmp_path / "kit", bib, cache) == first and (cache / first).is_file()
    helper = tmp_path / "kit" / "evidence" / "citations" / "newhelper.py"
    helper.write_text('"""A module nobody lists."""\n', encoding="utf-8")
    added = forms_file(tmp_path / "kit", bib, cache)
    assert added != first and (cache / added).is_file()
    helper.write_text('"""A module nobody lists, edited."""\n', encoding="utf-8")
    assert forms_file(tmp_path / "kit", bib, cache) not in (first, added)
    works = sorted(path.name for path in cache.glob("works-*.json"))
    assert len(works) == 3  # the parse is keyed by the package too


def test_the_cache_key_covers_a_style_another_package_registers(tmp_path: Path) -> None:
    installed = tmp_path / "installed"
    installed_style_package(installed)
    bib, cache = ROOT / "references.bib", tmp_path / "cache"
    first = forms_file(installed, bib, cache, "chicago")
    assert forms_file(installed, bib, cache, "chicago") == first
    edited = CHICAGO.replace("'Chicago (author-date)'", "'Chicago'")
    assert edited != CHICAGO
    installed_style_package(installed, edited)
    assert forms_file(installed, bib, cache, "chicago") != first
