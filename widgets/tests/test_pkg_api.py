"""The JSON entry points the browser worker calls: JSON in, JSON out, never an exception."""

from __future__ import annotations

import json
import random

from alliance.api import MAX_PAYLOAD, classify_json, plan_json
from alliance.formdata import FIELD_KINDS, to_form
from alliance.plan import build_plan
from alliance.questions import QUESTIONS_BY_ID
from alliance_test_support import BY_LEVEL, answers, raises_input_error


def call(function, payload: object) -> dict:  # type: ignore[no-untyped-def, type-arg]
    reply = function(payload)
    assert isinstance(reply, str)
    return json.loads(reply)


def test_classify_json_success_carries_the_result_its_view_and_exports() -> None:
    reply = call(classify_json, json.dumps(BY_LEVEL["seeking-support"]))
    assert reply["ok"] is True
    assert reply["result"]["stage"] == "seeking-support"
    assert reply["view"]["title"] == "Where the alliance stands"
    assert "Seeking support" in reply["markdown"] and "[@" not in reply["markdown"]
    last_reference = reply["view"]["references"][-1]["text"]
    assert reply["text"].rstrip().endswith(last_reference) and "### References" in reply["markdown"]
    assert reply["plan_inputs"]["level"] == "seeking-support"
    # The hand-off to the plan builder is a form to fill in memory, never a link, and it leaves the
    # session number for the clinician.
    handoff = reply["handoff"]["plan"]
    assert handoff["form"]["level"] == ["seeking-support"] and "session_number" not in handoff["form"]
    assert "session number" in handoff["message"] and "links" not in reply
    assert reply["share"].startswith("inputs=%7B%22version%22%3A2")
    wrapped = call(classify_json, json.dumps({"answers": BY_LEVEL["seeking-support"]}))
    assert wrapped["result"] == reply["result"]


def test_plan_json_success_carries_the_plan_its_view_and_exports() -> None:
    classified = call(classify_json, json.dumps(answers(BY_LEVEL["non-encounter"], check_rapport="not-yet")))
    inputs = {**classified["plan_inputs"], "session_number": 2, "bad_experiences": ["massage"]}
    reply = call(plan_json, json.dumps(inputs))
    assert reply["ok"] is True
    assert next(s["id"] for s in reply["plan"]["sections"]) == "screening"  # not yet screened: screen first
    assert reply["plan"]["sections"][0]["items"][0]["title"] == "Screen for serious pathology first"
    assert reply["plan"]["avoid"][0]["text"] == "No massage or soft-tissue work"
    assert reply["notes"] == [] and reply["plan"]["version"] == 3
    assert "(Macphail, 2018b)" in reply["text"] and "[@" not in reply["markdown"]
    assert call(plan_json, json.dumps({"inputs": inputs}))["plan"] == reply["plan"]
    assert reply["form"]["bad_experiences"] == ["massage"] and reply["form"]["session_number"] == ["2"]


def test_the_page_form_is_read_by_python_as_it_was_filled_in() -> None:
    form = {field: [] for field in FIELD_KINDS}
    form.update(level=["seeking-support"], session_number=[" 3 "], rapport=["humour"], time_minutes=[""],
                other_bad_experience=["  "])
    reply = call(plan_json, json.dumps({"form": form}))
    assert reply["ok"], reply
    assert reply["plan"]["inputs"]["session_number"] == 3 and reply["plan"]["inputs"]["time_minutes"] == 30
    assert reply["plan"]["inputs"]["other_bad_experience"] == ""
    typed = call(plan_json, json.dumps({"form": {**form, "session_number": ["three"]}}))
    problem = next(p for p in typed["error"]["problems"] if p["control"] == "session_number")
    assert "'three'" in problem["message"] and problem["label"] == "Session number"
    assert problem["message"].startswith("Session number: enter a whole number from 1 to 100")
    answered = to_form(BY_LEVEL["autonomic-agency"])
    assert call(classify_json, json.dumps({"form": answered}))["result"]["stage"] == "autonomic-agency"
    unanswered = call(classify_json, json.dumps({"form": {**answered, "trust": []}}))
    assert [p["control"] for p in unanswered["error"]["problems"]] == ["trust"]
    assert call(plan_json, json.dumps({"form": {"level": "seeking-support"}}))["ok"] is False


