"""The figures in Debian's Chromium: drawn, legible, within a phone's width, in light, dark and print."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SiteServer, build_site
from tests.unit.test_figures_build import write_project

pytestmark = pytest.mark.browser

FIGURE_IDS = ("fig-levels", "fig-pyramid", "fig-cycle", "fig-fuentes")
PAGE = """# Figures

{{ levels_figure(highlight="seeking-support-to-empowering-collaboration") }}

{{ pyramid_figure() }}

{{ cycle_figure(highlight="review") }}

{{ fuentes_chart() }}
"""
PALETTE = """
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: teal
      accent: deep orange
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: teal
      accent: deep orange
extra_css: [guide.css, citations.css, figures.css]
"""
CSS = ("guide.css", "citations.css", "figures.css")  # the guide's: links as it colours them (a caption cites)


@pytest.fixture(scope="module")
def figures_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("figures-browser")
    config = write_project(root, {"index.md": PAGE})
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"theme: .*\n", PALETTE, text), encoding="utf-8")
    for name in CSS:
        css = Path(__file__).resolve().parents[2] / "docs" / "assets" / "css" / name
        (root / "docs" / name).write_text(css.read_text(encoding="utf-8"), encoding="utf-8")
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    with SiteServer(root / "site") as server:
        yield server.url + "index.html"


def open_page(browser: object, url: str, width: int, scheme: str = "light", media: str = "screen") -> object:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    page.emulate_media(media=media)
    page.goto(url)
    page.wait_for_selector("#fig-fuentes svg")
    return page


def distinct_colours(png: bytes, enough: int) -> int:
    """Distinct pixel colours in a PNG screenshot (8-bit RGB/RGBA), counting stops past ``enough``."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    channels = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    previous, colours = bytearray(stride), set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 255
        colours.update(bytes(line[i : i + channels]) for i in range(0, stride, channels))
        if len(colours) > enough:
            break
        previous = line
    return len(colours)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_figure_is_drawn_and_fits_the_viewport(
    browser: object, figures_url: str, width: int, scheme: str
) -> None:
    page = open_page(browser, figures_url, width, scheme)
    try:
        for figure_id in FIGURE_IDS:
            svg = page.locator(f"#{figure_id} svg")
            box = svg.bounding_box()
            assert box["width"] > 0.8 * min(width - 32, 520) and box["height"] > 200, (figure_id, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (figure_id, box)
            assert distinct_colours(svg.screenshot(), 8) > 8, f"{figure_id} looks blank"
        scroll_width = "document.documentElement.scrollWidth"
        assert page.evaluate(scroll_width) <= width, "the page scrolls sideways"
        page.evaluate("document.querySelectorAll('.evidence-figure details').forEach(d => d.open = true)")
        assert page.evaluate(scroll_width) <= width, "an open text equivalent makes the page scroll sideways"
    finally:
        page.context.close()


def test_text_is_legible_and_stays_inside_its_boxes_on_a_phone(browser: object, figures_url: str) -> None:
    page = open_page(browser, figures_url, 375)
    try:
        report = page.evaluate(
            """() => {
              const problems = [];
              let smallest = Infinity;
              for (const svg of document.querySelectorAll('figure.evidence-figure svg')) {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const outer = svg.getBoundingClientRect();
                for (const text of svg.querySelectorAll('text')) {
                  smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
                  const t = text.getBoundingClientRect();
                  if (t.left < outer.left - 1 || t.right > outer.right + 1) {
                    problems.push('outside: ' + text.textContent);
                  }
                  const group = text.closest('g[data-id]');
                  const boxes = ':scope > rect.fig-box, :scope > rect.fig-criteria-box';
                  const shape = group && group.querySelector(boxes);
                  if (!shape || text.classList.contains('fig-badge-text')) continue;
                  const r = shape.getBoundingClientRect();
                  const out = t.left < r.left - 1 || t.right > r.right + 1;
                  if (out || t.top < r.top - 1 || t.bottom > r.bottom + 1) {
                    problems.push(group.dataset.id + ': ' + text.textContent);
                  }
                }
              }
              return {problems, smallest};
            }"""
        )
        assert report["problems"] == []
        assert report["smallest"] >= 10.5, f"smallest text is {report['smallest']:.1f} px at 375 px"
    finally:
        page.context.close()


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_colour(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def over(top: str, bottom: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = parse_colour(top)
    return (r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_labels_contrast_with_their_boxes(browser: object, figures_url: str, scheme: str) -> None:
    page = open_page(browser, figures_url, 1280, scheme)
    try:
        pairs = page.evaluate(
            """() => [...document.querySelectorAll('g[data-id]:not(.is-highlighted) > rect.fig-box')]
                 .flatMap(rect => [...rect.parentElement.querySelectorAll('text:not(.fig-badge-text)')]
                   .map(text => ({id: rect.parentElement.dataset.id, text: getComputedStyle(text).fill,
                                  box: getComputedStyle(rect).fill})))"""
        )
        assert len(pairs) >= 10
        body = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page_rgb = over(body, (255, 255, 255))
        for pair in pairs:
            box = over(pair["box"], page_rgb)
            text = over(pair["text"], box)
            lighter, darker = sorted((luminance(text), luminance(box)), reverse=True)
            ratio = (lighter + 0.05) / (darker + 0.05)
            assert ratio >= 4.5, f"{scheme}: {pair['id']}: contrast {ratio:.2f} ({pair})"
    finally:
        page.context.close()


def test_highlight_is_styled_and_the_class_contract_works_client_side(
    browser: object, figures_url: str
) -> None:
    page = open_page(browser, figures_url, 1280)
    try:
        style = """id => { const r = document.querySelector(`#fig-cycle svg [data-id="${id}"] rect`);
                          const s = getComputedStyle(r); return [s.stroke, parseFloat(s.strokeWidth)]; }"""
        marked, plain = page.evaluate(style, "review"), page.evaluate(style, "rapport")
        assert marked != plain and marked[1] > plain[1]
        page.evaluate(
            """() => { const svg = document.querySelector('#fig-cycle svg');
                       svg.querySelector('.is-highlighted').classList.remove('is-highlighted');
                       svg.querySelector('[data-id="rapport"]').classList.add('is-highlighted'); }"""
        )
        assert page.evaluate(style, "rapport") == marked
        assert page.evaluate(style, "review") == plain
    finally:
        page.context.close()


def test_print_is_black_and_white_friendly_drawn_and_has_the_text(browser: object, figures_url: str) -> None:
    page = open_page(browser, figures_url, 800, media="print")
    try:
        fills = page.evaluate(
            "[...document.querySelectorAll('.evidence-figure .fig-box')].map(r => getComputedStyle(r).fill)"
        )
        assert fills and set(fills) == {"none"}
        for figure_id in FIGURE_IDS:
            assert distinct_colours(page.locator(f"#{figure_id} svg").screenshot(), 4) > 4
        # Material opens every details block for print: the text equivalents are printed too.
        all_open = "[...document.querySelectorAll('.evidence-figure details')].every(d => d.open)"
        page.wait_for_function(all_open)
    finally:
        page.context.close()


def test_figures_fit_a_phone_on_every_page_of_the_guide(
    browser: object, built_site: Path, site_url: str
) -> None:
    pages = sorted(
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*.html")
        if 'class="evidence-figure' in path.read_text(encoding="utf-8")
    )
    assert pages, "no page of the guide shows a figure"
    context = browser.new_context(viewport={"width": 375, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    shown = 0
    try:
        for path in pages:
            page.goto(site_url + path)
            boxes = page.evaluate(
                """() => [...document.querySelectorAll('figure.evidence-figure')].map(f => {
                     const r = f.querySelector('svg').getBoundingClientRect();
                     const hidden = !f.offsetParent;
                     return {id: f.id, left: r.left, right: r.right, height: r.height, hidden};
                   })"""
            )
            for box in boxes:
                if box["hidden"]:
                    continue  # e.g. inside a result panel not shown yet
                assert box["left"] >= 0 and box["right"] <= 375 and box["height"] > 100, (path, box)
                shown += 1
    finally:
        context.close()
    assert shown >= len(pages)


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_figures(browser: object, figures_url: str, scheme: str) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs npm ci)")
    page = open_page(browser, figures_url, 1280, scheme)
    try:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => {
                 const result = await axe.run({include: [['figure.evidence-figure']]},
                                              {resultTypes: ['violations']});
                 return result.violations.map(v => ({id: v.id, impact: v.impact,
                   nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
               }"""
        )
        assert violations == []
    finally:
        page.context.close()
