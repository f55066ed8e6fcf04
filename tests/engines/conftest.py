"""Firefox and WebKit for the engine tests (bench/engines): each started once per test module,
on the guide built once for the session and served by bench/static_host.py at the address it
was built for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.engines import ENGINES, Missing, start
from bench.engines.driver import Engine
from tests.conftest import ROOT


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """Each engine in turn, started once for the module's tests."""
    try:
        started = start(request.param, ROOT)
    except Missing as missing:
        pytest.fail(str(missing))
    yield started
    started.close()
