"""The command line with a cache someone tampered with: it still finishes, with the events."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support import Write

from timeline_tui.loading import workspace


def test_list_finishes_when_the_cache_entries_are_fifos(
    cache_folder: Path, write: Write, tmp_path: Path
) -> None:
    """An entry replaced by a FIFO: opening it to read waited for a writer, for good."""
    for number in range(3):
        write(
            f"tl/day-{number}.toml",
            f"[[events]]\nid = 'e{number}'\ntitle = 'E'\nwhen = 2025-08-1{number}",
        )
    workspace.load([str(tmp_path / "tl")])  # the entries, now each a FIFO
    entries = list(cache_folder.rglob("*.pickle"))
    assert entries
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    done = subprocess.run(
        [sys.executable, "-m", "timeline_tui", "list", str(tmp_path / "tl"), "--json"],
        capture_output=True, text=True, timeout=30, env=os.environ,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [event["id"] for event in json.loads(done.stdout)] == ["e0", "e1", "e2"]
