"""Headless Chromium driven over the Chrome DevTools Protocol, through a pipe
(``--remote-debugging-pipe``: commands on the browser's fd 3, answers and events on its
fd 4, each message JSON ended by a NUL byte): no websocket, no dependency.

Used by the browser tests of pages that run a script (``legidiff serve``); a static page
is read with ``--dump-dom`` (tests/test_redline.py)."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class CDPError(Exception):
    pass


class Browser:
    """One headless Chromium with one page; ``call`` sends a command to the page."""

    def __init__(self, binary: str, profile: Path, width: int = 1400, height: int = 1000):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [binary, "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-pipe", f"--user-data-dir={profile}",
                f"--window-size={width},{height}", "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")

        # the browser reads fd 3 and writes fd 4: both are moved out of the way first (a
        # pipe may already be 3 or 4), then set there by dup2, which makes them
        # inheritable (this process's other descriptors are not: close_fds would close
        # 3 and 4)
        def fds() -> None:
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.close(high_r)
            os.close(high_w)

        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        preexec_fn=fds, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self._send("Target.attachToTarget",
                                  {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(CDPError, OSError):
            self._send("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)

    # -- the protocol --------------------------------------------------------------------

    def call(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = 60) -> dict[str, Any]:
        """A command to the page."""
        return self._send(method, params, self.session, timeout)

    def _send(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None, timeout: float = 60) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._to_browser, data):]
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise CDPError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self.events.append(answer)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise CDPError("the browser did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise CDPError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        out: dict[str, Any] = json.loads(message)
        return out

    # -- what the tests do -----------------------------------------------------------------

    def navigate(self, url: str, timeout: float = 60) -> None:
        self.call("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'", timeout)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serializable)."""
        answer = self.call("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise CDPError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60) -> Any:
        """Poll until ``expression`` is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CDPError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)

    def insert_text(self, text: str) -> None:
        """Text put in the focused field at once, as a paste would."""
        self.call("Input.insertText", {"text": text})

    def type(self, text: str, pause: float = 0.03) -> None:
        """Text typed key by key in the focused field."""
        for char in text:
            if char == "\n":
                self.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Enter",
                                                     "code": "Enter", "text": "\r",
                                                     "windowsVirtualKeyCode": 13})
                self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Enter",
                                                     "code": "Enter",
                                                     "windowsVirtualKeyCode": 13})
            else:
                self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": char,
                                                     "key": char, "unmodifiedText": char})
                self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
            time.sleep(pause)

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))
