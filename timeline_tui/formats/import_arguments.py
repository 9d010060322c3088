"""`timeline import`'s arguments, apart from the importers, so that building the command line
(every command, at every start) loads none of them."""

from __future__ import annotations

import argparse

FORMATS = ("auto", "timelinejs", "ics", "csv")
HELP = "turn TimelineJS, iCalendar or CSV files into TOML records"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments, on its sub-parser."""
    parser.add_argument("paths", nargs="+", metavar="FILE")
    parser.add_argument("--to", required=True, metavar="DIR", help="the folder to write into")
    parser.add_argument(
        "--format", choices=FORMATS, default="auto", help="the input's format (else sniffed)"
    )
    parser.add_argument(
        "--map", action="append", default=[], metavar="FIELD=COLUMN,...",
        help="a generic CSV's columns: title=COLUMN,when=COLUMN[,location=...,tags=...]",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="replace files that exist")
