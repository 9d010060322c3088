"""The user's settings: `config.toml` in the user config folder, read leniently, saved atomically.

A setting that is missing takes its default. A file that is not valid TOML, or a setting of the
wrong kind, is reported (as a positioned diagnostic) and ignored: a broken config file never
stops the app. Saving a setting goes through tomlkit, so the user's comments and layout are kept,
and refuses to touch a file it could not read cleanly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomli

from timeline_tui.core.dates import DateError
from timeline_tui.core.diagnostics import Diagnostic, error, warning
from timeline_tui.core.zones import DisplayZone
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.recent import KEPT_RECENT, MAX_RECENT

CONFIG_DIR_VARIABLE = "TIMELINE_TUI_CONFIG_DIR"
MAX_FILE_BYTES = 64 * 1024
ZONE_CHOICES = ("local", "UTC", "own")  # besides any IANA zone name


@dataclass(frozen=True)
class Settings:
    """What the user may set; None means "decide by the screen" (side_pane) or "the default"."""

    theme: str | None = None
    zone: str = "local"
    side_pane: bool | None = None
    recent_limit: int = KEPT_RECENT
    screenshot_dir: str | None = None
    restore_view: bool = True  # the last view (query, actors, zone, &) comes back at start


@dataclass(frozen=True)
class Config:
    """The settings read, where from, and what was wrong with the file (if anything)."""

    file: Path
    settings: Settings = field(default_factory=Settings)
    problems: tuple[Diagnostic, ...] = ()


def config_file() -> Path:
    """$TIMELINE_TUI_CONFIG_DIR/config.toml, else the platform's user config folder."""
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    folder = Path(override) if override else Path(platformdirs.user_config_dir("timeline-tui"))
    return folder / "config.toml"


def read_config(file: Path | None = None) -> Config:
    """The settings in `file` (the user's config file by default); never raises."""
    file = file or config_file()
    text, problem = _read_text(file)
    if text is None:
        return Config(file, problems=(problem,) if problem else ())
    try:
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        reason = getattr(exc, "msg", "invalid TOML")
        return Config(file, problems=(error(str(file), line, column, reason),))
    return _settings_from(file, text, table)


def _read_text(file: Path) -> tuple[str | None, Diagnostic | None]:
    """The file's text; (None, None) when there is none, (None, problem) when unreadable."""
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, error(str(file), 1, 1, f"cannot read the config file: {exc.strerror}")
    if len(data) > MAX_FILE_BYTES:
        return None, error(str(file), 1, 1, f"config file over {MAX_FILE_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, error(str(file), 1, 1, f"config file is not UTF-8 (byte {exc.start})")


def _settings_from(file: Path, text: str, table: dict[str, object]) -> Config:
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in table.items():
        check = _CHECKS.get(key)
        line = _line_of(text, key)
        if check is None:
            known = ", ".join(sorted(_CHECKS))
            problems.append(warning(str(file), line, 1, f"unknown setting {key!r} ({known})"))
            continue
        why = check(value)
        if why:
            problems.append(error(str(file), line, 1, f"{key}: {why}; the default is used"))
        else:
            values[key] = value
    return Config(file, Settings(**values), tuple(problems))


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _text(value: object) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _flag(value: object) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _limit(value: object) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_RECENT
    return None if ok else f"must be a whole number from 0 to {MAX_RECENT}"


def _zone(value: object) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    try:
        DisplayZone.parse(value)  # the one reader of zone names (`--zone` uses it too)
    except DateError:
        return f"must be {', '.join(ZONE_CHOICES)} or an IANA zone name such as Europe/Kyiv"
    return None


_CHECKS: dict[str, Callable[[object], str | None]] = {
    "theme": _text,
    "zone": _zone,
    "side_pane": _flag,
    "recent_limit": _limit,
    "screenshot_dir": _text,
    "restore_view": _flag,
}


def save_setting(key: str, value: str | bool | int, file: Path | None = None) -> str | None:
    """Set one setting in the config file, keeping everything else in it as written.

    Returns None when saved, else why not (a file that does not parse is left alone).
    """
    if key not in _CHECKS or _CHECKS[key](value):
        return f"not a valid setting: {key} = {value!r}"
    file = file or config_file()
    text, problem = _read_text(file)
    if problem:
        return problem.message
    import tomlkit  # on use: only saving needs it

    try:
        document = tomlkit.parse(text or "")
    except tomlkit.exceptions.ParseError as exc:
        return f"{file} is not valid TOML ({exc}); not changed"
    document[key] = value
    try:
        write_atomic(file, tomlkit.dumps(document))
    except OSError as exc:
        return f"cannot write {file}: {exc.strerror or exc}"
    return None
