"""The guide in Firefox and WebKit, as a reader uses it: home, a figure page and its tooltips,
search, the palette, instant navigation, both tools (their answers equal CPython's), share links,
a return visit from the snapshot, offline, the Content-Security-Policy sent as a header, file://.

One reader's browser (a ``Session``) is kept for the module: its first window stays on the
classifier once the tools are kept, so later windows are return visits (WebKit's automation
session keeps Cache Storage only while a page of the site is open; see tests/engines/webkit.py).
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

import pytest
from alliance import api, classify, questions
from alliance.contract import WORDS
from alliance.view import result_view

from bench.engines.driver import Engine, Session, Window
from tests.browser.runtime_helpers import examples, expected
from tests.browser.test_widgets import answers_for
from tests.conftest import SiteServer

pytestmark = pytest.mark.engines

READY_S = 120.0
CLASSIFIER = "tools/classifier.html"
PLAN = "tools/plan-builder.html"
FIGURE_PAGE = "evidence/fuentes-2014.html"
TOOLTIP = "#citation-tooltip"

STATUS = """const python = await import(new URL("assets/js/python.mjs", args[0]).href);
return python.currentStatus();"""
READY = """const python = await import(new URL("assets/js/python.mjs", args[0]).href);
const status = python.currentStatus();
return status.state === "ready" || status.state === "error" ? status : null;"""
KEPT = """const python = await import(new URL("assets/js/python.mjs", args[0]).href);
const status = python.currentStatus();
return status.offline ? status : null;"""
SERVICE_WORKER = """const registration = await navigator.serviceWorker.getRegistration(args[0]);
return Boolean(registration && registration.active && registration.active.state === "activated");"""
CALL = """const python = await import(new URL("assets/js/python.mjs", args[0]).href);
return python.call(args[1], args[2]);"""


def ready(window: Window, root: str) -> dict[str, Any]:
    status = window.wait(READY, root, timeout_s=READY_S, what="the tools ready")
    assert status["state"] == "ready", status
    return dict(status)


def answers_equal_cpython(window: Window, root: str) -> None:
    """Every example, and a malformed payload, answered in this engine as CPython answers it."""
    for kind, payload in [*examples(), ("classify", {"answers": {"presence": "not-an-option"}})]:
        assert window.run(CALL, root, kind, payload, timeout_s=60) == expected(kind, payload), (kind, payload)


@pytest.fixture(scope="module")
def reader(engine: Engine, site_url: str) -> Iterator[tuple[Engine, Session, dict[str, Window]]]:
    """The reader's browser for the module, and its windows by name."""
    with engine.session() as session:
        yield engine, session, {}


def kept_classifier(reader: Any, root: str) -> Window:
    """The reader's classifier window, its tools kept and its service worker active (opened once)."""
    _, session, windows = reader
    if "classifier" not in windows:
        window = session.window(urljoin(root, CLASSIFIER))
        windows["classifier"] = window
        first = ready(window, root)
        assert first["boot"] == {"source": "fresh", "fallback": "missing"}, first
        kept = window.wait(KEPT, root, timeout_s=60, what="the tools kept")
        assert kept["offline"] == {"snapshot": True, "files": True}, kept
        window.wait(SERVICE_WORKER, root, timeout_s=60, what="the service worker active")
    return windows["classifier"]


def named_window(reader: Any, name: str, url: str) -> Window:
    """The reader's window of that name, opened on ``url`` the first time."""
    _, session, windows = reader
    if name not in windows:
        windows[name] = session.window(url)
    return windows[name]


def home_window(reader: Any, root: str) -> Window:
    return named_window(reader, "home", root)


# ---------------------------------------------------------------- pages


def test_home(reader: Any, site_url: str) -> None:
    window = home_window(reader, site_url)
    window.goto(site_url)
    assert "The Therapeutic Alliance in Low Back Pain" in window.run("return document.title;")
    links = window.run("return [...document.querySelectorAll('article a')].map((a)=>a.getAttribute('href'));")
    for start in ("evidence/index.html", "frameworks/index.html", CLASSIFIER, PLAN):
        assert any(href.endswith(start) for href in links), start


