"""The figures drawn from the model: structure, labels, highlighting, ids, colours, geometry."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from alliance import model
from evidence.figures import frame
from evidence.figures.frame import FigureIds
from evidence.figures.metrics import text_width

from macros import figures
from macros.figures import cycle, levels, pyramid

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "docs" / "assets" / "css" / "figures.css"
SVG = "{http://www.w3.org/2000/svg}"

Figure = Callable[..., str]
FIGURES: dict[str, Figure] = {
    "levels": figures.levels_figure,
    "pyramid": figures.pyramid_figure,
    "cycle": figures.cycle_figure,
    "fuentes": figures.fuentes_chart,
}
HIGHLIGHTABLE: dict[str, tuple[Figure, tuple[str, ...]]] = {
    "levels": (figures.levels_figure, model.LEVEL_IDS + tuple(model.TRANSITIONS_BY_ID)),
    "pyramid": (figures.pyramid_figure, tuple(model.PYRAMID_BY_ID) + tuple(model.UNHEALTHY_BY_ID)),
    "cycle": (figures.cycle_figure, model.CYCLE_IDS),
}


def parse(html: str) -> ET.Element:
    """The figure parsed as XML (it must be well-formed)."""
    return ET.fromstring(html)


def svg_of(figure: ET.Element) -> ET.Element:
    svg = figure.find(f"{SVG}svg")
    assert svg is not None, "no <svg> in the figure"
    return svg


def text_of(element: ET.Element) -> str:
    """All text under ``element``, one space between pieces (tspans are wrapped lines)."""
    return " ".join(" ".join(piece.split()) for piece in element.itertext() if piece.strip())


def by_data_id(svg: ET.Element) -> dict[str, list[ET.Element]]:
    found: dict[str, list[ET.Element]] = {}
    for element in svg.iter():
        if "data-id" in element.attrib:
            found.setdefault(element.attrib["data-id"], []).append(element)
    return found


@pytest.mark.parametrize("name", FIGURES)
def test_figure_is_well_formed_and_accessible(name: str) -> None:
    html = FIGURES[name]()
    figure = parse(html)
    assert figure.tag == "figure"
    assert "evidence-figure" in figure.attrib["class"].split()
    assert figure.attrib["id"] == f"fig-{name}"
    svg = svg_of(figure)
    assert svg.attrib["role"] == "img"
    title_id, desc_id = svg.attrib["aria-labelledby"].split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.attrib["id"] == title_id and title.text.strip()
    assert desc is not None and desc.attrib["id"] == desc_id and len(desc.text) > 40
    assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", svg.attrib["viewBox"])
    assert "width" not in svg.attrib and "height" not in svg.attrib, "no fixed pixel size"
    caption = figure.find("figcaption")
    assert caption is not None and re.search(r"\[@[a-z]+\d{4}[a-z]+", caption.text)
    details = figure.find("details")
    assert details is not None and details.find("summary").text == "Text description"
    assert details.find("ol") is not None or details.find("table") is not None


@pytest.mark.parametrize("name", FIGURES)
def test_figure_is_one_markdown_safe_line(name: str) -> None:
    html = FIGURES[name]()
    assert "\n" not in html
    assert "    " not in html, "four spaces could start a Markdown code block"
    assert html.startswith("<figure ")


def test_levels_figure_shows_every_level_and_criterion() -> None:
    svg = svg_of(parse(figures.levels_figure()))
    groups = by_data_id(svg)
    for level in model.LEVELS:
        text = text_of(groups[level.id][0])
        assert level.name in text and f"Level {level.number}" in text
    for transition in model.TRANSITIONS:
        group_text = text_of(groups[transition.id][0])
        for criterion in transition.criteria:
            assert text_of(groups[criterion.id][0]) == f"\u2022 {criterion.label}"
            assert criterion.label in group_text


def test_levels_figure_marks_only_the_unchecked_step_as_the_articles_reading() -> None:
    groups = by_data_id(svg_of(parse(figures.levels_figure())))
    for transition in model.TRANSITIONS:
        group = groups[transition.id][0]
        dashed = [e for e in group.iter() if "fig-unchecked" in e.attrib.get("class", "")]
        says_reading = "the article's reading" in text_of(group)
        assert bool(dashed) == (not transition.checked) == says_reading, transition.id


def test_levels_text_equivalent_holds_summaries_and_criteria() -> None:
    details = parse(figures.levels_figure()).find("details")
    text = text_of(details)
    for level in model.LEVELS:
        assert level.name in text and level.summary in text
    for criterion in model.CRITERIA_BY_ID.values():
        assert criterion.label in text and criterion.description in text
    assert "the source article's reading" in text


def test_pyramid_shows_layers_bottom_up_and_unhealthy_autonomy_apart() -> None:
    svg = svg_of(parse(figures.pyramid_figure()))
    groups = by_data_id(svg)
    tops = []
    for layer in model.PYRAMID:
        group = groups[layer.id][0]
        assert layer.name in text_of(group)
        polygon = group.find(f"{SVG}polygon")
        ys = [float(point.split(",")[1]) for point in polygon.attrib["points"].split()]
        tops.append(min(ys))
    assert tops == sorted(tops, reverse=True), "the foundation is at the bottom, positive autonomy on top"
    versus = next(g for g in svg.iter(f"{SVG}g") if g.attrib.get("class") == "fig-versus-group")
    assert "unhealthy autonomy" in text_of(versus).lower()
    for item in model.UNHEALTHY_AUTONOMY:
        assert item.name in text_of(groups[item.id][0])
        assert groups[item.id][0] in list(versus.iter()), f"{item.id} is drawn inside the versus box"
    panel = versus.find(f"{SVG}rect")
    assert float(panel.attrib["y"]) > max(tops), "the versus box is set apart below the pyramid"


def test_pyramid_text_equivalent() -> None:
    text = text_of(parse(figures.pyramid_figure()).find("details"))
    for layer in model.PYRAMID:
        assert layer.name in text and layer.summary in text
    for item in model.UNHEALTHY_AUTONOMY:
        assert item.name in text and item.summary in text


def test_cycle_shows_every_step_with_its_number_and_an_arrow_each() -> None:
    svg = svg_of(parse(figures.cycle_figure()))
    groups = by_data_id(svg)
    for step in model.CYCLE:
        text = text_of(groups[step.id][0])
        assert step.name in text and str(step.number) in text
    arrows = [p for p in svg.iter(f"{SVG}path") if "fig-ring" in p.attrib.get("class", "")]
    assert len(arrows) == len(model.CYCLE)
    assert all(p.attrib.get("marker-end", "").startswith("url(#") for p in arrows)
    assert "round again" in text_of(svg).lower()


def test_cycle_text_equivalent_lists_every_aspect() -> None:
    text = text_of(parse(figures.cycle_figure()).find("details"))
    for step in model.CYCLE:
        assert step.name in text and step.summary in text
        for aspect in step.aspects:
            assert aspect in text


@pytest.mark.parametrize("name", HIGHLIGHTABLE)
def test_every_model_element_carries_its_data_id_once(name: str) -> None:
    figure, ids = HIGHLIGHTABLE[name]
    groups = by_data_id(svg_of(parse(figure())))
    for model_id in ids:
        assert len(groups.get(model_id, [])) == 1, model_id


@pytest.mark.parametrize("name", HIGHLIGHTABLE)
def test_highlight_marks_exactly_the_element_asked_for(name: str) -> None:
    figure, ids = HIGHLIGHTABLE[name]
    for model_id in ids:
        root = parse(figure(highlight=model_id))
        marked = [e for e in root.iter() if "is-highlighted" in e.attrib.get("class", "").split()]
        current = [e for e in root.iter() if e.attrib.get("aria-current") == "true"]
        assert [e.attrib["data-id"] for e in marked] == [model_id]
        assert current == marked
    plain = parse(figure())
    assert not [e for e in plain.iter() if "is-highlighted" in e.attrib.get("class", "")]


@pytest.mark.parametrize("name", HIGHLIGHTABLE)
def test_description_tells_screen_readers_what_is_highlighted(name: str) -> None:
    figure, ids = HIGHLIGHTABLE[name]
    assert "Highlighted" not in svg_of(parse(figure())).find(f"{SVG}desc").text
    named = {i.id: i.name for i in (*model.LEVELS, *model.PYRAMID, *model.UNHEALTHY_AUTONOMY, *model.CYCLE)}
    for model_id in ids:
        desc = svg_of(parse(figure(highlight=model_id))).find(f"{SVG}desc").text
        sentence = desc[desc.index("Highlighted: ") :]
        if model_id in model.TRANSITIONS_BY_ID:
            transition = model.TRANSITIONS_BY_ID[model_id]
            source, target = (model.LEVELS_BY_ID[i].number for i in (transition.source, transition.target))
            assert f"from level {source} to level {target}" in sentence
        else:
            assert named[model_id] in sentence, (model_id, sentence)
        others = [n for i, n in named.items() if i != model_id and n not in named.get(model_id, "")]
        assert not [n for n in others if n in sentence]


@pytest.mark.parametrize("name", HIGHLIGHTABLE)
def test_unknown_highlight_is_refused_naming_the_valid_ids(name: str) -> None:
    figure, ids = HIGHLIGHTABLE[name]
    with pytest.raises(ValueError) as error:
        figure(highlight="no-such-element")
    message = str(error.value)
    assert "no-such-element" in message and f"{name}_figure" in message
    for model_id in ids:
        assert model_id in message


def test_ids_are_unique_when_figures_repeat_on_a_page() -> None:
    ids_of_the_page = FigureIds()
    page = "".join(
        [figures.levels_figure(ids=ids_of_the_page),
         figures.levels_figure(highlight="autonomic-agency", ids=ids_of_the_page)]
        + [FIGURES[name](ids=ids_of_the_page) for name in FIGURES]
    )
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for figure in re.findall(r"<figure .*?</figure>", page):
        root = parse(figure)
        own = {e.attrib["id"] for e in root.iter() if "id" in e.attrib}
        for ref in svg_of(root).attrib["aria-labelledby"].split():
            assert ref in own
        for url in re.findall(r"url\(#([^)]+)\)", figure):
            assert url in own, f"{url} points outside its own figure"


def test_ids_restart_on_each_page() -> None:
    first_page = FigureIds()
    figures.levels_figure(ids=first_page)
    assert parse(figures.levels_figure(ids=first_page)).attrib["id"] == "fig-levels-2"
    assert parse(figures.levels_figure(ids=FigureIds())).attrib["id"] == "fig-levels"  # the next page


def test_figures_are_cached_per_figure_and_highlight() -> None:
    levels.template.cache_clear()
    figures.levels_figure()
    figures.levels_figure()
    figures.levels_figure(highlight="autonomic-agency")
    info = levels.template.cache_info()
    assert (info.misses, info.hits) == (2, 1)


# -- colours -----------------------------------------------------------------

COLOUR_PROPERTIES = (
    "fill",
    "stroke",
    "color",
    "background",
    "background-color",
    "border-color",
    "outline-color",
    "stop-color",
    "flood-color",
    "lighting-color",
)
ALLOWED_KEYWORDS = {"none", "transparent", "currentcolor", "inherit", "initial", "unset"}
NAMED_COLOUR = re.compile(
    r"\b(black|white|red|green|blue|yellow|orange|gr[ae]y|silver|teal|navy|purple|maroon|olive|lime|aqua|"
    r"fuchsia|pink|brown|gold|cyan|magenta)\b",
    re.IGNORECASE,
)
LITERAL = re.compile(r"#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.IGNORECASE)


def colour_is_allowed(value: str) -> bool:
    value = value.strip().lower()
    if value in ALLOWED_KEYWORDS or re.fullmatch(r"url\(#[^)]+\)", value):
        return True
    return bool(re.fullmatch(r"var\(--md-[a-z-]+\)", value))


@pytest.mark.parametrize("name", FIGURES)
def test_no_colour_literal_in_the_svg(name: str) -> None:
    html = FIGURES[name]()
    svg = svg_of(parse(html))
    for element in svg.iter():
        assert "style" not in element.attrib, f"inline style on {element.tag}"
        for prop in COLOUR_PROPERTIES:
            if prop in element.attrib:
                assert colour_is_allowed(element.attrib[prop]), f"{element.tag} {prop}={element.attrib[prop]}"
    markup = re.sub(r">[^<]*<", "><", ET.tostring(svg, encoding="unicode"))  # attributes only
    assert not LITERAL.search(markup.replace("url(#", "url(")), LITERAL.search(markup)


def test_figures_css_uses_only_palette_variables() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    assert not LITERAL.search(css), LITERAL.search(css)
    declarations = re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css)
    assert declarations, "figures.css has no declarations"
    colour_declarations = [(p, v) for p, v in declarations if p in COLOUR_PROPERTIES]
    assert colour_declarations
    for prop, value in colour_declarations:
        assert colour_is_allowed(value), f"figures.css: {prop}: {value}"
        assert not NAMED_COLOUR.search(value), f"figures.css: {prop}: {value}"


def test_figures_css_has_print_rules_and_no_fixed_width() -> None:
    css = CSS.read_text(encoding="utf-8")
    assert "@media print" in css
    svg_rule = re.search(r"\.evidence-figure__svg\s*\{([^}]*)\}", css).group(1)
    assert re.search(r"width:\s*100%", svg_rule) and re.search(r"height:\s*auto", svg_rule)
    assert not re.search(r"(?<!max-)width:\s*\d+px", css)


# -- geometry ----------------------------------------------------------------


def view_box(svg: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in svg.attrib["viewBox"].split())
    return width, height


@pytest.mark.parametrize("name", FIGURES)
def test_everything_lies_inside_the_view_box(name: str) -> None:
    svg = svg_of(parse(FIGURES[name]()))
    width, height = view_box(svg)
    for rect in svg.iter(f"{SVG}rect"):
        if "x" not in rect.attrib:
            continue  # pattern tiles
        x, y = float(rect.attrib["x"]), float(rect.attrib["y"])
        assert x >= 0 and x + float(rect.attrib["width"]) <= width + 0.1
        assert y >= 0 and y + float(rect.attrib["height"]) <= height + 0.1
    for text in svg.iter(f"{SVG}text"):
        size = float(text.attrib["font-size"])
        x, y = float(text.attrib["x"]), float(text.attrib["y"])
        lines = [t.text or "" for t in text.iter(f"{SVG}tspan")]
        widest = max(text_width(line, size, bold=True) for line in lines)
        anchor = text.attrib.get("text-anchor", "start")
        left = {"start": x, "middle": x - widest / 2, "end": x - widest}[anchor]
        assert left >= 0 and left + widest <= width + 0.5, f"{name}: {lines} runs out of the figure"
        assert y - size >= 0 and y + (len(lines) - 1) * size * 1.3 <= height, f"{name}: {lines}"


BOXED_LABELS = {
    "levels": len(model.LEVELS) + len(model.TRANSITIONS),
    "pyramid": len(model.UNHEALTHY_AUTONOMY),
    "cycle": len(model.CYCLE),
}


@pytest.mark.parametrize("name", BOXED_LABELS)
def test_labels_fit_inside_their_boxes(name: str) -> None:
    svg = svg_of(parse(FIGURES[name]()))
    checked = 0
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        if rect is None or "data-id" not in group.attrib:
            continue
        left, top = float(rect.attrib["x"]), float(rect.attrib["y"])
        right, bottom = left + float(rect.attrib["width"]), top + float(rect.attrib["height"])
        for text in group.iter(f"{SVG}text"):
            if "fig-badge-text" in text.attrib.get("class", ""):
                continue
            size = float(text.attrib["font-size"])
            bold = "fig-name" in text.attrib["class"]
            x, y = float(text.attrib["x"]), float(text.attrib["y"])
            lines = [t.text or "" for t in text.iter(f"{SVG}tspan")]
            widest = max(text_width(line, size, bold) for line in lines)
            anchor = text.attrib.get("text-anchor", "start")
            start = {"start": x, "middle": x - widest / 2, "end": x - widest}[anchor]
            last_baseline = y + sum(float(t.attrib.get("dy", 0)) for t in text.iter(f"{SVG}tspan"))
            where = f"{name}: {group.attrib['data-id']}: {lines}"
            assert left <= start and start + widest <= right, where
            assert top <= y - size * 0.75 and last_baseline + size * 0.25 <= bottom, where
        checked += 1
    assert checked == BOXED_LABELS[name]


def test_pyramid_labels_fit_inside_their_layers() -> None:
    svg = svg_of(parse(figures.pyramid_figure()))
    groups = by_data_id(svg)
    for layer in model.PYRAMID:
        group = groups[layer.id][0]
        points = [
            tuple(map(float, p.split(","))) for p in group.find(f"{SVG}polygon").attrib["points"].split()
        ]
        (bl, bottom), (br, _), (tr, top), (tl, _) = points

        def half_width_at(y: float, bl=bl, br=br, tl=tl, tr=tr, top=top, bottom=bottom) -> float:
            share = (bottom - y) / (bottom - top)
            return ((br - bl) + ((tr - tl) - (br - bl)) * share) / 2

        centre = (bl + br) / 2
        for text in group.iter(f"{SVG}text"):
            size = float(text.attrib["font-size"])
            y = float(text.attrib["y"])
            for tspan in text.iter(f"{SVG}tspan"):
                y += float(tspan.attrib.get("dy", 0))
                half = text_width(tspan.text, size, "fig-name" in text.attrib["class"]) / 2
                glyph_top = y - size * 0.75
                assert top <= glyph_top and y + size * 0.25 <= bottom, (layer.id, tspan.text)
                assert half <= half_width_at(glyph_top) - 4, (layer.id, tspan.text)
                assert float(text.attrib["x"]) == centre


def test_minimum_font_size_is_legible_on_a_phone() -> None:
    """343 px of a 375 px phone show the figure's width; no text under 10.5 px."""
    for name, figure in FIGURES.items():
        svg = svg_of(parse(figure()))
        width, _ = view_box(svg)
        smallest = min(float(t.attrib["font-size"]) for t in svg.iter(f"{SVG}text"))
        assert smallest * 343 / width >= 10.5, f"{name}: {smallest} units is {smallest * 343 / width:.1f} px"


