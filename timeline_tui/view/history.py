"""Where the user was before each jump (a related event, a search match), so that `backspace`
and `ctrl+o` lead back, as in a browser or vim's jump list. Plain data, no Textual."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PLACES = 100  # the oldest places go first: nobody walks back a hundred jumps


@dataclass(frozen=True, slots=True)
class Place:
    """An event and the pane that had focus (its widget id, None for none)."""

    event_id: str
    focus: str | None = None


@dataclass
class JumpHistory:
    """The places left by jumps, the latest last."""

    places: list[Place] = field(default_factory=list)

    def left(self, place: Place) -> None:
        """Remember a place being left by a jump (not twice in a row)."""
        if self.places and self.places[-1] == place:
            return
        self.places.append(place)
        del self.places[:-MAX_PLACES]

    def back(self) -> Place | None:
        """The place left by the latest jump, taken off the list; None when there is none."""
        return self.places.pop() if self.places else None

    def __len__(self) -> int:
        return len(self.places)
