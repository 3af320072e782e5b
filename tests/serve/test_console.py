"""Rich consoles (serve/console.py): markup and emoji codes in the data print as they are."""

from __future__ import annotations

import io

import pytest
from rich.table import Table

from proxywatch.serve.console import PIPE_WIDTH, SafeConsole, console_for

# Names and phrases as hostile or unlucky data may hold them (written for this test).
HOSTILE = ["[bold]Red Hand[/bold]", "[/red] guards", "[/]", "[link=http://example.org]x[/link]", "a\\[b]", ":fire: camp"]


def _render(*renderables, **kwargs) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, width=200, force_terminal=False, **kwargs)
    for renderable in renderables:
        console.print(renderable)
    return out.getvalue()


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_a_printed_line_is_text(text):
    assert _render(f"actor: {text}") == f"actor: {text}\n"


def test_markup_in_table_cells_and_titles_is_text():
    table = Table(title=HOSTILE[0], caption=HOSTILE[1])
    table.add_column("name")
    for text in HOSTILE:
        table.add_row(text)
    shown = _render(table)
    for text in HOSTILE:
        assert text in shown, text


def test_markup_is_read_where_a_call_asks_for_it():
    out = io.StringIO()
    console = SafeConsole(file=out, width=80, force_terminal=True, color_system="standard", highlight=False)
    console.print("[bold]title[/bold]", markup=True)
    console.print("[bold]data[/bold]")
    first, second = out.getvalue().splitlines()
    assert "\x1b[1m" in first and "[bold]" not in first
    assert second == "[bold]data[/bold]"


def test_control_characters_are_still_escaped_in_cells():
    table = Table()
    table.add_column("file")
    table.add_row("bad\x1b[31mname")
    shown = _render(table)
    assert "\x1b" not in shown and "bad\\x1b[31mname" in shown


def test_a_table_on_a_pipe_or_in_a_file_is_never_wrapped():
    long_id = "evt-" + "0123456789abcdef" * 12
    out = io.StringIO()
    console = console_for(out)
    assert console.width == PIPE_WIDTH
    table = Table()
    table.add_column("id", overflow="fold")
    table.add_column("actor", overflow="fold")
    table.add_row(long_id, HOSTILE[0])
    console.print(table)
    rows = [line for line in out.getvalue().splitlines() if long_id in line]
    assert len(rows) == 1 and HOSTILE[0] in rows[0]

