"""SourcesScreen: every source with its grade, how many events cite it and what became of the
quotes checked against it; `enter` on one filters the timeline to its events."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline_tui.core.provenance import GRADE_MEANINGS
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.view.provenance import SourceRow

LEGEND = "grades (Admiralty scale): " + ", ".join(f"{g} {m}" for g, m in GRADE_MEANINGS.items())


def row_content(row: SourceRow) -> Content:
    """`B  gazette-web  Bridge closure · Harbour Gazette · 2031-03-04  2 events · 1 quote: ...`"""
    events = f"{row.events} event{'s' if row.events != 1 else ''}"
    return Content.assemble(
        (f"{row.grade:<2}", "bold"),
        sanitize_line(f"{row.source_id}  "),
        (sanitize_line(row.label), ""),
        (f"  · {events} · {row.quotes}", "dim"),
    )


class SourcesScreen(ModalScreen[str | None]):
    """The sources; `enter` dismisses with the chosen one's id (the main screen then shows
    only its events), escape with None."""

    BINDINGS = [Binding("escape,q,S", "dismiss", "Close")]

    def __init__(self, rows: Sequence[SourceRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box"):
            count = len(self.rows)
            title = f"{count} source{'s' if count != 1 else ''} (enter: only its events)"
            yield Static(Content.styled(title, "bold"))
            options = [Option(row_content(row), id=str(n)) for n, row in enumerate(self.rows)]
            yield OptionList(*options, id="sources-list")
            yield Static(Content.styled(LEGEND, "dim"), id="sources-legend")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        if self.rows:
            self.query_one("#sources-list", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#sources-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[int(event.option.id or 0)].source_id)
