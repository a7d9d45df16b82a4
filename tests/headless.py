"""Headless Chromium driven over the Chrome DevTools Protocol through a pipe
(``--remote-debugging-pipe``: commands on the browser's fd 3, answers and events on its
fd 4, each JSON message ended by a NUL byte), with the standard library only: no
websocket, no dependency.

One page per browser (``with Browser(profile) as b: b.open(uri)``): set the viewport and
the CSS media, load a page, paste or type into it as a user does, read the DOM and the
layout back, take a screenshot. Used by the browser tests of the redline and the tableau
(tests/test_redline.py) and of ``legidiff serve`` (tests/test_serve.py)."""

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
from types import TracebackType
from typing import Any

TIMEOUT = 60.0


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(Exception):
    """The browser refused a command, threw in the page, or did not answer in time."""


class Browser:
    """One headless browser and one page."""

    def __init__(self, profile: Path, width: int = 1400, height: int = 1000) -> None:
        binary = chromium()
        if binary is None:
            raise BrowserError("headless Chromium is absent")
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def on_fds_3_and_4() -> None:  # in the child, before exec
            # moved out of the way first (a pipe may already be 3 or 4), then set there by
            # dup2, which makes them inheritable; the pipes' own fds are not, exec closes
            # them (close_fds=False: it would close fds 3 and 4 after this function)
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
                    for fd in (commands_read, answers_write)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        args = [binary, "--headless", "--remote-debugging-pipe", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-quic", "--hide-scrollbars",
                f"--user-data-dir={profile}", f"--window-size={width},{height}",
                "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self._process = subprocess.Popen(args, close_fds=False, preexec_fn=on_fds_3_and_4,
                                         stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._next = 0
        self._events: list[dict[str, Any]] = []
        self._session: str | None = None
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.send(
            "Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.viewport(width, height)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, BrowserError):
            self._session = None
            self.send("Browser.close", timeout=10)
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._commands, self._answers):
            with contextlib.suppress(OSError):
                os.close(fd)

    # -- the protocol --------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = TIMEOUT) -> dict[str, Any]:
        """A command to the page (to the browser before a page is attached)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if self._session is not None:
            message["sessionId"] = self._session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._commands, data):]
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._events.append(answer)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserError("headless Chromium did not answer in time")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserError("headless Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(message)
        return data

    def _wait_event(self, method: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while True:
            for k, event in enumerate(self._events):
                if event["method"] == method:
                    del self._events[k]
                    return
            self._events.append(self._read(deadline))

    # -- what a test does ----------------------------------------------------------

    def viewport(self, width: int, height: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": False})

    def media(self, kind: str) -> None:
        """The CSS media the page is laid out for: "print", "screen" ("" for none)."""
        self.send("Emulation.setEmulatedMedia", {"media": kind})

    def open(self, uri: str) -> None:
        """Load a page and wait for its load event."""
        self._events.clear()
        self.send("Page.navigate", {"url": uri})
        self._wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-like values; a promise
        is awaited)."""
        answer = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = TIMEOUT) -> Any:
        """Poll until ``expression`` is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)

    def focus(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")

    def paste(self, text: str) -> None:
        """Text put in the focused field at once, as a paste would."""
        self.send("Input.insertText", {"text": text})

    def type(self, text: str, pause: float = 0.0) -> None:
        """Text typed key by key in the focused field, as a user does (a line break is
        the Enter key)."""
        for char in text:
            if char == "\n":
                for kind in ("keyDown", "keyUp"):
                    self.send("Input.dispatchKeyEvent", {
                        "type": kind, "key": "Enter", "code": "Enter",
                        "windowsVirtualKeyCode": 13, **({"text": "\r"} if kind == "keyDown"
                                                        else {})})
            else:
                self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": char,
                                                     "key": char, "unmodifiedText": char})
                self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
            if pause:
                time.sleep(pause)

    def clear(self, selector: str) -> None:
        """Select the whole text of a field and delete it with the Backspace key."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).select()")
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": "Backspace",
                                                 "code": "Backspace",
                                                 "windowsVirtualKeyCode": 8})

    def screenshot(self, path: Path) -> None:
        """The whole page, at the viewport's width."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                     "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))
