"""JSON Schemas (draft 2020-12) for answers, results, plan inputs and plans.

The schemas are built here from the model, the questions and the plan fields,
so they cannot drift from the code; ``widgets/schema/*.json`` are written from
them (``python -m alliance schema --write DIR``) and a test checks the files
are current. :func:`require` checks a document against a schema with the
package's own small checker (:mod:`alliance.validate`) and raises
:class:`~alliance.errors.AllianceInputError` listing every problem.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alliance import model
from alliance.errors import AllianceInputError
from alliance.migrate import ANSWERS_VERSION, PLAN_INPUTS_VERSION, PLAN_VERSION, RESULT_VERSION, VERSION_KEY
from alliance.plan_fields import PLAN_FIELDS, Field
from alliance.questions import MULTI, QUESTIONS, Question
from alliance.rules.plan import SECTIONS
from alliance.validate import capped, check

DRAFT = "https://json-schema.org/draft/2020-12/schema"
STEP_IDS = [*model.CYCLE_IDS, *model.PYRAMID_BY_ID]
CITE = {"type": "array", "items": {"type": "string", "minLength": 1}}
TEXT = {"type": "string"}
# Why a line is there: the rules that gave it and the facts they read (optional: older files lack it).
BASIS = {
    "type": "object",
    "properties": {
        "rules": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "facts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "value": {}},
                "required": ["id", "value"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["rules", "facts"],
    "additionalProperties": False,
}


def _object(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """An object schema; every property is required (unless ``required`` says otherwise) but ``basis``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name != "basis"] if required is None else required,
        "additionalProperties": False,
        **extra,
    }


def _version(version: int, what: str) -> dict[str, Any]:
    return {"description": f"The version of the {what} this document was written for (older versions are "
                           "read through alliance.migrate).", "const": version}


def _answer_schema(question: Question) -> dict[str, Any]:
    if question.kind == MULTI:
        return {"description": question.text, "type": "array", "items": {"enum": list(question.option_ids())},
                "minItems": 1, "uniqueItems": True}
    return {"description": question.text, "enum": list(question.option_ids())}


def answers_schema() -> dict[str, Any]:
    """One answer (an option id, or a list of them for a multiple choice) for every question."""
    return _object(
        {VERSION_KEY: _version(ANSWERS_VERSION, "questions"),
         **{question.id: _answer_schema(question) for question in QUESTIONS}},
        required=[question.id for question in QUESTIONS],
        description="Answers: each question id mapped to the id of the chosen option (a list of ids for a "
        "multiple-choice question). Every question must be answered.",
    )


def result_schema() -> dict[str, Any]:
    criterion = _object({"id": {"enum": list(model.CRITERIA_BY_ID)}, "label": TEXT, "basis": BASIS})
    missing = _object(
        {
            "id": {"enum": list(model.CRITERIA_BY_ID)},
            "label": TEXT,
            "because": {"type": "array", "items": {"enum": [q.id for q in QUESTIONS]}},
            "basis": BASIS,
        }
    )
    return {
        "$schema": DRAFT,
        "title": "Classification result",
        **_object(
            {
                VERSION_KEY: _version(RESULT_VERSION, "classifier"),
                "stage": {"enum": list(model.LEVEL_IDS)},
                "level": _object(
                    {
                        "id": {"enum": list(model.LEVEL_IDS)},
                        "number": {"type": "integer", "minimum": 1, "maximum": len(model.LEVELS)},
                        "name": TEXT,
                        "summary": TEXT,
                        "basis": BASIS,
                    }
                ),
                "transitions": {
                    "type": "array",
                    "items": _object(
                        {
                            "id": {"enum": list(model.TRANSITIONS_BY_ID)},
                            "source": {"enum": list(model.LEVEL_IDS)},
                            "target": {"enum": list(model.LEVEL_IDS)},
                            "reached": {"type": "boolean"},
                            "met": {"type": "array", "items": criterion},
                            "missing": {"type": "array", "items": missing},
                        }
                    ),
                },
                "flags": {
                    "type": "array",
                    "items": _object(
                        {
                            "id": {"enum": list(model.FLAGS_BY_ID)},
                            "title": TEXT,
                            "explanation": TEXT,
                            "questions": {"type": "array", "items": {"enum": [q.id for q in QUESTIONS]}},
                            "cite": CITE,
                            "basis": BASIS,
                        }
                    ),
                },
                "qualified": {"type": "boolean"},
                "weakest_steps": {
                    "type": "array",
                    "items": _object({"id": {"enum": list(model.CYCLE_IDS)}, "name": TEXT}),
                    "uniqueItems": True,
                },
                "weakest_steps_basis": BASIS,
                "next_steps": {
                    "type": "array",
                    "items": _object(
                        {"text": TEXT, "step": {"enum": STEP_IDS}, "cite": CITE, "basis": BASIS}
                    ),
                },
                "carry": {
                    "type": "array",
                    "items": _object({"field": {"enum": [f.id for f in PLAN_FIELDS if f.options]},
                                      "value": {"type": "string"}, "basis": BASIS}),
                },
                "answers": {"$ref": "#/$defs/answers"},
                "disclaimer": TEXT,
            },
            required=[VERSION_KEY, "stage", "level", "transitions", "flags", "qualified", "weakest_steps",
                      "next_steps", "disclaimer"],
        ),
        "$defs": {"answers": answers_schema()},
    }


