"""Events kept packed: PackedEvents, the EventStore over them, and the columns search and
filters read, checked against the events themselves (decoded) rather than against each other."""

from __future__ import annotations

import json
import pickle
import random
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import Write, errors, event_ids, only, warnings_

from timeline_tui.core import columns as core_columns
from timeline_tui.core.columns import id_key
from timeline_tui.core.model import Event, Precision, Quote, When
from timeline_tui.core.query import Index, Query, apply
from timeline_tui.core.search import search_fold
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import cache, reading
from timeline_tui.loading.workspace import load
from timeline_tui.storage import assembly, digest, packing
from timeline_tui.storage import event_store as store
from timeline_tui.storage.packing import BLOCK, PackedEvents

START = datetime(2025, 8, 1, tzinfo=UTC)


# ── helpers ─────────────────────────────────────────────────────────────


def toml_event(
    event_id: str,
    title: str,
    when: datetime | str,
    *,
    actors: tuple[str, ...] = (),
    summary: str = "",
    quotes: tuple[tuple[str, str], ...] = (),
    related: tuple[str, ...] = (),
) -> str:
    """One [[events]] table; strings are written as JSON, which TOML reads the same."""
    stamp = when if isinstance(when, str) else when.strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        "[[events]]",
        f"id = {json.dumps(event_id)}",
        f"title = {json.dumps(title, ensure_ascii=False)}",
        f"when = {stamp}",
    ]
    if actors:
        lines.append(f"actors = {json.dumps(list(actors))}")
    if summary:
        lines.append(f"summary = {json.dumps(summary, ensure_ascii=False)}")
    if related:
        lines.append(f"related = {json.dumps(list(related))}")
    for speaker, text in quotes:
        lines += [
            "[[events.quotes]]",
            f"speaker = {json.dumps(speaker)}",
            f"text = {json.dumps(text)}",
        ]
    return "\n".join(lines) + "\n\n"


def line_of(path: Path, event_id: str) -> int:
    """The line of the [[events]] header of the event with this id."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"id = {json.dumps(event_id)}")
    assert lines[at - 1] == "[[events]]"
    return at  # the header's 1-based line number


def searched(index: Index, text: str) -> list[int]:
    return list(apply(Query(text=text), index))


def filtered(index: Index, *actor_ids: str) -> list[int]:
    return list(apply(Query(frozenset(actor_ids)), index))


def in_title_or_summary(timeline: Timeline, text: str) -> list[int]:
    """Brute force: the positions whose title or summary holds every word of text."""
    terms = text.casefold().split()
    return [
        position
        for position, event in enumerate(timeline.events)
        if all(term in f"{event.title}\n{event.summary}".casefold() for term in terms)
    ]


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loads read the files every time (nothing stored, nothing found)."""
    monkeypatch.setenv(cache.ENV_OFF, "1")


@pytest.fixture
def colliding(monkeypatch: pytest.MonkeyPatch, no_cache: None) -> int:
    """Every id gets the same fingerprint, wherever id_key is looked up."""
    constant = 0x5EED
    for module in (digest, core_columns, assembly):  # where it is made (Digest), and looked up
        monkeypatch.setattr(module, "id_key", lambda event_id: constant)
    return constant


# ── 1. PackedEvents ─────────────────────────────────────────────────────


def model_event(number: int) -> Event:
    """An event with a bit of everything; every fifth has a quote."""
    quote = Quote("merz", f"quote {number}", "article", number + 3)
    return Event(
        id=f"event-{number:03d}",
        title=f"Event number {number}",
        when=When(START + timedelta(hours=number), Precision.HOUR, zone="UTC"),
        actors=("trump", "zelenskyy") if number % 2 else ("merz",),
        tags=("talks",),
        summary="Straße " * (number % 3),
        quotes=(quote,) if number % 5 == 0 else (),
        file="/x/events.toml",
        line=number * 7 + 1,
    )


@pytest.fixture
def events70() -> list[Event]:
    return [model_event(number) for number in range(70)]