def test_a_figure_page_and_its_citation_tooltips(reader: Any, site_url: str) -> None:
    window = home_window(reader, site_url)
    window.goto(urljoin(site_url, FIGURE_PAGE))
    figure = window.run("""const svg = document.querySelector('#fig-fuentes svg');
        return svg && {title: Boolean(svg.querySelector('title')),
                       width: svg.getBoundingClientRect().width};""")
    assert figure and figure["title"] and figure["width"] > 100, figure
    link = "article a.citation"
    key = window.run("return document.querySelector(args[0]).getAttribute('href').split('#').pop();", link)
    reference = " ".join(window.text(f"[id='{key}']").split())
    window.hover(link)
    window.wait_for(TOOLTIP, timeout_s=5)
    assert " ".join(window.text(TOOLTIP).split()) == reference
    window.press("Escape")
    window.wait_gone(TOOLTIP, timeout_s=5)
    window.move_mouse(5, 5)
    window.focus(link)
    window.wait_for(TOOLTIP, timeout_s=5)
    assert " ".join(window.text(TOOLTIP).split()) == reference
    window.press("Escape")
    window.wait_gone(TOOLTIP, timeout_s=5)
    assert window.run("return document.activeElement.matches(args[0]);", link), "the focus stays on the link"


def test_search(reader: Any, site_url: str) -> None:
    window = home_window(reader, site_url)
    window.goto(site_url)
    window.type("input[data-md-component=search-query]", "pyramid")
    hits = window.wait("""const hits = [...document.querySelectorAll('.md-search-result__item')];
        return hits.length ? hits.map((hit) => hit.innerText) : null;""", timeout_s=20, what="search hits")
    assert any("pyramid" in hit.lower() for hit in hits), hits
    window.press("Escape")


def test_the_palette(reader: Any, site_url: str) -> None:
    window = home_window(reader, site_url)
    window.goto(site_url)
    for _ in range(3):
        if window.run("return document.body.dataset.mdColorScheme;") == "slate":
            break
        window.click("form[data-md-component=palette] label:not([hidden])")
    assert window.run("return document.body.dataset.mdColorScheme;") == "slate"


def test_instant_navigation(reader: Any, site_url: str) -> None:
    window = home_window(reader, site_url)
    window.goto(site_url)
    window.run("window.__sameDocument = true; return true;")
    window.click("article a[href$='evidence/index.html']")
    window.wait("return location.pathname.endsWith('/evidence/index.html') "
                "&& document.querySelector('article h1') !== null;", what="the evidence page")
    assert window.run("return window.__sameDocument === true;"), "the page was swapped in, not loaded"


# ---------------------------------------------------------------- the tools


def click_answers(window: Window, answers: dict[str, Any]) -> None:
    for question in questions.QUESTIONS:
        chosen = answers.get(question.id)
        for option in [chosen] if isinstance(chosen, str) else chosen or []:
            window.click(f"#classifier-{question.id}-{option}")


def test_the_classifier_is_ready_answers_as_cpython_and_says_why(reader: Any, site_url: str) -> None:
    window = kept_classifier(reader, site_url)
    answers = answers_for("seeking-support")
    window.run("document.querySelector('[data-widget=classifier] form').reset(); return true;")
    click_answers(window, answers)
    window.click("[data-widget=classifier] button[type=submit]")
    window.wait_for("[data-widget=classifier] [data-role=result]:not([hidden])", timeout_s=30)
    stage = result_view(classify(answers)).blocks[0].lines[0]
    shown = window.text("[data-widget=classifier] [data-block-lines=stage]").splitlines()[0]
    assert shown == f"{stage.lead} {stage.text}"
    why = "[data-widget=classifier] [data-block-lines=stage] details.alliance-why"
    assert window.run("return document.querySelector(args[0]).open;", why) is False
    window.click(f"{why} summary")
    assert window.run("return document.querySelector(args[0]).open;", why) is True
    assert stage.why is not None and stage.why.intro in window.text(why)
    answers_equal_cpython(window, site_url)