def test_a_share_link_rebuilds_what_made_it_and_a_tampered_one_is_refused() -> None:
    built = call(plan_json, json.dumps({"level": "autonomic-agency", "session_number": 5}))
    again = call(plan_json, json.dumps({"link": "#" + built["share"]}))
    assert again["plan"] == built["plan"] and again["form"] == built["form"]
    for link, words in [
        ("#inputs=" + "x" * 5000, "too long"),
        ("#inputs=%7Bnot-json", "not valid plan inputs"),
        ("#inputs=%5B1%5D", "must hold an object"),
        ("#other=1", "holds no plan inputs"),
        ("#inputs=%7B%22level%22%3A%22top%22%7D", "'top' is not one of its options"),
    ]:
        reply = call(plan_json, json.dumps({"link": link}))
        assert reply["ok"] is False, link
        assert "in this link were rejected" in reply["error"]["summary"]
        assert any(words in p["message"] for p in reply["error"]["problems"]), (link, reply["error"])


def test_failures_are_reported_as_documented() -> None:
    row = answers()
    del row["trust"]
    reply = call(classify_json, json.dumps(row))
    assert reply["ok"] is False
    error = reply["error"]
    assert error["type"] == "AllianceInputError"
    said = f"“{QUESTIONS_BY_ID['trust'].text}” has no answer."
    assert error["problems"] == [{"field": "trust", "message": said, "control": "trust",
                                  "label": QUESTIONS_BY_ID["trust"].text}]
    assert error["message"] == said
    assert error["summary"] == "Please check these answers:"
    assert "form" not in reply


def test_messages_use_the_fields_own_words_never_ids_or_python_words() -> None:
    reply = call(plan_json, json.dumps({"level": "seeking-support", "session_number": None}))
    message = reply["error"]["problems"][0]["message"]
    assert message == "Session number: enter a whole number from 1 to 100 (nothing was entered)."
    for words in ("None", "null", "Plan field", "session_number"):
        assert words not in message


def test_bad_payloads_never_raise() -> None:
    payloads: list[object] = [
        "",
        "{",
        "[]",
        "null",
        "1",
        '"x"',
        "NaN",
        '{"presence": NaN}',
        '{"session_number": Infinity}',
        "[" * 5000 + "]" * 5000,
        "1" * 5000,
        b"\xff\xfe",
        None,
        42,
        {"presence": "heard"},
        '{"level": "non-encounter", "session_number": 1e400}',
        "\ud800",
    ]
    for payload in payloads:
        for function in (classify_json, plan_json):
            reply = call(function, payload)
            assert reply["ok"] is False, (function.__name__, payload)
            assert reply["error"]["type"] == "AllianceInputError"
            assert reply["error"]["problems"]


def test_payload_size_is_capped() -> None:
    big = json.dumps(
        {"level": "non-encounter", "session_number": 1, "other_bad_experience": "x" * MAX_PAYLOAD}
    )
    reply = call(plan_json, big)
    assert reply["ok"] is False and "too large" in reply["error"]["message"]


def test_random_json_never_raises() -> None:
    rng = random.Random(31)
    atoms: list[object] = [None, True, 0, -3, 1.5, "", "heard", "level", "session_number", "non-encounter"]

    def value(depth: int) -> object:
        roll = rng.random()
        if depth > 3 or roll < 0.5:
            return rng.choice(atoms)
        if roll < 0.75:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        keys = ["presence", "level", "session_number", "answers", "inputs", "x"]
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randrange(4))}

    for _ in range(300):
        payload = json.dumps(value(0))
        for function in (classify_json, plan_json):
            reply = call(function, payload)
            assert reply["ok"] in (True, False)
            if not reply["ok"]:
                assert reply["error"]["type"] == "AllianceInputError"


def test_free_text_rejects_only_control_characters_and_bidirectional_overrides() -> None:
    # Issue 21: text in any script is text. Accepted: emoji joined with ZWJ, ZWNJ in Persian, Indic
    # conjuncts, the marks LRM and RLM, the soft hyphen.
    accepted = [
        "Carry my grandson \U0001f468\u200d\U0001f469\u200d\U0001f467",  # ZWJ family emoji
        # Persian, ZWNJ
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0631\u0627\u0647 \u0628\u0631\u0648\u0645",
        # Hindi conjunct
        "\u0915\u094d\u0937\u0947\u0924\u094d\u0930 \u092e\u0947\u0902 \u091a\u0932\u0928\u093e",
        "walk to \u200fthe\u200e shop",  # RLM, LRM
        "mobili\u00adsation",  # soft hyphen
        "line one\nline two\ttabbed",  # line breaks and tabs read as spaces
    ]
    for text in accepted:
        reply = call(plan_json, json.dumps({"level": "seeking-support", "session_number": 1,
                                            "patient_goals": text,
                                            "helped_before": text[:120]}))
        assert reply["ok"], (text, reply.get("error"))
        assert reply["plan"]["inputs"]["patient_goals"] == " ".join(text.split())
    rejected = {
        "a\x00b": "a control character (U+0000, character 2)",
        "bell\x07": "a control character (U+0007, character 5)",
        "esc\x1b[31m": "a control character (U+001B, character 4)",
        "\u202eevil": "reorders the text around it (U+202E, character 1)",
        "x\u2066y\u2069": "reorders the text around it (U+2066, character 2)",
        "half \ud800": "half of a character (U+D800, character 6)",
    }
    for text, words in rejected.items():
        for field in ("patient_goals", "other_bad_experience", "helped_before"):
            error = raises_input_error(lambda f=field, t=text: build_plan({"level": "seeking-support",
                                                                           "session_number": 1, f: t}))
            assert error.problems[0].field == field and words in error.problems[0].message, (text,
                                                                                             error.problems)


