"""The Content-Security-Policy hook: hashes, the policy, and a build that fails on what it would block."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from macros import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">{placeholder}<title>t</title>
<script>var a = 1;</script>
<script id="__config" type="application/json">{{"not": "run"}}</script>
<script src="assets/x.js"></script>
</head><body><table><tr><td style="text-align: right;">1</td></tr></table>
<p>Text that says onclick="x" and javascript: in prose is not markup.</p>
<script type="module">import "./y.js";</script></body></html>"""


def page(placeholder: str = csp.PLACEHOLDER) -> str:
    return PAGE.format(placeholder=placeholder)


def test_digest_is_the_base64_sha256_of_the_utf8_text() -> None:
    expected = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert csp.digest("var a = 1;") == f"'sha256-{expected}'"


def test_only_scripts_the_browser_runs_inline_are_hashed() -> None:
    assert csp.inline_scripts(page()) == ["var a = 1;", 'import "./y.js";']
    assert csp.style_attributes(page()) == ["text-align: right;"]


def test_the_policy_is_strict() -> None:
    text = csp.policy(["'sha256-b'", "'sha256-a'", "'sha256-a'"], ["'sha256-s'"])
    parts = dict(part.split(" ", 1) for part in text.split("; "))
    assert parts["default-src"] == "'self'"
    assert parts["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'"
    assert parts["worker-src"] == "'self'"
    assert parts["img-src"] == "'self' data:"
    assert parts["style-src"] == "'self' 'unsafe-hashes' 'sha256-s'"
    assert parts["object-src"] == "'none'" and parts["base-uri"] == "'self'"
    assert parts["form-action"] == "'self'"
    assert "unsafe-inline" not in text and "unsafe-eval'" not in text.replace("wasm-unsafe-eval", "")


def test_the_placeholder_goes_right_after_the_charset() -> None:
    placed = csp.with_placeholder(page(placeholder=""))
    charset = '<meta charset="utf-8">'
    assert placed.index(csp.PLACEHOLDER) == placed.index(charset) + len(charset)
    assert csp.with_placeholder("<p>a fragment</p>") == "<p>a fragment</p>"


def test_apply_writes_one_policy_into_every_page_and_headers(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(page().replace("var a = 1;", "var b = 2;"), encoding="utf-8")
    (tmp_path / "raw.html").write_text("<p>no placeholder: not a page of the build</p>", encoding="utf-8")
    text = csp.apply(tmp_path)
    assert csp.digest("var a = 1;") in text and csp.digest("var b = 2;") in text, "one site-wide policy"
    for name in ("a.html", "sub/b.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        assert csp.meta_tag(text) in html and csp.PLACEHOLDER not in html
    assert (tmp_path / "raw.html").read_text(encoding="utf-8").startswith("<p>no placeholder")
    headers = (tmp_path / "_headers").read_text(encoding="utf-8").splitlines()
    assert headers[0] == "/*"
    assert headers[1] == f"  Content-Security-Policy: {text}; frame-ancestors 'none'"


@pytest.mark.parametrize(("change", "message"), [
    (lambda html: html.replace("<title>", '<script>alert("added after hashing")</script><title>'),
     "an inline script's hash"),
    (lambda html: html.replace("<td ", '<td onclick="steal()" '), "an inline event handler"),
    (lambda html: html.replace("<p>Text", '<p><a href="javascript:steal()">x</a>Text'), "a javascript: URL"),
    (lambda html: html.replace('style="text-align: right;"', 'style="color: red"'),
     "a style attribute's hash"),
    (lambda html: html.replace('<meta http-equiv="Content-Security-Policy"', "<meta name=x"), "expected one"),
])
def test_a_page_the_policy_would_break_fails_the_build_naming_it(change, message: str) -> None:  # type: ignore[no-untyped-def]
    html = page()
    text = csp.policy([csp.digest(body) for body in csp.inline_scripts(html)],
                      [csp.digest(value) for value in csp.style_attributes(html)])
    final = html.replace(csp.PLACEHOLDER, csp.meta_tag(text))
    csp.check_page("ok.html", final, text)  # as built: nothing to block
    with pytest.raises(csp.PolicyError, match=message) as failure:
        csp.check_page("tools/x.html", change(final), text)
    assert str(failure.value).startswith("tools/x.html: ")
    assert issubclass(csp.PolicyError, csp.PluginError), "MkDocs ends the build with this one message"


def test_a_script_before_the_policy_fails() -> None:
    html = page().replace(csp.PLACEHOLDER, "")
    allowed = "default-src 'self'; script-src 'self'; style-src 'self'"
    html = html.replace("<title>", csp.meta_tag(allowed) + "<title>")
    html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8"><script src="early.js"></script>')
    for inline in ("<script>var a = 1;</script>", '<script type="module">import "./y.js";</script>'):
        html = html.replace(inline, "")
    html = html.replace(' style="text-align: right;"', "")
    with pytest.raises(csp.PolicyError, match="comes before"):
        csp.check_page("p.html", html, allowed)
