"""MkDocs hook (``hooks:`` in mkdocs.yml): a strict Content-Security-Policy on every page.

The policy allows scripts, styles, workers, fonts and connections from the
site itself only, WebAssembly compilation (Pyodide) and, by their SHA-256,
the few inline scripts the pages carry (Material's own and the theme's); no
inline event handler, no ``eval``, no plugin, no other host. It is written:

- in a ``<meta http-equiv="Content-Security-Policy">`` at the top of every
  page's ``<head>``, before any script, so it holds wherever the site is
  copied (a ``<meta>`` policy cannot say ``frame-ancestors``);
- in ``_headers`` at the site root (the format Netlify and Cloudflare Pages
  read), with ``frame-ancestors 'none'`` added, for hosts that send it as a
  header (the browser tests serve the site that way).

One policy serves the whole site: with Material's instant navigation the
first page's policy stays in force as the reader moves on, so it must allow
every page's inline scripts. Each page is rewritten at the end of the build
with that site-wide list; then every page is checked again, and a script
whose hash is not in the policy, a policy that is missing or not first, an
inline event handler or a ``javascript:`` URL fails the build, naming the
page: the browser would have blocked it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

PLACEHOLDER = "<!--alliance:content-security-policy-->"
HEADERS_FILE = "_headers"
_META_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
# Inline scripts the browser runs: no src, and a JavaScript type (or none). JSON data blocks are not run.
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(application/(ld\+)?json|text/template)""", re.IGNORECASE)
# Attribute patterns start with a literal, which the regex engine finds fast; whether a match
# is inside a tag (not text that reads like one) is checked after (_in_tag).
_STYLE_ATTR = re.compile(r"""style=(?:"([^"]*)"|'([^']*)')""")
_EVENT_HANDLER = re.compile(r"""on[a-z]+\s*=\s*["']""")
_URL_ATTR = re.compile(r"""\s(?:href|src|action|formaction)\s*=\s*["']?\s*$""", re.IGNORECASE)
_META_CSP = re.compile(
    r"""<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=["']([^"']*)["']\s*/?>""", re.IGNORECASE)


class PolicyError(PluginError):
    """A page would break under the policy; the message names the page and what."""


