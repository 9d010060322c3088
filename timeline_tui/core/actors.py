"""The actor registry: names and aliases to ids, and groups expanded to their members."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping

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
        for actor in actors:
            self.add(actor)
        self._expanded: dict[str, frozenset[str]] = {}

    def add(self, actor: Actor) -> None:
        """Register an actor; the first to claim a name or alias keeps it."""
        self._actors[actor.id] = actor
        self._keys[fold(actor.id)] = actor.id
        for name in (actor.name, *actor.aliases):
            self._keys.setdefault(fold(name), actor.id)
        self._expanded = {}

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
        """The actor, its members, and everyone affiliated with any of them, transitively."""
        if not self._expanded and self._actors:
            self._expanded = _expansions(self._actors)
        return self._expanded.get(actor_id, frozenset((actor_id,)))


def _expansions(actors: Mapping[str, Actor]) -> dict[str, frozenset[str]]:
    below: dict[str, set[str]] = {actor_id: set() for actor_id in actors}
    for actor in actors.values():
        for member in actor.members:
            below.setdefault(actor.id, set()).add(member)
        for affiliation in actor.affiliations:
            below.setdefault(affiliation, set()).add(actor.id)
    return {actor_id: frozenset(_reach(actor_id, below)) for actor_id in actors}


def _reach(start: str, below: Mapping[str, set[str]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in below.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
