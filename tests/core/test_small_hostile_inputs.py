"""Small files that once hung the loader or blew up its memory (issue 11), at the sizes that
did: each must now load within 2 s and 200 MiB (of resident memory). The bounds are far above
what the fixed code takes (a tenth to half a second here) and far below what the broken code
took (minutes, or a MemoryError); the `deadline` fixture stops a broken run after five
seconds."""

from __future__ import annotations

import itertools

import pytest
from support import Write, warnings_, within

from timeline_tui.core.query import Index, Query, actor_counts, apply
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import parse

EVENT = '[[events]]\nid = "e"\ntitle = "T"\nwhen = 2025-08-18\n'


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")


def test_20000_unknown_names_with_one_slug_load_linearly(write: Write, deadline: None) -> None:
    marks = "!#$%&()*+,./:;<=>?@^_|~"
    names = ["a" + "".join(p) for p in itertools.product(marks, repeat=4)][:20_000]
    path = write("names.toml", EVENT + "actors = [" + ", ".join(f"'{n}'" for n in names) + "]\n")
    with within():
        timeline = load([str(path)])
    ids = timeline.events[0].actors
    assert len(set(ids)) == 20_000 and ids[:3] == ("a", "a-2", "a-3")
    assert len(warnings_(timeline.diagnostics)) == 20_000


def chain_of_groups(count: int) -> str:
    """`count` groups, each a member of the next, an event of the first and one of the last."""
    groups = "".join(
        f'[[actors]]\nid = "g{i}"\nname = "Group {i}"\nkind = "group"\nmembers = ["g{i - 1}"]\n'
        for i in range(1, count)
    )
    top = f'[[events]]\nid = "top"\ntitle = "Top"\nwhen = 2025-08-19\nactors = ["g{count - 1}"]\n'
    return '[[actors]]\nid = "g0"\nname = "Group 0"\n' + groups + EVENT + 'actors = ["g0"]\n' + top


def test_a_chain_of_16000_groups_loads_and_filters_linearly(write: Write, deadline: None) -> None:
    path = write("chain.toml", chain_of_groups(16_000))
    with within():
        timeline = load([str(path)])
        index = Index.prepared(timeline)
        top = apply(Query(actors=frozenset({"g15999"})), index)
        bottom = apply(Query(text="actor:g0"), index)
        counts = actor_counts(index)
    assert not timeline.diagnostics
    assert [timeline.events[p].id for p in top] == ["e", "top"]
    assert [timeline.events[p].id for p in bottom] == ["e"]
    assert counts["g15999"] == 2 and counts["g7999"] == 1 and counts["g0"] == 1


def test_20000_unknown_keys_in_one_event_are_each_reported_at_their_line(deadline: None) -> None:
    text = EVENT + "".join(f"k{i} = 1\n" for i in range(20_000))
    with within():
        parsed = parse(text, "keys.toml")
    reported = [(d.line, d.message) for d in parsed.diagnostics]
    assert len(reported) == 20_000 and len(parsed.events) == 1
    assert reported[0] == (5, "unknown key 'k0' in [[events]]; ignored")
    assert reported[-1][0] == 20_004 and "'k19999'" in reported[-1][1]
