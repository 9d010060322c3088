"""EventFormScreen: a new event (`+`) or an edit of one (`ctrl+e`), checked as it is typed.

Every field of the format the form edits, the `when` and the bounds of an uncertain date
(`earliest`, `latest`) read back ("read as Mon 18 Aug 2025"), the date as the timeline will
show it ("shown as between 15 and 17 Aug 2025") and the loader's own errors and warnings
shown as you type; ctrl+s saves through the editing session (tomlkit, atomically), escape
leaves without saving, asking first when something was changed. A refused save (the file
changed on disk, or the event would not load) keeps the form open with everything typed and
says why.
Text from files is shown through PlainInput and plain `Content`, never as markup. Widget
ids start `form-`: the main screen's CSS styles `#actors` and `#status`.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select, Static, TextArea

from timeline_tui.core.model import STATUSES
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.editing.fields import EventFields, split_list
from timeline_tui.editing.session import EditSession
from timeline_tui.editing.writer import Conflict, Invalid, Written
from timeline_tui.ui.dialogs.confirm import ConfirmScreen
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.plain_input import PlainInput


class ListSuggester(Suggester):
    """Completes the last item of a comma-separated list from known words (any case)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.words = sorted(set(words), key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2].lstrip()
        if not last:
            return None
        folded = last.casefold()
        word = next((w for w in self.words if w.casefold().startswith(folded)), None)
        return None if word is None or len(word) == len(last) else value + word[len(last) :]


def _quote_lines(quotes: tuple[tuple[str, str], ...]) -> str:
    return "\n".join(f"{speaker}: {text}" if speaker else text for speaker, text in quotes)


def _quotes(text: str) -> tuple[tuple[str, str], ...]:
    """`speaker: text` lines (a line with no colon: an unattributed quote)."""
    pairs = []
    for line in filter(str.strip, text.splitlines()):
        speaker, colon, said = line.partition(":")
        pairs.append((speaker.strip(), said.strip()) if colon else ("", line.strip()))
    return tuple(pairs)


class EventFormScreen(ModalScreen[Written | None]):
    """The event's fields; dismissed with where it was written, or None when left."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]
    BOUNDS = ("earliest", "latest")

    def __init__(self, session: EditSession, actors: list[str], tags: list[str]) -> None:
        super().__init__()
        self.session = session
        self._actors, self._tags = actors, tags
        self.opened: EventFields | None = None  # what the form held when it opened

    def compose(self) -> ComposeResult:
        start = self.session.initial()
        heading = "New event" if self.session.event is None else "Edit event"
        status = start.status if start.status in STATUSES else STATUSES[0]
        with VerticalScroll(id="form-box"):
            yield Label(Content.styled(heading, "bold"))
            yield from self._field("Title", PlainInput(start.title, id="form-title"))
            yield from self._field("When", PlainInput(start.when, id="form-when"))
            yield Static(Content(""), id="when-read")
            yield from self._bounds(start)
            options = [(Content(s), s) for s in STATUSES]
            yield from self._field(
                "Status", Select(options, value=status, allow_blank=False, id="form-status")
            )
            yield from self._field("Location", PlainInput(start.location, id="form-location"))
            actors = PlainInput(
                ", ".join(start.actors), id="form-actors", suggester=ListSuggester(self._actors)
            )
            yield from self._field("Actors (comma-separated)", actors)
            tags = PlainInput(
                ", ".join(start.tags), id="form-tags", suggester=ListSuggester(self._tags)
            )
            yield from self._field("Tags", tags)
            yield from self._field(
                "Summary", TextArea(start.summary, id="form-summary", soft_wrap=True)
            )
            yield from self._field(
                "Sources (ids)", PlainInput(", ".join(start.sources), id="form-sources")
            )
            quotes = TextArea(_quote_lines(start.quotes), id="form-quotes", soft_wrap=True)
            yield from self._field("Quotes (speaker: text, one a line)", quotes)
            yield Static(Content(""), id="form-problems")
        yield KeyBar(id="keys")

    def _bounds(self, start: EventFields) -> ComposeResult:
        """`earliest` and `latest` side by side, each read back, then the date as shown."""
        with Horizontal(id="form-bounds"):
            for key in self.BOUNDS:
                with Vertical(classes="form-bound"):
                    yield Label(Content(f"{key.capitalize()} (of an uncertain date)"))
                    yield PlainInput(getattr(start, key), id=f"form-{key}")
                    yield Static(Content(""), id=f"{key}-read", classes="form-read")
        yield Static(Content(""), id="bounds-shown", classes="form-read")

    @staticmethod
    def _field(label: str, widget: Input | Select[str] | TextArea) -> ComposeResult:
        yield Label(Content(label))
        yield widget

    def on_mount(self) -> None:
        self.query_one("#form-title", Input).focus()
        self._check()
        self.opened = self.fields()

    def fields(self) -> EventFields:
        """What the form holds now."""
        value = self._value
        status = self.query_one("#form-status", Select).value
        return EventFields(
            title=value("title"), when=value("when"),
            status=status if isinstance(status, str) else STATUSES[0],
            location=value("location"), actors=split_list(value("actors")),
            tags=split_list(value("tags")), summary=self.query_one("#form-summary", TextArea).text,
            sources=split_list(value("sources")),
            quotes=_quotes(self.query_one("#form-quotes", TextArea).text),
            earliest=value("earliest"), latest=value("latest"),
        )  # fmt: skip

    def _value(self, name: str) -> str:
        return self.query_one(f"#form-{name}", Input).value

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._check()

    def _check(self) -> list[str]:
        """Show how the dates read and the problems the loader would report; return its
        errors (the warnings are shown, and do not stop a save)."""
        fields, session = self.fields(), self.session
        bounded = bool(fields.earliest.strip() or fields.latest.strip())
        self._show("#when-read", session.preview(fields.when, bounded))
        for key in self.BOUNDS:
            self._show(f"#{key}-read", session.bound_preview(key, getattr(fields, key)))
        self._show("#bounds-shown", session.shown_as(fields))
        problems = session.problems(fields)
        self._say(problems, session.warnings(fields))
        return problems

    def _show(self, selector: str, text: str) -> None:
        self.query_one(selector, Static).update(Content(sanitize_line(text)))

    def _say(self, problems: list[str], warnings: Sequence[str] = ()) -> None:
        errors = Content.styled(sanitize_line("; ".join(problems)), "$error")
        said = [errors] if problems else []
        if warnings:
            text = "; ".join(f"warning: {w}" for w in warnings)
            said.append(Content.styled(sanitize_line(text), "$warning"))
        self.query_one("#form-problems", Static).update(Content("\n").join(said))

    def action_cancel(self) -> None:
        """Leave without saving; ask first when something was typed or changed."""
        if self.opened is None or self.fields() == self.opened:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = ConfirmScreen(
            "Discard the changes to this event?", "y discards them · n or escape goes back"
        )
        self.app.push_screen(question, answered)

    def action_save(self) -> None:
        """Write the event; on a refusal stay open, with the reason."""
        if self._check():
            return
        try:
            written = self.session.save(self.fields())
        except Conflict as exc:
            self._say([str(exc)])
            return
        except Invalid as exc:
            self._say([str(exc)])
            return
        except OSError as exc:
            self._say([f"not saved: {exc.strerror or exc}"])
            return
        self.dismiss(written)
