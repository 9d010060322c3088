"""Which events a parsed query (core/query_syntax.py) matches, from the index's columns.

Every term narrows a pool of positions (ascending), starting from every event: the terms
that pick the fewest events go first, then the words (searched only in what is left, or by
one scan of the texts when most events are left), then what costs a scan of its own (an OR
of words, a word left out). The loops run in C (`compress` over a
`map` of a column), so a query of three fields and a word at 100,000 events takes a few
milliseconds (`make bench`). Stars, analyst notes and tags come from `Index.annotated`
(core/annotation.py); a field with no data behind it yet (is:new on the command line)
matches nothing and says so in a note.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from itertools import compress, repeat
from typing import TYPE_CHECKING

from timeline_tui.core import query_syntax as syntax
from timeline_tui.core.fields import status_code
from timeline_tui.core.query_syntax import And, Or, Term
from timeline_tui.core.search import Positions, search_fold

if TYPE_CHECKING:
    from timeline_tui.core.query import Index

NOT_YET = {
    "new": "nothing is marked new yet",
    "changed": "nothing is marked changed yet",
}  # is:/has: values with no data behind them yet: they match nothing
NONE_YET = {"star": "no stars yet", "note": "no analyst notes yet"}  # until annotated


@dataclass(frozen=True)
class Found:
    """The positions a query matches (ascending) and what it has to say about its terms."""

    positions: Sequence[int]
    notes: tuple[str, ...] = ()


Test = Callable[[Sequence[int]], Iterable[object]]  # a pool -> a truth for each of its positions


@dataclass
class _Step:
    """One term made ready: how many events it may pick (to order the steps) and the test."""

    size: int
    test: Test
    negated: bool = False

    def keep(self, pool: Sequence[int]) -> Positions:
        truths = self.test(pool)
        if self.negated:
            truths = map(operator.not_, truths)
        return Positions(compress(pool, truths))


def evaluate(query: And, index: Index) -> Found:
    """The positions of the events matching every item of the query."""
    notes: list[str] = []
    steps, words = [], []
    for item in query.items:
        if isinstance(item, Term) and item.field == syntax.WORD and not item.negated:
            if search_fold(item.value):
                words.append(search_fold(item.value))
        else:
            steps.append(_step(item, index, notes))
    if not steps:
        return Found(index.matching(words), tuple(notes))
    pool: Sequence[int] = index.everything
    total = len(pool)
    for step in sorted(steps, key=lambda step: step.size):
        if words and step.size >= total:  # the words narrow more than what is left to do
            pool, words = index.holding_all(pool, words), []
        if not pool:
            break
        pool = step.keep(pool)
    if words and pool:
        pool = index.holding_all(pool, words)
    return Found(pool, tuple(notes))


def _step(item: Term | Or, index: Index, notes: list[str]) -> _Step:
    if isinstance(item, Or):
        alternatives = [_step(term, index, notes) for term in item.terms]
        return _Step(sum(step.size for step in alternatives), _any_of(alternatives, index))
    step = _positive(item, index, notes)
    step.negated = item.negated
    if item.negated:
        step.size = len(index.everything) - step.size
    return step


def _any_of(steps: list[_Step], index: Index) -> Test:
    def test(pool: Sequence[int]) -> Iterable[object]:
        marks = bytearray(len(index.everything))
        for step in steps:
            _mark(marks, step.keep(pool))
        return map(marks.__getitem__, pool)

    return test


def _positive(term: Term, index: Index, notes: list[str]) -> _Step:
    """The step of a term as if it were not negated."""
    field, value, fields = term.field, term.value, index.fields
    if field == syntax.WORD:
        return _word(search_fold(value), index)
    if field == syntax.STATUS:
        code = status_code(value)
        truths: Test = lambda pool: map(code.__eq__, _column(fields.statuses, pool))  # noqa: E731
        return _Step(fields.statuses.count(code), truths)
    if field in syntax.DATE_FIELDS:
        return _Step(len(index.everything) // 2, _dates(term, index))
    if field in syntax.COUNT_FIELDS:
        return _counted(field, value, index)
    lists = _lists(term, index, notes)
    return _Step(sum(map(len, lists)), _in_lists(lists, index))


def _lists(term: Term, index: Index, notes: list[str]) -> list[Sequence[int]]:
    """The position lists of the events a term of a listed field picks."""
    field, value, fields = term.field, term.value, index.fields
    if field == syntax.ACTOR:
        return [index.positions_of(actor_id) for actor_id in index.matching_names(value)]
    if field == syntax.TAG:  # the record's tags and the analyst's
        tags = [*fields.tags.items(), *index.annotated.tags.items()]  # both folded
        return _named(tags, search_fold(value))
    if field == syntax.PLACE:
        wanted = search_fold(value)
        return [found for place, found in fields.places.items() if wanted in place]
    if field == syntax.SOURCE:
        return _named(fields.sources.items(), search_fold(value), search_fold)
    if field == syntax.FILE:
        return [found for path, found in fields.files.items() if _file_matches(path, value)]
    if value in NONE_YET:  # is:star, has:note
        found = index.annotated.starred if value == "star" else index.annotated.noted
        if not found:
            notes.append(f"{field}:{value}: {NONE_YET[value]}")
        return [found]
    if value in index.marked:  # what the app knows is new or changed since the last look
        return [index.marked[value]]
    if value in NOT_YET:
        notes.append(f"{field}:{value}: {NOT_YET[value]}")
        return []
    if value == "stale":
        return [fields.stale]
    if value == "quote":
        return [fields.quoted]
    if value == "conflict":
        return [fields.contested]
    return [index.with_problems]  # has:problem


def _named(
    lists: Iterable[tuple[str, Sequence[int]]], wanted: str, fold: Callable[[str], str] = str
) -> list[Sequence[int]]:
    """The lists of the values that are the one wanted, else of every value that holds it."""
    lists = list(lists)
    exact = [found for value, found in lists if fold(value) == wanted]
    return exact or [found for value, found in lists if wanted in fold(value)]


def _file_matches(path: str, pattern: str) -> bool:
    """Whether a file's path, its name, or the end of its path matches a glob, in any case."""
    path, pattern = path.lower(), pattern.lower()
    name = path.rsplit("/", 1)[-1]
    return any(fnmatchcase(text, p) for text in (path, name) for p in (pattern, "*/" + pattern))


