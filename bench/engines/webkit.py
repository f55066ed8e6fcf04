"""WebKit (Debian's WebKitGTK): WebKitWebDriver under ``xvfb-run -a``, selenium's WebKitGTK
options with the MiniBrowser that libwebkit2gtk-4.1-0 ships, in ``--automation`` mode.

Limits of this driver, and what this module does about them:

- WebKitWebDriver can hang on a script that only changes the fragment: every selenium call runs
  with its own time limit (a thread that is given up on; the session is then closed), and
  ``Window.navigate_soon`` navigates from a timer in the page.
- WebDriver gives no console here: ``console_errors`` runs MiniBrowser by itself (private
  browsing, ``--enable-write-console-messages-to-stdout=true``) and reads its ``CONSOLE ... ERROR``
  lines.
- An automation session's storage is ephemeral: what a page keeps in Cache Storage is dropped
  when the last page of the site goes (a reload of the only window). A window kept open holds it;
  ``Session.window`` opens windows, not tabs (a hidden tab's timers are throttled).
- A new ``Session`` is a new browser (the only way to get empty storage), with a WebKitWebDriver of
  its own: one serves a single session at a time ("Maximum number of active sessions").
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench.engines import MINIBROWSER
from bench.engines.driver import STEP_S, Engine, Session, StepFailed, StepTimeout, Window, expression

WEBDRIVER = "/usr/bin/WebKitWebDriver"

XVFB_RUN = "/usr/bin/xvfb-run"
START_S = 60.0
SETTLE_S = 1.5
CONSOLE_ERROR = re.compile(r"CONSOLE( \w+)* ERROR")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[Any]) -> None:
    """End a process started in its own group (xvfb-run, Xvfb and the browser under it)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


class WebKitSession(Session):
    """A MiniBrowser of its own (WebDriver session): empty storage."""

    def __init__(self, port: int, process: subprocess.Popen[Any]) -> None:
        from selenium import webdriver
        from selenium.webdriver import WebKitGTKOptions
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection

        options = WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        self.process = process  # the session's own WebKitWebDriver (under xvfb-run)
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self.late: tuple[concurrent.futures.Future[Any], str] | None = None  # a step that ran over
        config = ClientConfig(f"http://127.0.0.1:{port}", timeout=int(START_S))
        connection = RemoteConnection(client_config=config)
        self.driver = self._step(lambda: webdriver.Remote(command_executor=connection, options=options),
                                 START_S, "starting MiniBrowser")
        self.driver.set_script_timeout(STEP_S * 4)
        self.driver.set_page_load_timeout(STEP_S * 2)
        self.current = self.driver.current_window_handle
        self.unused: str | None = self.current  # the first window, until a page is opened in it

    def _step(self, action: Callable[[], Any], timeout_s: float, what: str) -> Any:
        started = time.monotonic()
        if self.late:  # the driver answers one call at a time: the late one first, within this step's time
            late, named = self.late
            try:
                late.exception(timeout=timeout_s)
            except concurrent.futures.TimeoutError:
                raise StepTimeout(f"webkit: {what}: the driver is still busy with {named}") from None
            self.late = None
        future = self.pool.submit(action)
        try:
            return future.result(timeout=max(0.1, timeout_s - (time.monotonic() - started)))
        except concurrent.futures.TimeoutError:
            self.late = (future, what)
            raise StepTimeout(f"webkit: {what} took more than {timeout_s:.0f} s") from None
        except Exception as error:
            if isinstance(error, StepFailed | StepTimeout):
                raise
            message = getattr(error, "msg", None) or str(error)
            raise StepFailed(f"webkit: {what}: {message.strip()[:2000]}") from None

    def on(self, handle: str, action: Callable[[Any], Any], timeout_s: float, what: str) -> Any:
        def step() -> Any:
            if self.current != handle:
                self.driver.switch_to.window(handle)
                self.current = handle
            return action(self.driver)

        return self._step(step, timeout_s, what)

    def window(self, url: str | None = None) -> WebKitWindow:
        if self.unused:
            handle, self.unused = self.unused, None
        else:
            def new() -> str:
                self.driver.switch_to.new_window("window")
                return str(self.driver.current_window_handle)

            handle = self._step(new, STEP_S, "opening a window")
            self.current = handle
        window = WebKitWindow(self, handle)
        if url:
            window.goto(url)
        return window

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(StepFailed, StepTimeout):
                self._step(self.driver.quit, STEP_S, "quitting")
        self.pool.shutdown(wait=False, cancel_futures=True)
        _stop(self.process)


