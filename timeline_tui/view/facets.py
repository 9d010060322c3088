"""The side pane's facets: actors (the actor filter), tags, places, statuses and sources,
each value with the count of events the other filters leave, and choosing one as a term.

A facet's counts are taken among the events that the chosen actors, the context and every
term of the query but the facet's own leave (so the counts say what choosing a value would
show), from the index's columns: a byte a position marks the pool, and each value's list is
counted against it in C (`sum(map(marks.__getitem__, ...))`), about the number of tag
occurrences in steps: a few ms at 100,000 events (`python -m benchmarks.probe engine`).
Choosing a value adds `tag:"x"` to the search text (a term the box shows) and choosing it
again takes it out. Tags and places are listed folded, as the query compares them.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat

from timeline_tui.core import query_syntax as syntax
from timeline_tui.core.matching import evaluate
from timeline_tui.core.model import STATUSES
from timeline_tui.core.query import Index, Query, SortedPositions, within
from timeline_tui.core.query_syntax import And, QueryError, Term, parse_query
from timeline_tui.core.search import Positions, search_fold
from timeline_tui.view.completion import quoted
from timeline_tui.view.state import View, ViewState, in_context

FACETS = (
    (syntax.ACTOR, "Actors"),
    (syntax.TAG, "Tags"),
    (syntax.PLACE, "Places"),
    (syntax.STATUS, "Statuses"),
    (syntax.SOURCE, "Sources"),
)
_TOKEN = re.compile(r'(?:[^\s"]*"[^"]*"?)+|[^\s"]+')  # as the parser splits (quotes held)


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet: as the query writes it, its count, and whether it is chosen."""

    value: str
    count: int
    chosen: bool = False


def facet_title(field: str) -> str:
    return dict(FACETS)[field]


def next_facet(field: str, step: int) -> str:
    """The facet after (step 1) or before (-1) this one, wrapping around."""
    names = [name for name, _ in FACETS]
    return names[(names.index(field) + step) % len(names)]


def chosen_values(text: str, field: str) -> set[str]:
    """The (folded) values of the text's terms of this field (not left out, not in an OR)."""
    return {search_fold(term.value) for term in _own_terms(_parsed(text), field)}


def toggled_term(text: str, field: str, value: str) -> str:
    """The search text with the term `field:value` taken out if it is there, else added."""
    wanted = search_fold(value)
    for term in _own_terms(_parsed(text), field):
        if search_fold(term.value) == wanted:
            return _without_token_at(text, term.column - 1)
    added = f"{field}:{quoted(value)}"
    return f"{text.rstrip()} {added}" if text.strip() else added


def facet_values(
    state: ViewState, index: Index, field: str, view: View | None = None
) -> list[FacetValue]:
    """The facet's values that the other filters leave events of (and the chosen ones), the
    most events first; `view`, the state's View if computed, saves searching again."""
    chosen = chosen_values(state.search_text, field)
    counts = value_counts(index, field, facet_pool(state, index, field, view))
    found = [
        FacetValue(value, count, search_fold(value) in chosen)
        for value, count in counts.items()
        if count or search_fold(value) in chosen
    ]
    return sorted(found, key=lambda v: (not v.chosen, -v.count, v.value))


def facet_pool(
    state: ViewState, index: Index, field: str, view: View | None = None
) -> Sequence[int]:
    """The events the chosen actors, the context and the query less this field's own terms
    leave (a query that does not parse counts as none). With no terms of its own, that is
    the View's events and matches (when given): no second search."""
    query = _parsed(state.search_text)
    others = And(tuple(item for item in query.items if not _is_own(item, field)))
    if view is not None and view.error is None and len(others.items) == len(query.items):
        return _shown_matches(state, view)
    pool = evaluate(others, index).positions if others.items else index.everything
    pool = within(pool, Query(state.selected, state.match_all), index)
    if state.context_id is not None:
        pool = in_context(pool, index.timeline, state.context_id, state.context_width)
    return pool


def value_counts(index: Index, field: str, pool: Sequence[int]) -> dict[str, int]:
    """Each value of the field, with how many events of the pool have it."""
    fields = index.fields
    if field == syntax.STATUS:
        statuses = fields.statuses
        if len(pool) != len(index.everything):
            statuses = bytes(map(statuses.__getitem__, pool))
        return {status: statuses.count(code) for code, status in enumerate(STATUSES)}
    lists: Mapping[str, Sequence[int]] = {
        syntax.TAG: fields.tags, syntax.PLACE: fields.places, syntax.SOURCE: fields.sources
    }[field]  # fmt: skip
    if len(pool) == len(index.everything):
        return {value: len(positions) for value, positions in lists.items()}
    marks = bytearray(len(index.everything))
    deque(map(marks.__setitem__, pool, repeat(1)), maxlen=0)  # in C
    return {value: sum(map(marks.__getitem__, positions)) for value, positions in lists.items()}


def _shown_matches(state: ViewState, view: View) -> Sequence[int]:
    """What the View shows, less what does not match (narrowing may have done it)."""
    if not view.searched or state.narrow:
        return view.positions
    shown = SortedPositions(view.positions)
    return Positions(p for p in view.matches if p in shown)


def _parsed(text: str) -> And:
    try:
        return parse_query(text)
    except QueryError:
        return And()


def _is_own(item: Term | object, field: str) -> bool:
    return isinstance(item, Term) and item.field == field and not item.negated


def _own_terms(query: And, field: str) -> list[Term]:
    return [item for item in query.items if isinstance(item, Term) and _is_own(item, field)]


def _without_token_at(text: str, start: int) -> str:
    """The text less the token starting at `start` and the spaces before it."""
    match = _TOKEN.match(text, start)
    end = match.end() if match else start
    head = text[:start].rstrip()
    tail = text[end:].lstrip()
    return f"{head} {tail}" if head and tail else head or tail
