"""Compiled page templates, kept between builds (as Python keeps .pyc files).

mkdocs-macros reads every page as a Jinja template, on every build: Jinja
parses it, generates Python and compiles that, about 3 ms a page, more than
the macros themselves take. The compiled code depends only on the page's text
and on the Jinja environment's syntax settings, so it is stored with
``marshal`` (the .pyc format) in ``build/jinja-pages/<fingerprint>.marshal``
and reused while a page's text is unchanged. The fingerprint covers the Python
and Jinja versions and the syntax settings; each build rewrites the file with
just the pages it used, so it never grows past the site.

A page with a Jinja error is never stored (compiling it raises first); a
damaged file is ignored and rewritten. Deleting ``build/`` drops it.

The plugin routes mkdocs-macros' page compilation through it (:meth:`CompiledPages.install`) when
mkdocs-macros is listed, and saves the file after the build.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

from .files import store

__all__ = ["CACHE_SUBDIR", "CompiledPages"]

CACHE_SUBDIR = Path("build") / "jinja-pages"
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
           "autoescape")


def fingerprint(environment: jinja2.Environment) -> str:
    """What compiled code depends on besides the text: versions and syntax settings."""
    parts = [sys.version, jinja2.__version__, *(repr(getattr(environment, name, None)) for name in _SYNTAX),
             *sorted(environment.extensions)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


class CompiledPages:
    """``Environment.from_string`` with the compiled code of unchanged texts read from disk."""

    def __init__(self, environment: jinja2.Environment, cache_dir: Path) -> None:
        self.environment = environment
        self.path = cache_dir / f"{fingerprint(environment)}.marshal"
        self.stored = self._load()
        self.used: dict[str, CodeType] = {}
        self.compiled = 0  # texts compiled in this build (not found in the cache)

    def _load(self) -> dict[str, CodeType]:
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # no cache yet, or a damaged one
        if not isinstance(data, dict) or not all(isinstance(code, CodeType) for code in data.values()):
            return {}
        return data

    def from_string(self, source: str, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        """As Jinja's own ``from_string`` (jinja2/environment.py), compiling only new texts."""
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        code = self.used.get(key) or self.stored.get(key)
        if code is None:
            code = self.environment.compile(source)
            self.compiled += 1
        self.used[key] = code
        cls = template_class or self.environment.template_class
        return cls.from_code(self.environment, code, self.environment.make_globals(globals), None)

    @classmethod
    def install(cls, environment: jinja2.Environment, cache_dir: Path) -> CompiledPages:
        """Route ``environment.from_string`` (how mkdocs-macros compiles a page) through a new cache."""
        pages = cls(environment, cache_dir)
        environment.from_string = pages.from_string  # type: ignore[method-assign]
        return pages

    def save(self) -> None:
        """Write the pages used in this build (nothing if that is exactly what is stored)."""
        if not self.compiled and self.used.keys() == self.stored.keys():
            return
        store(self.path, marshal.dumps(self.used), "*.marshal", keep=1)  # others: stale versions or settings