def submit_plan(window: Window, level: str, session_number: int) -> None:
    window.run("document.querySelector('[data-widget=plan] form').reset(); return true;")
    window.click(f"#plan-level-{level}")
    window.type("#plan-session_number-input", str(session_number))
    before = window.run("return Number(document.querySelector('[data-widget=plan]').dataset.renders || 0);")
    window.click("[data-widget=plan] button[type=submit]")
    window.wait("return Number(document.querySelector('[data-widget=plan]').dataset.renders || 0) > args[0];",
                before, what="a plan")


def test_the_plan_builder(reader: Any, site_url: str) -> None:
    kept_classifier(reader, site_url)
    window = named_window(reader, "plan", urljoin(site_url, PLAN))
    ready(window, site_url)
    submit_plan(window, "empowering-collaboration", 3)
    reply = json.loads(api.plan_json(json.dumps({"level": "empowering-collaboration", "session_number": 3})))
    view = window.text("[data-widget=plan] [data-role=view]")
    assert reply["plan"]["aim"]["text"] in view
    assert reply["plan"]["safety"][0]["text"] in view


def test_two_share_links_in_one_tab(reader: Any, site_url: str) -> None:
    kept_classifier(reader, site_url)
    window = named_window(reader, "plan", urljoin(site_url, PLAN))
    ready(window, site_url)
    for inputs in ({"version": 2, "level": "seeking-support", "session_number": 4},
                   {"version": 2, "level": "autonomic-agency", "session_number": 7}):
        reply = json.loads(api.plan_json(json.dumps({"link": "#inputs=" + quote(json.dumps(inputs))})))
        assert reply["ok"], reply
        window.navigate_soon(urljoin(site_url, PLAN) + "#inputs=" + quote(json.dumps(inputs)))
        shown = window.wait("""const widget = document.querySelector('[data-widget=plan]');
            const result = widget.querySelector('[data-role=result]');
            const session = widget.querySelector('#plan-session_number-input').value;
            const level = widget.querySelector(`#plan-level-${args[1]}`);
            return session === args[0] && level && level.checked && !result.hidden && location.hash === ''
                ? widget.querySelector('[data-role=view]').innerText : null;""",
                            str(inputs["session_number"]), inputs["level"], timeout_s=30,
                            what="the link's plan")
        assert reply["plan"]["aim"]["text"] in shown
        assert f"Session {inputs['session_number']}," in shown


def test_a_return_visit_boots_from_the_snapshot(reader: Any, site_url: str) -> None:
    _, session, _ = reader
    kept_classifier(reader, site_url)
    window = session.window(urljoin(site_url, CLASSIFIER))
    try:
        assert ready(window, site_url)["boot"] == {"source": "snapshot", "fallback": None}
        answers_equal_cpython(window, site_url)
    finally:
        window.close()


def test_offline(reader: Any, site_url: str, site_server: SiteServer) -> None:
    """With the host unreachable, the kept tools and the guide's pages still work."""
    _, session, _ = reader
    kept_classifier(reader, site_url)
    site_server.httpd.unreachable = True
    try:
        window = session.window(urljoin(site_url, CLASSIFIER))
        assert ready(window, site_url)["boot"]["source"] == "snapshot"
        answers_equal_cpython(window, site_url)
        window.goto(urljoin(site_url, "frameworks/pyramid.html"))  # never opened: the precache
        assert "pyramid" in window.run("return document.title;").lower()
        window.close()
    finally:
        site_server.httpd.unreachable = False


# ---------------------------------------------------------------- policy, console, file://


def test_the_policy_is_a_header_and_no_page_breaks_it(engine: Engine, built_site: Path) -> None:
    """Each kind of page, in a new window with empty storage: no console error and no violation of
    the Content-Security-Policy the host sends from the site's _headers (the tools' page until its
    files are kept and the service worker registered)."""
    with SiteServer(built_site) as server:
        with urllib.request.urlopen(urljoin(server.url, CLASSIFIER)) as response:
            header = response.headers["Content-Security-Policy"]
        assert header and "frame-ancestors 'none'" in header and "'unsafe-eval'" not in header
        found = {}
        for path, done in (("index.html", "/search/search_index.json"),
                           (FIGURE_PAGE, "/search/search_index.json"),
                           (CLASSIFIER, "/sw.js"), (PLAN, "/sw.js")):
            server.httpd.counter.seen.clear()
            def until(wait_s: float, done: str = done) -> None:
                server.httpd.counter.wait_for(done, wait_s)

            errors = engine.console_errors(urljoin(server.url, path), until)
            if errors:
                found[path] = errors
        assert found == {}


