"""Accessibility: axe-core on every built page and on the widgets with results and
errors shown (the page around them is covered by the every-page test), and the
classifier completed with the keyboard alone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from alliance import classify, questions

from tests.browser.test_privacy import built_pages
from tests.browser.test_widgets import (
    CLASSIFIER_RESULT,
    answers_for,
    submit_classifier,
    submit_plan,
    wait_ready,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def load_axe(page) -> None:  # type: ignore[no-untyped-def]
    """axe-core in the page, evaluated through the driver (the pages' policy refuses inline scripts)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))


def serious_violations(page, within: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations (in the page, or in ``within``), one line each."""
    load_axe(page)
    violations = page.evaluate(
        "within => axe.run(within ? document.querySelector(within) : document, {resultTypes: ['violations']})"
        ".then(r => r.violations)",
        within,
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} -> "
        + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in BLOCKING
    ]


@pytest.fixture(scope="module")
def axe_page(browser) -> object:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_axe_core_is_installed() -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `make setup`"


def test_every_page_has_no_serious_axe_violation(axe_page, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    by_rule: dict[str, list[str]] = {}
    pages = built_pages(built_site)
    assert len(pages) > 10
    for path in pages:
        axe_page.goto(urljoin(site_url, path))
        axe_page.wait_for_load_state("load")
        for violation in serious_violations(axe_page):
            rule, _, nodes = violation.partition(" -> ")
            by_rule.setdefault(rule, []).append(f"{path}: {nodes[:120]}")
    report = {rule: (paths if len(paths) < 5 else [f"{len(paths)} pages", *paths[:3]])
              for rule, paths in by_rule.items()}
    assert report == {}


def test_classifier_result_and_errors_have_no_serious_axe_violation(axe_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    axe_page.goto(urljoin(site_url, "tools/classifier.html"))
    wait_ready(axe_page, "classifier")
    answers = {**answers_for("seeking-support"), "understanding": "none", "care-seeking": "shopping"}
    assert classify(answers).flags, "a result with flags shows the most"
    submit_classifier(axe_page, answers)
    assert serious_violations(axe_page, "[data-widget=classifier]") == []
    axe_page.evaluate("document.querySelector('[data-widget=classifier] form').reset()")
    axe_page.click("[data-widget=classifier] button[type=submit]")
    axe_page.wait_for_selector("[data-widget=classifier] [data-role=error-summary]:not([hidden])")
    assert serious_violations(axe_page, "[data-widget=classifier]") == []


def test_plan_and_share_link_have_no_serious_axe_violation(axe_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    axe_page.goto(urljoin(site_url, "tools/plan-builder.html"))
    wait_ready(axe_page, "plan")
    submit_plan(axe_page, "empowering-collaboration", 2, other="a brace")
    axe_page.click("[data-action=share]")
    assert serious_violations(axe_page, "[data-widget=plan]") == []


def test_the_classifier_can_be_completed_with_the_keyboard_alone(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(urljoin(site_url, "tools/classifier.html"))
    wait_ready(page, "classifier")
    first = questions.QUESTIONS[0]
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == first.id:
            break
    else:
        pytest.fail("Tab never reached the first question")

    chosen: dict[str, object] = {}
    for index, question in enumerate(questions.QUESTIONS):
        assert page.evaluate("document.activeElement.name") == question.id
        if question.kind == "multi":  # check boxes: Space ticks the focused one, Tab goes through the rest
            page.keyboard.press("Space")
            chosen[question.id] = [page.evaluate("document.activeElement.value")]
            assert page.evaluate("document.activeElement.checked") is True
            for _ in range(len(question.options)):
                page.keyboard.press("Tab")
            continue
        steps = index % len(question.options)
        page.keyboard.press("Space")  # selects the focused (first) option
        for _ in range(steps):
            page.keyboard.press("ArrowDown")  # moves to and selects the next option
        chosen[question.id] = page.evaluate("document.activeElement.value")
        assert page.evaluate("document.activeElement.checked") is True
        page.keyboard.press("Tab")  # on to the next group of radio buttons
    assert chosen == {q.id: [q.options[0].id] if q.kind == "multi" else q.options[i % len(q.options)].id
                      for i, q in enumerate(questions.QUESTIONS)}
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector(CLASSIFIER_RESULT, timeout=45_000)
    assert page.evaluate("document.activeElement.id") == "classifier-result-heading"
    assert page.get_attribute("[data-widget=classifier]", "data-stage") == classify(chosen).stage


def test_the_page_loading_bar_is_in_no_landmark_violation(axe_page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """axe's region rule (moderate): all content inside landmarks; Material puts its loading bar outside."""
    axe_page.goto(urljoin(site_url, "evidence/index.html"))
    axe_page.wait_for_load_state("load")
    load_axe(axe_page)
    offenders = axe_page.evaluate("""axe.run(document, {runOnly: ['region']})
        .then((result) => result.violations.flatMap((v) => v.nodes.map((node) => node.target.join(' '))))""")
    assert [target for target in offenders if "md-progress" in target] == []
    assert axe_page.get_attribute(".md-progress", "aria-hidden") == "true"
