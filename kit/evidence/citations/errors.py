"""The one error type of the citations package, and 'did you mean' hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import EvidenceError


class CitationError(EvidenceError):
    """A problem an author must fix in the bib or a citation; the build fails and prints the message.

    A ``PluginError``: MkDocs prints its message (without a traceback) and aborts the build.
    """


def closest_keys(key: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known keys that look most like ``key`` (best first)."""
    known = list(known)
    matches = difflib.get_close_matches(key, known, n=limit, cutoff=0.5)
    if not matches:
        # Same first author and year is a good hint even when the title word differs.
        stem = key.rstrip("abcdefghijklmnopqrstuvwxyz")
        matches = sorted(k for k in known if stem and k.startswith(stem))[:limit]
    return matches


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """A sentence proposing the closest keys, or saying there are none."""
    matches = closest_keys(key, known)
    if not matches:
        return "No key in the bibliography looks like it."
    return "Did you mean: " + ", ".join(matches) + "?"