def _field_schema(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": field.label, "description": field.help}
    if field.kind == "single":
        schema["enum"] = list(field.option_ids())
    elif field.kind == "multi":
        schema.update(type="array", items={"enum": list(field.option_ids())}, uniqueItems=True)
    elif field.kind == "number":
        schema.update(type="integer", minimum=field.minimum, maximum=field.maximum)
    else:
        schema.update(type="string", maxLength=field.max_length)
    return schema


def plan_inputs_schema() -> dict[str, Any]:
    return _object(
        {VERSION_KEY: _version(PLAN_INPUTS_VERSION, "plan builder's inputs"),
         **{field.id: _field_schema(field) for field in PLAN_FIELDS}},
        required=[field.id for field in PLAN_FIELDS if field.required],
        description="Inputs of the session-plan builder. Optional fields take their documented "
        "defaults when left out.",
    )


def plan_schema() -> dict[str, Any]:
    item = _object({"text": TEXT, "rationale": TEXT, "cite": CITE, "basis": BASIS, "title": TEXT,
                    "section": {"enum": list(SECTIONS)}}, required=["text", "rationale", "cite"])
    later = _object({"text": TEXT, "basis": BASIS, "items": {"type": "array", "items": item}},
                    required=["text", "items"])
    return {
        "$schema": DRAFT,
        "title": "Session plan",
        **_object(
            {
                VERSION_KEY: _version(PLAN_VERSION, "plan builder"),
                "aim": item,
                "priorities": {"type": "array", "items": item, "maxItems": 3},
                "longer": {"anyOf": [{"type": "null"}, later]},
                "later": {"anyOf": [{"type": "null"}, later]},
                "safety": {"type": "array", "minItems": 1,
                           "items": _object({"lead": TEXT, "text": TEXT, "cite": CITE, "basis": BASIS})},
                "sections": {
                    "type": "array",
                    "items": _object(
                        {
                            "id": {"enum": list(SECTIONS)},
                            "title": TEXT,
                            "items": {"type": "array", "items": item},
                        }
                    ),
                },
                "avoid": {"type": "array", "items": _object({"text": TEXT, "why": TEXT, "basis": BASIS})},
                "implied": {"type": "array", "items": _object(
                    {"flag": {"enum": list(model.FLAGS_BY_ID)}, "title": TEXT, "text": TEXT,
                     "basis": BASIS})},
                "record": {"type": "array", "items": TEXT, "maxItems": 2},
                "inputs": {"$ref": "#/$defs/plan_inputs"},
            }
        ),
        "$defs": {"plan_inputs": plan_inputs_schema()},
    }


def _document(title: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, **schema}


ANSWERS_SCHEMA: dict[str, Any] = _document("Answers", answers_schema())
RESULT_SCHEMA: dict[str, Any] = result_schema()
PLAN_INPUTS_SCHEMA: dict[str, Any] = _document("Plan inputs", plan_inputs_schema())
PLAN_SCHEMA: dict[str, Any] = plan_schema()

SCHEMAS: dict[str, dict[str, Any]] = {
    "answers": ANSWERS_SCHEMA,
    "result": RESULT_SCHEMA,
    "plan-inputs": PLAN_INPUTS_SCHEMA,
    "plan": PLAN_SCHEMA,
}


def require(document: object, schema: Mapping[str, Any], name: str) -> None:
    """``AllianceInputError`` listing every way ``document`` breaks ``schema``."""
    problems = check(document, schema, name)
    if problems:
        raise AllianceInputError(capped(problems))


def schema_text(name: str) -> str:
    """The schema called ``name`` as the JSON text written to ``widgets/schema``."""
    return json.dumps(SCHEMAS[name], indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema to ``directory/<name>.schema.json``; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in SCHEMAS:
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        paths.append(path)
    return paths
