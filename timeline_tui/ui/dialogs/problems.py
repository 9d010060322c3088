"""ProblemsScreen: the diagnostics found while loading, newest first, with the file's lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.loading.reading import read_document
from timeline_tui.view.rows import display_path


def file_lines(text: str) -> list[str]:
    """The lines as the parser counts them: at LF (CRLF too) only, where str.splitlines also
    breaks at U+2028, U+0085 and other characters a TOML string or comment may hold."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def excerpt(diagnostic: Diagnostic, around: int = 3) -> Content:
    """The lines of the file around the problem, the problem line marked."""
    text = read_document(diagnostic.path) if diagnostic.path else None
    if text is None:
        return Content("(the file cannot be read now)")
    lines = file_lines(text)
    first = max(diagnostic.line - 1 - around, 0)
    parts = []
    for number in range(first, min(diagnostic.line + around, len(lines))):
        marker = "▶" if number + 1 == diagnostic.line else " "
        style = "bold" if number + 1 == diagnostic.line else "dim"
        parts.append(
            Content.styled(f"{marker}{number + 1:>5} │ {sanitize_line(lines[number])}", style)
        )
    return Content("\n").join(parts) if parts else Content("(the file is empty)")


def _shown(diagnostic: Diagnostic) -> str:
    return replace(diagnostic, path=display_path(diagnostic.path)).format()


class ProblemsScreen(ModalScreen[None]):
    """Every problem; highlighting one shows where it is in its file."""

    BINDINGS = [Binding("escape,q,e", "dismiss", "Close")]

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__()
        self.diagnostics = list(reversed(diagnostics))

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-box"):
            count = len(self.diagnostics)
            title = f"{count} problem{'s' if count != 1 else ''} found while loading (newest first)"
            yield Static(Content.styled(title, "bold"))
            yield OptionList(*self._options(), id="problems-list")
            yield Static(Content("No problems." if not count else ""), id="problems-excerpt")

    def on_mount(self) -> None:
        if self.diagnostics:
            self.query_one("#problems-list", OptionList).highlighted = 0

    def _options(self) -> list[Option]:
        return [
            Option(Content.styled(_shown(d), "bold" if d.is_error else ""), id=str(n))
            for n, d in enumerate(self.diagnostics)
        ]

    @on(OptionList.OptionHighlighted, "#problems-list")
    def _show_excerpt(self, event: OptionList.OptionHighlighted) -> None:
        diagnostic = self.diagnostics[int(event.option.id or 0)]
        self.query_one("#problems-excerpt", Static).update(excerpt(diagnostic))
