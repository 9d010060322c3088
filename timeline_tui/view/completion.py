"""Completion in the search box: the term at the cursor -> field names, or a field's values
with their counts (actor names and aliases, tags, places, statuses, sources, is:/has:).

The values and counts are a Catalogue made once a load from the index's columns (a length a
value: no event is decoded), so that a list is a scan of one field's values, folded as search
folds them, prefix matches first and then the values holding the text: about 1 ms at 100,000
events (`python -m benchmarks.probe completion`). A value with a space is quoted
(`tag:"security guarantees"`); one holding a double quote cannot be written in the query
language and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from itertools import islice

from timeline_tui.core import query_syntax as syntax
from timeline_tui.core.model import STATUSES
from timeline_tui.core.query import Index
from timeline_tui.core.search import search_fold

MAX_CANDIDATES = 8
VALUED = (syntax.ACTOR, syntax.TAG, syntax.PLACE, syntax.STATUS, syntax.SOURCE, *syntax.CHOICES)
_TOKEN = re.compile(r'(?:[^\s"]*"[^"]*"?)+|[^\s"]+')  # as the parser splits (quotes held)
_FIELD = re.compile(r"(-?)([A-Za-z]+):(.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Value:
    """One value a field may take: as written in a term, how it is listed, its count."""

    text: str
    label: str
    count: int
    folded: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One line of the list: what it shows, the term it puts in the box, and how many events
    have it (None for a field name)."""

    label: str
    text: str
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Completion:
    """What to offer for the term at the cursor: the text it replaces (start, end) and the
    candidates, best first (none: nothing to offer, the list is hidden)."""

    start: int = 0
    end: int = 0
    candidates: tuple[Candidate, ...] = ()

    def applied(self, text: str, candidate: Candidate) -> tuple[str, int]:
        """The box's text with the term replaced by the candidate's, and the cursor after it
        (a space follows a value; a field name waits for its value)."""
        insert = candidate.text
        rest = text[self.end :]
        if candidate.count is not None and not rest.startswith(" "):
            insert += " "
        elif candidate.count is not None:
            return text[: self.start] + insert + rest, self.start + len(insert) + 1
        return text[: self.start] + insert + rest, self.start + len(insert)


NOTHING = Completion()


@dataclass(frozen=True)
class Catalogue:
    """Every field's values with their counts in the whole timeline, most events first."""

    values: dict[str, tuple[Value, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, index: Index) -> Catalogue:
        fields = index.fields
        values = {
            syntax.ACTOR: _ranked(_actor_values(index)),
            syntax.TAG: _ranked(_listed(fields.tags)),
            syntax.PLACE: _ranked(_listed(fields.places)),
            syntax.SOURCE: _ranked(_listed(fields.sources)),
            syntax.STATUS: _ranked(
                Value(s, s, fields.statuses.count(code)) for code, s in enumerate(STATUSES)
            ),
        }
        for name, choices in syntax.CHOICES.items():
            values.setdefault(name, _ranked(_choice_values(name, choices, index)))
        return cls(values)


def _ranked(values: Iterable[Value]) -> tuple[Value, ...]:
    """Values folded for matching (what is written, not how an alias is listed), one per
    folded form, the most events first, a name before an alias."""
    kept: dict[str, Value] = {}
    for value in values:
        if '"' in value.text or not value.text.strip():
            continue
        folded = search_fold(value.text)
        if folded not in kept or kept[folded].count < value.count:
            kept[folded] = Value(value.text, value.label, value.count, folded)
    return tuple(sorted(kept.values(), key=lambda v: (-v.count, v.label != v.text, v.folded)))


def _listed(lists: Mapping[str, Sized]) -> Iterator[Value]:
    for value, positions in lists.items():
        yield Value(value, value, len(positions))


def _actor_values(index: Index) -> Iterator[Value]:
    """Every actor's name, and each alias (listed as `alias → name`), with its events'
    count (members and affiliates included, as actor: finds them)."""
    for actor in index.timeline.actors:
        count = len(index.positions_of(actor.id))
        yield Value(actor.name, actor.name, count)
        for alias in actor.aliases:
            yield Value(alias, f"{alias} → {actor.name}", count)


def _choice_values(name: str, choices: tuple[str, ...], index: Index) -> Iterator[Value]:
    """is:/has: values, counted where the index knows them (is:new, is:stale, has:quote)."""
    fields = index.fields
    known = {"stale": fields.stale, "quote": fields.quoted, **index.marked}
    for choice in choices:
        yield Value(choice, choice, len(known.get(choice, ())))


def complete(text: str, cursor: int, catalogue: Catalogue) -> Completion:
    """What to offer for the term the cursor is at the end of (nothing in a term's middle,
    after a space, or for a term that is not a field being named or given a value)."""
    term = _term_at(text, cursor)
    if term is None:
        return NOTHING
    start, typed = term
    named = _FIELD.fullmatch(typed)
    if named is None:
        return _field_names(start, cursor, typed)
    sign, name, value = named[1], named[2].lower(), named[3]
    if name not in VALUED:
        return NOTHING
    wanted = search_fold(value.strip('"'))
    found = _matching(catalogue.values.get(name, ()), wanted)
    prefix = f"{sign}{name}:"
    candidates = tuple(Candidate(v.label, prefix + quoted(v.text), v.count) for v in found)
    if len(candidates) == 1 and candidates[0].text == typed:
        return NOTHING  # typed in full already
    return Completion(start, cursor, candidates)


def _term_at(text: str, cursor: int) -> tuple[int, str] | None:
    """The start and text of the term that ends at the cursor, if the cursor ends one."""
    if cursor <= 0 or cursor > len(text) or (cursor < len(text) and not text[cursor].isspace()):
        return None
    for match in _TOKEN.finditer(text, 0, cursor):
        if match.end() == cursor:
            return match.start(), match[0]
    return None


def _field_names(start: int, cursor: int, typed: str) -> Completion:
    sign = "-" if typed.startswith("-") else ""
    word = typed[len(sign) :].lower()
    if not word or '"' in word:
        return NOTHING
    names = [name for name in syntax.FIELDS if name.startswith(word)]
    candidates = tuple(Candidate(f"{sign}{n}:", f"{sign}{n}:") for n in names)
    return Completion(start, cursor, candidates)


def _matching(values: tuple[Value, ...], wanted: str) -> list[Value]:
    """The values with a word starting with the text, then those holding it elsewhere (each
    list most events first), at most MAX_CANDIDATES."""
    if not wanted:
        return list(values[:MAX_CANDIDATES])
    spaced = " " + wanted
    first = (v for v in values if v.folded.startswith(wanted) or spaced in v.folded)
    found = list(islice(first, MAX_CANDIDATES))
    if len(found) < MAX_CANDIDATES:
        taken = set(found)
        more = (v for v in values if wanted in v.folded and v not in taken)
        found.extend(islice(more, MAX_CANDIDATES - len(found)))
    return found


def quoted(value: str) -> str:
    """A value as a term writes it: in double quotes when it has a space."""
    return f'"{value}"' if any(c.isspace() for c in value) else value
