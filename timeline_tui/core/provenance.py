"""Provenance as values: how many independent publishers back an event, what a source's grade
means, what became of each quote's check, the figures a quote holds, and what two accounts of
one happening disagree on. Pure: no I/O.

Independence is counted by publisher: two sources of one publisher (case and spacing folded)
count once, since a newspaper's print and web stories are not two witnesses; a source with no
publisher, or one cited but defined nowhere, counts as its own.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from timeline_tui.core.model import Event, Quote, Source

GRADE_MEANINGS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}  # the Admiralty scale's source reliability

FOUND, NOT_FOUND, UNCHECKED, NO_DOCUMENT, UNDEFINED = (
    "found", "not found", "unchecked", "no document", "source not defined",
)  # fmt: skip  # what became of a quote's check


def grade_text(source: Source) -> str:
    """`B (usually reliable)`, or `ungraded`."""
    meaning = GRADE_MEANINGS.get(source.reliability)
    return f"{source.reliability} ({meaning})" if meaning else "ungraded"


def publisher_key(source_id: str, sources: Mapping[str, Source]) -> str:
    """What independence is counted by: the folded publisher, else the source's own id."""
    source = sources.get(source_id)
    publisher = " ".join(source.publisher.split()).casefold() if source is not None else ""
    return f"publisher:{publisher}" if publisher else f"source:{source_id}"


def independent_count(source_ids: Iterable[str], sources: Mapping[str, Source]) -> int:
    """How many independent publishers the sources come from (see the module's text)."""
    return len({publisher_key(source_id, sources) for source_id in source_ids})


def cited_count(source_ids: Sequence[str]) -> int:
    """How many sources an event cites (an id cited twice counts once)."""
    return len(dict.fromkeys(source_ids))


def reported_by(source_ids: Sequence[str], sources: Mapping[str, Source]) -> str:
    """`reported by 3 sources (2 independent publishers)`; `no source given`."""
    cited = cited_count(source_ids)
    if not cited:
        return "no source given"
    independent = independent_count(source_ids, sources)
    plural = "s" if cited != 1 else ""
    kind = "publisher" if independent == 1 else "publishers"
    return f"reported by {cited} source{plural} ({independent} independent {kind})"


@dataclass(frozen=True, slots=True)
class QuoteTally:
    """What became of the checks of the quotes citing one source."""

    found: int = 0
    not_found: int = 0
    unchecked: int = 0  # its document could not be read


@dataclass(frozen=True, slots=True)
class QuoteChecks:
    """The quote checks of a load: the documents that could not be read, the quotes not
    found in theirs (file, line, text) and, per source, the tally. Only the failures are
    kept one by one, so a load of 100,000 quotes costs no more than a few counts."""

    unread: frozenset[str] = frozenset()
    not_found: frozenset[tuple[str, int, str]] = frozenset()
    tallies: Mapping[str, QuoteTally] = field(default_factory=dict)

    def status(self, quote: Quote, file: str, sources: Mapping[str, Source]) -> str:
        """FOUND, NOT_FOUND, UNCHECKED, NO_DOCUMENT or UNDEFINED for a quote of a file."""
        source = sources.get(quote.source or "")
        if source is None:
            return UNDEFINED
        if source.document is None:
            return NO_DOCUMENT
        if source.document in self.unread:
            return UNCHECKED
        return NOT_FOUND if (file, quote.line, quote.text) in self.not_found else FOUND


_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_SEPARATORS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def numbers_in(text: str) -> list[str]:
    """The numbers a text holds, thousands separators dropped (`40,000` is `40000`): figures,
    and the days and years of dates. In order, each once."""
    return list(dict.fromkeys(_NUMBER.findall(_SEPARATORS.sub("", text))))


def missing_numbers(quote: str, document_numbers: set[str]) -> list[str]:
    """The numbers of a quote that occur nowhere in a document (given as numbers_in's set)."""
    return [number for number in numbers_in(quote) if number not in document_numbers]


def last_day(iso: str) -> int | None:
    """The last day (ordinal) a source's `date` covers (`2025-08`: 31 August), or None."""
    try:
        if len(iso) >= 10:
            return date.fromisoformat(iso[:10]).toordinal()
        if len(iso) == 7:
            year, month = int(iso[:4]), int(iso[5:7])
            return date(year, month, monthrange(year, month)[1]).toordinal()
        if len(iso) == 4:
            return date(int(iso), 12, 31).toordinal()
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class Difference:
    """One thing two accounts tell differently: the field, and each account's version."""

    field: str
    one: str
    other: str


def differences(one: Event, other: Event, name_of: Callable[[str], str]) -> list[Difference]:
    """What two accounts of a happening disagree on: date, place, actors, figures (the
    numbers in their titles, summaries and quotes), status. Empty when they agree on all."""
    found = []
    for name, first, second in (
        ("date", _date(one), _date(other)),
        ("place", one.location or "(none given)", other.location or "(none given)"),
        ("status", one.status, other.status),
    ):
        if first != second:
            found.append(Difference(name, first, second))
    actors = _only_in(
        [name_of(a) for a in one.actors], [name_of(a) for a in other.actors], "actors"
    )
    figures = _only_in(_figures(one), _figures(other), "figures")
    return found + actors + figures


def _date(event: Event) -> str:
    if event.when.unreadable:
        return "date unreadable"
    parts = [event.when.iso()] if event.when_given else []
    if event.earliest is not None:
        parts.append(f"earliest {event.earliest.iso()}")
    if event.latest is not None:
        parts.append(f"latest {event.latest.iso()}")
    return ("about " if event.when.approximate else "") + ", ".join(parts)


def _figures(event: Event) -> list[str]:
    texts = [event.title, event.summary, *(quote.text for quote in event.quotes)]
    return numbers_in("\n".join(texts))


def _only_in(first: list[str], second: list[str], name: str) -> list[Difference]:
    """A difference when the two lists hold different items: what each alone holds."""
    one = [item for item in first if item not in second]
    other = [item for item in second if item not in first]
    if not one and not other:
        return []
    return [Difference(name, ", ".join(one) or "(none)", ", ".join(other) or "(none)")]
