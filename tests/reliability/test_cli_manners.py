"""Probes: Unix manners of the command line, run as a user runs it (the console script, in a subprocess).

``--version``; ``-`` for standard input; exit status 1 when every input failed; file names with a
newline or ESC escaped in the one-line warnings; tables that do not wrap ids when piped, with control
characters escaped; ``events --source`` as the other commands spell it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sample_store import sample_store

from proxywatch import __version__
from proxywatch.serve.terminal import printable

pytestmark = pytest.mark.slow
CONSOLE = Path(sys.executable).with_name("proxywatch")
ARTICLE = {"id": "m1", "published": "2024-03-04",  # written for this test
           "text": "Militants fired rockets at a base near Erbil on Monday, wounding two soldiers."}


def run(*args, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CONSOLE), *map(str, args)], capture_output=True, text=True, timeout=600, cwd=cwd,
                          input=stdin)


def test_version(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"proxywatch {__version__}"


def test_dash_reads_standard_input(tmp_path):
    result = run("extract", "-i", "-", cwd=tmp_path, stdin=json.dumps(ARTICLE) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["article_id"] for r in records} == {"m1"}
    db = tmp_path / "s.duckdb"
    stored = run("ingest", "-", "--db", db, cwd=tmp_path, stdin=ARTICLE["text"])
    assert stored.returncode == 0, stored.stderr
    assert "1 new" in stored.stderr


def test_every_input_failed_exits_1_and_names_are_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "bad\nname\x1b[31m.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    result = run("ingest", folder, "--db", tmp_path / "s.duckdb", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "bad\\nname\\x1b[31m.txt" in warnings[0], result.stderr


def test_piped_tables_do_not_wrap(tmp_path):
    """The settings table has long help texts: at the old piped width (160) they folded mid-word."""
    from proxywatch.settings import describe_settings

    result = run("settings", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "│" in line]
    for name, _default, env, help_text in describe_settings():
        (row,) = [r for r in rows if f" {name} " in r]
        assert env in row and help_text in row, row


def test_events_source_matches_the_other_commands(tmp_path):
    db = tmp_path / "s.duckdb"
    sample_store(str(db)).close()
    counts = {}
    for source in ("all-mentions", "mentions", "canonical"):
        result = run("events", "--db", db, "--source", source, "-f", "jsonl", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        counts[source] = len(result.stdout.splitlines())
    assert counts["all-mentions"] >= counts["mentions"] > 0 and counts["canonical"] > 0
    old = run("events", "--db", db, "--canonical", "-f", "jsonl", cwd=tmp_path)  # still accepted, not shown
    assert len(old.stdout.splitlines()) == counts["canonical"]


def test_printable_escapes_controls_but_keeps_text():
    assert printable("a\x1b[31mb\u202ec\x07") == "a\\x1b[31mb\\u202ec\\x07"
    assert printable("line one\nline two") == "line one\nline two"
    assert printable("line one\nline two", one_line=True) == "line one\\nline two"
    assert printable("Kata'ib Ḥizb Allāh — كتائب") == "Kata'ib Ḥizb Allāh — كتائب"
