"""Wide tables on a phone: the first column stays in view while the rest scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
# Pages whose tables are wider than a phone (the test checks that they still are).
PAGES_WITH_WIDE_TABLES = ("evidence/index.html", "evidence/manzoni-2018.html", "evidence/fuentes-2014.html",
                          "frameworks/index.html")

# With every "Text description" opened, for every table in the page's content that
# scrolls sideways: scroll it to the far
# right, then report where each row's first cell is, relative to the visible part of
# the scrolling box, and whether that cell is what a reader sees at its centre.
MEASURE = """() => { document.querySelectorAll('article details').forEach(d => { d.open = true; });
  return [...document.querySelectorAll('article .md-typeset__scrollwrap')]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => {
    const view = wrap.getBoundingClientRect();
    const first = [...wrap.querySelectorAll('tr')].map(row => row.firstElementChild);
    const before = first.map(cell => cell.getBoundingClientRect().left - view.left);
    wrap.scrollLeft = wrap.scrollWidth;
    const scrolled = wrap.scrollLeft;
    const cells = first.map(cell => {
      cell.scrollIntoView({block: 'center', inline: 'nearest'});
      const box = cell.getBoundingClientRect();
      const seen = document.elementFromPoint(box.left + Math.min(8, box.width / 2), box.top + box.height / 2);
      return {left: box.left - view.left, right: box.right - view.left,
              seen: !!seen && cell.contains(seen), text: cell.textContent.trim().slice(0, 40)};
    });
    return {scrolled, width: view.width, before, cells};
  }); }"""


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    context = browser.new_context(**PHONE)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES_WITH_WIDE_TABLES)
def test_first_column_stays_visible_while_a_wide_table_scrolls(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    tables = phone.evaluate(MEASURE)
    assert tables, f"{path}: no table wider than a phone; pick a page that still has one"
    for number, table in enumerate(tables, start=1):
        where = f"{path}, wide table {number}"
        assert all(left >= 0 for left in table["before"]), f"{where}: first column starts off screen"
        assert table["scrolled"] > 0, f"{where}: did not scroll sideways"
        for cell in table["cells"]:
            assert cell["left"] >= -1 and cell["right"] <= table["width"] + 1, (
                f"{where}: first-column cell {cell['text']!r} scrolled out of view ({cell})")
            assert cell["seen"], f"{where}: first-column cell {cell['text']!r} is covered by another cell"
