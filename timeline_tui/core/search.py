"""Search: which events hold a term, and where in a text a term stands.

An event's search text is its own text (`event_text`) and the names of its actors, case-folded.
Haystacks finds the events holding a term across every event of a timeline; match_spans finds
where terms stand in one text, for highlighting. Both fold with `search_fold`, so whatever
search finds, highlighting marks.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import compress

from timeline_tui.core.model import Event

NOWHERE = 0xFFFFFFFF  # the position of a slot not shown (a duplicate event left out)


def search_fold(text: str) -> str:
    """The one fold that search texts, terms and highlighting all use, so that they agree:
    full Unicode case folding ("Straße" and "STRASSE" both give "strasse") and accents left
    out ("İstanbul", "Istanbul" and "istanbul" all give "istanbul"; "Café" gives "cafe").
    Accents go by decomposing (NFD) and dropping every combining mark, so a letter folds the
    same whether it was typed whole or as a letter and its mark. It folds each character on
    its own, with no context (unlike lower(), which makes a final "Σ" "ς"; and every mark
    NFD would reorder is dropped), so folding character by character gives the same text
    (see folded_with_offsets)."""
    if text.isascii():
        return text.lower()  # the same as casefold() for ASCII, and quicker
    return unicodedata.normalize("NFD", text.casefold()).translate(_UNMARKED)


class _Unmarked(dict[int, "int | None"]):
    """str.translate's table that drops combining marks (combining class above 0), filled
    in as characters are met (a table of all 1.1 million code points would take seconds)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNMARKED = _Unmarked()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")  # only these can fold to other than one character


def folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The text folded as search folds it, and for each folded character the index of the
    character of the text it came from, so that a match found in the fold maps back to the
    text shown: "ß" folds to "ss", "İ" to "i", "ﬁ" to "fi", a combining accent to nothing."""
    folded = search_fold(text)
    if text.isascii():  # each character to exactly one
        return folded, range(len(text))
    origin: list[int] = []
    at = 0  # origin holds the characters before this index
    for match in _NON_ASCII.finditer(text):
        index, width = match.start(), len(search_fold(match[0]))
        if width != 1:
            origin.extend(range(at, index))
            origin.extend([index] * width)
            at = index + 1
    origin.extend(range(at, len(text)))
    return folded, origin


def event_text(event: Event) -> str:
    """An event's own searchable text, folded: what it says, notes too (its
    actors' names, which depend on the other files, are searched apart: see Haystacks)."""
    parts = [event.title, event.summary, event.location, *event.tags]
    parts.extend(quote.text for quote in event.quotes)
    parts.append(event.notes)
    return search_fold("\n".join(parts))


def found_in(
    event: Event, terms: Sequence[str], names: Sequence[str], analyst: str = ""
) -> tuple[str, ...]:
    """Where in an event the (folded) terms its title does not hold occur: among "summary",
    "place", "tags", "quotes", "notes", "actors" (`names`: its actors' names) and "your note"
    (`analyst`: the analyst's note and tags), so that a row can say why it matches. Only the
    events shown are asked, one at a time."""
    title = search_fold(event.title)
    missing = [term for term in terms if term and term not in title]
    if not missing:
        return ()
    texts = {
        "summary": (event.summary,), "place": (event.location,), "tags": event.tags,
        "quotes": tuple(quote.text for quote in event.quotes), "notes": (event.notes,),
        "actors": tuple(names), "your note": (analyst,),
    }  # fmt: skip
    return tuple(
        where
        for where, values in texts.items()
        if any(term in search_fold(value) for value in values for term in missing)
    )


SEPARATOR = b"\0"  # never in a term typed (sanitised text); a match cannot span two events


