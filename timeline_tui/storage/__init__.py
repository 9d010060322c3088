"""Storage: the compact in-memory form of 100k+ events (packed blocks, digests, columns, the
event store), assembly of parsed files into a Timeline, and the heap's housekeeping."""
