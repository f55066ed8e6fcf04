"""What keeping the tools costs a reader, in the build's own figures, and the words that say it.

Four figures, each from the files this build wrote:

- ``tools``: what a first use of the tools downloads: the runtime as the build gzipped it, the
  trimmed standard library and the wheel as they are, and Pyodide's two modules as a host
  that compresses sends them (gzip, level 6);
- ``guide``: what keeping the guide's pages downloads at most: every file the service worker
  precaches, as it is (a host that compresses sends less);
- ``storage``: what the browser keeps: the tools' files unpacked, the guide's files, and the
  memory snapshot;
- ``snapshot``: the memory snapshot alone (its size is measured when the tools' assets are
  built, by booting Pyodide under Node as the browser does: macros/snapshot_size.mjs).

The guide's pages are among the figures, so the figures are known only once every page is
written. The pages and the footer therefore carry a token for each (``token``), which ``fill``
replaces with the figure after the build, in every page and in the search index, before the
service worker's manifest is made (macros/offline.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alliance.contract import RUNTIME

NAMES = ("tools", "guide", "storage", "snapshot")
_TOKEN = "\u27e6alliance-size:{}\u27e7"  # ⟦alliance-size:name⟧, text no page would hold otherwise
SNAPSHOT_ENVELOPE = 64  # bytes the browser adds to each snapshot (docs/assets/js/snapshot.mjs)


def token(name: str) -> str:
    """The placeholder a page carries for figure ``name`` until ``fill`` replaces it."""
    if name not in NAMES:
        raise KeyError(f"no size figure {name!r} (figures: {', '.join(NAMES)})")
    return _TOKEN.format(name)


class Tokens:
    """``{{ sizes.tools }}`` and the like in pages and templates: each figure's token."""

    def __getattr__(self, name: str) -> str:
        return token(name)


def figures(site: Path, measured: dict[str, int]) -> dict[str, int]:
    """Each figure, in bytes, from the built ``site`` (its toolkit.json and the guide's files) and what
    the build measured of the tools (``macros.toolkit.measure.measured``: the snapshot, the modules
    gzipped)."""
    from macros.precache import precache_manifest

    toolkit = json.loads((site / RUNTIME["toolkit"]).read_text(encoding="utf-8"))
    files = toolkit["files"]
    large = [files["wasm"], files["stdlib"], files["wheel"]]
    tools = (files["wasm"]["gzip"]["bytes"] + files["stdlib"]["bytes"] + files["wheel"]["bytes"]
             + measured["modules_gzip"])
    guide = sum((site / entry["url"]).stat().st_size for entry in precache_manifest(site))
    snapshot = measured["snapshot"] + SNAPSHOT_ENVELOPE
    kept_tools = sum(entry["bytes"] for entry in [*large, *toolkit["modules"]])
    return {"tools": tools, "guide": guide, "storage": kept_tools + guide + snapshot, "snapshot": snapshot}


def megabytes(size: int) -> str:
    """A size as the pages say it: MB with one decimal below 10 MB, whole MB above."""
    value = size / 1e6
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def fill(site: Path, sizes: dict[str, int]) -> list[Path]:
    """Replace every token in the built pages and the search index (where JSON spells it with
    escapes) by its figure; the files changed."""
    said = {}
    for name, size in sizes.items():
        said[token(name)] = said[json.dumps(token(name))[1:-1]] = megabytes(size)
    marks = [token("tools").split(":")[0], json.dumps(token("tools"))[1:-1].split(":")[0]]
    changed = []
    for path in [*site.rglob("*.html"), site / "search" / "search_index.json"]:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if not any(mark in text for mark in marks):
            continue
        for placeholder, figure in said.items():
            text = text.replace(placeholder, figure)
        if any(mark in text for mark in marks):
            raise ValueError(f"{path}: a size token with no figure ({', '.join(NAMES)} are known)")
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed


# What the footer and the pages say about keeping the tools, with the figures' tokens.
OFFER = (
    "Downloads Python for the browser (about {tools} MB) once and keeps it in this browser with the "
    "guide's pages (up to {guide} MB more), so that the tools and the whole guide work without a "
    "connection. It takes about {storage} MB of this browser's storage, {snapshot} MB of it a memory "
    "snapshot that lets the tools start in about a second. Nothing you type is kept."
)
KEPT = ("The tools and the guide's pages are kept in this browser for use without a connection (about "
        "{storage} MB of its storage).")


def words(template: str) -> str:
    """``template`` with its figures as tokens."""
    return template.format(**{name: token(name) for name in NAMES})


def offline_words() -> dict[str, Any]:
    """The footer's words: its offer, and what it says once the tools are kept."""
    return {"offer": words(OFFER), "kept": words(KEPT)}


def define_env(env: Any) -> None:
    """``sizes`` for the pages: ``{{ sizes.tools }}`` and the like, each figure's token."""
    env.variables["sizes"] = Tokens()