def joined(texts: Iterable[bytes]) -> tuple[bytes, array[int]]:
    """Texts as one blob, each followed by SEPARATOR; text i is blob[starts[i]:starts[i+1]-1]."""
    parts, starts, at = [], array("I", [0]), 0
    for text in texts:
        parts.append(text)
        at += len(text) + 1
        starts.append(at)
    parts.append(b"")
    return SEPARATOR.join(parts), starts


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class Positions(array):  # type: ignore[type-arg]
    """Event positions, ascending, 4 bytes each (100,000 of them in a list are 3.6 MiB of int
    objects); equal to any sequence of the same numbers, as a list of them would be."""

    __slots__ = ()

    def __new__(cls, items: Iterable[int] = ()) -> Positions:
        return super().__new__(cls, "I", items)  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, array):
            return array.__eq__(self, other)
        if isinstance(other, (list, tuple, range)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None


class Haystacks(Sequence[str]):
    """The search text of every event, indexed by position: a term is in event p's haystack
    when it is in its own text or in the name of one of its actors (case-folded).

    The texts stay where packing put them, one blob a file in load (*slot*) order, shared
    with the workspace and the cache, so a reload makes new text only for the files that
    changed, and a timeline and the one replacing it do not each hold 30 MiB. The actors'
    names, which depend on every file, are one blob of their own in slot order.

    UTF-8 because one curly quote makes a `str` two bytes a character; a term is in a text
    exactly when its UTF-8 is in the text's UTF-8. A rare term is found by `bytes.find`
    running through each blob in C; a term that most events hold is then tested event by
    event, which is quicker."""

    SEPARATOR = SEPARATOR

    def __init__(self, encoded: Iterable[bytes] = ()) -> None:
        """The haystacks of these texts, in this order, with no names."""
        blob, starts = joined(encoded)
        count = len(starts) - 1
        self._set([blob], [starts], [], range(count), range(count))

    @classmethod
    def over(
        cls, texts: Sequence[tuple[bytes, array[int]]], names: list[tuple[bytes, array[int]]],
        order: Sequence[int], rank: Sequence[int],
    ) -> Haystacks:  # fmt: skip
        """Haystacks of the files' texts (blob, starts), in slot order, and of each actor's
        case-folded name with the positions of its events; `order` maps positions to slots
        and `rank` slots to positions (NOWHERE: not shown)."""
        made = cls.__new__(cls)
        made._set([t for t, _ in texts], [s for _, s in texts], names, order, rank)
        return made

    def _set(
        self, blobs: list[bytes], starts: list[array[int]], names: list[tuple[bytes, array[int]]],
        order: Sequence[int], rank: Sequence[int],
    ) -> None:  # fmt: skip
        self.blobs, self.blob_starts = blobs, starts
        self.names = names  # once an actor, not once an event: a long name is no multiplier
        self.slots, self.positions = order, rank
        self.first = array("I")  # each file's first slot
        # Per slot: its blob's find, and where its text starts and ends in that blob.
        self.finds: list[Callable[..., int]] = []
        self.starts, self.ends = array("I"), array("I")
        for blob, file_starts in zip(blobs, starts, strict=True):
            self.first.append(len(self.finds))
            self.finds.extend([blob.find] * (len(file_starts) - 1))
            self.starts.extend(file_starts[:-1])
            self.ends.extend(array("I", [end - 1 for end in file_starts[1:]]))

    def __len__(self) -> int:
        return len(self.slots)

    def _text(self, position: int) -> str:
        slot = self.slots[position]
        blob = self.finds[slot].__self__  # type: ignore[attr-defined]
        parts = [blob[self.starts[slot] : self.ends[slot]]]
        for name, positions in self.names:
            at = bisect_left(positions, position)
            if at < len(positions) and positions[at] == position:
                parts.append(name)
        return b"\n".join(parts).decode("utf-8", "surrogatepass")

    def _named(self, needle: bytes) -> bytearray | None:
        """Positions whose events name an actor whose name holds the needle, marked; None
        when no actor's does."""
        found = [positions for name, positions in self.names if needle in name]
        if not found:
            return None
        marks = bytearray(len(self))
        for positions in found:
            for position in positions:
                marks[position] = 1
        return marks

    def __getitem__(self, position):  # type: ignore[no-untyped-def]
        if isinstance(position, slice):
            return [self._text(i) for i in range(len(self))[position]]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._text(position)

    def holding(self, term: str, pool: Sequence[int] | None = None) -> Sequence[int]:
        """Positions (all, or those in pool, in order) whose haystack holds the term, as an
        array (100,000 positions in a list are 3.6 MiB of int objects, in an array 0.4)."""
        needle = utf8(term)
        if pool is not None:
            return self._holding_in(needle, pool)
        if not needle or SEPARATOR in needle:
            return self._holding_in(needle, range(len(self)))
        return self._scan(needle)

    def _holding_in(self, needle: bytes, pool: Iterable[int]) -> Positions:
        slots, finds, starts, ends = self.slots, self.finds, self.starts, self.ends
        named = self._named(needle)
        if named is None:
            return Positions(
                p for p in pool if finds[s := slots[p]](needle, starts[s], ends[s]) >= 0
            )
        return Positions(
            p for p in pool
            if named[p] or finds[s := slots[p]](needle, starts[s], ends[s]) >= 0
        )  # fmt: skip

    def _scan(self, needle: bytes) -> Positions:
        """The positions holding the needle, ascending, from a scan of every blob; once most
        texts seen hold it, the rest are tested one by one. Slots found are marked in a
        bytearray and read back in C (a list of 100,000 merged with the names' would cost
        several times as much)."""
        total = len(self.finds)
        marks = bytearray(total)
        hits = 0
        for number, blob in enumerate(self.blobs):
            first, starts = self.first[number], self.blob_starts[number]
            hits += _mark(blob, starts, needle, marks, first)
            seen = first + len(starts) - 1
            if hits >= 512 and hits * 3 > seen:  # dense: over a third
                finds, starts, ends = self.finds, self.starts, self.ends
                for slot in range(seen, total):
                    if finds[slot](needle, starts[slot], ends[slot]) >= 0:
                        marks[slot] = 1
                break
        slots = compress(range(total), marks)
        if isinstance(self.positions, range):
            found = Positions(slots)
        else:
            mapped = list(map(self.positions.__getitem__, slots))
            if len(self.slots) < total:  # some events left out (duplicates): not shown
                mapped = [p for p in mapped if p != NOWHERE]
            mapped.sort()  # quick: files are mostly read in time order, so nearly sorted
            found = Positions(mapped)
            del mapped
        named = self._named(needle)
        if named is None:
            return found
        for position in found:
            named[position] = 1
        return Positions(compress(range(len(self)), named))


def _mark(blob: bytes, starts: array[int], needle: bytes, marks: bytearray, offset: int) -> int:
    """Mark (at offset + i) each text i of a blob holding the needle, by `bytes.find` through
    it, jumping to the next text after each hit; once most texts seen hold it, the rest are
    tested one by one. Returns how many were marked."""
    find, count = blob.find, len(starts) - 1
    hits = at = 0
    while True:
        hit = find(needle, at)
        if hit < 0:
            return hits
        index = bisect_right(starts, hit, 0, count) - 1
        marks[offset + index] = 1
        hits += 1
        at = starts[index + 1]
        if hits % 512 == 0 and hits * 3 > index:  # dense: over a third
            for rest in range(index + 1, count):
                if find(needle, starts[rest], starts[rest + 1] - 1) >= 0:
                    marks[offset + rest] = 1
                    hits += 1
            return hits


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of the text where any term occurs, found in the
    text folded as search folds it, so that every event search finds has its match marked.
    A span covers whole characters of the text: "ss", or even one "s", marks the whole "ß"
    it falls in, since half a character cannot be shown marked."""
    folded, origin = folded_with_offsets(text)
    spans = _found(folded, terms)
    if not isinstance(origin, range):  # not one folded character for each of the text's
        spans = [(origin[start], origin[end - 1] + 1) for start, end in spans]
    return _merged(spans) if len(spans) > 1 else spans


def _found(folded: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where each term, folded, occurs in the folded text: (start, end) in the fold."""
    spans = []
    for term in terms:
        term = search_fold(term)
        if not term:
            continue
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with those that overlap or touch made one."""
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
