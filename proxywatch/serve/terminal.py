"""Text for a terminal: control characters from the data shown as escapes, never sent raw, and
Rich markup in the data shown as it is, never read.

A file name with a newline or an ESC, or an article with a bidi override, must not break the one-line
warnings nor drive the terminal. :func:`printable` escapes such characters (``\\x1b``, ``\\u202e``);
:class:`SafeConsole` is a Rich console that does so for every string it renders: table cells,
titles and printed lines (its own styling is added after, so colours still work). An actor named
``[bold]x[/bold]`` or an article quoting ``[/red]`` is data: a SafeConsole reads no markup unless a
call asks for it (``print(..., markup=True)``, with the data in it passed through
:func:`rich.markup.escape`), so such text prints as it is instead of styling the output or stopping
the command with a ``MarkupError``. :func:`console_for` gives the console for tables on a stream:
the terminal's width, or, on a pipe or in a file, no wrapping at all (ids are never cut mid-token).
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

__all__ = ["printable", "json_text", "SafeConsole", "console_for", "PIPE_WIDTH"]

PIPE_WIDTH = 100_000  # tables on a pipe or in a file are as wide as their rows: nothing is wrapped mid-token

# C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidi and line/paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# What JSON itself leaves raw of the above: DEL, C1 controls, bidi controls, line/paragraph separators.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, one_line: bool = False) -> str:
    """``text`` with control characters escaped; with ``one_line``, tabs and newlines too."""
    return (_CONTROL_AND_BREAKS if one_line else _CONTROL).sub(_escape, text)


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` with the control characters JSON leaves raw (DEL, C1,
    bidi overrides) written as ``\\u`` escapes too: the same JSON value, safe to print on a terminal."""
    return _JSON_RAW.sub(lambda found: f"\\u{ord(found.group()):04x}", json.dumps(value, ensure_ascii=False, **kwargs))


class SafeConsole(Console):
    """A Rich console whose every rendered string has its control characters escaped, and which reads
    Rich markup and emoji codes only where a call asks for it (``markup=True``, ``emoji=True``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)  # ":fire:" in an article is text, not an emoji code
        super().__init__(*args, **kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(printable(text), **kwargs)


def console_for(file: TextIO | None = None, **kwargs: Any) -> SafeConsole:
    """A :class:`SafeConsole` writing to ``file`` (default standard output): the terminal's width on a
    terminal, else :data:`PIPE_WIDTH`, so that a piped or saved table is never wrapped."""
    console = SafeConsole(file=file, highlight=False, **kwargs)
    return console if console.is_terminal else SafeConsole(file=file, highlight=False, width=PIPE_WIDTH, **kwargs)
