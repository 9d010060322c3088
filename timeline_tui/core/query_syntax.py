"""The query language of the search box and `--query`, parsed into a small immutable tree.

    words            every word must occur           "a phrase"   the words together
    -word  -tag:x    leave out what matches         A OR B       either (binds tighter than AND)
    actor:NAME  tag:T  place:T  status:S  source:ID  file:GLOB
    after:DATE  before:DATE  on:DATE  (any date form the format reads, -3d, -2w, today)
    is:star|new|changed|stale   has:quote|note|problem|conflict
    sources:N  publishers:N     how many sources (independent publishers) back it: 2, >=2, <2
    a word that is an ISO date (2025-08-18, 2025-08) means on:that date

`parse_query` gives an And of Terms and Ors, or raises QueryError(message, column) and nothing
else, whatever the text (a property test holds it to that). A field with nothing after its
colon is left out (it is being typed), and so is an unclosed quote's phrase so far kept: the
box parses at every keystroke. A date is read once, here, into the days it covers.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from dataclasses import field as attribute
from datetime import date, timedelta
from difflib import get_close_matches

from timeline_tui.core.dates import DateError, from_text
from timeline_tui.core.model import STATUSES, Precision, When

WORD = ""  # the field of a plain word or phrase
ACTOR, TAG, PLACE, STATUS, SOURCE, FILE = "actor", "tag", "place", "status", "source", "file"
AFTER, BEFORE, ON, IS, HAS = "after", "before", "on", "is", "has"
SOURCES, PUBLISHERS = "sources", "publishers"
DATE_FIELDS = (AFTER, BEFORE, ON)
COUNT_FIELDS = (SOURCES, PUBLISHERS)
FIELDS = (ACTOR, TAG, PLACE, STATUS, SOURCE, FILE, *DATE_FIELDS, IS, HAS, *COUNT_FIELDS)
CHOICES = {
    STATUS: STATUSES,
    IS: ("star", "new", "changed", "stale"),
    HAS: ("quote", "note", "problem", "conflict"),
}

Days = tuple[int, int]  # the first and last day (proleptic ordinals) a date covers


class QueryError(ValueError):
    """A query that does not parse: what is wrong, and the column (1-based) where."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message, column)
        self.message, self.column = message, column

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class Term:
    """One term: a word or phrase (field WORD), or field:value; negated by a leading `-`.
    A date field's days are read when parsed; column is where the term starts (1-based)."""

    field: str
    value: str
    negated: bool = False
    days: Days | None = attribute(default=None, compare=False)
    column: int = attribute(default=1, compare=False)


@dataclass(frozen=True, slots=True)
class Or:
    """Any of the terms."""

    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class And:
    """Every one of the items (no items: everything)."""

    items: tuple[Term | Or, ...] = ()


# A word, or a phrase in double quotes (maybe still open while typing), maybe after `field:`.
# Only double quotes group words: an apostrophe, as in "Putin's", is part of its word.
_TOKEN = re.compile(r'([^\s"]*)"([^"]*)"?|[^\s"]+')
_FIELD = re.compile(r"(-?)([A-Za-z]+):(.*)", re.DOTALL)
_ISO_DAY = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_AGO = re.compile(r"-(\d{1,5})([dw])", re.IGNORECASE)
_COUNT = re.compile(r"(>=|<=|>|<|=)?(\d{1,3})")


def parse_query(text: str, today: date | None = None) -> And:
    """The query in a text (`today`: what `today` and `-3d` count from; the clock's date by
    default). Raises QueryError, and nothing else, when it does not parse."""
    today = today or date.today()
    groups: list[list[Term]] = []
    joining: int | None = None  # the column of an OR waiting for its right-hand term
    for match in _TOKEN.finditer(text):
        column = match.start() + 1
        if match[0] == "OR":
            if not groups or joining is not None:
                raise QueryError("OR needs a term before it", column)
            joining = column
            continue
        term = _term(match, column, today)
        if term is None:
            continue
        if joining is not None:
            groups[-1].append(term)
            joining = None
        else:
            groups.append([term])
    if joining is not None:
        raise QueryError("OR needs a term after it", joining)
    return And(tuple(group[0] if len(group) == 1 else Or(tuple(group)) for group in groups))


