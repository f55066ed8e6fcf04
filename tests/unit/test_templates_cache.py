"""Compiled page templates kept between builds (evidence/pages/templates_cache.py)."""

from __future__ import annotations

import marshal
from pathlib import Path

import jinja2
import pytest
from evidence.pages.templates_cache import CompiledPages

PAGE = "# {{ title }}\n\n{% for n in numbers %}{{ n * 2 }} {% endfor %}\n"


def _render(pages: CompiledPages, source: str = PAGE) -> str:
    return pages.from_string(source).render(title="T", numbers=[1, 2, 3])


def test_a_page_compiled_in_one_build_is_read_back_in_the_next(tmp_path: Path) -> None:
    first = CompiledPages(jinja2.Environment(), tmp_path)
    expected = jinja2.Environment().from_string(PAGE).render(title="T", numbers=[1, 2, 3])
    assert _render(first) == expected == "# T\n\n2 4 6 "
    assert first.compiled == 1
    first.save()
    second = CompiledPages(jinja2.Environment(), tmp_path)
    assert _render(second) == expected
    assert second.compiled == 0  # read, not compiled


def test_a_changed_page_is_compiled_and_the_file_keeps_only_pages_in_use(tmp_path: Path) -> None:
    first = CompiledPages(jinja2.Environment(), tmp_path)
    _render(first)
    _render(first, "old page {{ title }}")
    first.save()
    second = CompiledPages(jinja2.Environment(), tmp_path)
    assert _render(second, PAGE + "edited").endswith("edited")
    assert second.compiled == 1
    second.save()
    stored = marshal.loads(second.path.read_bytes())
    assert len(stored) == 1  # the edited page only: the two earlier texts are gone


def test_other_syntax_settings_do_not_reuse_the_code(tmp_path: Path) -> None:
    CompiledPages(jinja2.Environment(), tmp_path).from_string(PAGE)
    plain = CompiledPages(jinja2.Environment(), tmp_path)
    _render(plain)
    plain.save()
    other = CompiledPages(jinja2.Environment(variable_start_string="[[", variable_end_string="]]"), tmp_path)
    assert other.path != plain.path
    assert other.from_string("[[ title ]] {{ x }}").render(title="T") == "T {{ x }}"
    assert other.compiled == 1


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    pages = CompiledPages(jinja2.Environment(), tmp_path)
    _render(pages)
    pages.save()
    pages.path.write_bytes(b"\x00not marshal")
    again = CompiledPages(jinja2.Environment(), tmp_path)
    assert _render(again) == "# T\n\n2 4 6 "
    assert again.compiled == 1


def test_a_page_with_a_jinja_error_raises_and_is_not_stored(tmp_path: Path) -> None:
    pages = CompiledPages(jinja2.Environment(), tmp_path)
    with pytest.raises(jinja2.TemplateSyntaxError):
        pages.from_string("{% for x in y %}never closed")
    pages.save()
    assert not pages.path.exists()
