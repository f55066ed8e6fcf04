"""What the runtime's browser tests share: the worker's status, its calls, the tools' cache."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from alliance import api
from alliance.contract import REQUESTS, RUNTIME

from tests.conftest import ROOT

EXAMPLES = ROOT / "widgets" / "examples"
STATUS_SCRIPT = """
async (root) => {
  const python = await import(new URL("assets/js/python.mjs", root).href);
  return python.currentStatus();
}
"""
CALL_SCRIPT = """
async ([root, kind, payload]) => {
  const python = await import(new URL("assets/js/python.mjs", root).href);
  return python.call(kind, payload);
}
"""
READY = "[data-widget={widget}] [data-role=status][data-state=ready]"


def status(page: Any, root: str) -> dict[str, Any]:
    return dict(page.evaluate(STATUS_SCRIPT, root))


def wait_status(page: Any, root: str, done: Any, timeout_s: float = 90, what: str = "") -> dict[str, Any]:
    """Poll the worker's status (page.evaluate works under the policy) until ``done(status)``."""
    deadline = time.monotonic() + timeout_s
    while True:
        current = status(page, root)
        if done(current):
            return current
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or 'the status'} did not come within {timeout_s} s: {current}")
        time.sleep(0.1)


def wait_ready(page: Any, root: str, timeout_s: float = 90) -> dict[str, Any]:
    return wait_status(page, root, lambda s: s["state"] in ("ready", "error"), timeout_s, "ready")


def wait_kept(page: Any, root: str, timeout_s: float = 60) -> dict[str, Any]:
    """Until the visit's files and snapshot are kept (what a return visit boots from)."""
    return wait_status(page, root, lambda s: s.get("offline") is not None, timeout_s, "offline-ready")


def wait_service_worker(page: Any, timeout_ms: int = 30_000) -> None:
    page.evaluate("""(ms) => Promise.race([navigator.serviceWorker.ready,
        new Promise((_, reject) => setTimeout(() => reject(new Error("no active service worker")), ms))])
        .then(() => true)""", timeout_ms)


def call(page: Any, root: str, kind: str, payload: object) -> Any:
    return page.evaluate(CALL_SCRIPT, [root, kind, payload])


def expected(kind: str, payload: object) -> Any:
    return json.loads(getattr(api, REQUESTS[kind])(json.dumps(payload)))


def examples() -> list[tuple[str, object]]:
    """Every example input with the request kind it is for."""
    found = []
    for path in sorted(EXAMPLES.glob("*.json")):
        kind = "classify" if path.name.startswith("answers-") else "plan"
        found.append((kind, json.loads(path.read_text(encoding="utf-8"))))
    assert {kind for kind, _ in found} == set(REQUESTS), "an example for every request kind"
    return found


def assert_same_as_cpython(page: Any, root: str) -> None:
    """Every example, and a malformed payload, answered by the browser's Python as by CPython."""
    for kind, payload in [*examples(), ("classify", {"answers": {"presence": "not-an-option"}})]:
        assert call(page, root, kind, payload) == expected(kind, payload), (kind, payload)


ANSWER_IN_PACKAGE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from alliance import api
calls = json.load(sys.stdin)
print(json.dumps([json.loads(getattr(api, name)(json.dumps(payload))) for name, payload in calls]))
"""


def answers_of(package_root: Path, questions: list[tuple[str, object]]) -> list[Any]:
    """CPython's answers to (request kind, payload) pairs from the ``alliance`` package under
    ``package_root`` (another build's copy of widgets/), in a process of their own."""
    calls = [(REQUESTS[kind], payload) for kind, payload in questions]
    done = subprocess.run([sys.executable, "-c", ANSWER_IN_PACKAGE, str(package_root)],
                          input=json.dumps(calls), capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return list(json.loads(done.stdout))


TOOLS_CACHE = RUNTIME["tools_cache"]

CACHE_ENTRIES = """
async (prefix) => {
  const out = {};
  for (const name of await caches.keys()) {
    if (prefix && !name.startsWith(prefix)) continue;
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map((request) => request.url);
  }
  return out;
}
"""

# Reads every entry of every cache of the origin and says whether `needle` occurs in any
# body, as UTF-8, UTF-16 or UTF-32 (how Python may hold a string).
SEARCH_CACHES = """
async (needle) => {
  const encodings = [new TextEncoder().encode(needle)];
  for (const width of [2, 4]) {
    const bytes = new Uint8Array(needle.length * width);
    [...needle].forEach((char, index) => { bytes[index * width] = char.charCodeAt(0); });
    encodings.push(bytes);
  }
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = new Uint8Array(await (await cache.match(request)).arrayBuffer());
      for (const pattern of encodings) {
        outer: for (let i = 0; i <= body.length - pattern.length; i++) {
          if (body[i] !== pattern[0]) continue;
          for (let j = 1; j < pattern.length; j++) if (body[i + j] !== pattern[j]) continue outer;
          found.push(`${name} ${request.url}`);
          break;
        }
      }
    }
  }
  return found;
}
"""


class WorkerErrors:
    """Uncaught errors and console errors of a page's workers (Playwright reports neither).

    Attached through the page's CDP session before the page loads: each worker waits
    for the debugger until its Runtime domain is on, so nothing it reports is missed.
    """

    def __init__(self, context: Any, page: Any) -> None:
        self.session = context.new_cdp_session(page)
        self.found: list[str] = []
        self.session.on("Target.attachedToTarget", self._attached)
        self.session.on("Target.receivedMessageFromTarget", self._received)
        self.session.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                                   "flatten": False})

    def _send(self, session_id: str, number: int, method: str) -> None:
        message = json.dumps({"id": number, "method": method})
        self.session.send("Target.sendMessageToTarget", {"sessionId": session_id, "message": message})

    def _attached(self, event: dict[str, Any]) -> None:
        self._send(event["sessionId"], 1, "Runtime.enable")
        self._send(event["sessionId"], 2, "Runtime.runIfWaitingForDebugger")

    def _received(self, event: dict[str, Any]) -> None:
        message = json.loads(event["message"])
        params = message.get("params", {})
        if message.get("method") == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            described = details.get("exception", {}).get("description", "")
            self.found.append(f"{details.get('text', '')} {described}".strip()[:300])
        elif message.get("method") == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.found.append("console.error: " + " ".join(
                str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))[:300])