def _term(match: re.Match[str], column: int, today: date) -> Term | None:
    """The term of one token, or None for one still being typed (`tag:`, a lone `"`)."""
    if match[2] is None:
        head, phrase = match[0], None
    else:
        head, phrase = match[1], " ".join(match[2].split())
    named = _FIELD.fullmatch(head)
    if named is not None:
        negated, name, value = bool(named[1]), named[2].lower(), named[3]
        if name not in FIELDS:
            raise QueryError(_unknown_field(named[2]), column + len(named[1]))
        value = value + phrase if phrase is not None else value
        return _field_term(name, value.strip(), negated, column, today)
    negated = head.startswith("-")
    word = (head[1:] if negated else head) + (phrase or "")
    if not word.strip():
        if negated and phrase is None:
            raise QueryError("nothing after -: put the word to leave out right after it", column)
        return None
    if phrase is None and _ISO_DAY.fullmatch(word):
        return _field_term(ON, word, negated, column, today)
    return Term(WORD, word, negated, column=column)


def _field_term(name: str, value: str, negated: bool, column: int, today: date) -> Term | None:
    if not value:
        return None
    at = column + negated + len(name) + 1  # where the value starts
    choices = CHOICES.get(name)
    if choices is not None and value.lower() not in choices:
        raise QueryError(f"{name}: is one of {', '.join(choices)} (not {value!r})", at)
    if choices is not None:
        value = value.lower()
    days = days_of(value, today, at) if name in DATE_FIELDS else None
    if name in COUNT_FIELDS:
        value = "".join(value.split())
        if value in ("<", "<=", ">", ">=", "="):
            return None  # the count is being typed
        count_range(value, at)
    return Term(name, value, negated, days, column)


def count_range(value: str, column: int = 1) -> tuple[int, int]:
    """The counts a `sources:` or `publishers:` value takes, lowest and highest: `2` is
    (2, 2), `>=2` (2, 255), `<2` (0, 1). QueryError for anything else."""
    match = _COUNT.fullmatch(value)
    if match is None:
        message = f"a count: 2, >=2, >1, <2 or <=1 (not {value!r})"
        raise QueryError(message, column)
    sign, count = match[1] or "=", int(match[2])
    low, high = {
        "=": (count, count), ">=": (count, 255), ">": (count + 1, 255),
        "<=": (0, count), "<": (0, count - 1),
    }[sign]  # fmt: skip
    return low, high


def _unknown_field(name: str) -> str:
    close = get_close_matches(name.lower(), FIELDS, n=1)
    if close:
        return f"unknown field {name}: (did you mean {close[0]}:?)"
    return (
        f"unknown field {name}: (the fields: {', '.join(FIELDS)}; a word with a colon"
        " in quotes is searched for)"
    )


def days_of(value: str, today: date, column: int = 1) -> Days:
    """The first and last day a date names: `2025-08-18`, `2025-08`, `18 Aug 2025`, `today`,
    `last Friday`, `-3d`, `-2w` (days or weeks before today)."""
    ago = _AGO.fullmatch(value)
    try:
        if ago is not None:
            count = int(ago[1]) * (7 if ago[2].lower() == "w" else 1)
            day = (today - timedelta(days=count)).toordinal()
            return day, day
        return _days_of_when(from_text(value, reference=today))
    except DateError as error:
        raise QueryError(f"cannot read the date {value!r}: {error}", column) from None
    except Exception:  # noqa: BLE001 - dateutil's own errors are many; any is a bad date
        raise QueryError(f"cannot read the date {value!r}", column) from None


def _days_of_when(when: When) -> Days:
    """The days a point in time may fall on, given what is known of it."""
    moment = when.moment
    if when.precision >= Precision.DAY:
        day = moment.date().toordinal()
        return day, day
    if when.precision == Precision.MONTH:
        first = date(moment.year, moment.month, 1).toordinal()
        return first, first + monthrange(moment.year, moment.month)[1] - 1
    return date(moment.year, 1, 1).toordinal(), date(moment.year, 12, 31).toordinal()
