"""Same inputs, the package now against a past commit: what the tools decide, and what changed, by rule.

A refactoring of ``widgets/alliance`` must not change what the tools decide; a clinical change must
change only what it means to. This generates a large, deterministic set of inputs in the *base's*
format (its questions and plan fields): every answer set one or two answers away from five even ones
(all weakest ... all strongest), random answer sets, random plan inputs, and every classified answer
set carried into the plan builder. It runs them through the package at ``--base`` (exported with
``git archive``) and through the working tree, each in its own Python process, and compares:

- what the tools decided (``--compare words``, the default): the level, each transition's met and
  missing criteria and the answers that hold them, the flags, the weakest steps, the next steps,
  the plan inputs carried over, every plan item with its rationale and citation keys, what to avoid;
- the rules that decided it (``--compare rules``): the level, the flags, the rules behind each next
  step, each plan item (by section, and those left for later), the safety-netting and each thing to
  avoid. Differences are then summarised by rule (how many outputs gained or lost it, with a sample
  input each; an item left for later, or said to need a longer slot, still counts as applying), to
  review a clinical change rule by rule.

When the working tree's questions differ from the base's, the base's answers reach it as an earlier
version would: through ``alliance.migrate``. What version 1 cannot say is filled with the answers in
``NEUTRAL`` (the tool's assumption, printed with the results). Plan inputs reach it likewise, migrated;
a plan input the base does not have takes its value from ``PLAN_NEUTRAL`` (screening for serious
pathology read as done and clear, so that every plan does not differ by its first item), printed too.
Keys a later version adds are left out of the comparison; wording of the renderings (text, Markdown) is
not compared.

    .venv/bin/python -m tests.alliance_equivalence --base f1b7bdb [--random 20000] [--compare rules]

Exit status 0 when every output matches, 1 otherwise (the first differences are printed).
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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What the base's answers cannot say when the working tree asks more (version 1 -> 2): the answers the
# tool assumes, chosen to change the least (no new flag, no yellow flag).
NEUTRAL = {
    "participation-treatment": {"occasional": "when-asked", None: "when-asked"},
    "participation-decisions": {"leading": "shares", None: "asks"},
    "in-charge-care-seeking": {None: "shared"},
    "yellow-flags": {None: ["none"]},
}
# What the base's plan inputs cannot say, when the working tree asks it.
PLAN_NEUTRAL = {"screening": "clear"}

# Runs inside each package's own Python process: only the names every version exports.
RUNNER = r"""
import json, sys
from alliance import PLAN_FIELDS, QUESTIONS, build_plan, classify, plan_inputs_from_result

NEUTRAL = json.loads(sys.argv[1])
COMPARE = sys.argv[2]
PLAN_NEUTRAL = json.loads(sys.argv[3])

def first_rule(line):
    rules = (line.get("basis") or {}).get("rules") or [""]
    return rules[0]

def result_words(d):
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

def plan_words(d):
    item = lambda i: [i["text"], i["rationale"], i["cite"]]
    return {
        "aim": item(d["aim"]),
        "sections": [[s["id"], s["title"], [item(i) for i in s["items"]]] for s in d["sections"]],
        "avoid": [[a["text"], a["why"]] for a in d["avoid"]],
        "inputs": {k: v for k, v in d["inputs"].items() if k in BASE_FIELDS},
    }

def result_rules(d):
    return {"stage": d["stage"], "flags": sorted({f["id"] for f in d["flags"]}),
            "next": [first_rule(s) for s in d["next_steps"]]}

def plan_rules(d):
    # left for later, or said to need a longer slot: either way not in this session
    waiting = [(d.get(key) or {"items": []})["items"] for key in ("later", "longer")]
    later = {"items": [item for items in waiting for item in items]}
    return {"aim": (d["aim"].get("basis") or {}).get("rules", []),
            "items": {s["id"]: [first_rule(i) for i in s["items"]] for s in d["sections"]},
            "later": [first_rule(i) for i in later["items"]],
            "safety": [first_rule(line) for line in d.get("safety", [])],
            "avoid": [first_rule(a) for a in d["avoid"]]}

def current(answers):
    # The base's answers as the working tree reads them: through its migration, if it has one.
    try:
        from alliance.migrate import answers_1_to_2
    except ImportError:
        return answers
    if not any(q.id not in answers for q in QUESTIONS):
        return answers
    new, unanswered = answers_1_to_2(answers)
    for question in unanswered:
        table = NEUTRAL[question]
        old = answers.get("participation")
        new[question] = table.get(old, table["null"])
    return new

def current_plan(inputs):
    # The base's plan inputs as the working tree reads them: migrated, with what the base cannot say.
    fields = {f.id for f in PLAN_FIELDS}
    added = {key: value for key, value in PLAN_NEUTRAL.items() if key in fields and key not in BASE_FIELDS}
    if not added:
        return inputs
    from alliance.migrate import read_plan_inputs
    return {**read_plan_inputs(inputs).values, **added}

result_view, plan_view = (result_words, plan_words) if COMPARE == "words" else (result_rules, plan_rules)
data = json.load(sys.stdin)
BASE_FIELDS = set(data["fields"])
if data.get("describe"):
    print(json.dumps({"questions": {q.id: list(q.option_ids()) for q in QUESTIONS},
                      "fields": {f.id: {"kind": f.kind, "options": list(f.option_ids()), "min": f.minimum,
                                        "max": f.maximum, "required": f.required} for f in PLAN_FIELDS}}))
    sys.exit(0)
