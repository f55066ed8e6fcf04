"""The tools' forms as the site's search indexes them: each option label a separate phrase."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from alliance.plan_fields import PLAN_FIELDS
from alliance.questions import QUESTIONS


def _indexed(built_site: Path, page: str) -> str:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == page)


def test_option_labels_are_indexed_as_separate_words_not_run_on_text(built_site: Path) -> None:
    # Issue 18: "Spinal manipulationSpinal mobilisation..." was indexed for the plan builder.
    for page, labels in (
        ("tools/plan-builder.html", [[o.label for o in f.options] for f in PLAN_FIELDS if f.options]),
        ("tools/classifier.html", [[o.label for o in q.options] for q in QUESTIONS]),
    ):
        text = re.sub(r"<[^>]+>", " ", _indexed(built_site, page))
        for options in labels:
            for first, second in itertools.pairwise(options):
                assert first + second not in text, (page, first, second)
                assert re.search(re.escape(first) + r"\s+" + re.escape(second), text), (page, first, second)
