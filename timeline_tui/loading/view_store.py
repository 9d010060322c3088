"""Saved views of a set of opened paths, kept across runs in the user's data folder.

A view is a name, the search text, the actors chosen (and whether all of them must be in an
event), the display zone and whether only the matches are shown (`&`); the facets chosen are
terms of the search text. One file per set of opened roots (`views/<roots_key>.json`, as
loading/seen_store.py names them), holding the named views and the last state at quit (the
next start restores it unless the config's `restore_view` is false). Every change reads the
file again, changes it and writes it atomically, so two apps open on the same paths do not
undo each other's views; a file that cannot be read (not JSON, another version, a view of the
wrong shape) is said and never written over.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.recent import data_dir
from timeline_tui.loading.seen_store import roots_key

_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class SavedView:
    """What a view brings back; `zone` is a display zone's setting (`local`, `UTC`, `own`,
    an IANA name), or "" to keep the zone shown."""

    name: str = ""
    query: str = ""
    actors: tuple[str, ...] = ()
    match_all: bool = False
    zone: str = ""
    narrow: bool = False


@dataclass(frozen=True)
class Views:
    """The named views (in the order saved), the state at the last quit, and why the file
    was not read ("" when it was, or there is none: then nothing is written over)."""

    views: tuple[SavedView, ...] = ()
    last: SavedView | None = None
    problem: str = ""

    def named(self, name: str) -> SavedView | None:
        return next((view for view in self.views if view.name == name), None)


def views_file(roots: Sequence[str]) -> Path:
    return data_dir() / "views" / f"{roots_key(roots)}.json"


def read_views(roots: Sequence[str]) -> Views:
    """The views of these roots; never raises."""
    file = views_file(roots)
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Views()
    except OSError as exc:
        return Views(problem=f"{file}: {exc.strerror or exc}")
    views = _parsed(data) if len(data) <= MAX_FILE_BYTES else None
    return views if views is not None else Views(problem=f"{file}: not a file this app wrote")


def _parsed(data: bytes) -> Views | None:
    try:
        document = json.loads(data)
    except ValueError:  # not JSON, or not UTF-8
        return None
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        return None
    named, last = document.get("views"), document.get("last")
    if not isinstance(named, list):
        return None
    views = [_view(item) for item in named]
    kept_last = None if last is None else _view(last)
    if any(view is None or not view.name for view in views) or (last and kept_last is None):
        return None
    return Views(tuple(v for v in views if v is not None), kept_last)


_KINDS: dict[str, type] = {"name": str, "query": str, "match_all": bool, "zone": str,
                           "narrow": bool}  # fmt: skip


def _view(item: object) -> SavedView | None:
    """A stored view, or None if it is not one of the shape this app writes."""
    if not isinstance(item, dict) or set(item) - {*_KINDS, "actors"}:
        return None
    if any(key in item and not isinstance(item[key], kind) for key, kind in _KINDS.items()):
        return None
    actors = item.get("actors", [])
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        return None
    if len(item.get("name", "")) > MAX_NAME:
        return None
    return SavedView(**{**item, "actors": tuple(actors)})


def save_view(roots: Sequence[str], view: SavedView) -> str | None:
    """Keep a named view (in place of one of the same name); None when saved, else why not."""
    name = view.name.strip()[:MAX_NAME]
    if not name:
        return "a view needs a name"

    def keep(views: Views) -> Views:
        kept = [replace(view, name=name) if v.name == name else v for v in views.views]
        if views.named(name) is None:
            kept.append(replace(view, name=name))
        return replace(views, views=tuple(kept))

    return _change(roots, keep)


def rename_view(roots: Sequence[str], old: str, new: str) -> str | None:
    new = new.strip()[:MAX_NAME]
    if not new:
        return "a view needs a name"

    def rename(views: Views) -> Views:
        if views.named(new) is not None and new != old:
            raise _Refused(f"there is a view named {new!r} already")
        kept = tuple(replace(v, name=new) if v.name == old else v for v in views.views)
        return replace(views, views=kept)

    return _change(roots, rename)


def delete_view(roots: Sequence[str], name: str) -> str | None:
    return _change(roots, lambda views: replace(
        views, views=tuple(v for v in views.views if v.name != name)))  # fmt: skip


def save_last(roots: Sequence[str], view: SavedView) -> str | None:
    """Keep the state at quit, for the next start to restore."""
    return _change(roots, lambda views: replace(views, last=replace(view, name="")))


class _Refused(Exception):
    """A change that cannot be made (its reason)."""


def _change(roots: Sequence[str], change: Callable[[Views], Views]) -> str | None:
    """Read the file again, change it, write it atomically; None when done, else why not
    (a file that could not be read is left as it is)."""
    views = read_views(roots)
    if views.problem:
        return f"{views.problem}; not changed (move it away to save views again)"
    try:
        changed = change(views)
    except _Refused as refused:
        return str(refused)
    try:
        write_atomic(views_file(roots), _text(changed))
    except OSError as exc:
        return f"cannot write {views_file(roots)}: {exc.strerror or exc}"
    return None


def _text(views: Views) -> str:
    document: dict[str, Any] = {
        "version": _VERSION,
        "views": [_stored(view) for view in views.views],
        "last": None if views.last is None else _stored(views.last),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _stored(view: SavedView) -> dict[str, Any]:
    return {**asdict(view), "actors": list(view.actors)}
