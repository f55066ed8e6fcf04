"""The kit knows no topic: no file of kit/ imports the guide (``alliance``, ``macros``) or names
"alliance". Each problem is reported with its file and line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

KIT = ROOT / "kit"
GUIDE_PACKAGES = ("alliance", "macros")  # the guide's own: widgets/alliance, macros/
TOPIC = re.compile("alliance", re.IGNORECASE)
SKIPPED = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def kit_files(root: Path = KIT) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file() and not SKIPPED & set(path.parts)
                  and not any(part.endswith(".egg-info") for part in path.parts))


def guide_imports(path: Path) -> list[str]:
    """'file:line: imports <module>' for every import of a guide package in the Python file ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in GUIDE_PACKAGES:
                found.append(f"{path}:{node.lineno}: imports {name}")
    return found


def topic_words(path: Path) -> list[str]:
    """'file:line: names "alliance"' for every line of ``path`` that names the guide's topic."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_bytes().decode("latin-1")
    return [f"{path}:{number}: names {match[0]!r}: {line.strip()[:80]}"
            for number, line in enumerate(text.splitlines(), 1) for match in [TOPIC.search(line)] if match]


def problems(root: Path = KIT) -> list[str]:
    found = []
    for path in kit_files(root):
        if path.suffix == ".py":
            found += guide_imports(path)
        found += topic_words(path)
    return found


def test_no_kit_file_imports_the_guide_or_names_its_topic() -> None:
    assert len([path for path in kit_files() if path.suffix == ".py"]) > 30  # the scan sees the kit
    assert problems() == []


def test_the_scan_names_the_file_and_the_line(tmp_path: Path) -> None:
    package = tmp_path / "evidence"
    package.mkdir()
    (package / "ok.py").write_text('"""Evidence."""\nimport json\nfrom .alliance_like import x\n',
                                   encoding="utf-8")
    (package / "bad.py").write_text(
        '"""A module."""\n\nimport alliance.model\nfrom macros.figures import frame\n'
        "CLASS = 'Alliance-figure'\n", encoding="utf-8")
    (package / "style.css").write_text(".x {}\n.alliance-figure { color: red }\n", encoding="utf-8")
    assert problems(tmp_path) == [
        f"{package / 'bad.py'}:3: imports alliance.model",
        f"{package / 'bad.py'}:4: imports macros.figures",
        f"{package / 'bad.py'}:3: names 'alliance': import alliance.model",
        f"{package / 'bad.py'}:5: names 'Alliance': CLASS = 'Alliance-figure'",
        f"{package / 'ok.py'}:3: names 'alliance': from .alliance_like import x",
        f"{package / 'style.css'}:2: names 'alliance': .alliance-figure {{ color: red }}",
    ]
