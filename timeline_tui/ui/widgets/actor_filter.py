"""ActorFilter: the side pane's facets. Actors (every actor with its event count; typing
narrows, fuzzy and alias-aware), then tags, places, statuses and sources (each value with the
count of what the other filters leave: view/facets.py); `left` `right` switch between them
(in the list, or in the box while it is empty). Choosing a value asks the screen to add its
term to the search (`FacetChosen`); choosing an actor toggles it (`Toggled`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message
from textual.widgets import Input, Static

from timeline_tui.core.actors import ActorRegistry
from timeline_tui.core.model import Actor
from timeline_tui.core.query_syntax import ACTOR
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.ui.widgets.actor_list import ActorList, ListRow
from timeline_tui.ui.widgets.plain_input import PlainInput
from timeline_tui.view.facets import FacetValue, facet_title, next_facet

SECTIONS = (
    ("People", ("person",)),
    ("Countries, groups, orgs", ("country", "group", "organization")),
    ("Not in the registry", ()),
)


def section_of(actor: Actor) -> int:
    for number, (_, kinds) in enumerate(SECTIONS[:-1]):
        if actor.kind in kinds:
            return number
    return len(SECTIONS) - 1


def fuzzy_score(matcher: Matcher | None, actor: Actor) -> float:
    """How well the typed text matches the actor's id, name or any alias (0 = not at all)."""
    if matcher is None:
        return 1.0
    return max(matcher.match(name) for name in (actor.name, actor.id, *actor.aliases))


