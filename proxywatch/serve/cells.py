"""CSV cells that spreadsheets cannot run: OWASP's defence against CSV (formula) injection.

A spreadsheet opening a CSV file treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a leading tab or carriage return can hide one. Names, sources, URLs and evidence
sentences come from articles, so a hostile article could plant ``=HYPERLINK(...)`` in an export.
Following OWASP (CSV Injection), every *text* cell that begins with one of those characters is
prefixed with a single quote, which spreadsheets show as text and do not evaluate; the csv module
then quotes the cell where needed. Numbers are written as numbers and never prefixed: a negative
longitude stays ``-70.5``.

Every CSV-like output of proxywatch (``export`` csv, acled and polecat, ``events --format csv``)
writes its rows through :func:`csv_writer`. On a terminal (``events -f csv`` typed at a prompt),
control characters in text cells are shown as escapes (``serve/terminal.printable``) rather than
sent to the terminal; on a pipe or in a file the cells are written as they are.
"""

from __future__ import annotations

import csv
from typing import Any, Iterable, Sequence, TextIO

from proxywatch.serve.terminal import printable

__all__ = ["FORMULA_PREFIXES", "FORMULA_REGEX", "neutralise", "neutralise_array", "cell", "csv_writer", "write_rows"]

# OWASP: "=", "+", "-", "@", tab (0x09) and carriage return (0x0D) start a formula or hide one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The same rule for Arrow's compute functions (RE2): a text that begins with one of them.
FORMULA_REGEX = "^[=+\\-@\t\r]"


def neutralise(text: str) -> str:
    """``'=1+1'`` → ``"'=1+1"``: a text cell a spreadsheet will not evaluate; other text unchanged."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def neutralise_array(array: Any) -> Any:
    """:func:`neutralise` over a whole Arrow string array (nulls stay null)."""
    import pyarrow.compute as pc

    hit = pc.match_substring_regex(array, FORMULA_REGEX)
    return pc.if_else(hit, pc.binary_join_element_wise("'", array, ""), array)


def cell(value: Any) -> Any:
    """One CSV cell: text neutralised, ``None`` empty, booleans ``true``/``false``, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    return neutralise(str(value))


class _SafeWriter:
    """A ``csv.writer`` whose every row goes through :func:`cell`."""

    def __init__(self, out: TextIO, delimiter: str) -> None:
        # CRLF line ends (RFC 4180): a field holding a bare CR or LF is then always quoted
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        isatty = getattr(out, "isatty", None)
        self._screen = bool(isatty and isatty())

    def writerow(self, row: Iterable[Any]) -> None:
        cells = [cell(v) for v in row]
        if self._screen:  # a person reads it: no raw ESC or bidi override reaches the terminal
            cells = [printable(c) if isinstance(c, str) else c for c in cells]
        self._writer.writerow(cells)


def csv_writer(out: TextIO, delimiter: str = ",") -> _SafeWriter:
    """A CSV (or TSV, ``delimiter="\\t"``) writer that neutralises formula cells; RFC 4180 quoting and CRLF."""
    return _SafeWriter(out, delimiter)


def write_rows(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> int:
    """Write a header and rows; return the number of rows."""
    writer = csv_writer(out, delimiter)
    writer.writerow(header)
    n = 0
    for n, row in enumerate(rows, start=1):
        writer.writerow(row)
    return n
