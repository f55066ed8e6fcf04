"""cases macros (being written)."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register this module's macros (none yet)."""
