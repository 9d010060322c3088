"""Filtering and search: immutable queries applied through indexes built once per load.

A Query is the actors chosen and the text of a query (core/query_syntax.py: the language,
core/matching.py: what it matches); the Index holds what they are answered from.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from timeline_tui.core.actors import fold
from timeline_tui.core.annotation import NOT_PLACED, Placed
from timeline_tui.core.columns import days_of_key
from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.fields import FieldColumns
from timeline_tui.core.matching import evaluate
from timeline_tui.core.query_syntax import ACTOR, WORD, And, Or, Term, parse_query
from timeline_tui.core.search import Haystacks, Positions, search_fold
from timeline_tui.core.timeline import Timeline


@dataclass(frozen=True, slots=True)
class Query:
    """What to show: events of any (or all) of the actors, matching every search term."""

    actors: frozenset[str] = frozenset()
    match_all: bool = False
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.actors and not self.text.strip()

    def toggled(self, actor_id: str) -> Query:
        return Query(self.actors ^ {actor_id}, self.match_all, self.text)


@dataclass(frozen=True, slots=True)
class SearchText:
    """What a search does to the view: the words to find and mark (folded), and the names of
    its `actor:` terms, which narrow the timeline like chosen actors (each ANDed, not left
    out, not in an OR); `query` is every other item, which marks its matches."""

    terms: tuple[str, ...] = ()
    actor_names: tuple[str, ...] = ()
    query: And = field(default_factory=And)


def parse_search(text: str, today: date | None = None) -> SearchText:
    """`ceasefire actor:merz "security guarantees"`: quoted phrases stay whole. Raises
    QueryError when the text does not parse (see core/query_syntax.py)."""
    return search_of(parse_query(text, today))


def search_of(query: And) -> SearchText:
    names, rest = [], []
    for item in query.items:
        if isinstance(item, Term) and item.field == ACTOR and not item.negated:
            names.append(item.value)
        else:
            rest.append(item)
    terms = [search_fold(t.value) for t in _terms(rest) if t.field == WORD and not t.negated]
    return SearchText(tuple(t for t in terms if t), tuple(names), And(tuple(rest)))


def _terms(items: Iterable[Term | Or]) -> Iterator[Term]:
    for item in items:
        yield from (item.terms if isinstance(item, Or) else (item,))


@dataclass
class Index:
    """Actor to events and the search haystacks, from the timeline's columns (assembly built
    them); groups' events and the last search's result are kept as they are asked for."""

    timeline: Timeline
    by_actor: Mapping[str, Sequence[int]] = field(default_factory=dict)
    haystacks: Haystacks = field(default_factory=Haystacks)
    _expanded: dict[str, array[int]] = field(default_factory=dict)  # groups only
    _last_terms: tuple[tuple[str, ...], Sequence[int]] | None = None
    marked: dict[str, Sequence[int]] = field(default_factory=dict)  # is:new, is:changed (sorted)
    annotated: Placed = NOT_PLACED  # stars, notes, analyst tags: is:star, has:note, tag:, words

    @classmethod
    def build(cls, timeline: Timeline) -> Index:
        """The index of a timeline: its columns were built by assembly, in one reading."""
        columns = timeline.columns
        return cls(timeline, columns.by_actor, columns.haystacks)

    @classmethod
    def prepared(cls, timeline: Timeline) -> Index:
        """An index with everything the first filter would otherwise build on the spot (the
        groups' events): for a loading thread to call."""
        index = cls.build(timeline)
        for actor in timeline.actors:
            index.count_of(actor.id)  # builds the groups' arrays
        return index

    def events_of(self, actor_id: str) -> frozenset[int]:
        """Positions of the events of an actor, its members and affiliates."""
        return frozenset(self.positions_of(actor_id))

    @cached_property
    def everything(self) -> Sequence[int]:
        """Every position, in order: what an empty query shows (one range, not a list a
        query: 100,000 numbers in a list are 3.6 MiB)."""
        return range(len(self.timeline.events))

    def positions_of(self, actor_id: str) -> Sequence[int]:
        """The same, ascending, without repeats: one actor's own list, or for a group the
        union of its members' lists, kept as a compact array (4 bytes a position, where a set
        of them would take ten times that: tens of MiB at 100,000 events)."""
        found = self._expanded.get(actor_id)
        if found is not None:
            return found
        lists = [self.by_actor[a] for a in self._holding_events.get(actor_id, ())]
        if len(lists) <= 1:
            return lists[0] if lists else ()  # each event lists an actor once (assembly)
        found = array("I", sorted({p for positions in lists for p in positions}))
        self._expanded[actor_id] = found
        return found

    @cached_property
    def _holding_events(self) -> dict[str, list[str]]:
        """For every actor, the actors with events in its expansion: found upward from each
        actor with events, so that it costs what the actors with events reach (asking each
        actor's whole expansion was quadratic in a long chain of groups)."""
        reached: dict[str, list[str]] = {}
        for actor_id in self.by_actor:
            for holder in self.timeline.actors.holders(actor_id):
                reached.setdefault(holder, []).append(actor_id)
        return reached

    def count_of(self, actor_id: str, within: set[int] | None = None) -> int:
        """How many of the actor's events (with members and affiliates) there are, among
        `within` if given."""
        mine = self.positions_of(actor_id)
        return len(mine) if within is None else sum(1 for p in mine if p in within)

    def matching_names(self, name: str) -> list[str]:
        """Actor ids for a name: exact id, name or alias, else any whose name contains it."""
        exact = self.timeline.actors.resolve(name)
        if exact is not None:
            return [exact]
        wanted = fold(name)
        return [
            actor.id
            for actor in self.timeline.actors
            if any(wanted in fold(n) for n in (actor.id, actor.name, *actor.aliases))
        ]

    @property
    def fields(self) -> FieldColumns:
        return self.timeline.columns.fields

    @cached_property
    def days(self) -> tuple[array[int], array[int]]:
        """The first and last day (ordinals) each event may fall on, by position."""
        keys = self.timeline.columns.keys
        spans = {key: days_of_key(key) for key in set(keys)}
        return array("I", [spans[k][0] for k in keys]), array("I", [spans[k][1] for k in keys])

    @cached_property
    def with_problems(self) -> Sequence[int]:
        """Positions of the events with a problem found while loading within their lines
        (from the line of their `[[events]]` to the next event's of the same file)."""
        found: set[int] = set()
        lines = self.fields.lines
        for path, diagnostics in _by_path(self.timeline.diagnostics).items():
            positions = sorted(self.fields.files.get(path, ()), key=lines.__getitem__)
            starts = [lines[p] for p in positions]
            for line in diagnostics:
                at = bisect_right(starts, line) - 1
                if at >= 0:
                    found.add(positions[at])
        return Positions(sorted(found))

    def annotate(self, placed: Placed) -> None:
        """Answer from these stars and notes from now on (the main screen hands them over
        whenever the timeline or the notes change; the CLI once)."""
        self.annotated, self._last_terms = placed, None

    def holding_all(self, pool: Sequence[int], terms: Sequence[str]) -> Sequence[int]:
        """The positions of pool (ascending) whose haystack, or analyst's note, holds every
        (folded) term."""
        return _holding_all(pool, terms, self.haystacks, self.annotated)

    def search(self, term: str) -> Sequence[int]:
        """Positions whose haystack holds the term (see `matching`)."""
        return self.matching((term,))

    def matching(self, terms: Sequence[str]) -> Sequence[int]:
        """Positions whose haystack holds every term, in order (do not change the list).

        While typing on (each term the same or longer, maybe a new one after them) only the
        last result is looked through: every event holding the new terms held the old ones.
        """
        terms = tuple(terms)
        if not terms:
            return self.everything
        last = self._last_terms
        if last is not None and _narrows(last[0], terms):
            old, pool = last
            new = [term for i, term in enumerate(terms) if i >= len(old) or term != old[i]]
            found = _holding_all(pool, new, self.haystacks, self.annotated) if new else pool
        else:
            found = _holding_all(self.everything, terms, self.haystacks, self.annotated)
        self._last_terms = (terms, found)
        return found


class SortedPositions(Sequence[int]):
    """Event positions in increasing order, asked about by bisection: at 100,000 events a
    set of them would cost more to build on each keystroke than every question asked of it."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[int] = ()) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self.items[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self.items)

    def __contains__(self, position: object) -> bool:
        if not isinstance(position, int):
            return False
        at = bisect_left(self.items, position)
        return at < len(self.items) and self.items[at] == position

    def count_in(self, other: SortedPositions) -> int:
        """How many positions the two have in common."""
        small, large = (self, other) if len(self) <= len(other) else (other, self)
        return sum(1 for position in small if position in large)

    def next_in(self, shown: SortedPositions, after: int, step: int) -> int | None:
        """The first position past `after` (going up for step > 0, else down) in both this and
        `shown`, wrapping around the end; None when there is none. Walks the shorter of the two."""
        walked, other = (self, shown) if len(self) <= len(shown) else (shown, self)
        return next((p for p in walked._from(after, step) if p in other), None)

    def _from(self, after: int, step: int) -> Iterator[int]:
        """Every position once, starting past `after` in the direction of step, wrapping."""
        items, count = self.items, len(self.items)
        if step > 0:
            at = bisect_right(items, after)
            return (items[i % count] for i in range(at, at + count))
        at = bisect_left(items, after) - 1
        return (items[i % count] for i in range(at, at - count, -1))


def apply(query: Query, index: Index) -> Sequence[int]:
    """Positions (into timeline.events, in time order) of the events the query shows (do not
    change the list: it may be the index's own). Raises QueryError for text that does not
    parse."""
    return within(evaluate(parse_query(query.text), index).positions, query, index)


def within(found: Sequence[int], query: Query, index: Index) -> Sequence[int]:
    """The positions found that the query's chosen actors leave."""
    selected = _actor_selection(query, index)
    if selected is None:
        return found
    return Positions(p for p in found if p in selected)


def _by_path(diagnostics: Iterable[Diagnostic]) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    for diagnostic in diagnostics:
        lines.setdefault(diagnostic.path, []).append(diagnostic.line)
    return lines


def _narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether every event holding the new terms holds the old ones too."""
    return len(new) >= len(old) and all(n.startswith(o) for o, n in zip(old, new, strict=False))


def _holding_all(
    pool: Sequence[int], terms: Sequence[str], haystacks: Haystacks, noted: Placed = NOT_PLACED
) -> Sequence[int]:
    """The positions of `pool` (ascending) whose haystack (or analyst's note) holds every
    term. A pool of most events is narrowed by scanning for the term and keeping the hits in
    the pool."""
    for term in terms:
        in_notes = noted.holding(term) if noted.texts else []
        kept = SortedPositions(pool) if in_notes or len(pool) < len(haystacks) else None
        if len(pool) > len(haystacks) // 2:
            hits = haystacks.holding(term)
            if kept is not None and len(pool) < len(haystacks):
                hits = Positions(p for p in hits if p in kept)
        else:
            hits = haystacks.holding(term, pool)
        if in_notes and kept is not None:
            hits = Positions(sorted({*hits, *(p for p in in_notes if p in kept)}))
        pool = hits
    return pool


def _actor_selection(query: Query, index: Index) -> set[int] | None:
    if not query.actors:
        return None
    lists = [index.positions_of(actor_id) for actor_id in query.actors]
    if query.match_all:
        return set(lists[0]).intersection(*lists[1:])
    return set().union(*lists)


def actor_counts(index: Index, positions: Sequence[int] | None = None) -> dict[str, int]:
    """For every actor, how many events it (with members) has among positions (or all)."""
    within = None if positions is None else set(positions)
    return {actor.id: index.count_of(actor.id, within) for actor in index.timeline.actors}
