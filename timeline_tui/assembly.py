"""Assembly: parsed files to one Timeline, resolving names, ids and quotes across files."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from . import construct
from .actors import ActorRegistry
from .diagnostics import Diagnostic, error, sort_key, warning
from .model import Actor, Event, Quote, Source
from .parse import ParsedFile


@dataclass(frozen=True)
class Timeline:
    """Everything loaded: events in time order, actors, sources, and the problems found."""

    events: tuple[Event, ...] = ()
    actors: ActorRegistry = field(default_factory=ActorRegistry)
    sources: dict[str, Source] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {event.id: position for position, event in enumerate(self.events)}

    def index_of(self, event_id: str) -> int | None:
        """The position of the event with this id, or None."""
        return self._positions.get(event_id)


DocumentReader = Callable[[str], str | None]

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


def fold_quote(text: str) -> str:
    """Whitespace runs to one space, curly quote marks to straight ones."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


_replace_quote = construct.replacer(Quote)
_event_values, _make_event = construct.fields_of(Event), construct.maker(Event)
_EVENT_FIELD = {f.name: index for index, f in enumerate(dataclasses.fields(Event))}
_ACTORS, _QUOTES = _EVENT_FIELD["actors"], _EVENT_FIELD["quotes"]


def _with_resolved(event: Event, actors: tuple[str, ...], quotes: tuple[Quote, ...]) -> Event:
    """The event with resolved actors and quotes (dataclasses.replace, without its overhead)."""
    values = list(_event_values(event))
    values[_ACTORS], values[_QUOTES] = actors, quotes
    return _make_event(*values)


class _Assembler:
    def __init__(self, read_document: DocumentReader) -> None:
        self.registry = ActorRegistry()
        self.sources: dict[str, Source] = {}
        self.diagnostics: list[Diagnostic] = []
        self.read_document = read_document
        self.documents: dict[str, str | None] = {}
        self.resolved: dict[str, str] = {}  # name -> id, for names met before

    def warn(self, path: str, line: int, message: str) -> None:
        self.diagnostics.append(warning(path, line, 1, message))

    def error(self, path: str, line: int, message: str) -> None:
        self.diagnostics.append(error(path, line, 1, message))

    def resolve(self, name: str, path: str, line: int, what: object) -> str:
        actor_id = self.resolved.get(name)
        if actor_id is not None:
            return actor_id
        actor_id = self.registry.resolve(name)
        if actor_id is None:
            actor_id = self.registry.add_implicit(name)
            self.resolved.clear()  # a new actor's keys may change what other names mean
            self.warn(path, line, f"unknown actor {name!r} in {what}; added as an actor of its own")
        self.resolved[name] = actor_id
        return actor_id


def assemble(files: Iterable[ParsedFile], read_document: DocumentReader) -> Timeline:
    """One Timeline from parsed files, in the order given (the first of two duplicates wins)."""
    files = list(files)
    work = _Assembler(read_document)
    for parsed in files:
        work.diagnostics.extend(parsed.diagnostics)
    _register_actors([a for f in files for a in f.actors], work)
    _register_sources([s for f in files for s in f.sources], work)
    events = _resolve_events([e for f in files for e in f.events], work)
    events.sort(key=lambda event: event.sort_key)
    return Timeline(
        events=tuple(events),
        actors=work.registry,
        sources=work.sources,
        diagnostics=tuple(sorted(work.diagnostics, key=sort_key)),
        files=tuple(f.path for f in files if f.path),  # "" holds problems finding files
    )


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
        links = {
            what: tuple(work.resolve(n, actor.file, actor.line, f"{what} of {actor.id!r}") for n in names)
            for what, names in (("affiliations", actor.affiliations), ("members", actor.members))
        }
        if links["affiliations"] != actor.affiliations or links["members"] != actor.members:
            work.registry.add(dataclasses.replace(actor, **links))


def _register_sources(sources: list[Source], work: _Assembler) -> None:
    for source in sources:
        first = work.sources.get(source.id)
        if first is not None:
            message = f"duplicate source id {source.id!r}; first defined at {first.file}:{first.line}"
            work.error(source.file, source.line, message)
        else:
            work.sources[source.id] = source


def _resolve_events(events: list[Event], work: _Assembler) -> list[Event]:
    seen: dict[str, Event] = {}
    for event in events:
        first = seen.get(event.id)
        if first is not None:
            message = (
                f"duplicate event id {event.id!r}; first defined at {first.file}:{first.line}; "
                "this one is left out"
            )
            work.error(event.file, event.line, message)
            continue
        seen[event.id] = _resolve_event(event, work)
    for event in seen.values():
        for related in event.related:
            if related not in seen:
                work.warn(event.file, event.line, f"related event {related!r} is not loaded")
    return list(seen.values())


def _resolve_event(event: Event, work: _Assembler) -> Event:
    file, line, resolve = event.file, event.line, work.resolve
    where = _Where(event.id)
    actors = [resolve(name, file, line, where) for name in event.actors]
    quotes = tuple([_resolve_quote(quote, event, work) for quote in event.quotes])
    for quote in quotes:
        if quote.speaker and quote.speaker not in actors:
            actors.append(quote.speaker)
    for source_id in event.sources:
        if source_id not in work.sources:
            work.warn(file, line, f"unknown source {source_id!r} in {where}")
    actors_t = tuple(dict.fromkeys(actors))
    if actors_t == event.actors and quotes == event.quotes:
        return event
    return _with_resolved(event, actors_t, quotes)


class _Where:
    """`event 'ID'`, made into text only when a message needs it."""

    __slots__ = ("event_id",)

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id

    def __str__(self) -> str:
        return f"event {self.event_id!r}"


def _resolve_quote(quote: Quote, event: Event, work: _Assembler) -> Quote:
    speaker = quote.speaker
    if speaker:
        speaker = work.resolve(speaker, event.file, quote.line, f"a quote in {event.id!r}")
    _check_quote(quote, event, work)
    return quote if speaker == quote.speaker else _replace_quote(quote, speaker=speaker)


def _check_quote(quote: Quote, event: Event, work: _Assembler) -> None:
    source = work.sources.get(quote.source or "")
    if source is None or source.document is None:
        return
    document = _folded_document(source.document, work)
    if document is None:
        return
    if fold_quote(quote.text) not in document:
        message = f"quote not found in the document of source {source.id!r} ({source.document})"
        work.error(event.file, quote.line, message)


def _folded_document(path: str, work: _Assembler) -> str | None:
    if path not in work.documents:
        text = work.read_document(path)
        work.documents[path] = None if text is None else fold_quote(text)
        if text is None:
            for source in work.sources.values():
                if source.document == path:
                    work.warn(source.file, source.line, f"cannot read source document {path}")
    return work.documents[path]