def test_messages_quote_the_limit_that_applies() -> None:
    link = "#inputs=" + "x" * 5000
    reply = call(plan_json, json.dumps({"link": link}))
    messages = [p["message"] for p in reply["error"]["problems"]]
    assert any("a share link holds at most 4,096 characters" in message for message in messages)
    huge_link = json.dumps({"link": "#inputs=" + "x" * (MAX_PAYLOAD + 10)})
    reply = call(plan_json, huge_link)
    message = reply["error"]["problems"][0]["message"]
    assert "4,096" in message and "100,000" not in message, message
    big = call(plan_json, json.dumps({"level": "non-encounter", "session_number": 1, "x": "y" * MAX_PAYLOAD}))
    assert "at most 100,000" in big["error"]["message"]
    long_goal = raises_input_error(lambda: build_plan({"level": "non-encounter", "session_number": 1,
                                                       "patient_goals": "g" * 201}))
    assert "keep it to 200 characters" in long_goal.problems[0].message


def _ids() -> set[str]:
    """Every internal id of a question, a plan input or an option that reads as an id: joined by a hyphen
    or an underscore, and not words the form itself uses ("self-management" is both)."""
    from alliance.plan_fields import PLAN_FIELDS

    items = [*QUESTIONS_BY_ID.values(), *PLAN_FIELDS]
    found = {item.id for item in items}
    words = []
    for item in items:
        found |= set(item.option_ids())
        title = item.text if item in QUESTIONS_BY_ID.values() else item.label
        words += [str(title), item.help]
        words += [option.label for option in item.options]
    said = " ".join(words).lower()
    return {name for name in found if ("-" in name or "_" in name) and name not in said}


def _link(values: dict[str, object]) -> str:
    from urllib.parse import quote

    return "#inputs=" + quote(json.dumps(values), safe="")


def test_a_hand_made_link_gets_messages_in_the_forms_words_never_internal_ids() -> None:
    """Every question and plan input, given something it cannot hold in a link made by hand: the
    message names it in its own words and gives no id (the same input as JSON does name them)."""
    from alliance.plan_fields import PLAN_FIELDS

    internal = _ids()
    cases = [(classify_json, {**answers(), question: wrong}) for question in QUESTIONS_BY_ID
             for wrong in ("no-such-answer", 7, ["no-such-answer"], {"a": 1})]
    wrongs = ("no-such-option", 7, ["no-such-option"], {"a": 1}, "x" * 5000)
    cases += [(plan_json, {"level": "seeking-support", "session_number": 2, field.id: wrong})
              for field in PLAN_FIELDS for wrong in wrongs]
    cases += [(classify_json, {**answers(), "no_such_question": "yes"}), (plan_json, {"no_such_input": 1})]
    rejected = 0
    for function, values in cases:
        reply = call(function, json.dumps({"link": _link(values)}))
        if reply["ok"]:  # a value the input can hold (a session number of 7, a text of "7")
            continue
        rejected += 1
        for problem in reply["error"]["problems"]:
            message = problem["message"]
            shown = {name for name in internal if name in message} - {"no_such_question", "no_such_input"}
            assert not shown and "option id" not in message and "inputs are" not in message, (values, message)
    assert rejected > len(cases) * 0.8
    # JSON written by hand (the CLI, the API) still names the ids that would be valid.
    reply = call(classify_json, json.dumps({**answers(), "presence": "nope"}))
    presence = reply["error"]["problems"][0]["message"]
    assert "the option ids are not-heard, partly-heard, heard, understood" in presence, presence
    unknown = call(plan_json, json.dumps({"colour": 1}))["error"]["problems"][0]["message"]
    assert "the plan builder's inputs are level, session_number" in unknown, unknown


def test_the_error_summary_says_answers_for_the_classifier_and_inputs_for_the_plan() -> None:
    from alliance.api import CHECK_SUMMARY

    assert call(classify_json, json.dumps({"form": {}}))["error"]["summary"] == CHECK_SUMMARY["classify"]
    reply = call(plan_json, json.dumps({"form": {}}))
    assert reply["error"]["summary"] == CHECK_SUMMARY["plan"] == "Please check these inputs:"
