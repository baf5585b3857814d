"""A small headless-Chromium driver speaking the DevTools protocol over a pipe.

Used by the browser test of the explorer and by the scripts in ``bench/``.
Chromium is started with ``--remote-debugging-pipe``: protocol messages are
JSON objects ended by a NUL byte, written to the browser's file descriptor 3
and read from its descriptor 4, so no WebSocket client and no open port are
needed.  Only the Python standard library is used.

    with Chromium.launch() as browser:
        page = browser.open("file:///tmp/graph.html")
        page.evaluate("document.title")
"""
from __future__ import annotations

import base64
import fcntl
import itertools
import json
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["find_chromium", "Chromium", "Page", "BrowserError"]

#: Executables tried, in order, when neither KG_CHROMIUM nor CHROME_BIN is set.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
    "--allow-file-access-from-files", "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """Chromium failed to start, answered with an error or took too long."""


def find_chromium() -> str | None:
    """Return the path of a Chromium (or Chrome) executable, or None.

    ``$KG_CHROMIUM`` or ``$CHROME_BIN`` wins when set; otherwise the PATH is
    searched for the usual names (Debian's package installs ``chromium``).
    """
    for var in ("KG_CHROMIUM", "CHROME_BIN"):
        value = os.environ.get(var)
        if value and shutil.which(value):
            return shutil.which(value)
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium:
    """A running headless browser; close it (or use ``with``) to stop it."""

    def __init__(self, binary: str, *, width: int = 1400, height: int = 900, timeout: float = 30.0):
        self.timeout = timeout
        self.width, self.height = width, height
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        errors_r, errors_w = os.pipe()
        # The browser reads commands from its descriptor 3 and writes answers to 4.  Copies
        # numbered 10 and up cannot be overwritten while they are moved to 2, 3 and 4.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
                for fd in (errors_w, to_browser_r, from_browser_w)]
        args = [binary, *FLAGS, f"--user-data-dir={self._profile}",
                f"--window-size={width},{height}", "about:blank"]
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   *((os.POSIX_SPAWN_DUP2, fd, target) for fd, target in zip(high, (2, 3, 4)))]
        try:
            self._pid = os.posix_spawn(binary, args, os.environ, file_actions=actions)
        finally:
            for fd in (errors_w, to_browser_r, from_browser_w, *high):
                os.close(fd)
        self._errors = os.fdopen(errors_r, "rb")
        self._out = os.fdopen(to_browser_w, "wb", buffering=0)
        self._in = os.fdopen(from_browser_r, "rb", buffering=0)
        self._ids = itertools.count(1)
        self._replies: dict[int, queue.Queue] = {}
        self._events: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        try:
            self.call("Browser.getVersion")
        except BrowserError:
            self.close()
            raise

    @classmethod
    def launch(cls, binary: str | None = None, **kwargs) -> "Chromium":
        """Start the Chromium found by :func:`find_chromium` (or ``binary``)."""
        binary = binary or find_chromium()
        if binary is None:
            raise BrowserError("no Chromium found; install the chromium package or set KG_CHROMIUM")
        return cls(binary, **kwargs)

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self._in.read(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        box = self._replies.get(message["id"])
                    if box is not None:
                        box.put(message)
                else:
                    self._events.put(message)
        with self._lock:
            for box in self._replies.values():
                box.put({"error": {"message": "browser closed the pipe"}})

    def _drain_stderr(self) -> None:
        for line in self._errors:
            self._stderr.append(line)

    def call(self, method: str, params: dict | None = None, *, session: str | None = None,
             timeout: float | None = None) -> dict:
        """Send one protocol command and return its result (raises BrowserError on error)."""
        message_id = next(self._ids)
        box: queue.Queue = queue.Queue()
        with self._lock:
            self._replies[message_id] = box
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self._out.write(json.dumps(message).encode("utf-8") + b"\0")
            reply = box.get(timeout=timeout or self.timeout)
        except (OSError, queue.Empty) as exc:
            tail = b"".join(self._stderr[-5:]).decode("utf-8", "replace")
            raise BrowserError(f"{method}: no answer from Chromium ({exc!r}) {tail}") from exc
        finally:
            with self._lock:
                self._replies.pop(message_id, None)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def events(self) -> list[dict]:
        """Return (and forget) the events received so far."""
        out = []
        while True:
            try:
                out.append(self._events.get_nowait())
            except queue.Empty:
                return out

    def wait_event(self, method: str, *, session: str | None = None, timeout: float | None = None,
                   keep: list | None = None) -> dict:
        """Wait for the next event ``method`` (others go to ``keep``); return its params."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"no {method} event within {timeout or self.timeout} s")
            try:
                event = self._events.get(timeout=left)
            except queue.Empty:
                continue
            if event.get("method") == method and (session is None or event.get("sessionId") == session):
                return event.get("params", {})
            if keep is not None:
                keep.append(event)

    def new_page(self) -> "Page":
        """Open a blank tab and attach to it."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)

    def open(self, url: str, *, timeout: float | None = None) -> "Page":
        """Open ``url`` in a new tab and wait for its load event; return the page."""
        page = self.new_page()
        page.goto(url, timeout=timeout)
        return page

    def close(self) -> None:
        """Stop the browser and remove its profile folder."""
        try:
            self._out.write(json.dumps({"id": next(self._ids), "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        deadline = time.monotonic() + 10
        while os.waitpid(self._pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
                break
            time.sleep(0.05)
        for stream in (self._out, self._in, self._errors):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """One tab: navigate, evaluate JavaScript, click, take screenshots.

    Every event of the tab is kept in ``log``: ``errors()`` lists uncaught
    exceptions and console errors, ``requests()`` the URLs the page loaded.
    """

    def __init__(self, browser: Chromium, session: str):
        self.browser, self.session = browser, session
        self.log: list[dict] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": browser.width, "height": browser.height, "deviceScaleFactor": 1,
                   "mobile": False})

    def call(self, method: str, params: dict | None = None, **kwargs) -> dict:
        """Send a protocol command to this tab."""
        return self.browser.call(method, params, session=self.session, **kwargs)

    def goto(self, url: str, *, timeout: float | None = None) -> None:
        """Navigate to ``url`` and wait for the load event."""
        self._collect()
        self.call("Page.navigate", {"url": url})
        self.log.append({"method": "Page.loadEventFired",
                         "params": self.browser.wait_event("Page.loadEventFired", session=self.session,
                                                           timeout=timeout, keep=self.log)})

    def _collect(self) -> None:
        self.log.extend(e for e in self.browser.events() if e.get("sessionId") == self.session)

    def evaluate(self, expression: str, *, timeout: float | None = None):
        """Run ``expression`` in the page (promises are awaited); return its JSON value."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout=timeout)
        self._collect()
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"JavaScript error: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 10.0, interval: float = 0.05):
        """Evaluate ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression!r}")
            time.sleep(interval)

    def click(self, x: float, y: float) -> None:
        """Click the left mouse button at viewport position (x, y)."""
        for kind, buttons in (("mouseMoved", 0), ("mousePressed", 1), ("mouseReleased", 0)):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "buttons": buttons, "clickCount": 1})

    def type_text(self, text: str) -> None:
        """Type ``text`` into the focused element."""
        self.call("Input.insertText", {"text": text})

    def press(self, key: str) -> None:
        """Press and release a named key such as ``"Enter"``."""
        codes = {"Enter": 13, "Escape": 27}
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key,
                                                 "windowsVirtualKeyCode": codes.get(key, 0)})

    def screenshot(self, path: str | os.PathLike) -> None:
        """Write a PNG of the viewport to ``path``."""
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def errors(self) -> list[str]:
        """Uncaught exceptions and console or log errors seen so far."""
        self._collect()
        out = []
        for event in self.log:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                out.append(details.get("exception", {}).get("description") or details.get("text", ""))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", "")))
                                    for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                out.append(params["entry"].get("text", ""))
        return out

    def requests(self) -> list[str]:
        """URLs of every request the page made so far."""
        self._collect()
        return [e["params"]["request"]["url"] for e in self.log
                if e.get("method") == "Network.requestWillBeSent"]
