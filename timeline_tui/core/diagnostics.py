"""Diagnostic: one problem found while loading, with its place in a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from timeline_tui.core.sanitizer import sanitize_line

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at path:line:column; line and column count from 1."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        """`PATH:LINE:COLUMN: SEVERITY: MESSAGE` on one line, safe to print to a terminal."""
        place = f"{self.path}:{self.line}:{self.column}"
        return sanitize_line(f"{place}: {self.severity}: {self.message}")


def error(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), "error", message)


def warning(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(column, 1), "warning", message)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int]:
    return (diagnostic.path, diagnostic.line, diagnostic.column)
