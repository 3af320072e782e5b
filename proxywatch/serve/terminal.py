"""Text for a terminal: control characters from the data shown as escapes, never sent raw.

A file name with a newline or an ESC, or an article with a bidi override, must not break the one-line
warnings nor drive the terminal. :func:`printable` escapes such characters (``\\x1b``, ``\\u202e``);
:func:`json_text` writes JSON whose text carries none of them raw. Light on purpose (no Rich): the
command line imports it at start-up. The Rich console that applies :func:`printable` to every string
it renders, and reads no markup from the data, is :class:`proxywatch.serve.console.SafeConsole`.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["printable", "json_text"]

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
