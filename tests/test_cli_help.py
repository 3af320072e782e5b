"""Every command has --help, and user errors are one line without a traceback."""

import pytest
from typer.testing import CliRunner

from proxywatch.cli import app

runner = CliRunner()
COMMANDS = ["extract", "ingest", "events", "demo", "schema", "settings"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_top_level_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--db", "/nonexistent/none.duckdb"], "no database here"),
        (["events", "--type", "NOPE"], "--type must be one of"),
        (["events", "--sponsor", "Iran"], "alpha-3"),
        (["events", "--since", "last year"], "YYYY-MM-DD"),
    ],
)
def test_bad_arguments_are_one_line(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0


def test_settings_command_shows_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROXYWATCH_BATCH_SIZE", "7")
    result = runner.invoke(app, ["settings"])
    assert result.exit_code == 0
    assert "PROXYWATCH_BATCH_SIZE" in result.output and "7" in result.output
