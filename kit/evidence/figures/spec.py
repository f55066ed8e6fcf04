"""A chart's specification, read strictly: from a ```figure block's YAML (or JSON, which YAML reads
too) or from the keywords of the ``figure()`` macro.

    title: Sleep quality before and after training      # the drawing's title (required)
    description: Two bars per group: ...                # what the drawing shows, in words (required)
    caption: Global score, lower is better [@yang2012].  # under it; [@key] citations work (required)
    categories: [Training, Control]                     # one group of bars each (required)
    series:                                             # one bar in each group (required, 1 to 4)
      - {name: Before, values: [9.5, 9.1]}
      - {name: After, values: [5.8, 8.8]}
    unit: points                                        # after each value (optional)
    axis: Sleep quality score                           # the value axis's label (optional)
    category_label: Group                               # the text equivalent's first column (optional)
    chart: bar                                          # the kind of chart: bar, the only one yet (optional)
    id: sleep-quality                                   # the figure's id is fig-<id> (optional: fig-chart)

Every problem is a :class:`~evidence.figures.frame.FigureError` naming the page, the key
(``series[1].values``) and, for a block, its line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .frame import FigureError

__all__ = ["KEYS", "MAX_SERIES", "ChartSpec", "Locate", "Series", "from_mapping", "from_text"]

KEYS = ("title", "description", "caption", "categories", "series", "unit", "axis", "category_label", "chart",
        "id")
REQUIRED = ("title", "description", "caption", "categories", "series")
SERIES_KEYS = ("name", "values")
CHARTS = ("bar",)
MAX_SERIES = 4  # told apart by shade; more would be hard to read
MAX_BARS = 24  # bars in all (categories x series): the figure is 560 units wide
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# locate(key path) -> where to say the problem is: "docs/page.md, line 14, key series[1].values"
# (the figure itself for the path '')
Locate = Callable[[str], str]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartSpec:
    title: str
    description: str
    caption: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    axis: str = ""
    category_label: str = "Category"
    chart: str = "bar"
    id: str = "chart"


def from_text(text: str, where: Callable[[str, int | None], str]) -> ChartSpec:
    """The spec in ``text`` (YAML or JSON). ``where(path, line)`` says where a key is, given its path
    and its line in ``text`` (1-based; None if unknown)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise FigureError(f"{where('', mark.line + 1 if mark else None)}: not valid YAML or JSON: "
                          f"{problem}") from None
    lines = _lines(node) if node is not None else {}
    return from_mapping(data, lambda path: where(path, lines.get(path)))


def _lines(node: yaml.Node, path: str = "", found: dict[str, int] | None = None) -> dict[str, int]:
    """The line (1-based) of every key path in a composed YAML node."""
    found = {} if found is None else found
    if path:
        found.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            found[f"{path}.{name}" if path else name] = key.start_mark.line + 1
            _lines(value, f"{path}.{name}" if path else name, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, f"{path}[{index}]", found)
    return found


def from_mapping(data: object, where: Locate) -> ChartSpec:
    """The spec in ``data`` (the parsed block, or the macro's keywords), checked strictly."""
    if not isinstance(data, Mapping):
        raise FigureError(f"{where('')}: a figure is a mapping of {', '.join(REQUIRED)} (and optionally "
                          f"{', '.join(k for k in KEYS if k not in REQUIRED)}), not {_kind(data)}")
    _check_keys(data, KEYS, REQUIRED, "", where)
    categories = _texts(data["categories"], "categories", where)
    series_data = data["series"]
    if not isinstance(series_data, list) or not series_data:
        raise FigureError(f"{where('series')}: must be a list of {{name, values}}, one for each bar "
                          f"of a group, not {_kind(series_data)}")
    if len(series_data) > MAX_SERIES:
        raise FigureError(f"{where('series')}: {len(series_data)} series; a chart shows {MAX_SERIES} at "
                          "most (split it in two)")
    series = tuple(_series(item, index, len(categories), where) for index, item in enumerate(series_data))
    _unique([s.name for s in series], "series", where, "name")
    if len(categories) * len(series) > MAX_BARS:
        raise FigureError(f"{where('categories')}: {len(categories)} categories of {len(series)} series make "
                          f"{len(categories) * len(series)} bars; a chart shows {MAX_BARS} at most")
    chart = _text(data.get("chart", "bar"), "chart", where)
    if chart not in CHARTS:
        raise FigureError(f"{where('chart')}: chart '{chart}' is not known (charts: {', '.join(CHARTS)})")
    figure_id = _text(data.get("id", "chart"), "id", where)
    if not _ID.fullmatch(figure_id):
        raise FigureError(f"{where('id')}: id '{figure_id}' must be lower-case letters and digits joined by "
                          "hyphens, like 'pain-by-arm'")
    return ChartSpec(
        title=_text(data["title"], "title", where),
        description=_text(data["description"], "description", where),
        caption=_text(data["caption"], "caption", where),
        categories=categories,
        series=series,
        unit=_text(data.get("unit", ""), "unit", where, empty=True),
        axis=_text(data.get("axis", ""), "axis", where, empty=True),
        category_label=_text(data.get("category_label", "Category"), "category_label", where),
        chart=chart,
        id=figure_id,
    )


def _check_keys(data: Mapping[Any, Any], known: tuple[str, ...], required: tuple[str, ...], path: str,
                where: Locate) -> None:
    prefix = f"{path}." if path else ""
    for key in data:
        if key not in known:
            raise FigureError(f"{where(f'{prefix}{key}')}: not a known key (keys: {', '.join(known)})")
    for key in required:
        if key not in data:
            raise FigureError(f"{where(path)}: the key '{prefix}{key}' is missing "
                              f"(required: {', '.join(required)})")


def _series(item: object, index: int, count: int, where: Locate) -> Series:
    path = f"series[{index}]"
    if not isinstance(item, Mapping):
        raise FigureError(f"{where(path)}: a series is a mapping {{name: ..., values: [...]}}, not "
                          f"{_kind(item)}")
    _check_keys(item, SERIES_KEYS, SERIES_KEYS, path, where)
    values = item["values"]
    if not isinstance(values, list) or len(values) != count:
        raise FigureError(f"{where(f'{path}.values')}: must be a list of {count} numbers, one for each "
                          f"category, not {_kind(values)}")
    numbers = []
    for position, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise FigureError(f"{where(f'{path}.values[{position}]')}: {value!r} is not a number")
        numbers.append(float(value))
    return Series(_text(item["name"], f"{path}.name", where), tuple(numbers))


def _texts(value: object, path: str, where: Locate) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise FigureError(f"{where(path)}: must be a list of names, not {_kind(value)}")
    texts = tuple(_text(item, f"{path}[{index}]", where) for index, item in enumerate(value))
    _unique(list(texts), path, where)
    return texts


def _unique(names: list[str], path: str, where: Locate, field: str = "") -> None:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            at = f"{path}[{index}]" + (f".{field}" if field else "")
            raise FigureError(f"{where(at)}: '{name}' is given twice")
        seen.add(name)


def _text(value: object, path: str, where: Locate, empty: bool = False) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FigureError(f"{where(path)}: must be text, not {_kind(value)}")
    text = " ".join(str(value).split())
    if not text and not empty:
        raise FigureError(f"{where(path)}: is empty")
    return text


def _kind(value: object) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
