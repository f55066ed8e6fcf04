"""One way for a test to drive a browser, whatever the engine underneath.

``Engine`` starts a browser; ``Engine.session()`` gives a ``Session`` with storage of its own
(empty, as a new profile's); ``Session.window(url)`` opens a ``Window`` (a real window, not a
tab: a hidden tab's timers are throttled). A window runs scripts (``run``: the body of an async
function that sees ``args``), waits for conditions (``wait``), clicks, hovers, types and presses
keys. Every step has its own time limit and fails alone, naming the step (``StepTimeout``):
a driver that hangs on one step cannot stop the whole suite.

Scripts run in the page through the driver (WebDriver BiDi, WebDriver), not through ``eval``,
so the pages' Content-Security-Policy applies to the pages and not to the tests.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

STEP_S = 30.0  # a step's default limit: a click, a load, a script


class StepTimeout(AssertionError):
    """A step of the driver took longer than its limit."""


class StepFailed(AssertionError):
    """A script or a step failed in the browser; the message is the browser's."""


def expression(body: str, args: tuple[Any, ...]) -> str:
    """A JavaScript expression: the async function with ``body``, called with ``args`` (as JSON)."""
    return f"(async (...args) => {{\n{body}\n}})(...{json.dumps(list(args))})"


class Window(ABC):
    """A browser window showing one page at a time."""

    engine: str

    @abstractmethod
    def goto(self, url: str, timeout_s: float = STEP_S) -> None:
        """Load ``url`` and wait for its load event."""

    @abstractmethod
    def reload(self, timeout_s: float = STEP_S) -> None: ...

    @abstractmethod
    def run(self, body: str, *args: Any, timeout_s: float = STEP_S) -> Any:
        """Run ``body`` (an async function's body, with ``args``) in the page; its JSON result."""

    @abstractmethod
    def click(self, selector: str, timeout_s: float = STEP_S) -> None: ...

    @abstractmethod
    def hover(self, selector: str, timeout_s: float = STEP_S) -> None: ...

    @abstractmethod
    def move_mouse(self, x: float, y: float, timeout_s: float = STEP_S) -> None: ...

    @abstractmethod
    def press(self, key: str, timeout_s: float = STEP_S) -> None:
        """Press a key (``"Escape"``, ``"Enter"``) where the focus is."""

    @abstractmethod
    def type(self, selector: str, text: str, timeout_s: float = STEP_S) -> None:
        """Focus the element and type ``text`` key by key."""

    @abstractmethod
    def close(self) -> None: ...

    # ------------------------------------------------------------ built on the steps above

    @property
    def url(self) -> str:
        return str(self.run("return location.href;"))

    def focus(self, selector: str) -> None:
        found = self.run("const node = document.querySelector(args[0]); if (node) node.focus(); "
                         "return Boolean(node) && document.activeElement === node;", selector)
        if not found:
            raise StepFailed(f"{self.engine}: nothing to focus at {selector!r}")

    def navigate_soon(self, url: str) -> None:
        """Go to ``url`` from a timer in the page, so the step returns at once: WebKitWebDriver can
        hang on a script that only changes the fragment. Follow it with ``wait``."""
        self.run("setTimeout(() => { location.href = args[0]; }, 0); return true;", url)

    def wait(self, body: str, *args: Any, timeout_s: float = STEP_S, what: str = "",
             step_s: float = STEP_S) -> Any:
        """Poll ``body`` until it returns something truthy; that value. A page that is being
        replaced (a load) may fail a poll: only the deadline fails the wait. Each poll may take
        ``step_s`` (more for a page whose main thread is busy for long: a script waits for it)."""
        deadline = time.monotonic() + timeout_s
        last: object = None
        while True:
            try:
                value = self.run(body, *args, timeout_s=max(1.0, min(step_s, deadline - time.monotonic())))
                if value:
                    return value
                last = value
            except (StepFailed, StepTimeout) as error:
                last = error
            if time.monotonic() > deadline:
                raise StepTimeout(f"{self.engine}: {what or body.strip()[:120]} did not happen within "
                                  f"{timeout_s:.0f} s (last: {last})")
            time.sleep(0.15)

    def wait_for(self, selector: str, timeout_s: float = STEP_S, visible: bool = True) -> None:
        """Until an element matching ``selector`` is in the page (and shown, if ``visible``)."""
        self.wait("""const node = document.querySelector(args[0]);
            if (!node) return false;
            if (!args[1]) return true;
            const box = node.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && getComputedStyle(node).visibility !== "hidden";""",
                  selector, visible, timeout_s=timeout_s,
                  what=f"{selector} {'shown' if visible else 'present'}")

    def wait_gone(self, selector: str, timeout_s: float = STEP_S) -> None:
        """Until no element matching ``selector`` is shown."""
        self.wait("""const node = document.querySelector(args[0]);
            if (!node) return true;
            const box = node.getBoundingClientRect();
            return box.width === 0 || box.height === 0 || getComputedStyle(node).visibility === "hidden";""",
                  selector, timeout_s=timeout_s, what=f"{selector} hidden")

    def text(self, selector: str) -> str:
        value = self.run("const node = document.querySelector(args[0]); return node ? node.innerText : null;",
                         selector)
        if value is None:
            raise StepFailed(f"{self.engine}: nothing at {selector!r}")
        return str(value)

    def box(self, selector: str) -> dict[str, float]:
        value = self.run("""const node = document.querySelector(args[0]);
            if (!node) return null;
            const box = node.getBoundingClientRect();
            return {x: box.x, y: box.y, width: box.width, height: box.height};""", selector)
        if value is None:
            raise StepFailed(f"{self.engine}: nothing at {selector!r}")
        return dict(value)


class Session(ABC):
    """Windows that share one browser's storage (new sessions start empty)."""

    @abstractmethod
    def window(self, url: str | None = None) -> Window: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Engine(ABC):
    """A browser engine, started once (for a test module) and closed at the end."""

    name: str
    keeps_across_loads: bool = True  # False: storage is emptied when the site's last page goes

    @abstractmethod
    def session(self) -> Session: ...

    @abstractmethod
    def version(self) -> str: ...

    @abstractmethod
    def console_errors(self, url: str, done: Callable[[float], None], wait_s: float = 90.0) -> list[str]:
        """Console and script errors (Content-Security-Policy violations among them) of ``url`` loaded
        in a new window with empty storage, its workers' included, from its first byte until
        ``done(wait_s)`` returns (it blocks until the page's work is over, or raises)."""

    @abstractmethod
    def close(self) -> None: ...
