"""Assembly: parsed files to one Timeline, resolving names, ids and quotes across files."""

from __future__ import annotations

import dataclasses
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence

from timeline_tui.core.actors import ActorRegistry, fold
from timeline_tui.core.columns import Columns, days_of_key, id_key
from timeline_tui.core.diagnostics import Diagnostic, error, sort_key, warning
from timeline_tui.core.model import Actor, Event, Source
from timeline_tui.core.provenance import (
    QuoteChecks,
    QuoteTally,
    independent_count,
    last_day,
    missing_numbers,
    numbers_in,
)  # fmt: skip
from timeline_tui.core.timeline import Timeline
from timeline_tui.records.parse import ParsedFile
from timeline_tui.storage.column_builder import ColumnBuilder
from timeline_tui.storage.digest import Facts
from timeline_tui.storage.event_store import EventStore
from timeline_tui.storage.packing import PackedEvents


@dataclasses.dataclass(frozen=True, slots=True)
class Unread:
    """Why a source document was not read (its quotes are then not checked): what follows
    "source document PATH", as `is outside the folders opened`."""

    reason: str


DocumentReader = Callable[[str], "str | Unread | None"]  # None: cannot be read, no reason

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


def fold_quote(text: str) -> str:
    """Whitespace runs to one space, curly quote marks to straight ones."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


class _Assembler:
    def __init__(self, read_document: DocumentReader) -> None:
        self.registry = ActorRegistry()
        self.sources: dict[str, Source] = {}
        self.diagnostics: list[Diagnostic] = []
        self.read_document = read_document
        self.documents: dict[str, str | None] = {}
        self.names: dict[str, str] = {}  # fold(name) -> id, as first resolved (the store reads it)
        self.numbers: dict[str, set[str]] = {}  # document -> the numbers it holds
        self.tallies: dict[str, list[int]] = {}  # source id -> found, not found, unchecked
        self.not_found: set[tuple[str, int, str]] = set()  # quotes not in their documents
        self.dates: dict[str, int | None] = {}  # source id -> the last day its date covers

    def quote_checks(self) -> QuoteChecks:
        unread = frozenset(path for path, text in self.documents.items() if text is None)
        tallies = {source: QuoteTally(*counts) for source, counts in self.tallies.items()}
        return QuoteChecks(unread, frozenset(self.not_found), tallies)

    def warn(self, path: str, line: int, message: str, event_line: int = 0) -> None:
        self.diagnostics.append(warning(path, line, 1, message, event_line))

    def error(self, path: str, line: int, message: str, event_line: int = 0) -> None:
        self.diagnostics.append(error(path, line, 1, message, event_line))

    def resolve(self, name: str, path: str, line: int, what: object, event_line: int = 0) -> str:
        """The id a name stands for; an actor of its own (and a warning) for a name no actor
        has. A name means the same actor wherever it is used, even if an actor added later
        (from another unknown name) would claim it."""
        key = fold(name)
        actor_id = self.names.get(key)
        if actor_id is not None:
            return actor_id
        actor_id = self.registry.resolve(name)
        if actor_id is None:
            actor_id = self.registry.add_implicit(name)
            message = f"unknown actor {name!r} in {what}; added as an actor of its own"
            self.warn(path, line, message, event_line)
        self.names[key] = actor_id
        return actor_id


def assemble(files: Iterable[ParsedFile], read_document: DocumentReader) -> Timeline:
    """One Timeline from parsed files, in the order given (the first of two duplicates wins)."""
    files = list(files)
    work = _Assembler(read_document)
    for parsed in files:
        work.diagnostics.extend(parsed.diagnostics)
    _register_actors([a for f in files for a in f.actors], work)
    _report_cycles(work)
    _register_sources([s for f in files for s in f.sources], work)
    packs = [_packed(f.events) for f in files]
    columns = _resolve_events(files, packs, work)
    return Timeline(
        events=EventStore(packs, work.names, columns),
        actors=work.registry,
        sources=work.sources,
        diagnostics=tuple(sorted(work.diagnostics, key=sort_key)),
        files=tuple(f.path for f in files if f.path),  # "" holds problems finding files
        quote_checks=work.quote_checks(),
    )


def _packed(events: Sequence[Event]) -> PackedEvents:
    return events if isinstance(events, PackedEvents) else PackedEvents.pack(events)


def _register_actors(actors: list[Actor], work: _Assembler) -> None:
    kept: list[Actor] = []
    for actor in actors:
        if actor.id in work.registry:
            first = work.registry[actor.id]
            message = f"duplicate actor id {actor.id!r}; first defined at {first.file}:{first.line}"
            work.error(actor.file, actor.line, message)
            continue
        work.registry.add(actor)
        kept.append(actor)
    for actor in kept:
        affiliations = _resolved(actor.affiliations, "affiliations", actor, work)
        members = _resolved(actor.members, "members", actor, work)
        if affiliations != actor.affiliations or members != actor.members:
            work.registry.add(
                dataclasses.replace(actor, affiliations=affiliations, members=members)
            )


def _report_cycles(work: _Assembler) -> None:
    """A warning for each loop of members and affiliations, at the record that closes it
    (expanding any actor on it still ends: each holds all the others)."""
    for cycle in work.registry.cycles():
        names = " > ".join(repr(actor_id) for actor_id in (*cycle.ids, cycle.ids[0]))
        if cycle.length > len(cycle.ids):
            names = " > ".join(repr(a) for a in cycle.ids) + f" > ... ({cycle.length} actors)"
        record = cycle.closed_by
        work.warn(
            record.file, record.line, f"actors in a loop of members and affiliations: {names}"
        )


def _resolved(names: tuple[str, ...], what: str, actor: Actor, work: _Assembler) -> tuple[str, ...]:
    """An actor's affiliations or members, as the ids their names stand for."""
    return tuple(work.resolve(n, actor.file, actor.line, f"{what} of {actor.id!r}") for n in names)


