"""The core: values and rules with no I/O and no Textual (events, actors, dates, diagnostics,
the sanitiser, the query language and its index, search and highlighting)."""