def test_cycle_layout_refuses_overlapping_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cycle, "RADIUS_X", 40.0)
    monkeypatch.setattr(cycle, "RADIUS_Y", 40.0)
    cycle.template.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"cycle_figure: .*step"):
            cycle.template(None)
    finally:
        cycle.template.cache_clear()


def test_pyramid_and_levels_templates_cache_separately_per_highlight() -> None:
    assert pyramid.template(None) != pyramid.template("positive-autonomy")
    assert levels.template(None) is levels.template(None)


def test_escaping_keeps_the_markup_well_formed() -> None:
    from evidence.figures.svg import el, esc, multiline_text

    hostile = 'A <b>"quoted"</b> & <script>alert(1)</script>'
    text = multiline_text([hostile], x=1, y=2, size=18, css_class="fig-text", extra={"data-id": hostile})
    root = ET.fromstring(el("svg", {"xmlns": SVG[1:-1]}, text))
    node = root.find(f"{SVG}text")
    assert node.attrib["data-id"] == hostile
    assert text_of(node) == " ".join(hostile.split())
    assert "<script>" not in text and esc(hostile).count("&lt;") == 4


def test_frame_instantiate_replaces_every_token() -> None:
    html = figures.cycle_figure()
    assert frame.ID_TOKEN not in html
