"""Command line: ``python -m alliance classify FILE|-`` and ``python -m alliance plan FILE|-``.

Reads JSON (answers, or plan inputs) from FILE or standard input and prints the
result or plan as JSON (default) or Markdown (``--format markdown``) or plain
text (``--format text``). Bad input: the problems on standard error, exit code 2.

``python -m alliance schema [--write DIR]`` prints the JSON Schemas (or writes
them to DIR as ``<name>.schema.json``); ``python -m alliance contract [--write
FILE]`` prints (or writes) the browser's copy of :mod:`alliance.contract`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from alliance.api import MAX_PAYLOAD, document_source, parse_payload, unwrap
from alliance.classify import classify
from alliance.contract import js_module
from alliance.errors import AllianceInputError
from alliance.migrate import read_answers, read_plan_inputs
from alliance.output import render
from alliance.plan import build_plan
from alliance.schema import SCHEMAS, schema_text, write_schemas
from alliance.view import plan_view, result_view

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m alliance",
        description="The therapeutic alliance in low back pain: stage classifier and session-plan builder.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, what in (("classify", "answers to the questions"), ("plan", "plan-builder inputs")):
        command = commands.add_parser(name, help=f"read {what} as JSON and print the {name} output")
        command.add_argument("file", help="a JSON file, or - for standard input")
        command.add_argument("--format", choices=("json", "markdown", "text"), default="json")
    schema = commands.add_parser("schema", help="print or write the JSON Schemas")
    schema.add_argument("name", nargs="?", choices=sorted(SCHEMAS), help="one schema (default: all)")
    schema.add_argument("--write", metavar="DIR", type=Path, help="write every schema into DIR")
    contract = commands.add_parser("contract", help="print or write the names shared with the browser (JS)")
    contract.add_argument("--write", metavar="FILE", type=Path, help="write the JS module to FILE")
    return parser


def _read(file: str) -> str:
    if file == "-":
        return sys.stdin.read(MAX_PAYLOAD + 1)
    path = Path(file)
    try:
        with path.open("r", encoding="utf-8") as handle:
            return handle.read(MAX_PAYLOAD + 1)
    except FileNotFoundError:
        raise AllianceInputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise AllianceInputError(f"{file}: is a directory, not a JSON file") from None
    except UnicodeDecodeError:
        raise AllianceInputError(f"{file}: not UTF-8 text") from None
    except OSError as error:
        raise AllianceInputError(f"{file}: cannot be read ({error.strerror})") from None


def _run(command: str, file: str, output_format: str) -> str:
    text = _read(file)
    name = "answers" if command == "classify" else "inputs"
    values, notes = document_source(unwrap(parse_payload(text, name), name), name)
    if command == "classify":
        read = read_answers(values)
        result = classify(read.values)
        data, view = result.to_dict(), result_view(result)
    else:
        read = read_plan_inputs(values)
        plan = build_plan(read.values)
        data, view = plan.to_dict(), plan_view(plan)
    for note in (*notes, *read.notes):
        print(f"note: {note}", file=sys.stderr)
    if output_format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return render(view, output_format)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        if args.write is not None:
            for path in write_schemas(args.write):
                print(path)
        else:
            names = [args.name] if args.name else list(SCHEMAS)
            sys.stdout.write("".join(schema_text(name) for name in names))
        return 0
    if args.command == "contract":
        if args.write is not None:
            args.write.write_text(js_module(), encoding="utf-8")
            print(args.write)
        else:
            sys.stdout.write(js_module())
        return 0
    source = "standard input" if args.file == "-" else args.file
    try:
        sys.stdout.write(_run(args.command, args.file, args.format))
    except AllianceInputError as error:
        print(f"alliance {args.command}: bad input in {source}:", file=sys.stderr)
        for note in error.notes:
            print(f"  what changed: {note}", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