def digest(text: str) -> str:
    """The CSP source for ``text``: ``'sha256-<base64>'`` of its UTF-8 bytes."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser would run in ``html``."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.IGNORECASE) or _DATA_TYPE.search(attrs):
            continue
        scripts.append(match.group("body"))
    return scripts


def _in_tag(html: str, at: int) -> bool:
    """True if position ``at`` of ``html`` is inside a tag (after a ``<`` not yet closed by ``>``)."""
    return html.rfind("<", 0, at) > html.rfind(">", 0, at)


def _attribute_at(html: str, at: int) -> bool:
    """True if an attribute name starts at ``at``: inside a tag, after white space."""
    return at > 0 and html[at - 1].isspace() and _in_tag(html, at)


def style_attributes(html: str) -> list[str]:
    """The values of the ``style`` attributes in ``html`` (Markdown's table alignment)."""
    return [match.group(1) if match.group(1) is not None else match.group(2)
            for match in _STYLE_ATTR.finditer(html) if _attribute_at(html, match.start())]


def blocked_markup(html: str) -> str | None:
    """Markup the policy would block: an inline event handler or a ``javascript:`` URL (the first found)."""
    for match in _EVENT_HANDLER.finditer(html):
        if _attribute_at(html, match.start()):
            found = html[match.start():match.end() + 40]
            return f"an inline event handler, which the policy blocks: {found!r}"
    # The usual spellings (lowering a whole page costs more than the rest of the check; the
    # policy blocks any spelling in the browser anyway: this only reports it before it ships).
    for spelling in ("javascript:", "JavaScript:", "Javascript:", "JAVASCRIPT:"):
        at = html.find(spelling)
        while at >= 0:
            if _in_tag(html, at) and _URL_ATTR.search(html, max(0, at - 40), at):
                return f"a javascript: URL, which the policy blocks: {html[at - 20:at + 31]!r}"
            at = html.find(spelling, at + 1)
    return None


def policy(script_hashes: Iterable[str], style_hashes: Iterable[str]) -> str:
    """The policy for the site, with these inline scripts and style attributes allowed."""
    scripts = " ".join(sorted(set(script_hashes)))
    styles = sorted(set(style_hashes))
    style_src = "'self'" + (" 'unsafe-hashes' " + " ".join(styles) if styles else "")
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {scripts}".rstrip(),
        "worker-src 'self'",
        "img-src 'self' data:",
        f"style-src {style_src}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def meta_tag(text: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(text, quote=True)}">'


def with_placeholder(html: str) -> str:
    """``html`` with the placeholder for the policy right after ``<meta charset>`` (before any script)."""
    match = _META_CHARSET.search(html)
    if match is None:
        head = html.lower().find("<head>")
        if head < 0:
            return html  # not a page (an HTML fragment): nothing to protect
        at = head + len("<head>")
    else:
        at = match.end()
    return html[:at] + PLACEHOLDER + html[at:]


def check_page(name: str, html: str, allowed: str) -> None:
    """Fail if the browser would block anything on the page under ``allowed``."""
    found = _META_CSP.findall(html)
    if len(found) != 1:
        raise PolicyError(f"{name}: expected one Content-Security-Policy <meta>, found {len(found)}")
    first_script = html.find("<script")
    if first_script >= 0 and html.find("Content-Security-Policy") > first_script:
        raise PolicyError(f"{name}: a <script> comes before the Content-Security-Policy <meta>")
    script_src = next(part for part in allowed.split("; ") if part.startswith("script-src"))
    for body in inline_scripts(html):
        if digest(body) not in script_src.split():
            raise PolicyError(f"{name}: an inline script's hash {digest(body)} is not in the policy "
                              f"(it begins {body.strip()[:60]!r})")
    style_src = next(part for part in allowed.split("; ") if part.startswith("style-src"))
    for value in style_attributes(html):
        if digest(value) not in style_src.split():
            raise PolicyError(f"{name}: a style attribute's hash {digest(value)} is not in the policy "
                              f"({value!r})")
    blocked = blocked_markup(html)
    if blocked:
        raise PolicyError(f"{name}: {blocked}")


def pages(site: Path, paths: Iterable[Path] | None = None) -> dict[Path, str]:
    """The pages of ``site`` (or those of ``paths``) that await the policy, with their text."""
    candidates = sorted(set(paths)) if paths is not None else sorted(site.rglob("*.html"))
    found = {path: path.read_text(encoding="utf-8") for path in candidates if path.is_file()}
    return {path: html for path, html in found.items() if PLACEHOLDER in html}


def apply(site: Path, paths: Iterable[Path] | None = None) -> str:
    """Write the site-wide policy into every page and ``_headers``; check each page. Returns the policy."""
    found = pages(site, paths)
    scripts = [digest(body) for html in found.values() for body in inline_scripts(html)]
    styles = [digest(value) for html in found.values() for value in style_attributes(html)]
    text = policy(scripts, styles)
    for path, html in found.items():
        final = html.replace(PLACEHOLDER, meta_tag(text))
        check_page(path.relative_to(site).as_posix(), final, text)
        path.write_text(final, encoding="utf-8")
    headers = (f"/*\n  Content-Security-Policy: {text}; frame-ancestors 'none'\n"
               "  X-Content-Type-Options: nosniff\n")
    (site / HEADERS_FILE).write_text(headers, encoding="utf-8")
    return text


# The pages this build wrote (so the policy step reads only those).
_written: set[Path] = set()


def on_pre_build(config: Any, **kwargs: Any) -> None:
    _written.clear()


def on_post_page(output: str, page: Any, config: Any) -> str:
    _written.add(Path(page.file.abs_dest_path))
    return with_placeholder(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Static templates (404.html): the same placeholder; sitemap.xml has no <head> and is left alone."""
    if not template_name.endswith(".html"):
        return output_content
    _written.add(Path(config["site_dir"]) / template_name)
    return with_placeholder(output_content)


def on_post_build(config: Any, **kwargs: Any) -> None:
    apply(Path(config["site_dir"]), _written or None)