class ActorInput(PlainInput):
    """The actor filter's text box: spaces are typed (names have them), enter toggles the top
    match, down goes into the list (escape is the main screen's key: it leaves)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("left", "right") and not self.value:
            self.parent_filter.switch(1 if event.key == "right" else -1)
        elif event.key in ("down", "pagedown"):
            self.parent_filter.enter_list()
        elif event.key == "enter":
            self.parent_filter.toggle_highlighted()
        elif event.key == "ctrl+t":
            self.post_message(ActorFilter.ModeToggled())
        else:
            return
        event.stop()
        event.prevent_default()

    @property
    def parent_filter(self) -> ActorFilter:
        return self.query_ancestor(ActorFilter)


class ActorFilter(Vertical):
    """Type to narrow, enter to toggle the top match, or down into the list and space or
    enter there; several actors can be on at once."""

    @dataclass
    class Toggled(Message):
        """An actor was turned on or off."""

        actor_id: str

    class ModeToggled(Message):
        """Match any of the actors on, or all of them, switched."""

    @dataclass
    class FacetSwitched(Message):
        """Another facet is shown: the screen hands it its values."""

        field: str

    @dataclass
    class FacetChosen(Message):
        """A value of a facet was chosen (again: unchosen): its term goes in the search."""

        field: str
        value: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.registry = ActorRegistry()
        self.counts: Mapping[str, int] = {}
        self.selected: frozenset[str] = frozenset()
        self.match_all = False
        self.facet = ACTOR  # the facet shown: a query field (query_syntax)
        self.values: list[FacetValue] = []  # the values of the facet shown, if not actors
        self._built_for: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="facet-title")
        yield ActorInput(placeholder="find an actor", id="actor-input")
        yield Static(id="actor-mode")
        yield ActorList(id="actor-list")

    def show(
        self,
        registry: ActorRegistry,
        counts: Mapping[str, int],
        selected: Iterable[str],
        match_all: bool,
    ) -> None:
        selected = frozenset(selected)
        text = self.query_one(ActorInput).value
        if self.facet != ACTOR:
            self.registry, self.counts, self.selected = registry, counts, selected
            self.match_all = match_all
            return  # shown when the actors are
        if (ACTOR, registry, counts, text) == self._built_for:
            changed, self.selected, self.match_all = selected ^ self.selected, selected, match_all
            self._relabel(changed)  # a toggle: redraw the lines that changed, not the whole list
            return
        self.registry, self.counts = registry, counts
        self.selected, self.match_all = selected, match_all
        self._rebuild()

    def _relabel(self, actor_ids: Iterable[str]) -> None:
        actor_list = self.query_one(ActorList)
        for actor_id in actor_ids:
            if actor_id in self.registry:
                actor_list.replace_row(self._row(self.registry[actor_id]))
        self._show_mode()

    def show_values(self, field: str, values: list[FacetValue]) -> None:
        """The values of a facet with their counts (shown if it is the facet shown)."""
        if field == self.facet:
            self.values = values
            self._rebuild()

    def switch(self, step: int) -> None:
        """The next (1) or previous (-1) facet; its values come from the screen."""
        self.facet, self.values = next_facet(self.facet, step), []
        name = facet_title(self.facet).lower()
        self.query_one(
            ActorInput
        ).placeholder = f"find {'an actor' if self.facet == ACTOR else name}"
        self._rebuild()
        self.post_message(self.FacetSwitched(self.facet))

    def _show_mode(self) -> None:
        title = Content.assemble("◂ ", (facet_title(self.facet), "bold"), " ▸  ← →")
        self.query_one("#facet-title", Static).update(title, layout=False)
        if self.facet != ACTOR:
            hint = "enter: term in/out · ↓ list"
            self.query_one("#actor-mode", Static).update(Content(hint), layout=False)
            return
        mode = "all of them" if self.match_all else "any of them"
        hint = (
            f"{len(self.selected)} on · match {mode} (ctrl+t)"
            if self.selected
            else "enter toggles · ↓ list"
        )
        self.query_one("#actor-mode", Static).update(Content(hint), layout=False)  # always one line

    def _rebuild(self) -> None:
        data = (self.registry, self.counts) if self.facet == ACTOR else (id(self.values),)
        self._built_for = (self.facet, *data, self.query_one(ActorInput).value)
        actor_list = self.query_one(ActorList)
        rows = self._rows() if self.facet == ACTOR else self._value_rows()
        actor_list.set_rows(rows, actor_list.highlighted_id)
        self._show_mode()

    def _value_rows(self) -> list[ListRow]:
        """The facet's values that the typed text matches (fuzzy), most events first."""
        text = self.query_one(ActorInput).value.strip()
        matcher = Matcher(text) if text else None
        rows: list[ListRow] = []
        for value in self.values:
            if matcher is None or matcher.match(value.value) > 0:
                mark = "● " if value.chosen else "  "
                rows.append(
                    ListRow(mark + sanitize_line(value.value), value.value, f"{value.count:,}")
                )
        return rows

    def _rows(self) -> list[ListRow]:
        text = self.query_one(ActorInput).value.strip()
        matcher = Matcher(text) if text else None
        scored = [(fuzzy_score(matcher, a), a) for a in self.registry]
        scored = [(s, a) for s, a in scored if s > 0]
        rows: list[ListRow] = []
        for number, (title, _) in enumerate(SECTIONS):
            members = [(s, a) for s, a in scored if section_of(a) == number]
            members.sort(key=lambda sa: (-sa[0], a_sort(sa[1], self.counts)))
            if members:
                rows.append(ListRow(title))
                rows.extend(self._row(actor) for _, actor in members)
        return rows

    def _row(self, actor: Actor) -> ListRow:
        mark = "● " if actor.id in self.selected else "  "
        return ListRow(
            mark + sanitize_line(actor.name), actor.id, str(self.counts.get(actor.id, 0))
        )

    def enter_list(self) -> None:
        """From the box into the list, its cursor on the top match (space toggles there)."""
        self._catch_up()
        self.query_one(ActorList).focus()

    def toggle_highlighted(self) -> None:
        self._catch_up()
        actor_id = self.query_one(ActorList).highlighted_id
        if actor_id is not None:
            self._pick(actor_id)

    def _pick(self, key: str) -> None:
        if self.facet == ACTOR:
            self.post_message(self.Toggled(key))
        else:
            self.post_message(self.FacetChosen(self.facet, key))

    def _catch_up(self) -> None:
        """Narrow the list to the text typed so far: keys typed quickly arrive before the
        Changed messages of the letters before them, and space must toggle what was typed."""
        if self._built_for is None or self._built_for[-1] != self.query_one(ActorInput).value:
            self._rebuild()

    @property
    def text_box(self) -> Input:
        """The box to type in (what focus goes to when the filter is chosen)."""
        return self.query_one(ActorInput)

    def clear_text(self) -> None:
        self.query_one(ActorInput).value = ""

    @on(Input.Changed, "#actor-input")
    def _typed(self) -> None:
        self._rebuild()

    @on(ActorList.Picked)
    def _picked(self, event: ActorList.Picked) -> None:
        self._pick(event.actor_id)

    @on(ActorList.SwitchKey)
    def _switch_key(self, event: ActorList.SwitchKey) -> None:
        self.switch(event.step)

    @on(ActorList.LeftAtTop)
    def _back_to_box(self) -> None:
        self.text_box.focus()

    @on(ActorList.ModeKey)
    def _mode_key(self) -> None:
        self.post_message(self.ModeToggled())


def a_sort(actor: Actor, counts: Mapping[str, int]) -> tuple[int, str]:
    return (-counts.get(actor.id, 0), actor.name.casefold())
