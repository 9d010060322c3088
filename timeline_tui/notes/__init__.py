"""Notes: stars, analyst notes and tags, kept apart from the records in `.timeline/notes.toml`
inside the first folder opened (the values are core/annotation.py's)."""
