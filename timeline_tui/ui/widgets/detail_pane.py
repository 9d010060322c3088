"""DetailPane: the highlighted event in full, every string from the file shown as typed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from timeline_tui.core.annotation import NO_ANNOTATION, Annotation
from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import STATUSES, Event, Quote
from timeline_tui.core.provenance import reported_by
from timeline_tui.core.sanitizer import sanitize, sanitize_line
from timeline_tui.core.search import match_spans
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone
from timeline_tui.ui.widgets.hover import HoverRows
from timeline_tui.ui.widgets.source_list import SourceList
from timeline_tui.view.excerpt import shown_block, shown_line
from timeline_tui.view.links import source_lines
from timeline_tui.view.problems import NO_PROBLEMS, EventProblems
from timeline_tui.view.provenance import conflicting_ids, quote_check
from timeline_tui.view.rows import display_path, when_text

LABEL = "bold"
MAX_RELATED = 9
MUTED = "dim"
SEVERITY_MARKS = {"error": "✗", "warning": "⚠"}


class RelatedList(HoverRows):
    """The related events, a line each under a heading; click one (or press its number in the
    detail pane) to jump to it. One widget, not a widget per link: fewer to build and style."""

    COMPONENT_CLASSES = {"related-list--heading", "related-list--link", "related-list--hover"}
    HEADING = "Related (press 1-9 here, or click)"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.links: list[tuple[str, str]] = []  # (event id, title)

    def point_to(self, links: Sequence[tuple[str, str]]) -> None:
        self.links = list(links)[:MAX_RELATED]
        self.display = bool(self.links)
        self.refresh(layout=True)

    def render(self) -> Content:
        lines = [Content.styled(self.HEADING, self.get_visual_style("related-list--heading"))]
        for number, (_, title) in enumerate(self.links, 1):
            part = "related-list--hover" if number - 1 == self._hover else "related-list--link"
            label = Content.assemble((f"  {number} ▸ ", LABEL), shown_line(title))
            lines.append(label.stylize(self.get_visual_style(part)))
        return Content("\n").join(lines)

    def _link_at(self, y: int) -> int | None:
        return y - 1 if 1 <= y <= len(self.links) else None

    def on_click(self, event: events.Click) -> None:
        link = self._link_at(event.y)
        if link is not None:
            self.post_message(DetailPane.JumpRequested(self.links[link][0]))

    def hover_key(self, y: int) -> int | None:
        return self._link_at(y)


def _section(heading: str, body: Content | str) -> Content:
    return Content.assemble((heading, LABEL), "\n", body, "\n\n")


def _when_text(event: Event, zone: DisplayZone) -> str:
    if event.when.unreadable:
        text = "date unreadable (see Problems)"
        return text + (f"\nuntil {zone.shown(event.end).display()}" if event.end else "")
    return when_text(event, zone)


def _status_text(event: Event) -> str:
    """The status as written, flagged when it is none of the known ones."""
    text = event.status if event.status in STATUSES else f"{event.status} (not a known status)"
    return text + (" (date approximate)" if event.when.approximate else "")


def _actors_text(event: Event, timeline: Timeline) -> str:
    lines = []
    for actor_id in event.actors:
        actor = timeline.actors.by_id.get(actor_id)
        if actor is None:
            lines.append(f"• {actor_id}")
            continue
        role = actor.role or ("not in the actor registry" if actor.implicit else actor.kind)
        lines.append(f"• {actor.name} — {role}")
    return "\n".join(lines)


def _problem_line(problem: Diagnostic) -> str:
    """`✗ 12:5 error: unknown status 'rumoured'`: where in the event's file, and what."""
    mark = SEVERITY_MARKS[problem.severity]
    return f"{mark} {problem.line}:{problem.column} {problem.severity}: {problem.message}"


def _problems_text(problems: Sequence[Diagnostic]) -> str:
    return "\n".join(_problem_line(problem) for problem in problems)


