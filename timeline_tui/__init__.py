"""timeline-tui: a keyboard-driven terminal explorer for event timelines."""

__version__ = "0.1.0"
