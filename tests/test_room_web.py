"""`facilitator present --web` in a real headless Chromium: the room view a browser shows.

The server is the real command, on a free loopback port this test picks, stopped at the end.
The page draws the terminal on a canvas (xterm.js), so the test reads what it shows from the
terminal's own buffer: a script run before the page's own catches the terminal it makes.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from rich.console import Console
from textual.renderables.digits import Digits

from facilitator.engine import RunEngine
from tests.conftest import ROOT, Clock

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
DRIVER = shutil.which("chromedriver")
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install '.[test]')")
pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install '.[test]')")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no chromium and chromedriver here"
                                " (Debian: apt-get install chromium chromium-driver)")

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {configurable: true, set(value) {
  Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
  if (value && value.buffer) { window.roomTerminals = (window.roomTerminals || []).concat([value]); }
}});
"""
SCREEN_TEXT = """
const t = (window.roomTerminals || [])[0];
if (!t) { return ''; }
const rows = [];
for (let y = 0; y < t.rows; y++) { const line = t.buffer.active.getLine(y); rows.push(line ? line.translateToString(true) : ''); }
return rows.join('\\n');
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server never listened")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # a window well under 120 columns, so the clock is Textual's Digits; no name resolves (no network)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=960,700",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
    return driver


def test_the_browser_shows_the_room_view_and_no_private_answer(ws):
    with RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock()) as engine:
        engine.add_note("NOTETOKEN")
        engine.jump("reflect")
        engine.answer_many("ana-ruiz", {"P-W1": "MENTORTOKEN", "P-R1": 5, "P-F1": "PRIVATETOKEN"}, "app")
        run_id, title, minutes = engine.record.id, engine.step.title, engine.step.minutes
    console = Console(width=40, record=True)
    console.print(Digits(f"{minutes:02d}:00"))  # the clock, paused with the whole step to go
    clock_rows = console.export_text().splitlines()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "facilitator", "--workspace", str(ws.root), "present", run_id,
                               "--web", "--port", str(port)], cwd=ROOT, start_new_session=True, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    driver = None
    try:
        wait_for_port(port, server)
        driver = browser()
        driver.get(f"http://127.0.0.1:{port}/")
        shown = ""
        for _ in range(150):
            shown = driver.execute_script(SCREEN_TEXT) or ""
            if title in shown and all(row.strip() in shown for row in clock_rows):
                break
            time.sleep(0.2)
        assert title in shown, shown
        assert all(row.strip() in shown for row in clock_rows), shown
        assert "… writing" in shown and "✓ done" in shown  # who has finished, never what they wrote
        page = shown + driver.page_source
        for secret in ("MENTORTOKEN", "PRIVATETOKEN", "NOTETOKEN"):
            assert secret not in page
    finally:
        if driver is not None:
            driver.quit()
        os.killpg(server.pid, signal.SIGTERM)  # the server and the room view it started for the page
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
