"""Diagnostic: one problem found while loading, with its place in a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.sanitizer import sanitize_line

Severity = Literal["error", "warning"]
_MAX_DETAIL = 300  # characters of an unexpected exception's message kept in a diagnostic


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at path:line:column; line and column count from 1. `event_line` is the line
    of the event the problem is about (0: about no event), so the event can show it."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    event_line: int = 0

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        """`PATH:LINE:COLUMN: SEVERITY: MESSAGE` on one line, safe to print to a terminal (a
        file name's bytes that are not UTF-8 shown as `<0xE9>`)."""
        place = f"{self.path}:{self.line}:{self.column}"
        return sanitize_line(escape_undecodable(f"{place}: {self.severity}: {self.message}"))


def error(path: str, line: int, column: int, message: str, event_line: int = 0) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), "error", message, event_line)


def warning(path: str, line: int, column: int, message: str, event_line: int = 0) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), "warning", message, event_line)


def internal_error(
    path: str, line: int, what: str, exc: Exception, event_line: int = 0
) -> Diagnostic:
    """What a last-resort guard reports: something unexpected (a bug, ours or a library's)
    met on this input, with the exception's type and message so it can be reported. The
    message is cut short, as it may hold a whole input line, and never fails to be made."""
    try:
        detail = f"{type(exc).__name__}: {exc}"
    except Exception:  # noqa: BLE001 - an exception whose str() fails
        detail = type(exc).__name__
    if len(detail) > _MAX_DETAIL:
        detail = detail[:_MAX_DETAIL] + "…"
    return error(path, line, 1, f"internal error reading this {what}: {detail}", event_line)


def plural(count: int, noun: str) -> str:
    """A count in a message: `1 event`, `2,480 events`."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int]:
    return (diagnostic.path, diagnostic.line, diagnostic.column)