def _column(column: Sequence[int], pool: Sequence[int]) -> Iterable[int]:
    return (
        column
        if isinstance(pool, range) and len(pool) == len(column)
        else map(column.__getitem__, pool)
    )


def _in_lists(lists: list[Sequence[int]], index: Index) -> Test:
    def test(pool: Sequence[int]) -> Iterable[object]:
        marks = bytearray(len(index.everything))
        for found in lists:
            _mark(marks, found)
        return _column(marks, pool)

    return test


def _mark(marks: bytearray, positions: Sequence[int]) -> None:
    """Set marks[p] to 1 for each position, in C."""
    deque(map(marks.__setitem__, positions, repeat(1)), maxlen=0)


def _word(word: str, index: Index) -> _Step:
    def test(pool: Sequence[int]) -> Iterable[object]:
        marks = bytearray(len(index.everything))
        _mark(marks, index.holding_all(pool, [word]) if word else pool)
        return _column(marks, pool)

    return _Step(len(index.everything), test)


def _counted(field: str, value: str, index: Index) -> _Step:
    """The step of `sources:>=2` or `publishers:1`: a byte an event, looked up in a table of
    the counts wanted (whole columns go through `bytes.translate`, in C)."""
    column = index.fields.cited if field == syntax.SOURCES else index.fields.independent
    low, high = syntax.count_range(value)
    table = bytes(1 if low <= count <= high else 0 for count in range(256))
    truths = column.translate(table)
    return _Step(truths.count(1), lambda pool: _column(truths, pool))


def _dates(term: Term, index: Index) -> Test:
    """The test of a date term: may the event fall on (after, before) the date's days?"""
    first, last = term.days or (0, 0)
    firsts, lasts = index.days

    def test(pool: Sequence[int]) -> Iterable[object]:
        if term.field == syntax.AFTER:
            return map(first.__le__, _column(lasts, pool))
        if term.field == syntax.BEFORE:
            return map(first.__gt__, _column(firsts, pool))
        starts, ends = _column(firsts, pool), _column(lasts, pool)
        return map(operator.and_, map(last.__ge__, starts), map(first.__le__, ends))

    return test
