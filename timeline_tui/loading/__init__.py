"""Loading: files on disk to a Timeline (discovery, safe reads, the parallel parse, the cache, the
workspace that is the one load path for the CLI and the app, the watcher, the open preview)."""
