"""Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, in a Node process of
its own (firefox_bridge.mjs) that this module talks to in JSON lines."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.engines.driver import STEP_S, Engine, Session, StepFailed, StepTimeout, Window, expression

FIREFOX = "/usr/bin/firefox-esr"
BRIDGE = Path(__file__).with_name("firefox_bridge.mjs")
START_S = 60.0
SETTLE_S = 1.5  # after the page's last request, for a late error to be reported


class Bridge:
    """The Node process: one request at a time, each with its own time limit."""

    def __init__(self, root: Path) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="firefox-profile-"))
        self.process = subprocess.Popen(
            ["node", str(BRIDGE), FIREFOX, str(self.profile)], cwd=root, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)
        self.replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()
        self.next_id = 1
        first = self._reply(START_S, "starting Firefox")
        if not first.get("ready"):
            raise StepFailed(f"firefox: the bridge did not start: {first}")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                self.replies.put(json.loads(line))
            except json.JSONDecodeError:
                self.stderr.append(line)
        self.replies.put({"closed": True})

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    def _reply(self, timeout_s: float, what: str) -> dict[str, Any]:
        try:
            reply = self.replies.get(timeout=timeout_s)
        except queue.Empty:
            raise StepTimeout(f"firefox: {what} took more than {timeout_s:.0f} s") from None
        if reply.get("closed"):
            raise StepFailed(f"firefox: the bridge stopped during {what}: {''.join(self.stderr)[-2000:]}")
        return reply

    def call(self, op: str, timeout_s: float = STEP_S, **args: Any) -> Any:
        number = self.next_id
        self.next_id += 1
        assert self.process.stdin is not None
        request = {"id": number, "op": op, "timeoutMs": int(timeout_s * 1000), **args}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout_s + 5  # the bridge's own limit comes first
        while True:
            reply = self._reply(max(0.1, deadline - time.monotonic()), op)
            if reply.get("id") == number:
                break  # replies to earlier steps that timed out are dropped
        if "error" in reply:
            error = str(reply["error"])
            kind = StepTimeout if "took more than" in error else StepFailed
            raise kind(f"firefox: {op}: {error}")
        return reply.get("value")

    def close(self) -> None:
        try:
            if self.process.stdin:
                self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.process.stdin.close()
            self.process.wait(20)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


class FirefoxWindow(Window):
    engine = "firefox"

    def __init__(self, bridge: Bridge, number: int) -> None:
        self.bridge = bridge
        self.number = number

    def _call(self, op: str, timeout_s: float = STEP_S, **args: Any) -> Any:
        return self.bridge.call(op, timeout_s, window=self.number, **args)

    def goto(self, url: str, timeout_s: float = STEP_S) -> None:
        self._call("goto", timeout_s, url=url)

    def reload(self, timeout_s: float = STEP_S) -> None:
        self._call("reload", timeout_s)

    def run(self, body: str, *args: Any, timeout_s: float = STEP_S) -> Any:
        return self._call("evaluate", timeout_s, expression=expression(body, args))

    def click(self, selector: str, timeout_s: float = STEP_S) -> None:
        self._call("click", timeout_s, selector=selector)

    def hover(self, selector: str, timeout_s: float = STEP_S) -> None:
        self._call("hover", timeout_s, selector=selector)

    def move_mouse(self, x: float, y: float, timeout_s: float = STEP_S) -> None:
        self._call("mouse", timeout_s, x=x, y=y)

    def press(self, key: str, timeout_s: float = STEP_S) -> None:
        self._call("press", timeout_s, key=key)

    def type(self, selector: str, text: str, timeout_s: float = STEP_S) -> None:
        self._call("type", timeout_s, selector=selector, text=text)

    def errors(self) -> list[str]:
        """Console errors and uncaught errors of this window since the last call."""
        return list(self._call("errors"))

    def close(self) -> None:
        self._call("close")


class FirefoxSession(Session):
    def __init__(self, bridge: Bridge) -> None:
        self.bridge = bridge
        self.context = bridge.call("context")

    def window(self, url: str | None = None) -> FirefoxWindow:
        return FirefoxWindow(self.bridge, self.bridge.call("open", STEP_S, context=self.context, url=url))

    def close(self) -> None:
        self.bridge.call("closeContext", context=self.context)


class Firefox(Engine):
    name = "firefox"

    def __init__(self, root: Path) -> None:
        self.bridge = Bridge(root)

    def session(self) -> FirefoxSession:
        return FirefoxSession(self.bridge)

    def version(self) -> str:
        return str(self.bridge.call("version"))

    def console_errors(self, url: str, done: Callable[[float], None], wait_s: float = 90.0) -> list[str]:
        with self.session() as session:
            window = session.window()
            errors: list[str] = []
            window.goto(url)
            done(wait_s)
            time.sleep(SETTLE_S)
            errors += window.errors()
            return errors

    def close(self) -> None:
        self.bridge.close()
