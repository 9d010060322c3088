"""ProblemsScreen: the diagnostics found while loading, newest first, with the file's lines;
`enter` opens FileScreen, the whole file at the problem's line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.loading.reading import read_document
from timeline_tui.records.lines import toml_lines
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.view.excerpt import shown_line
from timeline_tui.view.rows import display_path


def excerpt(diagnostic: Diagnostic, around: int | None = 3) -> Content:
    """The lines of the file around the problem (None: every line), the problem line marked."""
    text = read_document(diagnostic.path) if diagnostic.path else None
    if text is None:
        return Content("(the file cannot be read now)")
    lines = toml_lines(text)
    first = 0 if around is None else max(diagnostic.line - 1 - around, 0)
    last = len(lines) if around is None else min(diagnostic.line + around, len(lines))
    parts = []
    for number in range(first, last):
        marker = "▶" if number + 1 == diagnostic.line else " "
        style = "bold" if number + 1 == diagnostic.line else "dim"
        parts.append(
            Content.styled(f"{marker}{number + 1:>5} │ {shown_line(lines[number])}", style)
        )
    return Content("\n").join(parts) if parts else Content("(the file is empty)")


def _shown(diagnostic: Diagnostic) -> str:
    return replace(diagnostic, path=display_path(diagnostic.path)).format()


class ProblemsScreen(ModalScreen[None]):
    """Every problem; highlighting one shows where it is in its file, `enter` the whole file."""

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
        yield KeyBar(id="keys")  # this dialog's keys, not the main screen's

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

    @on(OptionList.OptionSelected, "#problems-list")
    def _show_file(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(FileScreen(self.diagnostics[int(event.option.id or 0)]))


class FileScreen(ModalScreen[None]):
    """A problem's file, whole, its line marked and scrolled to the middle of the view."""

    BINDINGS = [Binding("escape,q,enter", "dismiss", "Back")]

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__()
        self.diagnostic = diagnostic

    def compose(self) -> ComposeResult:
        with Vertical(id="file-box"):
            yield Static(Content.styled(_shown(self.diagnostic), "bold"), id="file-problem")
            with VerticalScroll(id="file-lines"):
                yield Static(excerpt(self.diagnostic, around=None), id="file-text")

    def on_mount(self) -> None:
        self.call_after_refresh(self._scroll_to_line)

    def _scroll_to_line(self) -> None:
        lines = self.query_one("#file-lines", VerticalScroll)
        top = self.diagnostic.line - 1 - lines.scrollable_content_region.height // 2
        lines.scroll_to(y=max(top, 0), animate=False, immediate=True)
