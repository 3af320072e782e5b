"""The trend, changepoints and compare commands: tables, JSON, charts, both sources, one-line errors."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from proxywatch.analyse.synthetic import generate, write_synthetic
from proxywatch.cli import app
from proxywatch.store import Store

runner = CliRunner()
TRUTH = generate(3)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyse") / "syn.duckdb"
    with Store(path) as store:
        write_synthetic(store, TRUTH, "canonical_events")
        write_synthetic(store, TRUTH, "events")
    return str(path)


def run(*args):
    result = runner.invoke(app, list(args))
    return result


def test_trend_table_and_json_agree(db):
    table = run("trend", "--db", db, "--by", "month")
    assert table.exit_code == 0, table.output
    assert "events per month (canonical)" in table.output and "2023-10-01" in table.output
    data = json.loads(run("trend", "--db", db, "--by", "month", "--format", "json").stdout)
    assert data["by"] == "month" and data["split"] is None
    assert sum(r["events"] for r in data["rows"]) == TRUTH.events
    assert str(data["rows"][0]["events"]) in table.output


def test_trend_split_sponsor_filters_and_mentions(db):
    data = json.loads(run("trend", "--db", db, "--by", "week", "--split", "sponsor", "--type", "ASSAULT",
                          "--source", "mentions", "-f", "json").stdout)
    assert data["source"] == "mentions" and data["split"] == "sponsor"
    assert set(data["groups"]) == {"IRN", "(none)"}
    assert all(r["period"] >= "2023-09-25" for r in data["rows"])
    everything = json.loads(run("trend", "--db", db, "--source", "mentions", "-f", "json").stdout)
    assert 0 < sum(r["events"] for r in data["rows"]) < sum(r["events"] for r in everything["rows"])


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_every_command_draws_a_chart(db, tmp_path, suffix):
    for args in (["trend", "--split", "type"], ["changepoints"], ["compare", "--at", TRUTH.change.isoformat()]):
        path = tmp_path / f"{args[0]}{suffix}"
        result = run(*args, "--db", db, "--plot", str(path))
        assert result.exit_code == 0, result.output
        head = path.read_bytes()[:16]
        assert head.startswith(b"\x89PNG") if suffix == ".png" else head.startswith(b"<!DOCTYPE html>")


def test_changepoints_reports_the_change_with_rates_and_interval(db):
    result = run("changepoints", "--db", db, "--since", TRUTH.start.isoformat(), "--until", TRUTH.end.isoformat())
    assert result.exit_code == 0, result.output
    assert "change date" in result.output and "regimes" in result.output
    data = json.loads(run("changepoints", "--db", db, "--since", TRUTH.start.isoformat(), "--until",
                          TRUTH.end.isoformat(), "-f", "json").stdout)
    (change,) = data["changes"]
    assert change["date"] in result.output
    assert abs((date.fromisoformat(change["date"]) - TRUTH.change).days) <= 3
    assert change["date_low"] <= change["date"] <= change["date_high"]
    assert change["before"]["rate"] > change["after"]["rate"]
    assert data["series"]["start"] == TRUTH.start.isoformat() and sum(data["series"]["counts"]) == TRUTH.events
    none = json.loads(run("changepoints", "--db", db, "--penalty", "1000", "-f", "json").stdout)
    assert none["changes"] == []
    exact = json.loads(run("changepoints", "--db", db, "--n", "2", "--min-days", "5", "-f", "json").stdout)
    assert exact["method"] == "dynp" and len(exact["changes"]) == 2 and exact["min_days"] == 5


def test_compare_json_and_table(db):
    data = json.loads(run("compare", "--db", db, "--at", TRUTH.change.isoformat(), "--window", "4w",
                          "-f", "json").stdout)
    assert data["window_days"] == 28 and data["before"]["rate"]["days"] == 28
    assert data["ratio"]["low"] < data["ratio"]["ratio"] < data["ratio"]["high"] < 1
    table = run("compare", "--db", db, "--at", TRUTH.change.isoformat())
    assert table.exit_code == 0 and "rate ratio after/before" in table.output and "exact p" in table.output


def test_compare_says_when_a_window_passes_the_data(db):
    result = run("compare", "--db", db, "--at", "2023-10-10", "--window", "30d")
    assert result.exit_code == 0
    assert "note: before window clipped" in result.output


def test_zero_before_gives_an_unbounded_ratio_as_null(tmp_path):
    truth = generate(5, rate_before=0.0, rate_after=1.0)
    path = tmp_path / "rise.duckdb"
    with Store(path) as store:
        write_synthetic(store, truth)
        store.sql("INSERT INTO canonical_events (id, type, date_start, mentions, sources, record) "
                  "VALUES ('early', 'AGREE', ?, 1, 1, '{}')", [truth.start])
    data = json.loads(run("compare", "--db", str(path), "--at", truth.change.isoformat(), "--type", "ASSAULT",
                          "-f", "json").stdout)
    assert data["before"]["rate"]["events"] == 0 and data["after"]["rate"]["events"] > 0
    assert data["ratio"]["ratio"] is None and data["ratio"]["high"] is None and data["ratio"]["low"] > 1


@pytest.mark.parametrize("args, message", [
    (["compare", "--at", "2024-13-01"], "--at must be a date"),
    (["compare", "--at", "2024-01-01", "--window", "2m"], "months vary"),
    (["trend", "--plot", "chart.svg"], "--plot writes .png or .html"),
    (["changepoints", "--type", "BOMBING"], "--type must be one of"),
    (["trend", "--since", "2024-03-01", "--until", "2024-01-01"], "is after --until"),
])
def test_bad_flags_are_one_line_errors(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_missing_database_is_one_line(tmp_path):
    result = run("trend", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2 and "no database here" in result.output


def test_empty_store_changepoints_is_one_line(tmp_path):
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    result = run("changepoints", "--db", str(path))
    assert result.exit_code == 1 and "no dated events" in result.output  # nothing to do: 1, not a usage error
