"""A synthetic site to time the macros against plain Material.

``write_project(dest, pages=200, macros=True)`` writes a complete MkDocs
project: ``references.bib`` (1,000 generated ``@article`` entries, some by the
same authors in the same year), pages each citing 20 entries (every citation
syntax the guide supports) and calling one or two figure macros, and an
``mkdocs.yml``. The Markdown is identical with and without the macros plugin;
without it the macro calls stay literal text.

The pages are laid out as the guide's are, under its theme features (tabs,
sections, section index pages, pruning): a fixed number of top-level parts
(``PARTS``, the tabs; the guide has six), which hold sections of
``SECTION_SIZE`` pages (``docs/part-P/section-SS/``), each opening with its
own index page. A bigger site has more sections in the same tabs, as the guide
would grow: with a tab per 10 pages, Material's navigation alone (every tab on
every page) would grow with the square of the page count.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = 1000
CITATIONS_PER_PAGE = 20
SECTION_SIZE = 10  # pages per navigation section; the first is the section's index page
PARTS = 6  # top-level parts (tabs); sections are dealt to them in turn
FIGURE_MACROS = ("levels_figure()", "pyramid_figure()", "cycle_figure()", "fuentes_chart()")
SEED = 20261127

_SURNAMES = (
    "Smith", "Jones", "Garcia", "Nguyen", "Okafor", "Hansen", "Rossi", "M{\\\"u}ller", "Kowalski",
    "Tanaka", "Ferreira", "O'Brien", "Lindqvist", "Dubois", "Ivanova", "Patel", "Chen", "Haddad",
    "Novak", "Santos", "Walker", "Bergstr{\\\"o}m", "Moreau", "Kim", "Adeyemi", "Costa", "Fischer",
    "Murphy", "Yilmaz", "Larsen", "Silva", "Kuznetsov", "Becker", "Hughes", "Mart{\\'\\i}nez", "Sato",
)
_GIVEN = ("A.", "B. C.", "D.", "E. F.", "G.", "H. J.", "K.", "L. M.", "N.", "P. R.", "S.", "T. W.")
_WORDS = (
    "alliance", "therapeutic", "pain", "back", "outcomes", "trust", "communication", "physiotherapy",
    "expectations", "adherence", "disability", "rapport", "empathy", "encounter", "recovery",
    "education", "reassurance", "function", "fear", "avoidance", "goals", "satisfaction",
)
_JOURNALS = (
    "Physical Therapy", "Journal of Pain", "Spine", "Pain", "Musculoskeletal Science and Practice",
    "Clinical Journal of Pain", "BMC Musculoskeletal Disorders", "Manual Therapy",
)
_PROSE = (
    "Clinicians who listen closely report fewer misunderstandings about the plan of care.",
    "The strength of the working relationship varied between sessions and between clinicians.",
    "Patients valued explanations that connected their symptoms to a credible plan.",
    "Trials that measured the alliance early found it predicted later function.",
    "Agreement on goals and tasks mattered as much as the warmth of the encounter.",
    "Several studies relied on self-report questionnaires completed after the first visit.",
)


@dataclass(frozen=True)
class BibEntry:
    key: str
    authors: tuple[str, ...]
    year: int
    title: str
    journal: str
    volume: int
    number: int
    pages: str
    doi: str

    def to_bibtex(self) -> str:
        return (
            f"@article{{{self.key},\n"
            f"  author = {{{' and '.join(self.authors)}}},\n"
            f"  title = {{{self.title}}},\n"
            f"  journal = {{{self.journal}}},\n"
            f"  year = {{{self.year}}},\n"
            f"  volume = {{{self.volume}}},\n"
            f"  number = {{{self.number}}},\n"
            f"  pages = {{{self.pages}}},\n"
            f"  doi = {{{self.doi}}}\n"
            "}\n"
        )


def _key_part(surname: str) -> str:
    """``M{\\"u}ller`` -> ``muller``: the ASCII letters of a (LaTeX) surname, lower case."""
    return re.sub(r"[^a-z]", "", re.sub(r"\\.", "", surname).lower())


def generate_bib(count: int = ENTRIES, seed: int = SEED,
                 reserved: frozenset[str] = frozenset()) -> list[BibEntry]:
    """``count`` valid, distinct-keyed entries; every 25th shares authors and year with the one before.

    No generated key is one of ``reserved`` (the guide's own keys, added beside them).
    """
    rng = random.Random(seed)
    entries: list[BibEntry] = []
    keys: set[str] = set(reserved)
    for index in range(count):
        if index % 25 == 24 and entries:
            previous = entries[-1]
            authors, year = previous.authors, previous.year
        else:
            count_authors = rng.randint(1, 7)
            authors = tuple(f"{rng.choice(_SURNAMES)}, {rng.choice(_GIVEN)}" for _ in range(count_authors))
            year = rng.randint(1990, 2025)
        title_words = rng.sample(_WORDS, rng.randint(4, 8))
        title = " ".join(title_words).capitalize() + f" (study {index + 1})"
        base = f"{_key_part(authors[0].split(',')[0])}{year}{title_words[0]}"
        key, suffix = base, 1
        while key in keys:
            suffix += 1
            key = f"{base}{suffix}"
        keys.add(key)
        first_page = rng.randint(1, 900)
        entries.append(BibEntry(
            key=key, authors=authors, year=year, title=title, journal=rng.choice(_JOURNALS),
            volume=rng.randint(1, 60), number=rng.randint(1, 12),
            pages=f"{first_page}--{first_page + rng.randint(5, 20)}", doi=f"10.5555/synthetic.{index + 1}",
        ))
    return entries


_BIB_KEY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def guide_bib() -> tuple[str, frozenset[str]]:
    """The guide's own ``references.bib`` and its keys (the figure macros cite them); empty if absent."""
    path = ROOT / "references.bib"
    if not path.is_file():
        return "", frozenset()
    text = path.read_text(encoding="utf-8")
    return text, frozenset(_BIB_KEY.findall(text))


def bib_text(seed: int = SEED) -> tuple[str, list[BibEntry]]:
    """A ``ENTRIES``-entry bib: the guide's own entries plus generated ones to make up the number."""
    guide_text, guide_keys = guide_bib()
    entries = generate_bib(ENTRIES - len(guide_keys), seed, guide_keys)
    return "\n".join([*(entry.to_bibtex() for entry in entries), guide_text]), entries


def _citation(key: str, style: int) -> str:
    """One citation of ``key`` in one of the guide's syntaxes (cycled by ``style``)."""
    forms = (
        f'{{{{ cite("{key}") }}}}',
        f'{{{{ citet("{key}") }}}}',
        f"[@{key}]",
        f"[see @{key}, p. 5]",
        f"@{key} found",
    )
    return forms[style % len(forms)]


CITATION_PATTERN = re.compile(r'cite[t]?\("([^"]+)"\)|\[(?:see )?@([\w-]+)|(?<![\[\w])@([\w-]+) found')


def citation_keys(markdown: str) -> list[str]:
    """The keys cited in a generated page, in order (one per citation)."""
    return [next(group for group in match.groups() if group) for match in CITATION_PATTERN.finditer(markdown)]


def generate_page(number: int, entries: Sequence[BibEntry], rng: random.Random) -> str:
    """One page: front matter, prose, ``CITATIONS_PER_PAGE`` citations and 1–2 figure macros."""
    cited = rng.sample(list(entries), CITATIONS_PER_PAGE)
    figures = rng.sample(FIGURE_MACROS, rng.randint(1, 2))
    lines = [
        "---",
        f"description: Synthetic page {number} for the build benchmark.",
        "---",
        "",
        f"# Synthetic page {number}",
        "",
    ]
    for section in range(4):
        lines += [f"## Section {section + 1}", ""]
        chunk = cited[section * 5:(section + 1) * 5]
        sentences = [f"{rng.choice(_PROSE)[:-1]} {_citation(entry.key, number + i)}."
                     for i, entry in enumerate(chunk)]
        lines += [" ".join(sentences), ""]
        if section < len(figures):
            lines += [f"{{{{ {figures[section]} }}}}", ""]
    return "\n".join(lines)


def section_of(number: int) -> int:
    """The navigation section (1, 2, ...) of page ``number`` (1-based)."""
    return (number - 1) // SECTION_SIZE + 1


def part_of(section: int) -> int:
    """The top-level part (1 to ``PARTS``) that holds ``section``."""
    return (section - 1) % PARTS + 1


def page_path(number: int) -> str:
    """Where page ``number`` is written under docs/: the first of each section is its index page."""
    section = section_of(number)
    name = "index.md" if (number - 1) % SECTION_SIZE == 0 else f"page-{number:03d}.md"
    return f"part-{part_of(section)}/section-{section:02d}/{name}"


def site_nav(pages: int) -> list[object]:
    """The navigation: the home page, then the parts, each holding its sections, index page first."""
    parts: dict[int, dict[int, list[str]]] = {}
    for number in range(1, pages + 1):
        section = section_of(number)
        parts.setdefault(part_of(section), {}).setdefault(section, []).append(page_path(number))
    return [{"Home": "index.md"}, *(
        {f"Part {part}": [{f"Section {section}": paths} for section, paths in sorted(sections.items())]}
        for part, sections in sorted(parts.items())
    )]


def _real_config() -> dict:
    """The guide's ``mkdocs.yml`` with its YAML tags read as plain values."""

    class _Loader(yaml.SafeLoader):
        pass

    def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
        if isinstance(node, yaml.SequenceNode):
            values = loader.construct_sequence(node)
            return values[-1] if values else None
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        return loader.construct_mapping(node)

    _Loader.add_multi_constructor("!", _tagged)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _plugin_options(config: dict, name: str, default: dict) -> dict:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and name in plugin:
            return dict(plugin[name] or {})
    return default


# The floor (issue 23): mkdocs-macros with trivial macros and no hooks, the least any guide built
# with mkdocs-macros pays. Each macro the pages call gives a few words, so every page goes through
# Jinja as the guide's do, without the guide's work.
FLOOR_MODULE = "floor_macros"
FLOOR_MACROS = ("cite", "citet", *(call.removesuffix("()") for call in FIGURE_MACROS))
_FLOOR_SOURCE = f'''"""Trivial macros: the benchmark's floor (bench/synthetic_site.py)."""


def define_env(env):
    for name in {FLOOR_MACROS!r}:
        env.macro(lambda *args, _name=name, **kwargs: "[" + _name + "]", name)
'''


def site_config(pages: int, macros: bool, floor: bool = False) -> dict:
    """The synthetic ``mkdocs.yml``: the guide's theme features, Markdown extensions, and its evidence
    plugin's and macros' options (the kit comes installed, as the guide's environment has it); with
    ``floor``, mkdocs-macros alone with the trivial macros of ``FLOOR_MODULE`` and no hooks."""
    real = _real_config()
    theme = {"name": "material", "features": real.get("theme", {}).get("features", []), "font": False}
    plugins: list[object] = ["search"]
    if macros:
        plugins.append({"evidence": _plugin_options(real, "evidence", {})})
        plugins.append({"macros": _plugin_options(real, "macros", {"module_name": "macros"})})
    elif floor:
        plugins.append({"macros": {**_plugin_options(real, "macros", {}), "module_name": FLOOR_MODULE}})
    kind = "macros on" if macros else "the floor: trivial macros" if floor else "macros off"
    config = {
        "site_name": f"Synthetic benchmark site ({pages} pages, {kind})",
        "site_url": "http://127.0.0.1:8000/",
        "use_directory_urls": real.get("use_directory_urls", False),
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": real.get("markdown_extensions", []),
        "nav": site_nav(pages),
    }
    if macros and real.get("hooks"):
        config["hooks"] = real["hooks"]  # the files sit under macros/, copied beside the pages
    if real.get("extra"):
        config["extra"] = real["extra"]
    return config


def _link_or_copy_support(dest: Path) -> None:
    """What the guide's macros need beside the pages: the macros module, the widgets package,
    node_modules (the evidence kit is installed in the environment, not copied).

    node_modules is a link to the guide's: the assets macro keeps its wheel and lock
    cache beside the real node_modules, so the synthetic sites share the guide's cache.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=ignore)
    shutil.copytree(ROOT / "widgets", dest / "widgets", ignore=ignore)
    if (ROOT / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")


def write_project(dest: Path, pages: int, macros: bool, seed: int = SEED, floor: bool = False) -> Path:
    """Write the synthetic project into ``dest`` (created) and return its ``mkdocs.yml``; ``floor``
    (with ``macros`` off): the same pages under mkdocs-macros with trivial macros."""
    dest.mkdir(parents=True, exist_ok=True)
    docs = dest / "docs"
    docs.mkdir(exist_ok=True)
    text, entries = bib_text(seed)
    (dest / "references.bib").write_text(text, encoding="utf-8")
    rng = random.Random(seed)
    (docs / "index.md").write_text("# Synthetic benchmark site\n\nGenerated by `bench.synthetic_site`.\n",
                                   encoding="utf-8")
    for number in range(1, pages + 1):
        path = docs / page_path(number)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_page(number, entries, rng), encoding="utf-8")
    if macros:
        _link_or_copy_support(dest)
    elif floor:
        (dest / f"{FLOOR_MODULE}.py").write_text(_FLOOR_SOURCE, encoding="utf-8")
    config = dest / "mkdocs.yml"
    config.write_text(yaml.safe_dump(site_config(pages, macros, floor), sort_keys=False), encoding="utf-8")
    return config
