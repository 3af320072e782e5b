"""Text for a terminal: control characters from the data shown as escapes, never sent raw.

A file name with a newline or an ESC, or an article with a bidi override, must not break the one-line
warnings nor drive the terminal. :func:`printable` escapes such characters (``\\x1b``, ``\\u202e``);
:class:`SafeConsole` is a Rich console that does so for every string it renders: table cells,
titles and printed lines (its own styling is added after, so colours still work).
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.text import Text

__all__ = ["printable", "SafeConsole"]

# C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidi and line/paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, one_line: bool = False) -> str:
    """``text`` with control characters escaped; with ``one_line``, tabs and newlines too."""
    return (_CONTROL_AND_BREAKS if one_line else _CONTROL).sub(_escape, text)


class SafeConsole(Console):
    """A Rich console whose every rendered string has its control characters escaped."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(printable(text), **kwargs)