def test_file_url(reader: Any, built_site: Path) -> None:
    _, session, _ = reader
    window = session.window((built_site / "index.html").as_uri())
    try:
        assert "Therapeutic Alliance" in window.run("return document.title;")
        window.goto((built_site / CLASSIFIER).as_uri())
        text = window.wait("""const text = document.querySelector('[data-widget] [data-role=status-text]');
            const said = text && text.textContent.includes('need this guide to be served');
            return said ? text.textContent : null;""",
                           timeout_s=15, what="the served-only message")
        assert "python3 -m http.server 8000 --bind 127.0.0.1" in text
        assert re.search(r"error", window.run("return document.querySelector('[data-widget] "
                                              "[data-role=status]').dataset.state;"))
    finally:
        window.close()


BROKEN_PAGE = """<!doctype html><title>broken</title>
<script>console.log("an inline script the policy forbids");</script>
<script src="broken.js"></script>
"""
BROKEN_SCRIPT = 'console.error("a console error"); new Worker("worker.js");\n'
BROKEN_WORKER = 'throw new Error("a worker that fails");\n'


def test_the_console_check_sees_errors_and_violations(engine: Engine, tmp_path: Path) -> None:
    """What the check above relies on: each engine reports a violation of the header's policy, a
    console error and a worker's uncaught error."""
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (tmp_path / "broken.js").write_text(BROKEN_SCRIPT, encoding="utf-8")
    (tmp_path / "worker.js").write_text(BROKEN_WORKER, encoding="utf-8")
    (tmp_path / "_headers").write_text("/*\n  Content-Security-Policy: script-src 'self'\n", encoding="utf-8")
    with SiteServer(tmp_path) as server:
        errors = engine.console_errors(urljoin(server.url, "broken.html"),
                                       lambda wait_s: server.httpd.counter.wait_for("/worker.js", wait_s))
    text = "\n".join(errors)
    assert re.search(r"Content.Security.Policy", text, re.IGNORECASE), errors
    assert "a console error" in text and "a worker that fails" in text, errors


def test_a_browser_that_will_not_keep_the_tools_says_so_once(engine: Engine, site_url: str) -> None:
    """WebKit's automation session drops the tools' cache when the site's only page goes (most of the
    time: the teardown is WebKit's, and a return may still find it): when it is dropped, the page says,
    once, that this browser will not keep the tools; when it is kept, it boots from the snapshot and
    says nothing. Firefox keeps it every time. (Chromium simulates WebKit: tests/browser/test_boot.py.)"""
    status_text = "[data-widget=classifier] [data-role=status-text]"
    classifier = urljoin(site_url, CLASSIFIER)
    dropped: list[bool] = []
    with engine.session() as session:
        window = session.window(classifier)
        ready(window, site_url)
        window.wait(KEPT, site_url, timeout_s=60, what="the tools kept")
        assert window.text(status_text) == WORDS["READY"]
        for _ in range(2 if engine.keeps_across_loads else 6):
            window.reload()  # the site's only page goes (leaving for about:blank does not drop it)
            again = ready(window, site_url)
            if again["boot"]["source"] == "snapshot":
                assert again["keeps"] is True and window.text(status_text) == WORDS["READY"], again
            else:
                assert again["keeps"] is False and again["boot"]["fallback"] == "missing", again
                said = WORDS["NOT_KEPT"] in window.text(status_text)
                assert said is not any(dropped), "said once in a tab, at the first drop"
            dropped.append(again["boot"]["source"] != "snapshot")
            answers_equal_cpython(window, site_url)
            window.wait(KEPT, site_url, timeout_s=60, what="the tools kept")
            if engine.keeps_across_loads is False and dropped.count(True) >= 2:
                break
    assert any(dropped) is not engine.keeps_across_loads, dropped
