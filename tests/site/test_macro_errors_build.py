"""In a real build, a macro's error stops MkDocs with one line naming the page, and no traceback."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_site, copy_project


def test_a_bad_macro_call_stops_the_build_with_one_clean_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs" / "frameworks" / "cycle.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ cycle_figure(highlight="dance") }}\n',
                    encoding="utf-8")
    result = build_site(project / "mkdocs.yml", tmp_path / "out")
    output = result.stderr + result.stdout
    assert result.returncode != 0
    lines = [line for line in output.splitlines() if "dance" in line]
    assert lines and all("docs/frameworks/cycle.md: cycle_figure(" in line for line in lines), lines
    assert "Traceback" not in output
