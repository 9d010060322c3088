"""The keys each kind of record may have, and checks of their types."""

from __future__ import annotations

import difflib
from datetime import date, datetime, time

META_KEYS = ("reference_date", "timezone", "source", "title", "description")
EVENT_KEYS = (
    "id", "title", "when", "earliest", "latest", "sequence", "end", "precision", "approximate",
    "status", "location", "actors", "tags", "summary", "related", "quotes", "sources", "source",
    "notes", "conflicts",
)  # fmt: skip
QUOTE_KEYS = ("speaker", "text", "source")
ACTOR_KEYS = (
    "id", "name", "aliases", "kind", "role", "affiliations", "members", "description",
)  # fmt: skip
SOURCE_KEYS = ("id", "title", "publisher", "url", "date", "reliability", "document")
TOP_KEYS = ("meta", "events", "actors", "sources")


class SchemaError(ValueError):
    """A value of the wrong type or shape for its key."""


def did_you_mean(key: str, known: tuple[str, ...]) -> str:
    close = closest(key, known)
    return f" (did you mean {close!r}?)" if close is not None else ""


def closest(key: str, known: tuple[str, ...]) -> str | None:
    """The one of `known` most like `key`, if any is close enough to be a slip of the hand."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def type_name(value: object) -> str:
    for kind, name in (
        (bool, "boolean"), (int, "integer"), (float, "float"), (str, "string"),
        (datetime, "datetime"), (date, "date"), (time, "time"), (list, "array"), (dict, "table"),
    ):  # fmt: skip
        if isinstance(value, kind):
            return name
    return type(value).__name__


def text(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"{key!r} must be a string, not {type_name(value)}")
    return value


def file_name(value: object, key: str) -> str:
    """A path as written; one with a NUL, which no file name can hold, is refused here, where
    its line is known, rather than failing every os call made on it later."""
    path = text(value, key)
    if "\0" in path:
        raise SchemaError(f"{key!r} holds a NUL character, which no file name can; not read")
    return path


GRADES = "ABCDEF"  # the Admiralty scale's source reliability, A (reliable) to F (cannot be judged)


def grade(value: object, key: str) -> str:
    """A source's reliability grade, one letter A to F (in either case)."""
    letter = text(value, key).strip().upper()
    if len(letter) != 1 or letter not in GRADES:
        raise SchemaError(
            f"{key!r} must be one letter A to F (the Admiralty scale: A reliable ... E"
            f" unreliable, F cannot be judged), not {value!r}"
        )
    return letter


def flag(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise SchemaError(f"{key!r} must be true or false, not {type_name(value)}")
    return value


def texts(value: object, key: str) -> tuple[str, ...]:
    """A list of strings; a single string is taken as a list of one."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise SchemaError(f"{key!r} must be a list of strings, not {type_name(value)}")
    bad = [item for item in value if not isinstance(item, str)]
    if bad:
        raise SchemaError(f"{key!r} must hold only strings, not {type_name(bad[0])}")
    return tuple(item.strip() for item in value if item.strip())


def tables(value: object, key: str) -> list[dict[str, object]]:
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise SchemaError(f"{key!r} must be an array of tables ([[{key}]]), not {type_name(value)}")
    return value
