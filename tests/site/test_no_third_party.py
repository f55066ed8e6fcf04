"""The built site loads nothing from any host but its own."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Elements and attributes that make the browser fetch something on page load.
_LOADING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
}
_LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest",
                      "preconnect", "dns-prefetch", "apple-touch-icon"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def _external(url: str) -> bool:
    """True when ``url`` names another host (absolute or protocol-relative)."""
    url = url.strip()
    return url.startswith("//") or bool(urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc)


def _urls_in_srcset(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def external_loads(html: str) -> list[str]:
    """Every resource an HTML document would load from an absolute URL."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag, attrs in _LOADING.items():
        for element in soup.find_all(tag):
            for attr in attrs:
                value = element.get(attr)
                if value:
                    urls = _urls_in_srcset(value) if attr == "srcset" else [value]
                    found += [f"<{tag} {attr}={u}>" for u in urls if _external(u)]
    for link in soup.find_all("link"):
        rels = set(link.get("rel") or [])
        if rels & _LOADING_LINK_RELS and _external(link.get("href", "")):
            found.append(f"<link rel={' '.join(rels)} href={link['href']}>")
    for style in soup.find_all("style"):
        found += [f"<style> {u}" for u in _CSS_URL.findall(style.get_text()) if _external(u)]
    for element in soup.find_all(style=True):
        found += [f"style= {u}" for u in _CSS_URL.findall(element["style"]) if _external(u)]
    return found


def test_detector_catches_each_kind_of_external_load() -> None:
    html = """<html><head>
      <script src="https://cdn.example.com/x.js"></script>
      <link rel="stylesheet" href="//fonts.example.com/css">
      <style>@font-face { src: url(https://fonts.example.com/a.woff2) }</style>
    </head><body>
      <img src="http://img.example.com/a.png"><iframe src="https://video.example.com/embed"></iframe>
      <a href="https://doi.org/10.1/x">a link a reader clicks is fine</a>
      <script src="assets/local.js"></script><img src="../img/local.png">
    </body></html>"""
    assert len(external_loads(html)) == 5


def test_built_pages_load_nothing_from_other_hosts(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 8
    offenders = {str(p.relative_to(built_site)): external_loads(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: urls for page, urls in offenders.items() if urls} == {}


def test_built_stylesheets_load_nothing_from_other_hosts(built_site: Path) -> None:
    offenders = {}
    for css in built_site.rglob("*.css"):
        urls = [u for u in _CSS_URL.findall(css.read_text(encoding="utf-8")) if _external(u)]
        if urls:
            offenders[str(css.relative_to(built_site))] = urls
    assert offenders == {}
