"""Benchmarks for timeline-tui: a corpus generator, a CSV import and `make bench`."""
