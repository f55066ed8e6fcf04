"""The built site carries self-hosted Pyodide, the alliance wheel and the widget pages."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from alliance import PLAN_FIELDS, contract, questions
from bs4 import BeautifulSoup

from macros.toolkit.project import CORE_FILES
from tests.conftest import ROOT

PYODIDE = Path("assets") / "pyodide"


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_pyodide_core_files_are_the_pinned_npm_package(built_site: Path) -> None:
    for name in CORE_FILES:
        built = built_site / PYODIDE / name
        assert built.read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes(), name


def test_lock_file_names_the_served_wheel_with_its_checksum(built_site: Path) -> None:
    lock = json.loads((built_site / PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    npm_lock = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"] == npm_lock["info"]
    assert set(lock["packages"]) == {"alliance"}, "the lock lists only what the site serves"
    entry = lock["packages"]["alliance"]
    wheel = built_site / PYODIDE / entry["file_name"]
    assert wheel.is_file(), entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for module in ("model", "questions", "classify", "plan", "api", "output"):
        assert f"alliance/{module}.py" in names, module
    package = ROOT / "widgets" / "alliance"
    sources = {p.relative_to(package.parent).as_posix() for p in package.rglob("*.py")}
    assert {n for n in names if n.startswith("alliance/") and n.endswith(".py")} == sources


def test_every_module_the_widget_scripts_name_is_in_the_site(built_site: Path) -> None:
    scripts = built_site / "assets" / "js"
    named: set[str] = set()
    for script in [*scripts.glob("*.js"), *scripts.glob("*.mjs")]:
        named |= set(re.findall(r"""["'](\.{1,2}/[\w./-]+\.m?js)["']""", script.read_text(encoding="utf-8")))
    assert {"./python.mjs", "./offline.mjs", "./download.mjs", "./snapshot.mjs", "./contract.mjs"} <= named
    for relative in [*named, *contract.WIDGETS.values()]:  # widgets.js imports the widgets' modules by name
        assert (scripts / relative).resolve().is_file(), relative
    # python.mjs starts the worker from the contract's path; the worker and the site read the runtime's.
    for path in (contract.PATHS["worker"], contract.RUNTIME["toolkit"], contract.RUNTIME["service_worker"]):
        assert (built_site / path).is_file(), path


def test_no_built_page_mentions_a_cdn_for_pyodide(built_site: Path) -> None:
    for path in [*built_site.rglob("*.html"), *(built_site / "assets" / "js").glob("*js")]:
        text = path.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text and "pyodide.org" not in text, path


def test_classifier_page_has_every_question_without_javascript(built_site: Path) -> None:
    page = html(built_site, "tools/classifier.html")
    widget = page.find(attrs={"data-widget": "classifier"})
    assert widget is not None
    for question in questions.QUESTIONS:
        fieldset = widget.find("fieldset", attrs={"data-field": question.id})
        assert fieldset.legend.get_text() == question.text
        kind = "radio" if question.kind == "single" else "checkbox"  # a multiple choice has check boxes
        assert len(fieldset.select(f"input[type={kind}]")) == len(question.options)
    assert "needs JavaScript" in widget.find("noscript").get_text()
    result = widget.find(attrs={"data-role": "result"})
    assert result.has_attr("hidden")
    assert result.select('[data-figure="levels_figure"] svg [data-id]')
    assert result.select('[data-figure="cycle_figure"] svg [data-id]')
    assert "not a diagnostic test" in page.find("article").get_text()


def test_plan_builder_page_has_every_field_and_the_privacy_warning(built_site: Path) -> None:
    page = html(built_site, "tools/plan-builder.html")
    widget = page.find(attrs={"data-widget": "plan"})
    assert [node["data-field"] for node in widget.select("form [data-field]")] == [f.id for f in PLAN_FIELDS]
    assert "identifies a patient" in widget.find("form").get_text()
    assert "identifies a patient" in widget.find(attrs={"data-role": "share"}).get_text()


@pytest.mark.parametrize("page", ["index.html", "evidence/index.html", "references.html"])
def test_content_pages_hold_no_widget(built_site: Path, page: str) -> None:
    assert html(built_site, page).find(attrs={"data-widget": True}) is None


def test_every_page_loads_its_own_scripts_as_classic_deferred_scripts(built_site: Path) -> None:
    """The widget loader and the citation tooltips: a page opened from a file blocks module scripts,
    with an error in the console; classic scripts run there (and the loader then does nothing)."""
    for path in built_site.rglob("*.html"):
        if "assets" in path.relative_to(built_site).parts:
            continue
        scripts = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("script[src]")
        for name in ("widgets.js", "citations.js"):
            found = [s for s in scripts if s["src"].endswith(f"assets/js/{name}")]
            classic = found and found[0].get("type") in (None, "text/javascript")
            assert classic and found[0].has_attr("defer"), (path, name)


def test_toolkit_manifest_names_every_file_with_its_size_and_checksum(built_site: Path) -> None:
    import gzip

    from alliance.contract import RUNTIME

    toolkit = json.loads((built_site / RUNTIME["toolkit"]).read_text(encoding="utf-8"))
    base = built_site / PYODIDE
    lock = json.loads((base / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert toolkit["lock"] == lock and re.fullmatch(r"[0-9a-f]{16}", toolkit["id"])
    entries = [*toolkit["files"].values(), toolkit["files"]["wasm"]["gzip"], *toolkit["modules"]]
    for entry in entries:
        data = (base / entry["url"]).read_bytes()
        assert len(data) == entry["bytes"], entry["url"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["url"]
    packed = (base / toolkit["files"]["wasm"]["gzip"]["url"]).read_bytes()
    assert gzip.decompress(packed) == (base / "pyodide.asm.wasm").read_bytes()
    assert toolkit["files"]["wheel"]["url"] == lock["packages"]["alliance"]["file_name"]
    assert toolkit["files"]["stdlib"]["url"].endswith("/python_stdlib_min.zip")


def test_every_page_names_the_toolkit_it_was_built_with(built_site: Path) -> None:
    """A deploy with new tools changes every page, so the service worker never pairs a page
    with the previous build's tools (tests/browser/test_offline.py shows the effect)."""
    from alliance.contract import RUNTIME

    toolkit = json.loads((built_site / RUNTIME["toolkit"]).read_text(encoding="utf-8"))["id"]
    pages = [path for path in built_site.rglob("*.html")
             if "assets" not in path.relative_to(built_site).parts]
    assert len(pages) > 10
    for path in pages:
        meta = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"name": "alliance-toolkit"})
        assert meta is not None and meta["content"] == toolkit, path
    assert f'"toolkit": "{toolkit}"' in (built_site / RUNTIME["service_worker"]).read_text(encoding="utf-8")


def test_every_page_carries_the_policy_before_any_script_and_the_site_its_headers(built_site: Path) -> None:
    from macros.csp import check_page

    headers = (built_site / "_headers").read_text(encoding="utf-8")
    policy = re.search(r"Content-Security-Policy: (.*); frame-ancestors 'none'", headers).group(1)
    pages = [path for path in built_site.rglob("*.html")
             if "assets" not in path.relative_to(built_site).parts]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        check_page(path.relative_to(built_site).as_posix(), html, policy)  # raises on anything blocked
        assert html.index("Content-Security-Policy") < html.index("<script"), path


def test_a_missing_pyodide_fails_the_build_with_one_line_naming_it(tmp_path: Path) -> None:
    from tests.conftest import build_site, copy_project

    project = copy_project(tmp_path)
    (project / "node_modules").unlink()
    (project / "node_modules" / "pyodide").mkdir(parents=True)
    result = build_site(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr[-2000:]
    assert f"Pyodide is missing from {project / 'node_modules' / 'pyodide'}" in errors[0]
    assert "run `make setup`" in errors[0]
    assert "Traceback" not in result.stderr
