"""Rich consoles for people: control characters escaped, and Rich markup in the data shown as it is.

:class:`SafeConsole` escapes control characters (:func:`proxywatch.serve.terminal.printable`) in every
string it renders: table cells, titles and printed lines (its own styling is added after, so colours
still work). An actor named ``[bold]x[/bold]`` or an article quoting ``[/red]`` is data: a SafeConsole
reads no markup (nor emoji codes such as ``:fire:``) unless a call asks for it (``print(...,
markup=True)``, with the data in it passed through :func:`rich.markup.escape`), so such text prints as
it is instead of styling the output or stopping the command with a ``MarkupError``.
:func:`console_for` gives the console for tables on a stream: the terminal's width, or, on a pipe or
in a file, no wrapping at all (ids are never cut mid-token).
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from proxywatch.serve.terminal import printable

__all__ = ["SafeConsole", "console_for", "PIPE_WIDTH"]

PIPE_WIDTH = 100_000  # tables on a pipe or in a file are as wide as their rows: nothing is wrapped mid-token


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
