"""The classifier and the plan builder in Debian's Chromium: real Pyodide, real worker.

Pyodide takes seconds to start, so most tests share one browser tab that
moves between pages by clicking links (Material's instant navigation), as a
reader would; the worker then starts once and is reused.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin

import pytest
from alliance import api, classify, plan_inputs_from_result, questions
from alliance.view import result_view

pytestmark = pytest.mark.browser

READY_MS = 45_000
READY = "[data-role=status][data-state=ready]"
CLASSIFIER_RESULT = "[data-widget=classifier] [data-role=result]:not([hidden])"
PLAN_RESULT = "[data-widget=plan] [data-role=result]:not([hidden])"
PLAN_VIEW = "[data-widget=plan] [data-role=view]"
LEVEL_IDS = ("non-encounter", "seeking-support", "empowering-collaboration", "autonomic-agency")
SESSION_FOCUSED = "document.activeElement && document.activeElement.id === 'plan-session_number-input'"


# ---------------------------------------------------------------- helpers (also used by other browser tests)


def answers_for(stage: str, seed: int = 1) -> dict[str, object]:
    """Answers that CPython's classifier puts at ``stage`` with no flag, found by search (not hard-coded)."""
    rng = random.Random(seed)
    target = next(i for i, level_id in enumerate(LEVEL_IDS, 1) if level_id == stage)

    def cost(answers: dict[str, object]) -> tuple[int, int, int]:
        result = classify(answers)
        below = sum(len(t.missing) for t in result.transitions[: target - 1])  # a step at a time
        return abs(result.level.number - target), below, len(result.flags)

    for _ in range(50):
        answers = {q.id: rng.choice(q.option_ids()) for q in questions.QUESTIONS}
        best = cost(answers)
        improved = True
        while best != (0, 0, 0) and improved:
            improved = False
            for question in questions.QUESTIONS:
                for option in question.option_ids():
                    trial = {**answers, question.id: option}
                    if (c := cost(trial)) < best:
                        answers, best, improved = trial, c, True
        if best == (0, 0, 0):
            return answers
    raise AssertionError(f"no flag-free answers found for {stage}")