def _register_sources(sources: list[Source], work: _Assembler) -> None:
    for source in sources:
        first = work.sources.get(source.id)
        if first is not None:
            message = (
                f"duplicate source id {source.id!r}; first defined at {first.file}:{first.line}"
            )
            work.error(source.file, source.line, message)
        else:
            work.sources[source.id] = source


def _resolve_events(
    files: list[ParsedFile], packs: list[PackedEvents], work: _Assembler
) -> Columns:
    """Every event read once, in file order, from the files' digests: duplicates left out,
    names resolved, quotes checked; what filtering and search need of each goes to the
    columns."""
    ids = array("Q")
    for pack in packs:
        ids.extend(pack.ids)
    known = array("Q", sorted(ids))
    left_out = _duplicates(ids, known, packs, work)
    builder = ColumnBuilder(work.registry.name, lambda ids: independent_count(ids, work.sources))
    ranks = _ranks([f.path for f in files])
    slot = 0
    for rank, pack in zip(ranks, packs, strict=True):
        digest = pack.digest
        for index, facts in enumerate(digest.facts_list()):
            if slot in left_out:
                builder.skip()
            else:
                line = digest.lines[index]
                builder.add(digest, index, rank, _resolve_event(facts, line, work), facts)
                _check_related(facts, line, known, work)
                _check_source_dates(facts, line, digest.groups[index], work)
            slot += 1
    return builder.finish(ids, [pack.texts for pack in packs], _IdReader(packs))


def _duplicates(
    ids: array[int], known: array[int], packs: list[PackedEvents], work: _Assembler
) -> set[int]:
    """The slots of events whose id an earlier event has (each reported). Only the files
    holding a fingerprint that repeats (`known`: every fingerprint, sorted) have their facts
    read, once each, to tell a duplicate from a (very rare) collision."""
    repeated = {a for a, b in zip(known, known[1:], strict=False) if a == b}
    left_out: set[int] = set()
    if not repeated:
        return left_out
    first: dict[str, tuple[int, str, int]] = {}  # id -> the slot, file and line of its first
    slot = 0
    for pack in packs:
        keys = pack.ids
        if not any(key in repeated for key in keys):
            slot += len(pack)
            continue
        lines = pack.digest.lines
        for index, facts in enumerate(pack.digest.facts_list()):
            if keys[index] in repeated:
                event_id, file = facts[0], facts[1]
                earlier, was_file, was_line = first.setdefault(event_id, (slot, file, lines[index]))
                if earlier != slot:
                    problem = _duplicate(event_id, was_file, was_line)
                    work.error(file, lines[index], problem, lines[index])
                    left_out.add(slot)
            slot += 1
    return left_out


def _check_related(facts: Facts, line: int, known: array[int], work: _Assembler) -> None:
    """Warn of related and conflicting ids no event has, and of a record said to conflict
    with itself. By fingerprint only: a missing id whose 64 bits equal a loaded id's (about
    one chance in 10^14 at 100,000 events) goes unreported."""
    for what, ids in (("related event", facts[5]), ("conflicting record", facts[10])):
        for other_id in ids:
            key = id_key(other_id)
            at = bisect_left(known, key)
            if at == len(known) or known[at] != key:
                work.warn(facts[1], line, f"{what} {other_id!r} is not loaded", line)
    if facts[0] in facts[10]:
        work.warn(facts[1], line, f"event {facts[0]!r} lists itself in its conflicts", line)


_PAST = ("occurred", "reported")  # statuses of what a source reports as having happened


def _check_source_dates(facts: Facts, line: int, key: int, work: _Assembler) -> None:
    """Warn when an event said to have happened cannot have happened by the date of a source
    citing it: its earliest possible day is after the last day the source's date covers (a
    scheduled or cancelled event may be reported before its day)."""
    if facts[6] not in _PAST:
        return
    dated = [(s, day) for s in facts[4] if (day := _source_day(s, work)) is not None]
    if not dated:
        return
    first, last = days_of_key(key)
    for source_id, source_day in dated:
        if first > source_day and first <= last:  # first > last: the date is unreadable
            source = work.sources[source_id]
            message = (
                f"source {source_id!r} is dated {source.date}, before event {facts[0]!r}"
                f" could have happened (status {facts[6]!r}): it cannot report it"
            )
            work.warn(facts[1], line, message, line)


