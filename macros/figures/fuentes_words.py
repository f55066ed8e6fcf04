"""The Fuentes et al. (2014) figure in words: its caption, its description and its table.

The figures are formatted once here (``cm``, ``kg``, ``mm``), for the words and the values the
chart prints above its bars alike (``fuentes_figure.py``).
"""

from __future__ import annotations

from typing import Any

from evidence.figures.citekeys import pandoc_cite
from evidence.figures.svg import esc
from evidence.figures.text_equivalent import table

from .fuentes_data import pain_ci_cm


def cm(value: float) -> str:
    """A pain figure, in cm on a 10 cm scale."""
    return f"{value:.2f}"


def kg(value: float) -> str:
    """A pressure-pain-threshold figure, in kg."""
    return f"{value:.1f}"


def mm(value: float) -> str:
    """A pain figure as the abstract prints it, in mm."""
    return f"{value:.1f}"


def _arm(data: dict[str, Any], arm_id: str) -> dict[str, Any]:
    return next(arm for arm in data["arms"] if arm["id"] == arm_id)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def caption(data: dict[str, Any]) -> str:
    """The figure's caption: what the four arms show, and what their intervals do not."""
    sham_enh, act_lim = _arm(data, "sham-enhanced"), _arm(data, "active-limited")
    a, b = pain_ci_cm(sham_enh), pain_ci_cm(act_lim)
    if _overlap(a, b):
        verdict = "their 95% confidence intervals overlap, so that difference is not shown to be significant"
    else:
        verdict = "their 95% confidence intervals do not overlap"
    text = (
        f"Within-group change after one session in each of the four arms (n = {data['n_total']}) "
        f"{pandoc_cite([data['citation']])}. Sham current with an enhanced alliance reduced pain by "
        f"{cm(sham_enh['pain_change_cm'])} cm and active current with a limited alliance by "
        f"{cm(act_lim['pain_change_cm'])} cm: {verdict}. Pain numbers come from the "
        f"{data['pain_source']}, which prints the intervals in mm (shown here in cm); "
        f"pressure-pain-threshold numbers from a {data['ppt_source']}."
    )
    return esc(text)


def description(data: dict[str, Any]) -> str:
    """The SVG's description: every arm's figures in a sentence."""
    parts = []
    for arm in data["arms"]:
        pain_low, pain_high = pain_ci_cm(arm)
        ppt_low, ppt_high = arm["ppt_ci_kg"]
        parts.append(
            f"{arm['label']} (n = {arm['n']}): pain reduced {cm(arm['pain_change_cm'])} cm "
            f"(95% CI {cm(pain_low)} to {cm(pain_high)}), pressure pain threshold raised "
            f"{kg(arm['ppt_change_kg'])} kg (95% CI {kg(ppt_low)} to {kg(ppt_high)})."
        )
    return "Two bar charts, pain and pressure pain threshold, for four arms. " + " ".join(parts)


def text_equivalent(data: dict[str, Any]) -> str:
    """The figure as a table, pain intervals in cm and in the abstract's mm."""
    rows = []
    for arm in data["arms"]:
        pain_low, pain_high = pain_ci_cm(arm)
        mm_low, mm_high = arm["pain_ci_mm"]
        ppt_low, ppt_high = arm["ppt_ci_kg"]
        rows.append(
            [
                arm["label"],
                str(arm["n"]),
                cm(arm["pain_change_cm"]),
                f"{cm(pain_low)}\u2013{cm(pain_high)} ({mm(mm_low)}\u2013{mm(mm_high)} mm)",
                kg(arm["ppt_change_kg"]),
                f"{kg(ppt_low)}\u2013{kg(ppt_high)}",
            ]
        )
    header = [
        "Arm",
        "n",
        "Pain reduced (cm)",
        "95% CI (cm; abstract in mm)",
        "PPT raised (kg)",
        "95% CI (kg)",
    ]
    caption = (
        f"Fuentes et al. (2014), within-group change after one session. Pain: {data['pain_source']}; "
        f"PPT: {data['ppt_source']}."
    )
    return table(header, rows, caption)