def wait_ready(page, widget: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(f"[data-widget={widget}] {READY}", timeout=READY_MS)


def _visible_link(page, href_end: str):  # type: ignore[no-untyped-def]
    return page.locator(f"a[href$='{href_end}'] >> visible=true").first


def _follow(page, href_end: str) -> None:  # type: ignore[no-untyped-def]
    """Click a visible link and wait until the new page's content has replaced the old."""
    page.evaluate("document.querySelector('.md-content').dataset.leaving = 'yes'")
    _visible_link(page, href_end).click()
    page.wait_for_url(re.compile(re.escape(href_end) + r"(#.*)?$"))
    page.wait_for_function("!document.querySelector('.md-content[data-leaving]')")


def click_nav(page, href_end: str) -> None:  # type: ignore[no-untyped-def]
    """Reach a page by clicking visible links, as a reader would: its link, or its section's tab first."""
    if _visible_link(page, href_end).count() == 0:
        _follow(page, f"{href_end.split('/')[0]}/index.html")
    _follow(page, href_end)


def fill_classifier(page, answers: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    """Tick each answer (every option of a multiple-choice answer, and no other)."""
    for question in questions.QUESTIONS:
        if question.id not in answers:
            continue
        chosen = answers[question.id]
        chosen = [chosen] if isinstance(chosen, str) else chosen
        for option in question.option_ids():
            selector = f"#classifier-{question.id}-{option}"
            if option in chosen:
                page.check(selector)
            elif question.kind == "multi":
                page.uncheck(selector)


def renders(page, widget: str) -> int:  # type: ignore[no-untyped-def]
    return int(page.get_attribute(f"[data-widget={widget}]", "data-renders") or 0)


def wait_render(page, widget: str, before: int) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "([w, n]) => Number(document.querySelector(`[data-widget=${w}]`).dataset.renders || 0) > n",
        arg=[widget, before], timeout=READY_MS,
    )


def submit_classifier(page, answers: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    fill_classifier(page, answers)
    before = renders(page, "classifier")
    page.click("[data-widget=classifier] button[type=submit]")
    wait_render(page, "classifier", before)
    page.wait_for_selector(CLASSIFIER_RESULT)
    stage = result_view(classify(answers)).blocks[0].lines[0]
    assert stage_shown(page) == f"{stage.lead} {stage.text}"


def stage_shown(page) -> str:  # type: ignore[no-untyped-def]
    """The classifier's level line as shown (its "Why this?" follows on the next line)."""
    return page.inner_text("[data-widget=classifier] [data-block-lines=stage]").splitlines()[0]


def go_to_plan_builder(page) -> None:  # type: ignore[no-untyped-def]
    if not page.url.split("#")[0].endswith("tools/plan-builder.html"):
        click_nav(page, "tools/plan-builder.html")
    wait_ready(page, "plan")


def submit_plan(page, level: str, session_number: int, other: str = "") -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Fill the plan form from scratch; returns the inputs the page sends to Python."""
    page.evaluate("document.querySelector('[data-widget=plan] form').reset()")
    page.check(f"#plan-level-{level}")
    page.fill("#plan-session_number-input", str(session_number))
    inputs: dict[str, object] = {"level": level, "session_number": session_number}
    if other:
        page.fill("#plan-other_bad_experience-input", other)
        inputs["other_bad_experience"] = other
    before = renders(page, "plan")
    page.click("[data-widget=plan] button[type=submit]")
    wait_render(page, "plan", before)
    return inputs


def expected_plan(inputs: dict[str, object]) -> dict:  # type: ignore[type-arg]
    reply = json.loads(api.plan_json(json.dumps(inputs)))
    assert reply["ok"], reply
    return reply


# ---------------------------------------------------------------- a shared tab


@pytest.fixture(scope="module")
def tab(browser, site_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """One tab for the module: opened on the home page, tools reached by clicking links."""
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.wasm_requests = []
    runtime = (".wasm", ".wasm.gz")  # the worker fetches the runtime gzipped (docs/assets/js/download.mjs)
    page.on("request", lambda r: page.wasm_requests.append(r.url) if r.url.endswith(runtime) else None)
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    yield page
    context.close()


def go_to_classifier(tab) -> None:  # type: ignore[no-untyped-def]
    if not tab.url.split("#")[0].endswith("tools/classifier.html"):
        click_nav(tab, "tools/classifier.html")
    wait_ready(tab, "classifier")


def test_tools_reached_from_home_by_links_share_one_worker(tab) -> None:  # type: ignore[no-untyped-def]
    click_nav(tab, "tools/classifier.html")
    wait_ready(tab, "classifier")
    click_nav(tab, "tools/plan-builder.html")
    wait_ready(tab, "plan")
    click_nav(tab, "evidence/index.html")
    assert tab.locator("[data-widget]").count() == 0
    click_nav(tab, "tools/classifier.html")
    wait_ready(tab, "classifier")
    assert tab.evaluate("window.__sameDocument") is True, "navigation should be instant (same document)"
    assert len(tab.wasm_requests) == 1, tab.wasm_requests


@pytest.mark.parametrize("stage", LEVEL_IDS)
def test_classifier_shows_the_level_python_computes_and_highlights_it(tab, stage: str) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    answers = answers_for(stage)
    expected = classify(answers)
    submit_classifier(tab, answers)
    level = expected.level
    words = f"{level.name}, the {level.ordinal} of the four levels of encounter"
    assert stage_shown(tab) == f"Your answers point to: {words}"
    highlighted = tab.eval_on_selector_all(
        "[data-figure=levels_figure] .is-highlighted", "nodes => nodes.map(n => n.dataset.id)"
    )
    assert highlighted == [stage]
    weakest = tab.eval_on_selector_all(
        "[data-figure=cycle_figure] .is-highlighted", "nodes => nodes.map(n => n.dataset.id)"
    )
    assert sorted(weakest) == sorted(step["id"] for step in expected.to_dict()["weakest_steps"])
    steps = tab.locator("[data-block-lines=next-steps] > li")
    assert steps.count() == len(expected.to_dict()["next_steps"])
    assert tab.evaluate("document.activeElement.id") == "classifier-result-heading"
    assert tab.locator("[data-block-lines=flags] li").count() == 0
    assert "No flags" in tab.inner_text("[data-block-lines=flags]")


def test_flags_and_what_holds_the_patient_are_explained(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    answers = {**answers_for("seeking-support"), "understanding": "none", "care-seeking": "shopping"}
    result = classify(answers).to_dict()
    assert result["flags"], "these answers should raise a flag in CPython"
    submit_classifier(tab, answers)
    flags = tab.locator("[data-block-lines=flags] > li")
    assert flags.count() == len(result["flags"])
    for index, flag in enumerate(result["flags"]):
        assert flag["title"] in flags.nth(index).inner_text()
        assert flag["explanation"] in flags.nth(index).inner_text()
    assert tab.locator("[data-block-lines=qualified]").is_visible()
    holding = next(t for t in result["transitions"] if t["source"] == result["stage"])
    holds_text = tab.inner_text("[data-block-lines=holding-criteria]")
    for criterion in holding["missing"]:
        assert criterion["label"] in holds_text
        for question in criterion["because"]:  # each answer that holds it links to its question
            link = tab.locator(f"[data-block-lines=holding-criteria] a[href='#classifier-{question}']")
            assert link.count() == 1
    tab.locator("[data-block-lines=holding-criteria] a[href^='#classifier-']").first.click()
    assert tab.evaluate("document.activeElement.name") == holding["missing"][0]["because"][0]


def test_unanswered_questions_are_flagged_next_to_the_question(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    tab.evaluate("document.querySelector('[data-widget=classifier] form').reset()")
    answers = answers_for("non-encounter")
    del answers["trust"]
    fill_classifier(tab, answers)
    tab.click("[data-widget=classifier] button[type=submit]")
    error = tab.locator("[data-error-for=trust]")
    error.wait_for(state="visible", timeout=READY_MS)
    assert error.inner_text().strip() != ""
    assert tab.get_attribute("#classifier-trust-strong", "aria-invalid") == "true"
    assert "classifier-trust-error" in tab.get_attribute("#classifier-trust-strong", "aria-describedby")
    summary = tab.locator("[data-widget=classifier] [data-role=error-summary]")
    assert summary.is_visible()
    summary.locator("a").first.click()
    assert tab.evaluate("document.activeElement.name") == "trust"
    assert tab.locator("[data-error-for=presence]").is_hidden()
    assert tab.locator(CLASSIFIER_RESULT).count() == 0


# In print: each link of the result (the goal, a field's answer, a citation) and the text around it, and
# whether the footer's offer to keep the tools offline is printed.
PRINTED = """() => {
  const result = document.querySelector("[data-widget=plan] [data-role=result]");
  const links = [...result.querySelectorAll("[data-role=view] a")].map((link) => ({
    text: link.textContent, color: getComputedStyle(link).color,
    around: getComputedStyle(link.parentElement).color,
    line: getComputedStyle(link).textDecorationLine }));
  const offer = document.querySelector("[data-alliance-offline]");
  return { links, offer: offer ? getComputedStyle(offer).display : "none" };
}"""


def test_a_printed_plan_ends_with_the_plan_and_its_goal_prints_as_text(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    tab.evaluate("document.querySelector('[data-widget=plan] form').reset()")
    tab.check("#plan-level-seeking-support")
    tab.fill("#plan-session_number-input", "2")
    tab.fill("#plan-patient_goals-input", "Walk the dog again")
    before = renders(tab, "plan")
    tab.click("[data-widget=plan] button[type=submit]")
    wait_render(tab, "plan", before)
    goal = tab.locator(f"{PLAN_VIEW} a", has_text="Walk the dog again")
    assert goal.count() >= 1, "the goal links to its field"
    on_screen = {link["text"]: link["color"] for link in tab.evaluate(PRINTED)["links"]}
    tab.emulate_media(media="print")
    try:
        tab.wait_for_timeout(500)  # Material's links fade their colour in 125 ms: read it once that is over
        printed = tab.evaluate(PRINTED)
    finally:
        tab.emulate_media(media="screen")
    assert printed["offer"] == "none", "the printed plan does not end with the offer to keep the tools"
    assert printed["links"], "the result has links"
    for link in printed["links"]:
        assert link["color"] == link["around"] != on_screen[link["text"]] and link["line"] == "none", link
    tab.evaluate("document.querySelector('[data-widget=plan] form').reset()")


def test_the_plan_builders_error_summary_speaks_of_inputs_in_pythons_words(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    tab.evaluate("document.querySelector('[data-widget=plan] form').reset()")
    summary = tab.locator("[data-widget=plan] [data-role=error-summary]")
    before = summary.locator("[data-role=error-title]").inner_text()
    tab.click("[data-widget=plan] button[type=submit]")
    summary.wait_for(state="visible", timeout=READY_MS)
    title = summary.locator("[data-role=error-title]").inner_text()
    assert title == before == api.CHECK_SUMMARY["plan"] == "Please check these inputs:"
    assert "answers" not in summary.inner_text().lower()
    tab.evaluate("document.querySelector('[data-widget=plan] form').reset()")


def test_result_carries_into_the_plan_builder_with_cited_sections(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    answers = answers_for("seeking-support")
    submit_classifier(tab, answers)
    tab.click("[data-role=to-plan]")
    wait_ready(tab, "plan")
    # The hand-off fills the form, asks for the session number, and puts nothing in the address bar.
    tab.wait_for_function(SESSION_FOCUSED)
    assert tab.evaluate("window.__sameDocument") is True
    assert "#" not in tab.url and tab.locator(PLAN_RESULT).count() == 0
    tab.fill("#plan-session_number-input", "4")
    before = renders(tab, "plan")
    tab.click("[data-widget=plan] button[type=submit]")
    wait_render(tab, "plan", before)
    inputs = plan_inputs_from_result(classify(answers), session_number=4)
    plan = expected_plan(inputs)["plan"]
    sections = tab.locator(f"{PLAN_VIEW} h3[data-block]")
    shown = [sections.nth(i).get_attribute("data-block") for i in range(sections.count())]
    expected_view = expected_plan(inputs)["view"]
    assert shown == [block["id"] for block in expected_view["blocks"] if block["heading"]]
    assert tab.is_checked(f"#plan-level-{inputs['level']}")
    links = tab.locator(f"{PLAN_VIEW} a[data-cite]")
    keys = {links.nth(i).get_attribute("data-cite") for i in range(links.count())}
    cited = {key for s in plan["sections"] for item in s["items"] for key in item["cite"]} | set(
        plan["aim"]["cite"]
    ) | {key for line in plan["safety"] for key in line["cite"]}
    assert keys == cited
    labels = {links.nth(i).inner_text() for i in range(links.count())}
    assert not labels & cited, "citations show labels from the bib, never keys"
    references = (built_site / "references.html").read_text(encoding="utf-8")
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        page_url, anchor = urldefrag(href)
        assert page_url.endswith("/references.html"), href
        assert f'id="{anchor}"' in references, href
        assert links.nth(i).get_attribute("title"), "the full reference shows on hover"


def test_print_shows_only_the_plan_with_its_context_safety_netting_inputs_and_note(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    inputs = submit_plan(tab, "non-encounter", 1)
    view = expected_plan(inputs)["view"]
    tab.emulate_media(media="print")
    try:
        assert tab.locator("[data-widget=plan] [data-role=result] h2").is_visible()
        assert tab.locator(f"{PLAN_VIEW} .alliance-lines > li").first.is_visible()
        assert tab.locator(f"{PLAN_VIEW} .alliance-why").first.is_hidden()
        printed = tab.inner_text(PLAN_VIEW)
        context = next(b for b in view["blocks"] if b["id"] == "summary")["lines"][0]["text"]
        assert context in printed and context.startswith("Session 1, 30 minutes")
        for block_id in ("safety", "inputs"):
            assert tab.locator(f"{PLAN_VIEW} [data-block-lines={block_id}]").is_visible(), block_id
        assert "Safety-netting: when to seek help" in printed and "Based on" in printed
        assert tab.locator(f"{PLAN_VIEW} .alliance-disclaimer").is_visible()
        assert view["footer"] == "A plan to adapt with the patient, not a protocol."
        assert view["footer"] in printed
        for hidden in ["[data-widget=plan] form", ".md-content h1", "[data-role=actions]", ".md-header",
                       "[data-widget=plan] [data-role=status]", ".md-content .admonition"]:
            assert tab.locator(hidden).first.is_hidden(), hidden
    finally:
        tab.emulate_media(media="screen")
    assert tab.locator("[data-widget=plan] form").is_visible()


def assert_exports_match(tab, widget: str, filename: str, reply: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Download as Markdown and Copy as text give exactly Python's ``markdown`` and ``text``."""
    with tab.expect_download() as download_info:
        tab.click(f"[data-widget={widget}] [data-action=download]")
    download = download_info.value
    assert download.suggested_filename == filename
    assert Path(download.path()).read_text(encoding="utf-8") == reply["markdown"]
    tab.click(f"[data-widget={widget}] [data-action=copy]")
    status = f"[data-widget={widget}] [data-role=action-status]"
    tab.wait_for_function(f"document.querySelector('{status}').textContent.includes('copied')")
    assert tab.evaluate("navigator.clipboard.readText()") == reply["text"]


def test_download_markdown_and_copy_text_match_python(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    expected = expected_plan(submit_plan(tab, "autonomic-agency", 4))
    assert_exports_match(tab, "plan", "session-plan.md", expected)


def test_classifier_result_downloads_and_copies_as_python_writes_it(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    answers = answers_for("empowering-collaboration", seed=3)
    submit_classifier(tab, answers)
    reply = json.loads(api.classify_json(json.dumps(answers)))
    assert reply["ok"]
    assert_exports_match(tab, "classifier", "alliance-stage.md", reply)


def test_user_text_is_shown_as_text_never_as_html(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    payload = '<img src=x onerror="window.__pwned=1">'
    inputs = submit_plan(tab, "seeking-support", 2, other=payload)
    avoid = [item["text"] for item in expected_plan(inputs)["plan"]["avoid"]]
    assert any(payload in text for text in avoid), "Python lists the typed treatment under avoid"
    assert payload in tab.inner_text(PLAN_VIEW)
    assert tab.locator("[data-widget=plan] [data-role=result] img").count() == 0
    assert tab.evaluate("window.__pwned") is None


def test_plan_validation_errors_appear_next_to_the_fields(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    tab.fill("#plan-session_number-input", "500")
    tab.check("#plan-level-seeking-support")
    tab.click("[data-widget=plan] button[type=submit]")
    error = tab.locator("[data-error-for=session_number]")
    error.wait_for(state="visible", timeout=10_000)
    reply = json.loads(api.plan_json(json.dumps({"level": "seeking-support", "session_number": 500})))
    expected = next(p["message"] for p in reply["error"]["problems"] if p["field"].endswith("session_number"))
    assert expected in error.inner_text()
    assert tab.get_attribute("#plan-session_number-input", "aria-invalid") == "true"


def test_each_line_says_why_on_demand_with_the_keyboard_and_links_its_rule(tab, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    inputs = submit_plan(tab, "seeking-support", 1)
    plan = expected_plan(inputs)["plan"]
    why = tab.locator(f"{PLAN_VIEW} [data-block-lines=aim] details.alliance-why")
    assert why.count() == 1 and not why.evaluate("node => node.open")
    why.locator("summary").focus()
    tab.keyboard.press("Enter")
    assert why.evaluate("node => node.open")
    rule = why.locator("a").first
    assert rule.inner_text() == plan["aim"]["basis"]["rules"][0]
    page_url, anchor = urldefrag(rule.get_attribute("href"))
    assert page_url.endswith("/tools/how-the-tools-decide.html")
    rules_page = (built_site / "tools" / "how-the-tools-decide.html").read_text(encoding="utf-8")
    assert f'id="{anchor}"' in rules_page
    assert "Where the alliance stands now: 2. Seeking support" in why.inner_text()
    items = sum(len(section["items"]) for section in plan["sections"])
    whys = 1 + items + len(plan["avoid"]) + len(plan["safety"]) + (1 if plan["later"] else 0)
    assert tab.locator(f"{PLAN_VIEW} .alliance-why").count() == whys


def test_what_is_typed_goes_to_python_as_typed(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    tab.evaluate("document.querySelector('[data-widget=plan] form').reset()")
    tab.check("#plan-level-seeking-support")
    tab.fill("#plan-session_number-input", "two")
    tab.click("[data-widget=plan] button[type=submit]")
    error = tab.locator("[data-error-for=session_number]")
    error.wait_for(state="visible", timeout=10_000)
    assert "'two'" in error.inner_text() and "whole number" in error.inner_text()


def test_citations_keep_their_labels_with_no_request_for_them(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "tools/classifier.html"))
        wait_ready(page, "classifier")
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        context.set_offline(True)  # the connection drops after Python has loaded
        submit_classifier(page, answers_for("seeking-support"))
        links = page.locator("[data-widget=classifier] [data-role=view] a[data-cite]")
        assert links.count() > 0
        for index in range(links.count()):
            link = links.nth(index)
            assert link.inner_text() != link.get_attribute("data-cite") and link.get_attribute("title")
        assert not [url for url in requests if not url.startswith(("blob:", "data:"))], requests
    finally:
        context.close()


# ---------------------------------------------------------------- share links and tampered fragments


def test_share_link_rebuilds_the_plan_in_a_new_tab(tab, browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    submit_plan(tab, "empowering-collaboration", 3)
    tab.click("[data-action=share]")
    link = tab.input_value("#plan-share-link")
    assert link.startswith(urljoin(site_url, "tools/plan-builder.html#inputs="))
    assert "identifies a patient" in tab.inner_text("[data-role=share]")
    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(link)
        other.wait_for_selector(PLAN_RESULT, timeout=READY_MS)
        assert other.is_checked("#plan-level-empowering-collaboration")
        assert other.input_value("#plan-session_number-input") == "3"
        assert other.inner_text(PLAN_VIEW) == tab.inner_text(PLAN_VIEW)
    finally:
        context.close()


@pytest.fixture(scope="module")
def fresh(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"level": "top-secret", "session_number": 1, "colour": "red"}, "'top-secret' is not one of its"),
        ({"level": "seeking-support", "session_number": "one"}, "enter a whole number"),
        ({"level": "seeking-support", "other_bad_experience": "x" * 5000}, "too long"),
        ("{not-json", "not valid plan inputs"),
        (["a", "list"], "must hold an object"),
        ("null", "must hold an object"),
        ({"level": None, "session_number": None}, "nothing was entered"),
    ],
    ids=["unknown-ids", "wrong-type", "huge", "not-json", "not-an-object", "null", "nulls"],
)
def test_tampered_fragment_is_rejected_with_a_message(fresh, site_url: str, inputs: object, expected) -> None:  # type: ignore[no-untyped-def]
    fragment = quote(inputs if isinstance(inputs, str) else json.dumps(inputs))
    reply = json.loads(api.plan_json(json.dumps({"link": f"#inputs={fragment}"})))
    messages = [problem["message"] for problem in reply["error"]["problems"]]
    assert any(expected in message for message in messages), messages
    fresh.goto(urljoin(site_url, "about.html"))
    fresh.goto(urljoin(site_url, f"tools/plan-builder.html#inputs={fragment}"))
    box = fresh.locator("[data-role=fragment-message]")
    box.wait_for(state="visible", timeout=READY_MS)
    assert "rejected" in box.inner_text()
    for message in messages:
        assert message in box.inner_text()
    assert "null" not in box.inner_text() and "undefined" not in box.inner_text()
    assert fresh.evaluate("location.hash") == "", "the link is removed from the address bar once read"
    assert fresh.locator(PLAN_RESULT).count() == 0
    assert fresh.evaluate("[...document.querySelectorAll('[data-widget=plan] input:checked')].length") == 0


# ---------------------------------------------------------------- failures


def test_an_aborted_download_tries_again_by_itself_in_plain_words(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*.wasm*", lambda route: route.abort())
    page.goto(urljoin(site_url, "tools/classifier.html"))
    status = page.locator("[data-widget=classifier] [data-role=status]")
    status.filter(has_text="trying again in").wait_for(timeout=20_000)
    shown = status.inner_text()
    assert "pyodide.asm.wasm.gz" in shown and "the connection failed" in shown, shown
    assert status.get_attribute("data-state") == "loading", "it tries again by itself: not an error yet"
    assert "Failed to fetch" not in shown and "TypeError" not in shown
    page.unroute("**/*.wasm*")
    wait_ready(page, "classifier")  # no click: the next try succeeds
    submit_classifier(page, answers_for("non-encounter"))
    assert errors == []


def test_answers_given_while_python_loads_are_answered_when_ready(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(urljoin(site_url, "tools/classifier.html"))
    answers = answers_for("empowering-collaboration")
    fill_classifier(page, answers)
    page.click("[data-widget=classifier] button[type=submit]")
    if page.locator(f"[data-widget=classifier] {READY}").count() == 0:
        assert "as soon as it is ready" in page.inner_text("[data-widget=classifier] [data-role=status]")
    page.wait_for_selector(CLASSIFIER_RESULT, timeout=READY_MS)
    assert "Empowering collaboration" in stage_shown(page)


_COUNT_WORKERS = """
window.__workers = [];
window.__pythonReadyAt = null;
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(url, options) {
    super(url, options);
    const name = (options && options.name) || "";
    window.__workers.push({name, url: String(url), at: performance.now()});
    if (name === "alliance-python") {
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === "ready" && window.__pythonReadyAt === null) {
          window.__pythonReadyAt = performance.now();
        }
      });
    }
  }
};
"""
_SEARCH_WORKER_STARTED = "() => window.__workers.some((w) => w.url.includes('/workers/search.'))"
SEARCH_HIT = ".md-search-result__item"


def search_for(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click Material's search box in the header, as a reader would, and type ``text``."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(text)


def test_a_widget_page_starts_its_one_worker_before_the_page_has_loaded(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(_COUNT_WORKERS)
    page.goto(urljoin(site_url, "tools/classifier.html"))
    wait_ready(page, "classifier")
    python_workers = page.evaluate("window.__workers.filter((w) => w.name === 'alliance-python')")
    interactive = page.evaluate("performance.getEntriesByType('navigation')[0].domInteractive")
    assert len(python_workers) == 1, python_workers  # the <head>'s worker, adopted by python.mjs
    assert python_workers[0]["at"] < interactive, (python_workers, interactive)
    assert page.evaluate("window.__allianceEarlyWorker === undefined")
    submit_classifier(page, answers_for("seeking-support"))


def test_on_a_widget_page_search_starts_once_python_is_ready_and_works(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(_COUNT_WORKERS)
    page.goto(urljoin(site_url, "tools/classifier.html"))
    wait_ready(page, "classifier")
    page.wait_for_function(_SEARCH_WORKER_STARTED, timeout=10_000)
    search = page.evaluate("window.__workers.find((w) => w.url.includes('/workers/search.'))")
    python_ready = page.evaluate("window.__pythonReadyAt")
    assert python_ready is not None and search["at"] >= python_ready, (search, python_ready)
    search_for(page, "alliance")
    page.wait_for_selector(SEARCH_HIT, timeout=10_000)


def test_on_a_widget_page_search_starts_at_once_when_the_reader_goes_to_it(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(_COUNT_WORKERS)
    page.route("**/pyodide.asm.wasm*", lambda route: None)  # never answered: Python stays loading
    page.goto(urljoin(site_url, "tools/classifier.html"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    assert not page.evaluate(_SEARCH_WORKER_STARTED)  # waiting for Python
    search_for(page, "pyramid")
    page.wait_for_selector(SEARCH_HIT, timeout=10_000)
    assert page.locator("[data-widget=classifier] [data-role=status][data-state=ready]").count() == 0


def test_on_a_content_page_search_starts_with_the_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(_COUNT_WORKERS)
    page.goto(urljoin(site_url, "evidence/index.html"))
    page.wait_for_load_state("load")
    page.wait_for_function(_SEARCH_WORKER_STARTED, timeout=5_000)
    assert page.evaluate("window.__workers.map((w) => w.name)") == [""]  # search's only, no Python


def test_a_worker_that_fails_before_the_widget_code_runs_is_reported(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.route("**/assets/js/worker.mjs", lambda route: route.abort())
    page.goto(urljoin(site_url, "tools/classifier.html"))
    status = page.locator("[data-widget=classifier] [data-role=status][data-state=error]")
    status.wait_for(timeout=20_000)  # the stall backstop is 60 s: the early error was not lost
    assert "Retry" in status.inner_text()
    page.unroute("**/assets/js/worker.mjs")
    page.locator("[data-widget=classifier] [data-role=retry]").click()
    wait_ready(page, "classifier")


def test_a_share_link_opened_on_the_plan_page_itself_rebuilds_the_plan(fresh, site_url: str) -> None:  # type: ignore[no-untyped-def]
    fresh.goto(urljoin(site_url, "tools/plan-builder.html"))
    wait_ready(fresh, "plan")
    assert fresh.locator(PLAN_RESULT).count() == 0
    inputs = {"level": "autonomic-agency", "session_number": 5}
    expected = expected_plan(inputs)["plan"]
    # Only the fragment changes (as when a link to this page is pasted): no reload. Material's
    # instant navigation answers the history change by swapping the page in again (~0.1 s
    # later), and the widget mounted anew reads the link. The plan shown must be the link's,
    # checked twice a second apart so that a state before the swap cannot pass.
    fresh.evaluate("window.__samePage = true")
    fresh.evaluate("(hash) => { window.location.hash = hash; }", "inputs=" + quote(json.dumps(inputs)))
    shows_the_link = """(aim) => {
        const widget = document.querySelector('[data-widget=plan]');
        const result = widget.querySelector('[data-role=result]');
        return widget.querySelector('#plan-level-autonomic-agency').checked
            && widget.querySelector('#plan-session_number-input').value === '5'
            && !result.hidden && result.textContent.includes(aim);
    }"""
    for _ in range(2):
        fresh.wait_for_function(shows_the_link, arg=expected["aim"]["text"], timeout=READY_MS)
        fresh.wait_for_timeout(1000)
    fresh.wait_for_function(shows_the_link, arg=expected["aim"]["text"], timeout=READY_MS)
    assert fresh.evaluate("window.__samePage === true")
    assert expected["sections"][0]["items"][0]["text"] in fresh.inner_text(PLAN_VIEW)
    # Following an anchor on the page (a fragment without inputs) leaves the plan alone.
    shown, count = fresh.inner_text(PLAN_VIEW), renders(fresh, "plan")
    fresh.locator("article a.headerlink >> visible=true").first.click()
    fresh.wait_for_function("!location.hash.startsWith('#inputs=')")
    fresh.wait_for_timeout(300)
    assert renders(fresh, "plan") == count and fresh.inner_text(PLAN_VIEW) == shown


# ---------------------------------------------------------------- links, hand-offs, new questions


def block_text(page, widget: str, block_id: str) -> str:  # type: ignore[no-untyped-def]
    """The text of every line of a painted block (a paragraph block paints one element per line)."""
    return "\n".join(page.locator(f"[data-widget={widget}] [data-block-lines={block_id}]").all_inner_texts())


def _link(values: object) -> str:
    return "inputs=" + quote(values if isinstance(values, str) else json.dumps(values))


def _plan_shown(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => {
        const widget = document.querySelector('[data-widget=plan]');
        const result = widget.querySelector('[data-role=result]');
        return {
            checked: [...widget.querySelectorAll('form input:checked')].map((i) => i.name + '=' + i.value),
            session: widget.querySelector('#plan-session_number-input').value,
            shown: !result.hidden,
            view: result.hidden ? '' : widget.querySelector('[data-role=view]').innerText,
            message: widget.querySelector('[data-role=fragment-message]').hidden ? ''
                : widget.querySelector('[data-role=fragment-message]').innerText,
            hash: location.hash,
        };
    }""")


def test_every_change_of_the_fragment_is_read_validated_and_shown_in_one_tab(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    # Issue 18, major 3: a second share link in the same tab showed the previous patient's plan.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "tools/plan-builder.html"))
        wait_ready(page, "plan")
        links = [
            {"version": 2, "level": "seeking-support", "session_number": 3, "patient_goals": "Walk the dog"},
            {"version": 2, "level": "autonomic-agency", "session_number": 7, "bad_experiences": ["massage"]},
            {"version": 2, "level": "top-secret", "session_number": 2},
            {"version": 2, "level": "non-encounter", "session_number": 2, "time_minutes": 15},
        ]
        for values in links:
            reply = json.loads(api.plan_json(json.dumps({"link": "#" + _link(values)})))
            page.evaluate("(hash) => { location.hash = hash; }", _link(values))
            if reply["ok"]:
                page.wait_for_function(
                    "(n) => document.querySelector('#plan-session_number-input').value === n"
                    " && !document.querySelector('[data-widget=plan] [data-role=result]').hidden",
                    arg=str(values["session_number"]), timeout=READY_MS)
                page.wait_for_timeout(800)  # Material may swap the page in again: the plan must stay
                shown = _plan_shown(page)
                expected = {f"{name}={value}" for name, values_ in reply["form"].items()
                            for value in values_ if name not in ("session_number", "time_minutes",
                                                                 "patient_goals", "other_bad_experience")}
                assert set(shown["checked"]) == expected
                aim = reply["plan"]["aim"]["text"]
                assert shown["shown"] and aim in shown["view"]
                assert reply["view"]["blocks"][0]["lines"][0]["text"] in shown["view"]
            else:
                page.wait_for_function(
                    "() => !document.querySelector('[data-widget=plan] [data-role=fragment-message]').hidden"
                    " && document.querySelector('[data-widget=plan] [data-role=result]').hidden",
                    timeout=READY_MS)
                page.wait_for_timeout(800)
                shown = _plan_shown(page)
                # The previous patient's plan and answers are gone; the problem is said.
                assert not shown["shown"] and shown["checked"] == [] and shown["session"] == ""
                assert reply["error"]["problems"][0]["message"] in shown["message"]
                assert "null" not in shown["message"]
            assert shown["hash"] == "", "the link is read, then removed from the address bar"
    finally:
        context.close()


def test_the_hand_off_to_the_plan_builder_leaves_no_url_and_no_storage(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    # Issue 18, privacy 6, after a full page load (another host name than the one the site was built
    # for, so Material's instant navigation is off): the hand-off goes through this tab's storage and is
    # removed as soon as it is read.
    context = browser.new_context()
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        other_host = site_url.replace("127.0.0.1", "localhost")
        page.goto(urljoin(other_host, "tools/classifier.html"))
        wait_ready(page, "classifier")
        answers = {**answers_for("empowering-collaboration"),
                   "yellow-flags": ["fear-of-movement", "distress"]}
        submit_classifier(page, answers)
        page.click("[data-role=to-plan]")
        page.wait_for_url(re.compile(r"tools/plan-builder\.html$"))
        wait_ready(page, "plan")
        page.wait_for_function(SESSION_FOCUSED)
        carried = json.loads(api.classify_json(json.dumps(answers)))["handoff"]["plan"]
        shown = _plan_shown(page)
        assert set(shown["checked"]) == {f"{k}={v}" for k, vs in carried["form"].items() for v in vs}
        assert "yellow_flags=distress" in shown["checked"] and shown["session"] == ""
        assert carried["message"] in shown["message"]
        assert page.evaluate("JSON.stringify({...sessionStorage})") == "{}"
        assert not [url for url in requested if "inputs=" in url or "#" in url]
        assert "#" not in page.url
    finally:
        context.close()


def test_a_plan_is_not_brought_back_after_back(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    # Issue 18, privacy 6: after building a plan, leaving with a full page load and coming Back, neither
    # the answers nor the plan of the previous patient is shown.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "tools/plan-builder.html"))
        wait_ready(page, "plan")
        submit_plan(page, "autonomic-agency", 6)
        page.fill("#plan-patient_goals-input", "Dig the allotment")
        page.goto(urljoin(site_url, "about.html"))
        page.go_back()
        page.wait_for_selector("[data-widget=plan] form")
        page.wait_for_timeout(1000)
        shown = _plan_shown(page)
        assert not shown["shown"] and shown["checked"] == [] and shown["session"] == ""
        assert page.input_value("#plan-patient_goals-input") == ""
    finally:
        context.close()


def test_the_new_questions_work_in_the_browser_and_the_result_says_what_it_is(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    # The article's picture: in charge of care seeking, not of treatment; shopping and refusing at once.
    # Before issue 16, "in charge" with "someone else's job" was flagged as a contradiction.
    answers = {**answers_for("seeking-support"), "in-charge-care-seeking": "patient",
               "in-charge-treatment": "others",
               "participation-treatment": "passive", "responsibility": "avoids", "agreement": "disagree",
               "self-management": "declines", "care-seeking": ["shopping", "refusing"],
               "yellow-flags": ["low-expectation", "distress"]}
    reply = json.loads(api.classify_json(json.dumps(answers)))
    # Issue 21: going from one professional to the next and refusing is itself acting alone against the plan.
    assert [f["title"] for f in reply["result"]["flags"]] == [
        "Acting alone against the plan", "In charge of care seeking, not of treatment"]
    submit_classifier(tab, answers)
    flags = tab.inner_text("[data-widget=classifier] [data-block-lines=flags]")
    assert "In charge of care seeking, not of treatment" in flags and "contradict" not in flags
    reflection = block_text(tab, "classifier", "reflection")
    assert "not a measurement" in reflection and "Working Alliance Inventory" in reflection
    for pattern in ("shopping", "refusing"):
        assert tab.is_checked(f"#classifier-care-seeking-{pattern}")


def test_a_strict_step_up_is_explained_not_contradicted(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_classifier(tab)
    answers = {**answers_for("autonomic-agency"), "presence": "partly-heard"}
    assert classify(answers).stage == "non-encounter"
    submit_classifier(tab, answers)
    mixed = block_text(tab, "classifier", "mixed-picture")
    assert "Every criterion of the later steps up is met" in mixed
    assert "What holds the patient here: feeling listened to: partly." in mixed
    assert tab.locator("[data-widget=classifier] [data-block-lines=summary]").count() == 0


def test_goals_show_as_text_and_safety_netting_is_in_the_download_and_the_copy(tab) -> None:  # type: ignore[no-untyped-def]
    go_to_plan_builder(tab)
    tab.evaluate("document.querySelector('[data-widget=plan] form').reset()")
    tab.check("#plan-level-seeking-support")
    tab.fill("#plan-session_number-input", "2")
    goals = '<img src=x onerror="window.__goals=1"> lift the baby'
    tab.fill("#plan-patient_goals-input", goals)
    tab.fill("#plan-other_bad_experience-input", "Mobs")
    tab.check("#plan-expectations-hands-on")
    before = renders(tab, "plan")
    tab.click("[data-widget=plan] button[type=submit]")
    wait_render(tab, "plan", before)
    reply = expected_plan({"level": "seeking-support", "session_number": 2, "patient_goals": goals,
                           "other_bad_experience": "Mobs", "expectations": ["hands-on"]})
    assert tab.inner_text(f"{PLAN_VIEW} [data-block-lines=goals]").startswith(goals)
    assert tab.evaluate("window.__goals") is None and tab.locator(f"{PLAN_VIEW} img").count() == 0
    treatment = tab.inner_text(f"{PLAN_VIEW} [data-block-lines=assessment-treatment]")
    assert "mobilisation" not in treatment.lower()
    assert_exports_match(tab, "plan", "session-plan.md", reply)
    for export in (reply["markdown"], reply["text"]):
        assert "Safety-netting: when to seek help" in export
        assert "National Institute for Health and Care Excellence. (2016)" in export


def test_an_old_share_link_loads_through_its_migration_or_says_what_changed(fresh, site_url: str) -> None:  # type: ignore[no-untyped-def]
    old_plan = {"level": "seeking-support", "session_number": 2, "bad_experiences": ["massage"]}
    fresh.goto(urljoin(site_url, "about.html"))
    fresh.goto(urljoin(site_url, "tools/plan-builder.html#" + _link(old_plan)))
    fresh.wait_for_selector(PLAN_RESULT, timeout=READY_MS)
    note = fresh.inner_text("[data-widget=plan] [data-role=fragment-message]")
    assert "read as made for version 1" in note and "goals" in note and "how firmly" in note
    # Answers made with the earlier questions: what they said is filled in, the new questions are marked.
    old_answers = {**{q.id: q.option_ids()[0] for q in questions.QUESTIONS if q.kind == "single"},
                   "participation": "active", "in-charge": "patient", "care-seeking": "shopping"}
    for new in ("participation-treatment", "participation-decisions", "in-charge-care-seeking",
                "in-charge-treatment", "yellow-flags"):
        old_answers.pop(new, None)
    fresh.goto(urljoin(site_url, "about.html"))
    fresh.goto(urljoin(site_url, "tools/classifier.html#" + _link(old_answers)))
    box = fresh.locator("[data-widget=classifier] [data-role=fragment-message]")
    box.wait_for(state="visible", timeout=READY_MS)
    assert "earlier version" in box.inner_text() and "now two questions" in box.inner_text()
    assert fresh.is_checked("#classifier-in-charge-treatment-patient")
    assert fresh.is_checked("#classifier-participation-decisions-shares")
    assert fresh.is_checked("#classifier-care-seeking-shopping")
    assert fresh.is_visible("[data-error-for=yellow-flags]")
    assert fresh.locator(CLASSIFIER_RESULT).count() == 0


def test_every_question_missing_the_error_summary_is_below_the_header(fresh, site_url: str) -> None:  # type: ignore[no-untyped-def]
    fresh.set_viewport_size({"width": 1280, "height": 800})
    fresh.goto(urljoin(site_url, "tools/classifier.html"))
    wait_ready(fresh, "classifier")
    fresh.click("[data-widget=classifier] button[type=submit]")
    summary = fresh.locator("[data-widget=classifier] [data-role=error-summary]")
    summary.wait_for(state="visible", timeout=READY_MS)
    fresh.wait_for_timeout(300)
    assert fresh.evaluate("document.activeElement.dataset.role") == "error-summary"
    title = fresh.locator("#classifier-errors-title").bounding_box()
    header = fresh.locator(".md-header").bounding_box()
    assert title["y"] >= header["y"] + header["height"], (title, header)
    assert title["y"] + title["height"] <= 800
    links = summary.locator("a")
    assert links.count() == len(questions.QUESTIONS)
    assert links.first.inner_text() == f"“{questions.QUESTIONS[0].text}” has no answer."