def _quotes_text(event: Event, timeline: Timeline, problems: Sequence[Diagnostic]) -> str:
    """Each quote and its speaker, and under it the problems found at its line (a quote
    not in its source's document, an unknown speaker)."""
    lines = []
    for quote in event.quotes:
        speaker = timeline.actors.name(quote.speaker) if quote.speaker else "unattributed"
        lines.append(f"“{quote.text}”\n    — {speaker}")
        lines.append(f"    {quote_check(quote, event, timeline)}")
        lines += [f"    {_problem_line(p)}" for p in _at_quote(quote, event, problems)]
    return "\n".join(lines)


def _conflicts_text(event: Event, timeline: Timeline) -> str:
    """A line for each record that tells this happening differently."""
    lines = []
    for other_id in conflicting_ids(event, timeline):
        position = timeline.index_of(other_id)
        if position is None:
            lines.append(f"≢ {other_id} (not loaded)")
        else:
            lines.append(f"≢ {timeline.events[position].title} ({other_id})")
    return "\n".join(lines)


def _at_quote(quote: Quote, event: Event, problems: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The problems at a quote's own line (a quote written inline shares its event's line:
    its problems are only in the event's list)."""
    if quote.line == event.line:
        return []
    return [problem for problem in problems if problem.line == quote.line]


def event_content(
    event: Event,
    timeline: Timeline,
    terms: Sequence[str] = (),
    problems: Sequence[Diagnostic] = (),
    zone: DisplayZone = OWN,
    note: str = "",
) -> Content:
    """The event down to its tags, with its problems and a note (what changed since the last
    look), as Content built from plain strings (never markup); its times in the display
    zone."""
    parts: list[Content] = [Content.styled(shown_line(event.title), "bold"), Content("\n\n")]
    if note:
        lines = "\n".join(sanitize_line(line) for line in note.split("\n"))  # a line a change
        parts.append(Content.styled(lines + "\n\n", "italic"))
    if event.stale:
        parts.append(
            Content.styled("⚠ stale: its file no longer reads cleanly (see e)\n\n", "bold")
        )
    if problems:
        parts.append(_section("Problems (see e)", shown_block(_problems_text(problems))))
    parts.append(_section("When", sanitize(_when_text(event, zone))))
    parts.append(_section("Status", sanitize_line(_status_text(event))))
    contested = _conflicts_text(event, timeline)
    if contested:
        parts.append(_section("Told differently by (= side by side)", shown_block(contested)))
    for heading, text in (
        ("Where", event.location),
        ("Who", _actors_text(event, timeline)),
        ("What", event.summary),
        ("Said", _quotes_text(event, timeline, problems)),
        ("Tags", "  ".join(f"#{tag}" for tag in event.tags)),
    ):
        if text:
            parts.append(_section(heading, shown_block(text)))
    return _marked(Content("").join(parts), terms)


def annotation_content(annotation: Annotation) -> list[Content]:
    """The analyst's star, tags and note (`m`, `;`), each as typed (sanitised, no markup)."""
    if annotation.is_empty:
        return []
    lines = ["★ starred"] if annotation.star else []
    if annotation.tags:
        lines.append("  ".join(f"#{tag}" for tag in annotation.tags))
    if annotation.note.strip():
        lines.append(annotation.note)
    return [_section("Your note (; edits, m stars)", shown_block("\n".join(lines)))]


def tail_content(
    event: Event, terms: Sequence[str] = (), annotation: Annotation = NO_ANNOTATION
) -> Content:
    """What follows the sources: the analyst's note, the record keeper's notes and where
    the record is."""
    parts = annotation_content(annotation)
    parts += [_section("Notes", shown_block(event.notes))] if event.notes else []
    place = sanitize_line(f"From {display_path(event.file)}:{event.line}")
    parts.append(Content.styled(place, MUTED))
    return _marked(Content("").join(parts), terms)


def _marked(content: Content, terms: Sequence[str]) -> Content:
    for start, end in match_spans(content.plain, terms):
        content = content.stylize("reverse bold", start, end)
    return content


class DetailPane(VerticalScroll, can_focus=True):
    """One event in full; scrolls when long (j/k as the arrows, g/G as home/end); number keys
    jump to related events."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    @dataclass
    class JumpRequested(Message):
        """Show the event with this id (a related event chosen)."""

        event_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.event: Event | None = None
        self.related_ids: list[str] = []
        self._shown: tuple[Event | None, Timeline, tuple[str, ...]] | None = None
        self.problems: tuple[Diagnostic, ...] = ()  # those of the event shown
        self.zone: DisplayZone = OWN  # times shown in it: see set_zone
        self.annotation = NO_ANNOTATION  # the analyst's, of the event shown

    def set_zone(self, zone: DisplayZone) -> None:
        """Show times in this zone from the next `show` on (which then redraws)."""
        if zone != self.zone:
            self.zone, self._shown = zone, None
        self.note = ""  # what changed since the last look, of the event shown

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Content("Nothing to show."), id="detail-body")
        yield SourceList(id="sources")
        yield Static(Content(""), id="detail-tail")
        yield RelatedList(id="related")

    def show(
        self,
        event: Event | None,
        timeline: Timeline,
        terms: Sequence[str] = (),
        problems: EventProblems = NO_PROBLEMS,
        note: str = "",
        annotation: Annotation = NO_ANNOTATION,
    ) -> None:
        """Show the event (None: nothing highlighted), its problems found in `problems`, the
        search's terms marked, the note (what changed since the last look) under its title,
        the analyst's annotation after the sources."""
        same_notes = note == self.note and annotation == self.annotation
        if self._is_shown(event, timeline, tuple(terms)) and same_notes:
            return  # a filter changed but not the event: nothing to redraw
        only_terms = self._is_shown(event, timeline, self._shown[2]) if self._shown else False
        only_terms = only_terms and same_notes
        self.annotation = annotation
        self._shown = (event, timeline, tuple(terms))
        same = self.event is not None and event is not None and self.event.id == event.id
        self.event, self.note = event, note
        self.problems = problems.of(event) if event is not None else ()
        body = self.query_one("#detail-body", Static)
        tail = self.query_one("#detail-tail", Static)
        if event is None:
            body.update(Content("No event highlighted."))
            tail.update(Content(""))
        elif only_terms:  # a search typed on: other letters marked, the same lines, no layout
            content = event_content(event, timeline, terms, self.problems, self.zone, note)
            body.update(content, layout=False)
            tail.update(tail_content(event, terms, annotation), layout=False)
        else:
            body.update(event_content(event, timeline, terms, self.problems, self.zone, note))
            tail.update(tail_content(event, terms, annotation))
        if not only_terms:
            sources = source_lines(event, timeline) if event is not None else []
            summary = reported_by(event.sources, timeline.sources) if event is not None else ""
            self.query_one(SourceList).point_to(sources, shown_line(summary))
            self._show_related(event, timeline)
        if not same:
            self.scroll_home(animate=False)

    def _is_shown(self, event: Event | None, timeline: Timeline, terms: tuple[str, ...]) -> bool:
        if self._shown is None:
            return False
        shown_event, shown_timeline, shown_terms = self._shown
        return shown_event is event and shown_timeline is timeline and shown_terms == terms

    def _show_related(self, event: Event | None, timeline: Timeline) -> None:
        """The related events loaded, each id looked up once (a search of the ids each)."""
        links: list[tuple[str, str]] = []
        for related_id in [] if event is None else event.related:
            if len(links) == MAX_RELATED:
                break
            position = timeline.index_of(related_id)
            if position is not None:
                links.append((related_id, timeline.events[position].title))
        self.related_ids = [related_id for related_id, _ in links]
        self.query_one(RelatedList).point_to(links)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.character and event.character.isdigit() and event.character != "0":
            number = int(event.character)
            if number <= len(self.related_ids):
                event.stop()
                self.post_message(self.JumpRequested(self.related_ids[number - 1]))