def test_packed_events_span_blocks_and_index_like_a_tuple(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    assert len(packed) == 70
    assert len(packed.blocks) == 3  # 32 + 32 + 6
    for index in (0, 1, 31, 32, 33, 63, 64, 69, -1, -32, -70):
        assert packed[index] == events70[index], index
    for index in (70, 1000, -71):
        with pytest.raises(IndexError):
            packed[index]


def test_packed_events_slices_match_list_slices(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    for chosen in (
        slice(None), slice(30, 34), slice(0, 70, 7), slice(-3, None), slice(None, None, -5),
        slice(60, 10, -9), slice(5, 2), slice(68, 200),
    ):  # fmt: skip
        assert packed[chosen] == events70[chosen], chosen


def test_packed_events_iterate_in_order_every_time(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    assert list(packed) == events70
    assert [event.id for event in packed] == [event.id for event in events70]  # again
    assert packed[40] == events70[40]  # a block read by index, then iteration again
    assert list(packed) == events70


def test_packed_events_equal_the_events_and_a_repack(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    assert packed == events70
    assert packed == tuple(events70)
    assert packed == PackedEvents.pack(list(events70))
    assert not (packed != PackedEvents.pack(events70))  # noqa: SIM202 - __ne__ too


def test_packed_events_differing_in_one_event_are_not_equal(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    changed = list(events70)
    changed[45] = replace(changed[45], title="Another title")
    assert packed != changed
    assert packed != PackedEvents.pack(changed)
    assert PackedEvents.pack(changed) != events70
    assert packed != events70[:-1]
    assert packed != PackedEvents.pack(events70[:-1])
    assert packed != "not events"


def test_equal_events_pack_to_equal_bytes_however_their_strings_are_shared() -> None:
    """Each event is pickled without a memo, so sharing equal strings changes no byte."""
    shared = "security guarantees"
    copy = "".join(["security ", "guarantees"])  # equal, another object
    one = [replace(model_event(n), tags=(shared, shared)) for n in range(40)]
    two = [replace(model_event(n), tags=(shared, copy)) for n in range(40)]
    assert PackedEvents.pack(one).blocks == PackedEvents.pack(two).blocks


def test_equal_events_packed_to_different_bytes_still_compare_equal() -> None:
    """Blocks compressed otherwise differ in bytes; the events are still equal."""
    events = [model_event(n) for n in range(40)]
    first = PackedEvents.pack(events)
    again = [zlib.compress(zlib.decompress(block), 9) for block in first.blocks]
    second = PackedEvents(again, len(events), first.digest)
    assert first.blocks != second.blocks  # the slow path is the one tested
    assert first == second
    assert second != PackedEvents.pack([replace(e, title="other") for e in events])


def test_packed_events_survive_pickling(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    packed[33]  # a block decoded and kept: not part of what is pickled
    for again in (pickle.loads(pickle.dumps(packed)), cache.loads(packing.dumps(packed))):
        assert isinstance(again, PackedEvents)
        assert again == packed
        assert list(again) == events70
        assert again[-1] == events70[-1]
        assert list(again.ids) == list(packed.ids)
        assert again.digest.prints == packed.digest.prints


def test_packed_events_carry_each_events_content_fingerprint(events70: list[Event]) -> None:
    from timeline_tui.core.seen import fingerprint

    packed = PackedEvents.pack(events70)
    assert [packed.digest.fingerprint(k) for k in range(70)] == list(map(fingerprint, events70))


def test_packed_events_carry_the_fingerprint_of_each_id(events70: list[Event]) -> None:
    packed = PackedEvents.pack(events70)
    assert list(packed.ids) == [id_key(event.id) for event in events70]
    assert len(set(packed.ids)) == 70  # distinct ids, distinct fingerprints
    assert id_key("event-001") == id_key("event-001") != id_key("event-002")


def test_empty_pack_is_an_empty_sequence() -> None:
    empty = PackedEvents.pack([])
    assert len(empty) == 0 and empty.blocks == ()
    assert list(empty) == [] and empty[:] == []
    assert empty == [] and empty == () and empty == PackedEvents()
    assert list(empty.ids) == []
    with pytest.raises(IndexError):
        empty[0]
    with pytest.raises(IndexError):
        empty[-1]
    assert pickle.loads(pickle.dumps(empty)) == empty
    assert empty != PackedEvents.pack([model_event(0)])


# ── 2. time order, search and filters over files read out of time order ──

ACTORS = """
[[actors]]
id = "north"
name = "Northern Delegation"
aliases = ["North"]

[[actors]]
id = "south"
name = "Southern Delegation"
aliases = ["South"]

[[actors]]
id = "east"
name = "Eastern Delegation"
"""
SPELLINGS = {  # names each actor is given by in the events
    "north": ("North", "northern delegation", "NORTH"),
    "south": ("South", "Southern Delegation"),
    "east": ("east", "Eastern Delegation"),
}
WORDS = {  # words of titles and summaries, and how often an event has each
    "ceasefire": 0.7, "talks": 0.4, "border": 0.3, "Straße": 0.2, "summit": 0.2,
    "Élysée": 0.1, "ZUGZWANG": 0.01,
}  # fmt: skip


@dataclass
class Story:
    """A generated timeline on disk, with what it was generated to be."""

    paths: list[str]  # in the order to load them
    ids: list[str]  # in time order
    actors: dict[str, set[str]] = field(default_factory=dict)  # actor id -> its events' ids


def write_story(write: Write, count: int, *, seed: int = 20250818) -> Story:
    """`count` events at distinct minutes, ids shuffled against time; the later half in a.toml,
    the earlier in b.toml, each file out of time order; actors.toml (no events) between them."""
    rng = random.Random(seed)
    numbers = list(range(count))
    rng.shuffle(numbers)
    ids = [f"ev-{number:04d}" for number in numbers]  # ids[k]: the k-th in time
    story = Story([], ids, {actor: set() for actor in SPELLINGS})
    tables = []
    for k, event_id in enumerate(ids):
        words = [word for word, chance in WORDS.items() if rng.random() < chance]
        if k in (5, count - 3):
            words.append("ZUGZWANG")
        rng.shuffle(words)
        cut = rng.randrange(len(words) + 1)
        names = []
        for actor, spellings in SPELLINGS.items():
            if rng.random() < 0.4:
                names.append(rng.choice(spellings))
                story.actors[actor].add(event_id)
        title = " ".join([*words[:cut], f"Ref{event_id[3:]}X"])
        summary = " ".join(words[cut:])
        when = START + timedelta(minutes=37 * k)
        tables.append(toml_event(event_id, title, when, actors=tuple(names), summary=summary))
    later, earlier = tables[count // 2 :], tables[: count // 2]
    rng.shuffle(later)
    rng.shuffle(earlier)
    story.paths = [
        str(write("a.toml", "".join(later))),
        str(write("actors.toml", ACTORS)),
        str(write("b.toml", "".join(earlier))),
    ]
    return story


@pytest.fixture
def big(write: Write, no_cache: None) -> tuple[Story, Timeline, Index]:
    """900 events: 15 blocks a file, enough matches of "ceasefire" for the dense scan."""
    story = write_story(write, 900)
    timeline = load(story.paths)
    return story, timeline, Index.build(timeline)


def test_events_come_out_in_time_order_whatever_the_file_order(big) -> None:
    story, timeline, _ = big
    assert timeline.diagnostics == ()
    assert event_ids(timeline) == story.ids
    file_order = [event.id for event in reading.read_file(story.paths[0]).events]
    assert file_order != sorted(file_order, key=story.ids.index)  # the files really are shuffled


def test_same_instant_sorts_by_precision_then_file_path_then_line(
    write: Write, no_cache: None
) -> None:
    """Files are read b, a, 0: ties go by path (0 < a < b), then line; a date before the
    midnight it starts at; and never by the order read."""
    noon = "2025-08-18T12:00:00Z"
    b = write("b.toml", toml_event("b-noon-1", "x", noon) + toml_event("b-noon-2", "x", noon))
    a = write(
        "a.toml",
        toml_event("a-midnight", "x", "2025-08-18T00:00:00Z")
        + toml_event("a-noon", "x", noon)
        + toml_event("a-day", "x", "2025-08-18"),
    )
    zero = write(
        "0.toml", toml_event("zero-noon", "x", noon) + toml_event("zero-late", "x", "2025-08-19")
    )
    timeline = load([str(b), str(a), str(zero)])
    assert event_ids(timeline) == [
        "a-day", "a-midnight", "zero-noon", "a-noon", "b-noon-1", "b-noon-2", "zero-late",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "ceasefire",  # most events: the dense scan
        "talks", "STRASSE", "straße", "élysée", "Élysée", "zugzwang", "nowhere-at-all",
        "ceasefire border", "zugzwang ceasefire", "border STRASSE summit",
    ],
)  # fmt: skip
def test_search_finds_exactly_the_events_whose_title_or_summary_hold_the_terms(
    big, text: str
) -> None:
    _, timeline, index = big
    found = searched(index, text)
    assert found == sorted(set(found))  # ascending, each once
    assert found == in_title_or_summary(timeline, text)
    assert found == searched(Index.build(timeline), text)  # a fresh index agrees


def test_the_terms_searched_for_do_occur(big) -> None:
    """So that the brute-force comparisons above are not comparing empty lists."""
    story, timeline, index = big
    hits = [timeline.events[p].id for p in searched(index, "zugzwang")]
    assert story.ids[5] in hits and story.ids[-3] in hits
    assert len(searched(index, "ceasefire")) > 512  # enough to switch to the dense scan
    assert searched(index, "strasse") and searched(index, "élysée")


def test_search_while_typing_matches_brute_force_at_every_keystroke(big) -> None:
    _, timeline, index = big
    typed = "ceasefire border"
    steps = [typed[:n] for n in range(1, len(typed) + 1)]
    steps += ["ceasefire", "c", "", "zug", "zugzwang c", "zugzwang ce", "border"]
    for text in steps:
        assert searched(index, text) == in_title_or_summary(timeline, text), text


def test_each_events_own_reference_is_found_at_its_position(big) -> None:
    story, timeline, index = big
    for event_id in story.ids[::37]:
        reference = f"ref{event_id[3:]}x"
        assert searched(index, reference.upper()) == [timeline.index_of(event_id)]


def test_haystack_of_a_position_is_the_folded_text_of_that_event(big) -> None:
    _, timeline, index = big
    assert len(index.haystacks) == len(timeline.events)
    for position, event in enumerate(timeline.events):
        hay = index.haystacks[position]
        assert hay == search_fold(hay)
        assert search_fold(event.title) in hay
        assert search_fold(event.summary) in hay
        assert re.findall(r"ref\d+x", hay) == [f"ref{event.id[3:]}x"]  # its own, no other's
    assert index.haystacks[-1] == index.haystacks[len(timeline.events) - 1]


def test_actor_filter_gives_the_events_written_with_that_actor(big) -> None:
    story, timeline, index = big
    for actor, expected in story.actors.items():
        found = filtered(index, actor)
        assert found == sorted(set(found))
        assert {timeline.events[p].id for p in found} == expected
        assert found == [p for p, event in enumerate(timeline.events) if actor in event.actors]


def test_actor_filter_and_search_together(big) -> None:
    _, timeline, index = big
    found = list(apply(Query(frozenset({"south"}), text="border"), index))
    assert found == [
        p for p in in_title_or_summary(timeline, "border") if "south" in timeline.events[p].actors
    ]


# ── 3. index_of, with and without fingerprint collisions ────────────────


def test_index_of_finds_every_event_at_its_own_position(big) -> None:
    _, timeline, _ = big
    for position, event in enumerate(timeline.events):
        assert timeline.index_of(event.id) == position
    assert timeline.index_of("ev-9999") is None
    assert timeline.index_of("") is None


def test_colliding_fingerprints_still_find_every_event(write: Write, colliding: int) -> None:
    timeline = load(write_story(write, 70, seed=7).paths)  # 2 files, 2 blocks each
    assert set(timeline.columns.ids) == {colliding}  # every id collides
    assert timeline.errors == 0  # different ids are not duplicates
    assert len(timeline.events) == 70
    for position, event in enumerate(timeline.events):
        assert timeline.index_of(event.id) == position
    assert timeline.index_of("ev-9999") is None


@pytest.mark.parametrize(
    "copied",
    [
        "one",  # the first event with the fingerprint
        "three",  # a later one: compared with every id that shares the fingerprint
    ],
)
def test_colliding_fingerprints_still_find_real_duplicates(
    write: Write, colliding: int, copied: str
) -> None:
    first = write(
        "a.toml",
        toml_event("one", "First one", "2025-08-10")
        + toml_event("two", "First two", "2025-08-11")
        + toml_event("three", "First three", "2025-08-12"),
    )
    second = write(
        "b.toml",
        toml_event("four", "Four", "2025-08-13") + toml_event(copied, "Copy", "2025-08-14"),
    )
    timeline = load([str(first), str(second)])
    assert sorted(event_ids(timeline)) == ["four", "one", "three", "two"]
    problem = only(errors(timeline.diagnostics), "duplicate event id")
    assert (problem.path, problem.line) == (str(second), line_of(second, copied))
    assert f"{first}:{line_of(first, copied)}" in problem.message
    assert timeline.events[timeline.index_of(copied)].title == f"First {copied}"


# ── 4. duplicate ids across files ───────────────────────────────────────


def test_duplicate_id_keeps_the_first_file_read_and_leaves_the_copy_out_of_everything(
    write: Write, no_cache: None
) -> None:
    """The copy is earlier in time and in a file whose path sorts first: neither matters."""
    first = write(
        "b.toml",
        toml_event("same", "Kept copy", "2025-08-20", actors=("North",))
        + toml_event("before", "Before", "2025-08-01"),
    )
    second = write(
        "a.toml",
        toml_event("other", "Other event", "2025-08-15", actors=("South",))
        + toml_event("same", "Impostor copy", "2025-08-10", actors=("South",), summary="ceasefire"),
    )
    actors = write("actors.toml", ACTORS)
    timeline = load([str(first), str(second), str(actors)])
    assert event_ids(timeline) == ["before", "other", "same"]
    kept = timeline.events[timeline.index_of("same")]
    assert (kept.title, kept.file, kept.line) == ("Kept copy", str(first), 1)

    problem = only(errors(timeline.diagnostics), "duplicate event id 'same'")
    assert (problem.path, problem.line) == (str(second), line_of(second, "same"))
    assert f"{first}:1" in problem.message
    assert timeline.errors == 1

    index = Index.build(timeline)
    assert searched(index, "impostor") == [] and searched(index, "ceasefire") == []
    assert searched(index, "copy") == [timeline.index_of("same")]
    assert filtered(index, "south") == [timeline.index_of("other")]
    assert filtered(index, "north") == [timeline.index_of("same")]
    assert not any("impostor" in hay for hay in index.haystacks)


def test_reading_events_beside_a_duplicate_that_names_an_actor_of_its_own(
    write: Write, no_cache: None
) -> None:
    first = write("a.toml", toml_event("same", "Kept copy", "2025-08-20"))
    second = write(
        "b.toml",
        toml_event("other", "Other event", "2025-08-15")
        + toml_event(
            "same",
            "Copy",
            "2025-08-10",
            actors=("Only In The Copy",),
            quotes=(("Speaker Of The Copy", "words"),),
        ),
    )
    timeline = load([str(first), str(second)])
    assert [(event.id, event.title) for event in timeline.events] == [
        ("other", "Other event"), ("same", "Kept copy"),
    ]  # fmt: skip


# ── 5. reading in a scattered order with few decoded blocks kept ────────


def interleaved_files(
    write: Write, files: int = 3, per_file: int = 50
) -> tuple[list[str], list[str]]:
    """Files whose events alternate in time (neighbours come from different files and
    different block numbers); the paths, and the ids in time order."""
    paths, timed = [], {}
    for f in range(files):
        tables = []
        for i in range(per_file):
            k = i * files + f
            event_id = f"f{f}-{i:02d}"
            timed[k] = event_id
            tables.append(toml_event(event_id, f"Event {event_id}", START + timedelta(minutes=k)))
        paths.append(str(write(f"f{f}.toml", "".join(reversed(tables)))))
    return paths, [timed[k] for k in sorted(timed)]


def test_scattered_reads_with_two_blocks_kept_return_the_right_events(
    write: Write, no_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "KEPT_BLOCKS", 2)
    paths, ids = interleaved_files(write)  # 3 files x 2 blocks
    timeline = load(paths)
    in_order = list(timeline.events)
    assert [event.id for event in in_order] == ids
    count = len(in_order)
    rng = random.Random(3)
    shuffled = list(range(count))
    rng.shuffle(shuffled)
    for order in (range(count - 1, -1, -1), [(p * 37) % count for p in range(count)], shuffled):
        for position in order:
            assert timeline.events[position] == in_order[position], position
            assert timeline.events[position - count] == in_order[position]
    assert timeline.events[3:140:11] == in_order[3:140:11]
    assert [timeline.events[p].id for p in shuffled] == [ids[p] for p in shuffled]


def test_decoded_blocks_are_dropped_least_recently_used_first(
    write: Write, no_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two blocks kept: a block read again is kept over one read only before it."""
    tables = [
        toml_event(f"e{k:03d}", f"Event {k}", START + timedelta(hours=k)) for k in range(4 * BLOCK)
    ]
    timeline = load([str(write("one.toml", "".join(tables)))])
    monkeypatch.setattr(store, "KEPT_BLOCKS", 2)
    decoded = []
    unpack = packing.unpack_block

    def counting(block: bytes) -> list[Event]:
        decoded.append(block)
        return unpack(block)

    monkeypatch.setattr(packing, "unpack_block", counting)

    def read(block: int, at: int) -> int:
        """Read event `at` of a block; how many blocks that decoded."""
        before = len(decoded)
        assert timeline.events[block * BLOCK + at].id == f"e{block * BLOCK + at:03d}"
        return len(decoded) - before

    assert [read(0, 5), read(1, 5), read(0, 6)] == [1, 1, 0]  # block 0 is now the latest used
    assert read(2, 5) == 1  # drops block 1, the least recently used
    assert read(0, 7) == 0  # still kept (dropping the oldest read would have lost it)
    assert read(1, 6) == 1  # was dropped
    assert read(3, 5) == 1 and read(2, 6) == 1  # two kept at most: 2 went when 1 and 3 came
    assert read(1, 5) == 0  # an event read before is kept resolved, its block gone or not


def test_reading_one_event_unpickles_only_that_event(
    write: Write, no_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list of scattered events decodes each event it prints, not the rest of its block."""
    tables = [
        toml_event(f"e{k:03d}", f"Event {k}", START + timedelta(hours=k)) for k in range(2 * BLOCK)
    ]
    timeline = load([str(write("one.toml", "".join(tables)))])
    loads = pickle.loads
    unpickled: list[object] = []

    def counting(data: bytes) -> object:
        found = loads(data)
        unpickled.append(found)
        return found

    monkeypatch.setattr(packing.pickle, "loads", counting)
    assert [timeline.events[p].id for p in (3, BLOCK + 7)] == ["e003", f"e{BLOCK + 7:03d}"]
    assert len(unpickled) == 2


# ── 6. names resolved to actor ids when events are decoded ──────────────

NAMED = """
[[actors]]
id = "zelenskyy"
name = "Volodymyr Zelenskyy"
aliases = ["Zelenskyy", "Zelensky"]

[[actors]]
id = "trump"
name = "Donald Trump"
"""


def test_names_become_actor_ids_in_every_decoded_event(
    write: Write, no_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "KEPT_BLOCKS", 1)  # every block decoded anew as it is read
    filler = [toml_event(f"fill-{k:02d}", "Filler", f"2025-08-0{1 + k % 5}") for k in range(40)]
    first = write(
        "1.toml",
        toml_event("by-alias", "x", "2025-08-10", actors=("Zelensky", "Donald Trump"))
        + toml_event(
            "speaker", "x", "2025-08-11", actors=("trump",), quotes=(("ZELENSKYY", "words"),)
        )
        + toml_event(
            "speaker-twice", "x", "2025-08-12", actors=("Zelenskyy",),
            quotes=(("Zelensky", "one"), ("volodymyr zelenskyy", "two")),
        )
        + toml_event("mystery-1", "x", "2025-08-13", actors=("Mystery Envoy",))
        + "".join(filler),  # 44 events in all: two blocks
    )  # fmt: skip
    second = write(
        "2.toml",
        toml_event("mystery-2", "x", "2025-08-14", actors=("mystery envoy", "trump"))
        + toml_event("mystery-3", "x", "2025-08-15", quotes=(("Mystery Envoy", "said"),))
        + toml_event(
            "mystery-4", "x", "2025-08-16", actors=("Mystery Envoy",),
            quotes=(("MYSTERY ENVOY", "said"),),
        ),
    )  # fmt: skip
    actors = write("actors.toml", NAMED)  # read last: the names still resolve
    timeline = load([str(first), str(second), str(actors)])
    envoy = timeline.actors.resolve("Mystery Envoy")
    assert envoy is not None and timeline.actors[envoy].implicit
    assert envoy not in ("zelenskyy", "trump")

    def event(event_id: str) -> Event:
        return timeline.events[timeline.index_of(event_id)]

    expected = {
        "by-alias": (("zelenskyy", "trump"), ()),
        "speaker": (("trump", "zelenskyy"), ("zelenskyy",)),
        "speaker-twice": (("zelenskyy",), ("zelenskyy", "zelenskyy")),
        "mystery-1": ((envoy,), ()),
        "mystery-2": ((envoy, "trump"), ()),
        "mystery-3": ((envoy,), (envoy,)),
        "mystery-4": ((envoy,), (envoy,)),
    }
    for _ in range(2):  # and again, each block decoded a second time
        for event_id, (actor_ids, speakers) in expected.items():
            found = event(event_id)
            assert found.actors == actor_ids, event_id
            assert tuple(quote.speaker for quote in found.quotes) == speakers, event_id
            event("fill-39")  # another block read in between (1.toml's second)
    assert all(event.actors == () for event in timeline.events if event.id.startswith("fill-"))

    index = Index.build(timeline)
    mysteries = [timeline.index_of(f"mystery-{n}") for n in range(1, 5)]
    assert filtered(index, envoy) == mysteries
    assert filtered(index, "zelenskyy") == [
        timeline.index_of(i) for i in ("by-alias", "speaker", "speaker-twice")
    ]
    assert searched(index, "volodymyr") == filtered(index, "zelenskyy")  # the name, searched
    warned = only(warnings_(timeline.diagnostics), "unknown actor")  # one name, however spelled
    assert (warned.path, warned.line) == (str(first), line_of(first, "mystery-1"))


# ── 7. the load cache ───────────────────────────────────────────────────


def summary_of(timeline: Timeline) -> Iterator[tuple]:
    for event in timeline.events:
        yield (
            event.id,
            event.title,
            event.actors,
            tuple((q.speaker, q.text) for q in event.quotes),
        )


@pytest.mark.parametrize("entries", ["whole load", "parsed files only"])
def test_a_load_from_the_cache_gives_the_same_events_and_search_results(
    write: Write, cache_folder: Path, monkeypatch: pytest.MonkeyPatch, entries: str
) -> None:
    story = write_story(write, 150, seed=11)
    quoted = write(
        "z.toml", toml_event("quoted", "Quoted", "2025-08-02", quotes=(("South", "words"),))
    )
    paths = [*story.paths, str(quoted)]
    first = load(paths)
    assert list(cache_folder.rglob("*.pickle"))
    if entries == "parsed files only":
        for entry in (cache_folder / "loads").iterdir():
            entry.unlink()

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("read a file the cache holds")

    monkeypatch.setattr(reading, "read_file", no_reading)
    again = load(paths)
    assert [i for i in event_ids(again) if i != "quoted"] == story.ids
    quoted_again = again.events[again.index_of("quoted")]
    assert quoted_again.actors == ("south",) and quoted_again.quotes[0].speaker == "south"
    assert list(summary_of(again)) == list(summary_of(first))
    assert again.diagnostics == first.diagnostics
    assert [again.index_of(i) for i in story.ids] == [first.index_of(i) for i in story.ids]
    old, new = Index.build(first), Index.build(again)
    for text in ("ceasefire", "STRASSE", "zugzwang", "border talks", "words", "nowhere"):
        assert searched(new, text) == searched(old, text), text
    for actor in ("north", "south", "east"):
        assert filtered(new, actor) == filtered(old, actor), actor
    assert list(new.haystacks) == list(old.haystacks)


# ── found in review: inline arrays, a folder holding a copy of itself ─────


def test_events_of_an_inline_array_at_one_instant_come_in_id_order(
    write: Write, no_cache: None
) -> None:
    """Every event of `events = [...]` stands on the array's line: at one instant they are put
    in id order, as Event.sort_key has them, and a repeated id among them is a duplicate."""
    path = write(
        "inline.toml",
        'events = [ {id = "zz", title = "Z", when = 2025-08-01},'
        ' {id = "aa", title = "A", when = 2025-08-01},'
        ' {id = "mm", title = "M", when = 2025-08-01},'
        ' {id = "zz", title = "Z again", when = 2025-08-02} ]\n',
    )
    timeline = load([str(path)])
    assert [e.id for e in timeline.events] == ["aa", "mm", "zz"]
    assert [e.title for e in timeline.events] == ["A", "M", "Z"]
    assert timeline.events == sorted(timeline.events, key=lambda e: e.sort_key)
    (problem,) = errors(timeline.diagnostics)
    assert "duplicate event id 'zz'" in problem.message


def test_a_folder_holding_a_copy_of_its_files_keeps_each_event_once(
    write: Write, no_cache: None, tmp_path: Path
) -> None:
    story = write_story(write, 200, seed=3)
    originals = load(story.paths)
    copies = []
    for path in story.paths:
        copy = Path(path).with_name("copy-" + Path(path).name)
        copy.write_text(Path(path).read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(str(copy))
    both = load([*story.paths, *copies])
    assert [e.id for e in both.events] == [e.id for e in originals.events]
    left_out = [d for d in errors(both.diagnostics) if "duplicate event id" in d.message]
    assert len(left_out) == 200
    assert all("copy-" in d.path for d in left_out)
    assert all("copy-" not in d.message for d in left_out)  # the first place named is the original


def test_a_long_actor_name_is_searched_once_not_once_an_event(write: Write, no_cache: None) -> None:
    """The actors' names are kept once an actor (with its events' positions), so a long name
    named by many events costs its length once, and searching it finds every one of them."""
    name = "Very " + "long " * 20_000 + "Name"
    events = "".join(
        toml_event(f"e{n}", f"Event {n}", START + timedelta(minutes=n), actors=("longname",))
        for n in range(200)
    )
    path = write("long.toml", f'[[actors]]\nid = "longname"\nname = "{name}"\n\n' + events)
    timeline = load([str(path)])
    haystacks = Index.build(timeline).haystacks
    assert sum(len(text) for text, _ in haystacks.names) < 2 * len(name)
    assert haystacks.holding("long long long name") == list(range(200))
    assert haystacks.holding("long long long name", [3, 150]) == [3, 150]
    assert "long long long name" in haystacks[7]


def test_a_name_means_one_actor_in_any_case_even_after_another_claims_it(
    write: Write, no_cache: None
) -> None:
    """ "Foo!" is unknown and becomes an actor `foo` (taking the key "foo"); "FOO" and "foo"
    still mean `x`, whose alias "Foo" was resolved first."""
    text = '[[actors]]\nid = "x"\nname = "X"\naliases = ["Foo"]\n\n' + "".join(
        toml_event(f"e{n}", "T", START + timedelta(days=n), actors=(name,))
        for n, name in enumerate(["foo", "Foo!", "FOO", "foo"])
    )
    timeline = load([str(write("names.toml", text))])
    assert [e.actors for e in timeline.events] == [("x",), ("foo",), ("x",), ("x",)]
