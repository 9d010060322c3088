"""What the app's first frame waits for (DESIGN.md, "Performance": first paint against a bare
Textual app): only what it needs. Each test imports the app in a fresh process, as `timeline`
does, so that modules the other tests imported do not hide one put back at the top."""

from __future__ import annotations

import json
import subprocess
import sys

from support import REPO

from timeline_tui.ui.screens.main import MainScreen, breakpoint_classes

# Imported when first used: exports and imports (icalendar), the form's writer (tomlkit), the
# watcher's library (once the first frame is drawn), toml-rs (in worker processes only), the
# progress bar (on the first large load), the dialogs, and dateutil's parser (rarer dates).
NOT_AT_START = (
    "icalendar", "tomlkit", "watchfiles", "toml_rs", "multiprocessing", "hypothesis",
    "dateutil.parser", "textual.widgets._progress_bar", "timeline_tui.formats",
    "timeline_tui.editing", "timeline_tui.ui.dialogs", "timeline_tui.ui.palette",
)  # fmt: skip


def imported_with_the_app() -> dict[str, object]:
    """In a fresh process: the modules above that importing the app loaded, and what the
    cyclic collector did meanwhile."""
    code = (
        "import gc, json, sys\n"
        "import timeline_tui.ui\n"  # the pause starts (compiling this module, with no .pyc
        # kept, as PYTHONDONTWRITEBYTECODE has it, may collect before it runs)
        "before = sum(s['collections'] for s in gc.get_stats())\n"
        "import timeline_tui.ui.app\n"
        "after = sum(s['collections'] for s in gc.get_stats())\n"
        f"loaded = sorted(m for m in {NOT_AT_START!r} if m in sys.modules)\n"
        "print(json.dumps({'loaded': loaded, 'collections': after - before,\n"
        "    'enabled': gc.isenabled(), 'frozen': gc.get_freeze_count()}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_importing_the_app_leaves_out_what_the_first_frame_does_not_need():
    assert imported_with_the_app()["loaded"] == []


def test_the_imports_run_with_the_collector_paused_and_what_they_built_is_frozen():
    found = imported_with_the_app()
    assert found["collections"] == 0
    assert found["enabled"] is True  # back on once the app's modules are in
    assert isinstance(found["frozen"], int) and found["frozen"] > 10_000


def test_the_screen_takes_the_breakpoint_class_textual_gives_its_width():
    names = [name for _, name in MainScreen.HORIZONTAL_BREAKPOINTS]
    for width, wanted in ((80, "-narrow"), (99, "-narrow"), (100, "-medium"), (119, "-medium"),
                          (120, "-wide"), (250, "-wide")):  # fmt: skip
        assert breakpoint_classes(width) == {name: name == wanted for name in names}
