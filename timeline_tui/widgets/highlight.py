"""Finding search terms in text, for highlighting: pure, shared by the panes."""

from __future__ import annotations

from collections.abc import Sequence


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans where any term occurs, case-insensitively."""
    lowered = text.lower()
    spans = []
    for term in terms:
        term = term.lower()
        if not term:
            continue
        start = lowered.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
