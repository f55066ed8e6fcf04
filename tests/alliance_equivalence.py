"""Same inputs, same classifications and plans: the package now against a past commit.

A refactoring of ``widgets/alliance`` must not change what the tools decide.
This generates a large, deterministic set of inputs (every answer set one or
two answers away from five even ones, all weakest to all strongest; random
answer sets; random plan inputs; and every classified answer set carried into
the plan builder),
runs them through the package at ``--base`` (exported with ``git archive``)
and through the working tree, each in its own Python process, and compares
what the tools decided: the level, each transition's met and missing
criteria and the answers that hold them, the flags, the weakest steps, the
next steps, the plan inputs carried over, and every plan item, its rationale,
its citation keys and what to avoid. Keys a later version adds (the rule
behind an item, say) are left out of the comparison; wording of the
renderings (text, Markdown) is not compared.

    .venv/bin/python -m tests.alliance_equivalence --base f1b7bdb [--random 20000]

Exit status 0 when every output matches, 1 otherwise (the first differences
are printed).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the package's own Python process: only the names both versions export.
RUNNER = r"""
import json, sys
from alliance import build_plan, classify, plan_inputs_from_result

def result_view(d):
    return {
        "stage": d["stage"],
        "transitions": [
            {"id": t["id"], "reached": t["reached"], "met": [c["id"] for c in t["met"]],
             "missing": [[c["id"], c["because"]] for c in t["missing"]]}
            for t in d["transitions"]
        ],
        "flags": [[f["id"], f["title"], f["explanation"], f["questions"], f["cite"]] for f in d["flags"]],
        "weakest": [s["id"] for s in d["weakest_steps"]],
        "next": [[s["text"], s["step"], s["cite"]] for s in d["next_steps"]],
    }

def plan_view(d):
    item = lambda i: [i["text"], i["rationale"], i["cite"]]
    return {
        "aim": item(d["aim"]),
        "sections": [[s["id"], s["title"], [item(i) for i in s["items"]]] for s in d["sections"]],
        "avoid": [[a["text"], a["why"]] for a in d["avoid"]],
        "inputs": d["inputs"],
    }

data = json.load(sys.stdin)
out = sys.stdout
for answers in data["answers"]:
    result = classify(answers)
    inputs = plan_inputs_from_result(result)
    out.write(json.dumps({"result": result_view(result.to_dict()), "carried": inputs,
                          "plan": plan_view(build_plan(result).to_dict())}, sort_keys=True) + "\n")
for inputs in data["plans"]:
    out.write(json.dumps({"plan": plan_view(build_plan(inputs).to_dict())}, sort_keys=True) + "\n")
"""


def _options() -> tuple[dict[str, list[str]], dict[str, dict]]:
    """The questions' option ids and the plan fields, from the working tree (unchanged by a refactoring)."""
    from alliance import PLAN_FIELDS, QUESTIONS

    questions = {q.id: list(q.option_ids()) for q in QUESTIONS}
    fields = {f.id: {"kind": f.kind, "options": list(f.option_ids()), "min": f.minimum, "max": f.maximum}
              for f in PLAN_FIELDS}
    return questions, fields


def answer_sets(questions: dict[str, list[str]], count: int, rng: random.Random) -> list[dict[str, str]]:
    """Every answer set one or two answers away from five even ones (all weakest ... all strongest),
    and ``count`` random ones."""
    bases = [{q: options[min(level, len(options) - 1)] for q, options in questions.items()}
             for level in range(5)]
    changes = [(q, option) for q, options in questions.items() for option in options]
    sets = []
    for base in bases:
        sets += [{**base, q: o} for q, o in changes]
        pairs = itertools.combinations(changes, 2)
        sets += [{**base, q1: o1, q2: o2} for (q1, o1), (q2, o2) in pairs if q1 != q2]
    sets += [{q: rng.choice(options) for q, options in questions.items()} for _ in range(count)]
    return sets


def plan_input_sets(fields: dict[str, dict], count: int, rng: random.Random) -> list[dict[str, object]]:
    """Random plan inputs: each optional field present or not, sessions and times near their thresholds."""
    texts = ["", "spinal mobilisation", "heat packs", "  traction  ", "<b>taping</b> & @someone"]
    sets = []
    for _ in range(count):
        inputs: dict[str, object] = {}
        for field_id, field in fields.items():
            required = field_id in ("level", "session_number")
            if not required and rng.random() < 0.3:
                continue
            if field["kind"] == "single":
                inputs[field_id] = rng.choice(field["options"])
            elif field["kind"] == "multi":
                inputs[field_id] = rng.sample(field["options"], rng.randint(0, len(field["options"])))
            elif field["kind"] == "number":
                near = [field["min"], field["max"], 1, 2, 3, 4, 5, 19, 20, 21, 30, 45, 60]
                candidates = [n for n in near if field["min"] <= n <= field["max"]]
                inputs[field_id] = rng.choice([*candidates, rng.randint(field["min"], field["max"])])
            else:
                inputs[field_id] = rng.choice(texts)
        sets.append(inputs)
    return sets


def _export(base: str, into: Path) -> Path:
    """``widgets/alliance`` as it was at ``base``, in ``into``; the folder to put on sys.path."""
    archive = subprocess.run(["git", "archive", "--format=tar", base, "widgets/alliance"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "widgets"


def run(package_parent: Path, payload: str) -> list[str]:
    """The runner's output lines for ``payload``, with the package imported from ``package_parent``."""
    code = f"import sys; sys.path.insert(0, {str(package_parent)!r})\n" + RUNNER
    result = subprocess.run([sys.executable, "-I", "-c", code], input=payload, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise SystemExit(f"the runner failed for {package_parent}:\n{result.stderr[-4000:]}")
    return result.stdout.splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with (e.g. f1b7bdb)")
    parser.add_argument("--random", type=int, default=20000, help="random answer sets and plan inputs (each)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    questions, fields = _options()
    answers = answer_sets(questions, args.random, rng)
    plans = plan_input_sets(fields, args.random, rng)
    payload = json.dumps({"answers": answers, "plans": plans})
    with tempfile.TemporaryDirectory(prefix="alliance-base-") as tmp:
        before = run(_export(args.base, Path(tmp)), payload)
    after = run(ROOT / "widgets", payload)
    inputs = [{"answers": a} for a in answers] + [{"plan inputs": p} for p in plans]
    pairs = enumerate(zip(before, after, strict=True))
    differences = [(i, old, new) for i, (old, new) in pairs if old != new]
    print(f"{len(answers)} answer sets (each classified, carried into a plan and planned) and "
          f"{len(plans)} plan-input sets: {len(before)} outputs compared, {len(differences)} differ.")
    for index, old, new in differences[:5]:
        print(f"\ninput: {json.dumps(inputs[index])}\nbase:  {old[:2000]}\nnow:   {new[:2000]}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
