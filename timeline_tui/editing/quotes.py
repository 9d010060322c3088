"""Quotes checked against their source's document before an event is saved, as assembly
checks them on loading (whitespace and curly quote marks folded), and with the same rule on
what may be read: only a regular file inside the folders opened."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from timeline_tui.core.model import Source
from timeline_tui.loading.documents import confining_folders, is_inside, read_text
from timeline_tui.storage.assembly import fold_quote

from .fields import EventFields


def unfound_quotes(
    fields: EventFields, default_source: str | None, sources: Mapping[str, Source],
    roots: Iterable[str],
) -> list[str]:  # fmt: skip
    """A message for each quote not in its source's document (none when the source has no
    document, or it may not or cannot be read: such quotes go unchecked, as on loading)."""
    source = sources.get(fields.sources[0] if fields.sources else default_source or "")
    if not fields.quotes or source is None or source.document is None:
        return []
    if not is_inside(source.document, confining_folders(roots)):
        return []
    text = read_text(source.document)
    if not isinstance(text, str):
        return []
    document = fold_quote(text)
    return [
        f"quote not found in the document of source {source.id!r}: {said[:60]!r}"
        for _, said in fields.quotes if fold_quote(said) not in document
    ]  # fmt: skip
