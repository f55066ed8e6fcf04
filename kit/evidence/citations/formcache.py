"""Every work's forms in a style, kept on disk between builds beside the parsed bibliography.

A build needs the forms of every work (the References page lists them all): the
reference-list order, the a/b year suffixes, the names shown in text and each
reference; and the warnings about titles (library.warnings). For
a 1,000-entry bib that is about a tenth of a second on every build. The forms
depend only on the works, the style and the style code, so they are stored as
JSON in ``build/bibliography/forms-<key>.json``, the key a hash of the parse
cache's key, of the style's name and of the whole package's code (fingerprint.py: every
module, so a new or edited style or helper is never served stale forms; and the module of a
style another package registers), and read back while none of them changes.

A damaged cache file, or one that does not hold exactly the bib's keys, is
ignored and written again. A read-only project still builds, without the cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..pages.files import store
from .fingerprint import code_digest, module_digest
from .style import Style

KEEP = 4  # cache files kept (the most recent)

Row = dict[str, Any]  # one work's forms, as library.Formatted writes and reads them


def forms_path(cache_dir: Path, works_key: str, style: Style) -> Path:
    """The cache file for the works cached under ``works_key`` (see bibcache) in ``style``, with this code."""
    code = f"{code_digest()}\n{module_digest(type(style))}"
    digest = hashlib.sha256(f"{works_key}\n{style.name}\n{code}".encode())
    return cache_dir / f"forms-{digest.hexdigest()[:32]}.json"


def read(path: Path, keys: set[str]) -> tuple[list[Row], list[str]] | None:
    """The cached rows (one for each of ``keys``) and warnings; None if missing, damaged or stale."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows, warnings = data["rows"], data["warnings"]
        found = [row["key"] for row in rows if "reference_html" in row]
        if not all(isinstance(w, str) for w in warnings):
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return (rows, warnings) if len(found) == len(keys) and set(found) == keys else None


def write(path: Path, rows: list[Row], warnings: list[str]) -> None:
    """Store ``rows`` and ``warnings`` at ``path``; keep the ``KEEP`` most recent form caches."""
    data = {"rows": rows, "warnings": warnings}
    store(path, json.dumps(data, ensure_ascii=False).encode("utf-8"), "forms-*.json", KEEP)
