"""Source documents for quote checks, read again only when their stamp changes, with the stamp
of every document read (a whole load is kept only while they all hold still)."""

from __future__ import annotations

from timeline_tui.loading.reading import read_document
from timeline_tui.loading.stamp import Stamp, stamp_of


class DocumentCache:
    """Source documents for quote checks, read again only when their stamp changes."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[Stamp, str | None]] = {}
        self._stamps: dict[str, Stamp | None] = {}  # of every document the timeline read

    def __call__(self, path: str) -> str | None:
        stamp = stamp_of(path)
        self._stamps[path] = stamp
        hit = self._texts.get(path)
        if hit is not None and stamp is not None and hit[0] == stamp:
            return hit[1]
        text = read_document(path)
        if stamp is not None:
            self._texts[path] = (stamp, text)
        return text

    def changed(self) -> bool:
        """Whether any document read so far has changed on disk since."""
        return any(stamp_of(path) != stamp for path, stamp in self._stamps.items())

    def stamps(self) -> dict[str, Stamp | None]:
        return dict(self._stamps)

    def assume(self, stamps: dict[str, Stamp | None]) -> None:
        """Watch documents that a load taken from the cache read, as if read here."""
        self._stamps.update(stamps)

    def clear(self) -> None:
        self._texts.clear()
        self._stamps.clear()
