"""The Fuentes et al. (2014) numbers, read once from ``macros/data/fuentes2014.json``."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from evidence.figures.frame import FigureError

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "fuentes2014.json"
ARM_IDS: tuple[str, ...] = ("active-limited", "sham-limited", "active-enhanced", "sham-enhanced")
_TOP_KEYS = ("n_total", "arms", "pain_source", "ppt_source", "citation")
_ARM_KEYS = (
    "id",
    "label",
    "alliance",
    "current",
    "n",
    "pain_change_cm",
    "pain_ci_mm",
    "ppt_change_kg",
    "ppt_ci_kg",
)


def _check(data: dict[str, Any], where: Path) -> None:
    missing = [key for key in _TOP_KEYS if key not in data]
    if missing:
        raise FigureError(f"{where}: missing top-level keys {missing}")
    ids = tuple(arm.get("id") for arm in data["arms"])
    if ids != ARM_IDS:
        raise FigureError(f"{where}: arms must be {ARM_IDS} in this order, found {ids}")
    for index, arm in enumerate(data["arms"]):
        missing = [key for key in _ARM_KEYS if key not in arm]
        if missing:
            raise FigureError(f"{where}: arms[{index}] ({arm['id']}) is missing {missing}")
        for key in ("pain_ci_mm", "ppt_ci_kg"):
            low, high = arm[key]
            if not low <= high:
                raise FigureError(f"{where}: arms[{index}].{key} has low > high: {arm[key]}")
    total = sum(arm["n"] for arm in data["arms"])
    if total != data["n_total"]:
        raise FigureError(f"{where}: n_total is {data['n_total']} but the arms' n add up to {total}")


@functools.cache
def fuentes() -> dict[str, Any]:
    """The whole data file, checked."""
    try:
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise FigureError(f"{DATA_FILE}: not valid JSON: {error.msg} (line {error.lineno})") from None
    _check(data, DATA_FILE)
    return data


def fuentes_arm(arm_id: str) -> dict[str, Any]:
    """One arm's numbers; :class:`FigureError` naming the valid ids if ``arm_id`` is unknown."""
    for arm in fuentes()["arms"]:
        if arm["id"] == arm_id:
            return arm
    raise FigureError(f"fuentes_arm({arm_id!r}): unknown arm; valid ids: {', '.join(ARM_IDS)}")


def pain_ci_cm(arm: dict[str, Any]) -> tuple[float, float]:
    """The pain CI converted from the abstract's mm to cm."""
    low, high = arm["pain_ci_mm"]
    return round(low / 10, 2), round(high / 10, 2)