class WebKitWindow(Window):
    engine = "webkit"

    def __init__(self, session: WebKitSession, handle: str) -> None:
        self.session = session
        self.handle = handle

    def _on(self, action: Callable[[Any], Any], timeout_s: float, what: str) -> Any:
        return self.session.on(self.handle, action, timeout_s, what)

    def goto(self, url: str, timeout_s: float = STEP_S) -> None:
        self._on(lambda driver: driver.get(url), timeout_s, f"loading {url}")

    def reload(self, timeout_s: float = STEP_S) -> None:
        self._on(lambda driver: driver.refresh(), timeout_s, "reloading")

    def run(self, body: str, *args: Any, timeout_s: float = STEP_S) -> Any:
        script = ("const done = arguments[arguments.length - 1];\n"
                  f"({expression(body, args)}).then(\n"
                  "  (value) => done({value: value === undefined ? null : value}),\n"
                  "  (error) => done({error: String((error && error.stack) || error)}));")
        reply = self._on(lambda driver: driver.execute_async_script(script), timeout_s, "a script")
        if not isinstance(reply, dict):
            raise StepFailed(f"webkit: the script's reply is not an object: {reply!r}")
        if "error" in reply:
            raise StepFailed(f"webkit: script failed: {reply['error']}")
        return reply.get("value")

    def _element(self, driver: Any, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        return driver.find_element(By.CSS_SELECTOR, selector)

    def click(self, selector: str, timeout_s: float = STEP_S) -> None:
        self._on(lambda driver: self._element(driver, selector).click(), timeout_s, f"clicking {selector}")

    def hover(self, selector: str, timeout_s: float = STEP_S) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        def hover(driver: Any) -> None:
            ActionChains(driver).move_to_element(self._element(driver, selector)).perform()

        self._on(hover, timeout_s, f"hovering {selector}")

    def move_mouse(self, x: float, y: float, timeout_s: float = STEP_S) -> None:
        from selenium.webdriver.common.actions.action_builder import ActionBuilder

        def move(driver: Any) -> None:
            actions = ActionBuilder(driver)
            actions.pointer_action.move_to_location(int(x), int(y))
            actions.perform()

        self._on(move, timeout_s, f"moving the mouse to {x:.0f}, {y:.0f}")

    def press(self, key: str, timeout_s: float = STEP_S) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        code = {"Escape": Keys.ESCAPE, "Enter": Keys.ENTER, "Tab": Keys.TAB}.get(key, key)
        self._on(lambda driver: ActionChains(driver).send_keys(code).perform(), timeout_s, f"pressing {key}")

    def type(self, selector: str, text: str, timeout_s: float = STEP_S) -> None:
        def typed(driver: Any) -> None:
            element = self._element(driver, selector)
            element.click()
            element.send_keys(text)

        self._on(typed, timeout_s, f"typing into {selector}")

    def close(self) -> None:
        def closed(driver: Any) -> None:
            driver.close()
            rest = driver.window_handles
            if rest:
                driver.switch_to.window(rest[0])
                self.session.current = rest[0]

        self._on(closed, STEP_S, "closing a window")


def _start_driver() -> tuple[subprocess.Popen[Any], int]:
    """WebKitWebDriver under ``xvfb-run -a`` on a free port, answering."""
    port = _free_port()
    process = subprocess.Popen([XVFB_RUN, "-a", WEBDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + START_S
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                _stop(process)
                raise StepFailed(f"webkit: {WEBDRIVER} did not start on port {port}") from None
            time.sleep(0.1)


class WebKit(Engine):
    """Each session is a WebKitWebDriver of its own (one serves a single session at a time) under
    ``xvfb-run -a``, with a new MiniBrowser."""

    name = "webkit"
    keeps_across_loads = False  # the automation session's storage is ephemeral (see above)

    def __init__(self) -> None:
        self.sessions: list[WebKitSession] = []

    def session(self) -> WebKitSession:
        process, port = _start_driver()
        try:
            made = WebKitSession(port, process)
        except BaseException:
            _stop(process)
            raise
        self.sessions.append(made)
        return made

    def version(self) -> str:
        result = subprocess.run([XVFB_RUN, "-a", MINIBROWSER, "--version"], capture_output=True, text=True,
                                timeout=60, check=False)
        return (result.stdout.strip() or result.stderr.strip()).splitlines()[-1]

    def console_errors(self, url: str, done: Callable[[float], None], wait_s: float = 90.0) -> list[str]:
        """MiniBrowser by itself, writing its console to its output: the ``CONSOLE ... ERROR`` lines
        (script errors, console.error, Content-Security-Policy violations, workers' too)."""
        # Not --private (a private window writes no console) but a profile of its own, empty, so
        # the page loads with nothing kept. The output goes to a file: through a pipe, the web
        # process's lines do not arrive.
        with tempfile.TemporaryDirectory(prefix="minibrowser-") as home, \
                tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as output:
            profile = {"HOME": home, "XDG_DATA_HOME": f"{home}/data", "XDG_CACHE_HOME": f"{home}/cache",
                       "XDG_CONFIG_HOME": f"{home}/config"}
            process = subprocess.Popen(
                [XVFB_RUN, "-a", MINIBROWSER, "--enable-write-console-messages-to-stdout=true", url],
                stdout=subprocess.DEVNULL, stderr=output, start_new_session=True,
                env={**os.environ, **profile})
            try:
                done(wait_s)
                time.sleep(SETTLE_S)
            finally:
                _stop(process)
            output.seek(0)
            lines = output.readlines()
        return [line.strip() for line in lines if CONSOLE_ERROR.search(line)]

    def close(self) -> None:
        for session in self.sessions:
            session.close()
        self.sessions.clear()
