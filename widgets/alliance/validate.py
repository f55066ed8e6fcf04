"""Small helpers for checking untrusted input, and a tiny JSON Schema checker.

The checker covers the subset of JSON Schema (draft 2020-12) the package's
own schemas use: ``type``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``enum``, ``const``, ``minimum``,
``maximum``, ``minLength``, ``maxLength``, ``minItems``, ``maxItems``,
``uniqueItems``, ``anyOf`` and local ``$ref`` (``#/$defs/...``). It returns
every problem it finds as a :class:`~alliance.errors.Problem` whose field is
a JSON path, and never raises on odd input.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from typing import Any

from alliance.errors import Problem

MAX_PROBLEMS = 50  # beyond this, one more problem says how many were left out
SHOWN_VALUE_LENGTH = 40


def show(value: object) -> str:
    """A short, safe rendering of a value for an error message."""
    try:
        text = repr(value) if not isinstance(value, str) else "'" + value + "'"
    except Exception:  # a value whose repr fails must not break the error report
        text = f"<{type(value).__name__}>"
    if len(text) > SHOWN_VALUE_LENGTH:
        text = text[: SHOWN_VALUE_LENGTH - 1] + "…"
    return text


def kind(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "an empty value"  # JSON's null, in words a clinician reads
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


# Characters that reorder the text around them when it is shown (embeddings, overrides, isolates): text
# using them can read differently from what it holds. The marks (LRM, RLM, ALM) are harmless and kept.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\t\n\r")  # control characters typed text may hold: read as spaces


def text_problem(text: str) -> str:
    """What makes typed text unusable, in words ("" if nothing): a control character (other than a tab
    or a line break), a character that reorders the text around it, or half of a surrogate pair. Any
    other character is text: emoji joined with ZWJ, ZWNJ in Persian, Indic conjuncts, the marks LRM and
    RLM, the soft hyphen."""
    for position, character in enumerate(text, 1):
        code = f"U+{ord(character):04X}"
        if character in BIDI_CONTROLS:
            return (f"the text holds a character that reverses or reorders the text around it ({code}, "
                    f"character {position}), which could make it read differently from what it says: "
                    "delete it.")
        category = unicodedata.category(character)
        if category == "Cc" and character not in LINE_BREAKS:
            return (f"the text holds a control character ({code}, character {position}), which cannot be "
                    "shown: delete it.")
        if category == "Cs":
            return (f"the text holds half of a character ({code}, character {position}), which is not "
                    "valid text: type it again.")
    return ""


def capped(problems: list[Problem]) -> list[Problem]:
    """At most ``MAX_PROBLEMS`` problems, plus one saying how many more there were."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    extra = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem("", f"... and {extra} more problems")]


def is_integer(value: object) -> bool:
    """A JSON integer: an int (not a bool), or a finite float with no fraction."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value) and value.is_integer()


def _type_ok(value: object, name: str) -> bool:
    if name == "object":
        return isinstance(value, Mapping)
    if name == "array":
        return isinstance(value, list | tuple)
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return is_integer(value)
    if name == "number":
        return (
            isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(float(value))
        )
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    return False


def _same(value: object, option: object) -> bool:
    return type(value) is type(option) and value == option


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return schema
    target: Any = root
    for part in ref[2:].split("/"):
        target = target[part]
    return target


def check(value: object, schema: Mapping[str, Any], path: str = "$", root: Mapping[str, Any] | None = None,
          depth: int = 0) -> list[Problem]:
    """Every way ``value`` breaks ``schema`` (empty if it conforms)."""
    root = schema if root is None else root
    schema = _resolve(schema, root)
    if depth > 40:
        return [Problem(path, f"{path}: nested too deeply")]
    problems: list[Problem] = []
    if "anyOf" in schema:
        branches = [check(value, option, path, root, depth + 1) for option in schema["anyOf"]]
        if all(branches):
            problems.append(Problem(path, f"{path}: does not match any allowed form"))
            return problems
    expected = schema.get("type")
    if expected is not None:
        names = [expected] if isinstance(expected, str) else list(expected)
        if not any(_type_ok(value, name) for name in names):
            return [Problem(path, f"{path}: expected {' or '.join(names)}, got {kind(value)}")]
    if "const" in schema and value != schema["const"]:
        problems.append(Problem(path, f"{path}: must be {show(schema['const'])}, got {show(value)}"))
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        problems.append(Problem(path, f"{path}: {show(value)} is not one of the allowed values"))
    if isinstance(value, str):
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            problems.append(Problem(path, f"{path}: longer than {schema['maxLength']} characters"))
        if "minLength" in schema and len(value) < schema["minLength"]:
            problems.append(Problem(path, f"{path}: shorter than {schema['minLength']} characters"))
    if _type_ok(value, "number"):
        number = float(value)  # type: ignore[arg-type]
        if "minimum" in schema and number < schema["minimum"]:
            problems.append(Problem(path, f"{path}: less than {schema['minimum']}"))
        if "maximum" in schema and number > schema["maximum"]:
            problems.append(Problem(path, f"{path}: more than {schema['maximum']}"))
    if isinstance(value, list | tuple):
        if "minItems" in schema and len(value) < schema["minItems"]:
            problems.append(Problem(path, f"{path}: fewer than {schema['minItems']} items"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(Problem(path, f"{path}: more than {schema['maxItems']} items"))
        if schema.get("uniqueItems"):
            seen: list[object] = []
            for item in value:
                if item in seen:
                    problems.append(Problem(path, f"{path}: {show(item)} is listed twice"))
                seen.append(item)
        if "items" in schema:
            for index, item in enumerate(value):
                problems += check(item, schema["items"], f"{path}[{index}]", root, depth + 1)
    if isinstance(value, Mapping):
        properties: Mapping[str, Any] = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in value:
                problems.append(Problem(f"{path}.{name}", f"{path}: '{name}' is missing"))
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            where = f"{path}.{key}" if isinstance(key, str) else path
            if not isinstance(key, str):
                problems.append(Problem(path, f"{path}: key {show(key)} is not a string"))
            elif key in properties:
                problems += check(item, properties[key], where, root, depth + 1)
            elif extra is False:
                problems.append(Problem(where, f"{path}: unexpected key {show(key)}"))
            elif isinstance(extra, Mapping):
                problems += check(item, extra, where, root, depth + 1)
    return problems
