"""The command line, called in-process (the subprocess test lives in tests/unit)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile

from alliance.cli import main
from alliance.questions import QUESTIONS_BY_ID
from alliance_test_support import BY_LEVEL, answers


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def write(data: object) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        handle.write(data if isinstance(data, str) else json.dumps(data))
    return handle.name


def test_classify_prints_json_and_markdown() -> None:
    path = write(BY_LEVEL["empowering-collaboration"])
    try:
        code, out, _err = run("classify", path)
        assert code == 0 and json.loads(out)["stage"] == "empowering-collaboration"
        code, out, _err = run("classify", path, "--format", "markdown")
        assert code == 0 and out.startswith("## Where the alliance stands")
    finally:
        os.unlink(path)


def test_plan_prints_json_and_text() -> None:
    path = write({"level": "seeking-support", "session_number": 1})
    try:
        code, out, _err = run("plan", path)
        assert code == 0 and [s["id"] for s in json.loads(out)["sections"]][:2] == ["screening",
                                                                                    "communication"]
        code, out, _err = run("plan", path, "--format", "text")
        assert code == 0 and out.startswith("Session plan\n")
    finally:
        os.unlink(path)


def test_bad_input_exits_2_naming_each_problem() -> None:
    row = answers()
    del row["presence"]
    row["trust"] = "total"
    path = write(row)
    try:
        code, out, err = run("classify", path)
        assert code == 2 and out == ""
        assert path in err
        assert f"{QUESTIONS_BY_ID['presence'].quoted()} has no answer." in err
        assert f"{QUESTIONS_BY_ID['trust'].quoted()}: 'total' is not one of its answers" in err
    finally:
        os.unlink(path)
    broken = write("{not json")
    try:
        code, _out, err = run("plan", broken)
        assert code == 2 and "not valid JSON (line 1, column 2)" in err
    finally:
        os.unlink(broken)
    code, _out, err = run("plan", "/no/such/file.json")
    assert code == 2 and "no such file" in err


def test_schema_command_prints_the_schemas() -> None:
    code, out, _err = run("schema", "answers")
    assert code == 0 and json.loads(out)["title"] == "Answers"
