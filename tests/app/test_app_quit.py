"""`q` quits whatever the load is doing: a read that never returns does not hold the app."""

from __future__ import annotations

import subprocess
import sys

from apphelpers import EVENTS

STUCK_READ = """
import asyncio, sys, threading
from timeline_tui.ui.app import make_app

app = make_app([sys.argv[1]], watch=False)
never = threading.Event()
app.workspace.is_small = lambda: False  # read in the background, as a large folder is
app.workspace.load = lambda *args, **kwargs: never.wait()  # a read stuck for good (a hung mount)


async def quit_while_loading():
    async with app.run_test() as pilot:
        while not [w for w in app.workers if w.group == "load"]:
            await pilot.pause()
        await pilot.press("q")
        while app.is_running:
            await pilot.pause()
    print("quit", app.return_code)


asyncio.run(quit_while_loading())
"""


def test_q_quits_while_a_read_is_stuck() -> None:
    """The load ran in a thread worker, which the event loop (and then the interpreter) joins
    on the way out: `q` left the app on "Loading…" and the process never ended."""
    done = subprocess.run(
        [sys.executable, "-c", STUCK_READ, str(EVENTS)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "quit 0"