out = sys.stdout
for answers in data["answers"]:
    result = classify(current(answers))
    inputs = {k: v for k, v in plan_inputs_from_result(result).items() if k in BASE_FIELDS}
    planned = build_plan(current_plan(plan_inputs_from_result(result)))
    out.write(json.dumps({"result": result_view(result.to_dict()), "carried": inputs,
                          "plan": plan_view(planned.to_dict())}, sort_keys=True) + "\n")
for inputs in data["plans"]:
    planned = build_plan(current_plan(inputs))
    out.write(json.dumps({"plan": plan_view(planned.to_dict())}, sort_keys=True) + "\n")
"""


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
    texts = ["", "spinal mobilisation", "heat packs", "  traction  ", "<b>taping</b> & @someone", "Mobs",
             "manual therapy"]
    sets = []
    for _ in range(count):
        inputs: dict[str, object] = {}
        for field_id, field in fields.items():
            if not field["required"] and rng.random() < 0.3:
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


def run(package_parent: Path, payload: str, compare: str) -> list[str]:
    """The runner's output lines for ``payload``, with the package imported from ``package_parent``."""
    code = f"import sys; sys.path.insert(0, {str(package_parent)!r})\n" + RUNNER
    neutral = json.dumps({q: {str(k) if k is not None else "null": v for k, v in t.items()}
                          for q, t in NEUTRAL.items()})
    result = subprocess.run([sys.executable, "-I", "-c", code, neutral, compare, json.dumps(PLAN_NEUTRAL)],
                            input=payload, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the runner failed for {package_parent}:\n{result.stderr[-4000:]}")
    return result.stdout.splitlines()


def _rules_of(output: dict) -> Counter[str]:
    """Every rule an output names (in rules mode), counted."""
    found: Counter[str] = Counter()
    result, plan = output.get("result"), output["plan"]
    if result:
        found[f"stage={result['stage']}"] += 1
        found.update(f"flag:{flag}" for flag in result["flags"])
        found.update(result["next"])
    found.update(plan["aim"][:1])
    # An item that applies counts whether the session has room for it or it is left for later.
    found.update(rule for rules in plan["items"].values() for rule in rules)
    found.update(plan.get("later", []))
    found.update(plan["avoid"])
    return found


def _left_for_later(differences: list[tuple[int, str, str]]) -> str:
    moved = [len(json.loads(new)["plan"].get("later", [])) for _index, _old, new in differences]
    with_later = [count for count in moved if count]
    return (f"{len(with_later)} of the differing plans leave items for later sessions "
            f"({sum(with_later)} items in all): those items are counted above as applying.")


def by_rule(inputs: list[dict], differences: list[tuple[int, str, str]]) -> str:
    """For each rule, how many differing outputs gained it and lost it, with one sample input each."""
    gained: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    sample: dict[str, int] = {}
    for index, old, new in differences:
        before, after = _rules_of(json.loads(old)), _rules_of(json.loads(new))
        for rule in after - before:
            gained[rule] += 1
            sample.setdefault(f"+{rule}", index)
        for rule in before - after:
            lost[rule] += 1
            sample.setdefault(f"-{rule}", index)
    lines = ["", f"{'rule':62} {'gained':>7} {'lost':>7}  sample input"]
    for rule in sorted(set(gained) | set(lost), key=lambda r: -(gained[r] + lost[r])):
        which = f"+{rule}" if gained[rule] else f"-{rule}"
        lines.append(f"{rule:62} {gained[rule]:7} {lost[rule]:7}  {json.dumps(inputs[sample[which]])[:160]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with (e.g. f1b7bdb)")
    parser.add_argument("--random", type=int, default=20000, help="random answer sets and plan inputs (each)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--compare", choices=("words", "rules"), default="words")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="alliance-base-") as tmp:
        base = _export(args.base, Path(tmp))
        described = json.loads(run(base, json.dumps({"describe": True, "fields": []}), args.compare)[0])
        answers = answer_sets(described["questions"], args.random, rng)
        plans = plan_input_sets(described["fields"], args.random, rng)
        payload = json.dumps({"answers": answers, "plans": plans, "fields": list(described["fields"])})
        before = run(base, payload, args.compare)
    after = run(ROOT / "widgets", payload, args.compare)
    inputs = [{"answers": a} for a in answers] + [{"plan inputs": p} for p in plans]
    pairs = enumerate(zip(before, after, strict=True))
    differences = [(i, old, new) for i, (old, new) in pairs if old != new]
    print(f"{len(answers)} answer sets (each classified, carried into a plan and planned) and "
          f"{len(plans)} plan-input sets: {len(before)} outputs compared, {len(differences)} differ.")
    print(f"Answers the base's questions cannot give were filled with: {json.dumps(NEUTRAL, default=str)}")
    print("Plan inputs the base's fields cannot give (if the working tree asks them): "
          f"{json.dumps(PLAN_NEUTRAL)}")
    if args.compare == "rules" and differences:
        print(by_rule(inputs, differences))
        print(_left_for_later(differences))
    for index, old, new in differences[:5]:
        print(f"\ninput: {json.dumps(inputs[index])}\nbase:  {old[:2000]}\nnow:   {new[:2000]}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
