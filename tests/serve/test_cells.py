"""CSV cells (serve/cells.py): on a terminal, control characters are shown as escapes; elsewhere kept."""

from __future__ import annotations

import csv
import io

from proxywatch.serve.cells import csv_writer

ROW = ["Red\x1b[31mHand\u202e", "=1+1", -70.5, None, "two\nlines"]  # written for this test


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _read(text: str) -> list[str]:
    (row,) = csv.reader(io.StringIO(text, newline=""))
    return row


def test_a_file_or_pipe_gets_the_cells_as_they_are():
    out = io.StringIO()
    csv_writer(out).writerow(ROW)
    assert _read(out.getvalue()) == ["Red\x1b[31mHand\u202e", "'=1+1", "-70.5", "", "two\nlines"]


def test_a_terminal_gets_control_characters_as_escapes():
    out = _Terminal()
    csv_writer(out).writerow(ROW)
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()
    assert _read(out.getvalue()) == ["Red\\x1b[31mHand\\u202e", "'=1+1", "-70.5", "", "two\nlines"]