def _source_day(source_id: str, work: _Assembler) -> int | None:
    if source_id not in work.dates:
        source = work.sources.get(source_id)
        work.dates[source_id] = last_day(source.date) if source is not None else None
    return work.dates[source_id]


class _IdReader:
    """The id of the event in a slot, from its file's facts (read once a file)."""

    def __init__(self, packs: list[PackedEvents]) -> None:
        self.packs, self.starts = packs, [0]
        for pack in packs:
            self.starts.append(self.starts[-1] + len(pack))
        self.facts: dict[int, list[Facts]] = {}

    def __call__(self, slot: int) -> str:
        file = bisect_right(self.starts, slot) - 1
        facts = self.facts.get(file)
        if facts is None:
            facts = self.facts[file] = self.packs[file].digest.facts_list()
        return facts[slot - self.starts[file]][0]


def _duplicate(event_id: str, file: str, line: int) -> str:
    where = f"{file}:{line}"
    return f"duplicate event id {event_id!r}; first defined at {where}; this one is left out"


def _ranks(paths: list[str]) -> list[int]:
    """Each path's place among them sorted (events at the same instant sort by file, line)."""
    ranks = [0] * len(paths)
    for rank, index in enumerate(sorted(range(len(paths)), key=paths.__getitem__)):
        ranks[index] = rank
    return ranks


def _resolve_event(facts: Facts, line: int, work: _Assembler) -> tuple[str, ...]:
    """The ids of an event's actors, then of its quotes' speakers, each once (as
    store.resolved gives when the event is read), with warnings for names nobody has,
    unknown sources and quotes not in their documents; from its facts, not the event."""
    event_id, file, names, quotes, sources = facts[:5]
    where = f"event {event_id!r}"
    actors = [work.resolve(name, file, line, where, line) for name in names]
    for speaker, quote_line, source, text in quotes:
        if speaker:
            quoted = f"a quote in {event_id!r}"
            actors.append(work.resolve(speaker, file, quote_line, quoted, line))
        _check_quote(text, source, file, (quote_line, line), work)
        if source and source not in work.sources and source not in sources:
            work.warn(file, quote_line, f"unknown source {source!r} of a quote in {where}", line)
    for source_id in sources:
        if source_id not in work.sources:
            work.warn(file, line, f"unknown source {source_id!r} in {where}", line)
    return tuple(dict.fromkeys(actors))


def _check_quote(
    text: str, source_id: str | None, file: str, lines: tuple[int, int], work: _Assembler
) -> None:
    """An error at the quote's line (lines: the quote's, its event's) when its source has a
    document that was read and the quote's text does not occur in it."""
    source = work.sources.get(source_id or "")
    if source is None or source.document is None:
        return
    tally = work.tallies.setdefault(source.id, [0, 0, 0])
    document = _folded_document(source.document, work)
    if document is None:
        tally[2] += 1
        return
    if fold_quote(text) in document:
        tally[0] += 1
        return
    tally[1] += 1
    work.not_found.add((file, lines[0], text))
    message = f"quote not found in the document of source {source.id!r} ({source.document})"
    work.error(file, lines[0], message, lines[1])
    _check_numbers(text, source, document, file, lines, work)


def _check_numbers(
    text: str, source: Source, document: str, file: str, lines: tuple[int, int],
    work: _Assembler,
) -> None:  # fmt: skip
    """An error for each number (a figure, a day, a year) of a quote not found that occurs
    nowhere in its document: the words may be paraphrased, the figures should not be."""
    path = source.document or ""
    numbers = work.numbers.get(path)
    if numbers is None:
        numbers = work.numbers[path] = set(numbers_in(document))
    for number in missing_numbers(text, numbers):
        message = f"the number {number} in a quote occurs nowhere in the document of {source.id!r}"
        work.error(file, lines[0], message, lines[1])


def _folded_document(path: str, work: _Assembler) -> str | None:
    """A document's text folded for quote checks; None (and a warning at each source citing
    it) when it was not read, so its quotes go unchecked: never an error, which would tell
    whether a quote occurs in a file that may not be read."""
    if path not in work.documents:
        text = work.read_document(path)
        work.documents[path] = fold_quote(text) if isinstance(text, str) else None
        if not isinstance(text, str):
            _warn_unread(path, text or Unread("cannot be read"), work)
    return work.documents[path]


def _warn_unread(path: str, unread: Unread, work: _Assembler) -> None:
    message = f"source document {path} {unread.reason}; not read, its quotes are not checked"
    for source in work.sources.values():
        if source.document == path:
            work.warn(source.file, source.document_line or source.line, message)
