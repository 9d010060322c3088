"""Paths opened before, remembered across runs, and completion for typing a path."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from timeline_tui.loading.atomic import write_atomic

KEPT_RECENT = 20  # paths kept unless the config's recent_limit says otherwise
MAX_RECENT = 100  # the most the list may hold
MAX_FILE_BYTES = 256 * 1024
DATA_DIR_VARIABLE = "TIMELINE_TUI_DATA_DIR"
_VERSION = 1


def data_dir() -> Path:
    """Where timeline-tui keeps its data: $TIMELINE_TUI_DATA_DIR, else the platform's place."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return Path(override) if override else Path(platformdirs.user_data_dir("timeline-tui"))


def recent_file() -> Path:
    return data_dir() / "recent.json"


def recent_paths() -> list[str]:
    """Paths opened before, most recent first, those that no longer exist left out.

    A file that is not exactly what `remember` writes is not trusted: it is ignored and
    rewritten empty.
    """
    stored = _read(recent_file())
    if stored is None:
        _write(recent_file(), [])
        return []
    return [path for path in stored if os.path.exists(path)]


def remember(paths: Iterable[str], limit: int = KEPT_RECENT) -> list[str]:
    """Put `paths` (existing ones, made absolute) first in the list, keeping at most `limit`
    (no more than MAX_RECENT); returns the new list.

    Best effort: when the list cannot be written the app goes on without it.
    """
    fresh = [os.path.abspath(os.path.expanduser(path)) for path in paths]
    merged = list(dict.fromkeys([*fresh, *recent_paths()]))
    kept = [path for path in merged if os.path.exists(path)][: min(limit, MAX_RECENT)]
    _write(recent_file(), kept)
    return kept


def _read(file: Path) -> list[str] | None:
    """The stored list, [] when there is none yet, None when the file is corrupt."""
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError:
        return None
    try:
        document = json.loads(data) if len(data) <= MAX_FILE_BYTES else None
    except ValueError:  # not JSON, or not UTF-8
        return None
    return _valid(document)


def _valid(document: object) -> list[str] | None:
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        return None
    paths = document.get("paths")
    if not isinstance(paths, list) or len(paths) > MAX_RECENT:
        return None
    if not all(isinstance(p, str) and os.path.isabs(p) and "\x00" not in p for p in paths):
        return None
    return list(dict.fromkeys(os.path.normpath(p) for p in paths))


def _write(file: Path, paths: list[str]) -> None:
    """Replace the file atomically; errors are ignored (the list is a convenience)."""
    with contextlib.suppress(OSError):
        write_atomic(file, json.dumps({"version": _VERSION, "paths": paths}, indent=1))


def complete(prefix: str, limit: int = 200) -> list[str]:
    """Folders (ending in `/`) and `*.toml` files whose path starts with `prefix`, sorted.

    Results keep the prefix as typed (`~/ev` gives `~/events/`), so each one extends what was
    typed; `~` is expanded only to look on disk. Hidden names appear once a `.` is typed.
    """
    if prefix.startswith("~") and os.sep not in prefix:
        home = os.path.expanduser(prefix)
        return [prefix + os.sep] if home != prefix and os.path.isdir(home) else []
    head, _, partial = prefix.rpartition(os.sep)
    typed = head + os.sep if os.sep in prefix else ""
    folder = os.path.expanduser(typed) if typed else os.curdir
    try:
        with os.scandir(folder) as listing:
            names = [_completion(entry, partial) for entry in listing]
    except (OSError, ValueError):  # ValueError: a NUL byte, pasted into the path box
        return []
    return sorted(typed + name for name in names if name is not None)[:limit]


def _completion(entry: os.DirEntry[str], partial: str) -> str | None:
    name = entry.name
    if not name.startswith(partial) or (name.startswith(".") and not partial.startswith(".")):
        return None
    try:
        if entry.is_dir():
            return name + os.sep
    except OSError:
        return None
    return name if name.lower().endswith(".toml") else None
