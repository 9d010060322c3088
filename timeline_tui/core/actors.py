"""The actor registry: names and aliases to ids, and groups expanded to their members."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from timeline_tui.core.model import Actor

_SLUG = re.compile(r"[\W_]+")  # what is not a letter or digit, of any script


def fold(name: str) -> str:
    """The key a name is looked up by: case-insensitive, spaces folded."""
    return " ".join(name.casefold().split())


def slug(name: str) -> str:
    """An id made from a name: its letters and digits (of any script, NFKC-normalised and
    case-folded) joined by hyphens; for a name with none, "actor-" and a hash of the name."""
    made = _SLUG.sub("-", unicodedata.normalize("NFKC", name).casefold()).strip("-")
    return made or "actor-" + hashlib.blake2b(name.encode(), digest_size=4).hexdigest()


class ActorRegistry:
    """Every actor by id, and every id, name and alias (case-insensitive) to an id."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self._keys: dict[str, str] = {}
        self._suffixes: dict[str, int] = {}  # base id -> the last suffix tried for it
        self._expanded: dict[str, frozenset[str]] = {}  # as asked for
        for actor in actors:
            self.add(actor)

    def add(self, actor: Actor) -> None:
        """Register an actor; the first to claim a name or alias keeps it."""
        self._actors[actor.id] = actor
        self._keys[fold(actor.id)] = actor.id
        for name in (actor.name, *actor.aliases):
            self._keys.setdefault(fold(name), actor.id)
        self._expanded = {}
        self.__dict__.pop("_graph", None)

    def add_implicit(self, name: str) -> str:
        """Register a name nobody defined as an actor of its own; return its id."""
        actor_id = self._unused(slug(name))
        self.add(Actor(actor_id, name.strip(), kind="unknown", implicit=True))
        return actor_id

    def _unused(self, base: str) -> str:
        """base, else base-2, base-3, ...: the first id no actor has. The last suffix tried is
        kept per base, so that many names with one base cost one step each, not a scan."""
        if base not in self._actors:
            return base
        suffix = self._suffixes.get(base, 1)
        while True:
            suffix += 1
            candidate = f"{base}-{suffix}"
            if candidate not in self._actors:
                self._suffixes[base] = suffix
                return candidate

    def resolve(self, name: str) -> str | None:
        """The id that an id, name or alias stands for, or None."""
        return self._keys.get(fold(name))

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __getitem__(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    @property
    def by_id(self) -> Mapping[str, Actor]:
        return self._actors

    def name(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        return actor.name if actor else actor_id

    def expand(self, actor_id: str) -> frozenset[str]:
        """The actor, its members, and everyone affiliated with any of them, transitively
        (worked out when first asked for an actor, by a walk of what lies below it)."""
        found = self._expanded.get(actor_id)
        if found is None:
            found = self._expanded[actor_id] = frozenset(_reach(actor_id, self._graph.below))
        return found

    def holders(self, actor_id: str) -> set[str]:
        """Every actor whose expansion holds this one (itself included)."""
        return _reach(actor_id, self._graph.above)

    def cycles(self) -> list[Cycle]:
        """Each loop of members and affiliations, once, with the record that closes it."""
        return _cycles(self._actors, self._graph)

    @cached_property
    def _graph(self) -> _Graph:
        return _Graph.of(self._actors)


@dataclass(frozen=True, slots=True)
class Cycle:
    """Actors each of whose expansion holds the next (and the last's, the first), and the
    actor whose record (its members or its affiliations) makes the link that closes the loop."""

    ids: tuple[str, ...]  # the first few, when the loop is long
    length: int
    closed_by: Actor


@dataclass(frozen=True, slots=True)
class _Graph:
    """Who lies directly below an actor (its members, who is affiliated with it) and above it,
    each link with the actor whose record makes it."""

    below: dict[str, dict[str, Actor]]
    above: dict[str, dict[str, Actor]]

    @classmethod
    def of(cls, actors: Mapping[str, Actor]) -> _Graph:
        graph = cls({}, {})
        for actor in actors.values():
            for member in actor.members:
                graph.link(actor.id, member, actor)
            for affiliation in actor.affiliations:
                graph.link(affiliation, actor.id, actor)
        return graph

    def link(self, upper: str, lower: str, record: Actor) -> None:
        self.below.setdefault(upper, {}).setdefault(lower, record)
        self.above.setdefault(lower, {}).setdefault(upper, record)


def _reach(start: str, links: Mapping[str, Mapping[str, Actor]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in links.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


_NAMED_IN_A_CYCLE = 8


def _cycles(actors: Mapping[str, Actor], graph: _Graph) -> list[Cycle]:
    """A depth-first walk (iterative, each actor entered once): a link back to an actor on
    the current path closes a loop."""
    found: list[Cycle] = []
    done: set[str] = set()
    for root in actors:
        if root in done:
            continue
        path, at = [root], {root: 0}
        stack = [iter(graph.below.get(root, {}).items())]
        while stack:
            for lower, record in stack[-1]:
                if lower in at:
                    first = at[lower]
                    ids = tuple(path[first : first + _NAMED_IN_A_CYCLE])
                    found.append(Cycle(ids, len(path) - first, record))
                elif lower not in done:
                    at[lower] = len(path)
                    path.append(lower)
                    stack.append(iter(graph.below.get(lower, {}).items()))
                    break
            else:
                stack.pop()
                left = path.pop()
                del at[left]
                done.add(left)
    return found
