"""Markdown and plain-text renderings of classification results and plans.

Used by the CLI, by the build-time case studies and by the browser's Copy and
Download buttons. In Markdown, citation keys appear as pandoc ``[@key]`` so
the site's citation processor renders them when a page embeds the text; in
plain text they appear as author-date labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from alliance import model
from alliance.classify import ClassificationResult
from alliance.plan import PLAN_FIELDS_BY_ID, Plan

# Author-date labels (APA 7) of the agreed citation keys, for plain text.
CITATION_LABELS: dict[str, str] = {
    "fuentes2014enhanced": "Fuentes et al., 2014",
    "holopainen2018nonencounters": "Holopainen et al., 2018",
    "manzoni2018role": "Manzoni et al., 2018",
    "stenner2018matters": "Stenner et al., 2018",
    "traeger2019effect": "Traeger et al., 2019",
    "macphail2018therapeutic": "Macphail, 2018a",
    "macphail2018why": "Macphail, 2018b",
    "ferreira2013therapeutic": "Ferreira et al., 2013",
    "hall2010influence": "Hall et al., 2010",
    "kinney2020impact": "Kinney et al., 2020",
    "babatunde2017characteristics": "Babatunde et al., 2017",
    "okeeffe2016influences": "O'Keeffe et al., 2016",
    "hill2011comparison": "Hill et al., 2011",
    "miciak2018necessary": "Miciak et al., 2018",
    "lakke2016working": "Lakke & Meerman, 2016",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~>])")


def escape_markdown(text: str) -> str:
    """Text made inert in Markdown and HTML: no markup, tags, entities or ``@`` citations."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "&#64;")


def cite_markdown(keys: Iterable[str]) -> str:
    keys = list(keys)
    return f" [{'; '.join('@' + key for key in keys)}]" if keys else ""


def cite_text(keys: Iterable[str]) -> str:
    keys = list(keys)
    return f" ({'; '.join(CITATION_LABELS.get(key, key) for key in keys)})" if keys else ""


def _heading(level: int, text: str) -> str:
    return f"{'#' * max(1, min(6, level))} {text}"


# --- results -------------------------------------------------------------------------------------


def _result_blocks(result: ClassificationResult) -> list[tuple[str, list[str]]]:
    """(heading, lines) pairs shared by the Markdown and text renderings; lines carry {cite:} marks."""
    level = result.level
    blocks: list[tuple[str, list[str]]] = []
    head = [f"Level {level.number} of {len(model.LEVELS)}: {level.name}. {level.summary}"]
    if result.qualified:
        head += ["", "This level is qualified by the flags below: do not read it as plain success."]
    blocks.append(("", head))
    if result.flags:
        blocks.append(("Flags", [f"- {flag.title}: {flag.explanation}\x00{','.join(flag.cite)}"
                                 for flag in result.flags]))
    holding: list[str] = []
    for transition in result.transitions:
        source = model.level(transition.source).name
        target = model.level(transition.target).name
        state = "reached" if transition.reached else "not reached"
        holding.append(f"- {source} to {target}: {state}")
        holding += [f"  - in place: {criterion.label}" for criterion in transition.met]
        holding += [
            f"  - missing: {criterion.label} (held back by your answers on: {', '.join(criterion.because)})"
            for criterion in transition.missing
        ]
    blocks.append(("Steps up: what is in place and what is missing", holding))
    if result.weakest_steps:
        blocks.append(("Weakest steps of the cycle (from your self-check)",
                       [f"- {model.CYCLE_BY_ID[step].name}" for step in result.weakest_steps]))
    else:
        blocks.append(("Weakest steps of the cycle (from your self-check)",
                       ["Every step of the cycle is rated as done well."]))
    blocks.append(("Next steps", [f"{number}. {step.text}\x00{','.join(step.cite)}"
                                  for number, step in enumerate(result.next_steps, 1)]))
    return blocks


def _render(blocks: list[tuple[str, list[str]]], title: str, footer: str, markdown: bool,
            heading_level: int) -> str:
    out: list[str] = []
    if markdown:
        out += [_heading(heading_level, title), ""]
    else:
        out += [title, "=" * len(title), ""]
    for heading, lines in blocks:
        if heading:
            if markdown:
                out += [_heading(heading_level + 1, heading), ""]
            else:
                out += [heading, "-" * len(heading), ""]
        for line in lines:
            text, _, keys = line.partition("\x00")
            cites = [key for key in keys.split(",") if key]
            out.append(text + (cite_markdown(cites) if markdown else cite_text(cites)))
        out.append("")
    out.append(f"*{footer}*" if markdown else footer)
    return "\n".join(out) + "\n"


def result_markdown(result: ClassificationResult, heading_level: int = 2) -> str:
    """The result as Markdown, citations as ``[@key]``."""
    title = "Where the alliance stands"
    return _render(_result_blocks(result), title, result.disclaimer, True, heading_level)


def result_text(result: ClassificationResult) -> str:
    """The result as plain text, citations as author-date labels."""
    return _render(_result_blocks(result), "Where the alliance stands", result.disclaimer, False, 1)


# --- plans ---------------------------------------------------------------------------------------


def _plan_blocks(plan: Plan, markdown: bool) -> list[tuple[str, list[str]]]:
    quote = escape_markdown if markdown else (lambda text: text)
    blocks: list[tuple[str, list[str]]] = []
    level = model.level(str(plan.inputs["level"]))
    blocks.append(("", [
        f"Session {plan.inputs['session_number']}, {plan.inputs['time_minutes']} minutes; the alliance is at "
        f"level {level.number} of {len(model.LEVELS)}, {level.name}.",
    ]))
    blocks.append(("Alliance aim for this session", [
        f"{plan.aim.text}" + ("  " if markdown else ""),
        f"{'**Why:**' if markdown else 'Why:'} {plan.aim.rationale}\x00{','.join(plan.aim.cite)}",
    ]))
    for section in plan.sections:
        if section.items:
            blocks.append((section.title, [
                f"- {item.text} Why: {item.rationale}\x00{','.join(item.cite)}" for item in section.items
            ]))
    if plan.avoid:
        blocks.append(("What to avoid", [f"- {quote(avoid.text)}: {avoid.why}" for avoid in plan.avoid]))
    blocks.append(("Based on", [f"- {quote(line)}" for line in describe_inputs(plan)]))
    return blocks


def _plan_title() -> str:
    return "Session plan"


def plan_markdown(plan: Plan, heading_level: int = 2) -> str:
    """The plan as Markdown, citations as ``[@key]``; the clinician's free text is escaped."""
    footer = "A plan to adapt with the patient, not a protocol."
    return _render(_plan_blocks(plan, True), _plan_title(), footer, True, heading_level)


def plan_text(plan: Plan) -> str:
    """The plan as plain text, citations as author-date labels."""
    footer = "A plan to adapt with the patient, not a protocol."
    return _render(_plan_blocks(plan, False), _plan_title(), footer, False, 1)


def describe_inputs(plan: Plan) -> list[str]:
    """The inputs as 'label: value' lines (option labels, not ids)."""
    lines = []
    for field_id, value in plan.inputs.items():
        field = PLAN_FIELDS_BY_ID[field_id]
        labels = dict((option.id, option.label) for option in field.options)
        if isinstance(value, list):
            shown = ", ".join(labels.get(v, v) for v in value) or "none"
        else:
            shown = labels.get(str(value), str(value)) if value != "" else "none"
        lines.append(f"{field.label}: {shown}")
    return lines
